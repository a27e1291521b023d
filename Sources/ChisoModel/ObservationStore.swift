/// The facts of a row beyond facility, period, value and qualifier. Most bulk rows have
/// none, so they are kept aside, keyed by row.
public struct ObservationDetails: Sendable, Hashable {
    public var numerator: Double?
    public var denominator: Double?
    public var change: Double?
    public var planShare: Double?
    public var plan: Double?
    public var note: String?
    public var derivation: Derivation?
}

/// All observations in memory, columnar and dictionary-encoded.
///
/// Facilities and indicators are integer codes into the directory and catalog; periods
/// are month indexes. Rows are clustered by indicator, then by start month, so reading
/// one indicator over a range of months touches only that slice.
public struct ObservationStore: Sendable {
    public let facilities: FacilityDirectory
    public let catalog: IndicatorCatalog

    private var facility: [FacilityCode] = []
    private var start: [Int32] = []
    private var end: [Int32] = []
    private var values: [Double] = []
    /// Bits 0–1: qualifier; bit 2: derived.
    private var flags: [UInt8] = []
    private var sourceFile: [UInt16] = []
    private var sourceLine: [Int32] = []
    private var sourceFiles: [String] = []
    private var details: [Int: ObservationDetails] = [:]
    /// Rows of indicator `c` are `indicatorOffsets[c] ..< indicatorOffsets[c + 1]`.
    private var indicatorOffsets: [Int] = [0]
    /// The longest interval per indicator, to bound searches for overlapping rows.
    private var longestSpan: [Int32] = []

    /// Annual plans stated on their own, by facility, indicator and year.
    public private(set) var plans: [PlanEntry] = []

    public var count: Int { values.count }

    /// The stated annual plan of a facility for an indicator and year, if any.
    public func plan(facility code: FacilityCode, indicator: IndicatorCode, year: Int) -> PlanEntry? {
        let facilityID = facilities[code].id
        let indicatorID = catalog[indicator].id
        return plans.first { $0.facility == facilityID && $0.indicator == indicatorID && $0.year == year }
    }

    fileprivate init(facilities: FacilityDirectory, catalog: IndicatorCatalog) {
        self.facilities = facilities
        self.catalog = catalog
    }

    // MARK: Reading rows

    public func facility(at row: Int) -> FacilityCode { facility[row] }
    public func interval(at row: Int) -> MonthInterval {
        MonthInterval(Month(index: start[row]), Month(index: end[row]))
    }
    public func value(at row: Int) -> Double { values[row] }
    public func qualifier(at row: Int) -> Qualifier { Qualifier(rawValue: flags[row] & 0b11) ?? .exact }
    public func isDerived(at row: Int) -> Bool { flags[row] & 0b100 != 0 }
    public func details(at row: Int) -> ObservationDetails? { details[row] }
    public func provenance(at row: Int) -> Provenance? {
        sourceLine[row] > 0 ? Provenance(file: sourceFiles[Int(sourceFile[row])], line: Int(sourceLine[row])) : nil
    }

    /// The rows of an indicator.
    public func rows(of indicator: IndicatorCode) -> Range<Int> {
        guard Int(indicator) + 1 < indicatorOffsets.count else { return 0..<0 }
        return indicatorOffsets[Int(indicator)]..<indicatorOffsets[Int(indicator) + 1]
    }

    /// A slice of an indicator's rows, in start order, that holds every row whose period
    /// overlaps an interval. It may hold a few rows that do not (a short row starting in
    /// the months before): callers test each row's interval.
    public func rows(of indicator: IndicatorCode, overlapping interval: MonthInterval) -> Range<Int> {
        let slice = rows(of: indicator)
        guard !slice.isEmpty else { return slice }
        let span = longestSpan[Int(indicator)]
        let lower = firstRow(in: slice, startingAtOrAfter: interval.start.index - span + 1)
        let upper = firstRow(in: slice, startingAtOrAfter: interval.end.index + 1)
        return lower..<max(lower, upper)
    }

    private func firstRow(in slice: Range<Int>, startingAtOrAfter month: Int32) -> Int {
        var low = slice.lowerBound
        var high = slice.upperBound
        while low < high {
            let mid = (low + high) / 2
            if start[mid] < month { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The distinct periods an indicator has data for, in time order.
    public func intervals(of indicator: IndicatorCode) -> [MonthInterval] {
        var seen = Set<MonthInterval>()
        var result: [MonthInterval] = []
        for row in rows(of: indicator) where seen.insert(interval(at: row)).inserted {
            result.append(interval(at: row))
        }
        return result.sorted()
    }

    /// Every observation as a value, for tests and exports.
    public func observation(at row: Int) -> Observation {
        let detail = details[row]
        var indicatorCode = 0
        while indicatorOffsets[indicatorCode + 1] <= row { indicatorCode += 1 }
        return Observation(
            facility: facilities[facility[row]].id, indicator: catalog[IndicatorCode(indicatorCode)].id,
            interval: interval(at: row), value: values[row], qualifier: qualifier(at: row),
            numerator: detail?.numerator, denominator: detail?.denominator, change: detail?.change,
            planShare: detail?.planShare, plan: detail?.plan, note: detail?.note,
            derivation: detail?.derivation, provenance: provenance(at: row))
    }
}

extension ObservationStore {
    /// Collects observations, finds conflicts, derives baselines, and seals the store.
    public struct Builder: Sendable {
        public var facilities: FacilityDirectory
        public var catalog: IndicatorCatalog
        private var observations: [Observation] = []
        private var plans: [PlanEntry] = []
        private var rowByKey: [Key: Int] = [:]

        private struct Key: Hashable {
            var facility: String
            var indicator: String
            var interval: MonthInterval
        }

        public init(facilities: FacilityDirectory, catalog: IndicatorCatalog) {
            self.facilities = facilities
            self.catalog = catalog
        }

        public var count: Int { observations.count }

        /// Adds an observation. Returns a diagnostic when it conflicts with one already
        /// added (same facility, indicator and period, another figure); the first is kept.
        @discardableResult
        public mutating func add(_ observation: Observation) -> Diagnostic? {
            let key = Key(facility: observation.facility, indicator: observation.indicator, interval: observation.interval)
            if let existing = rowByKey[key] {
                let first = observations[existing]
                if first.value == observation.value && first.qualifier == observation.qualifier {
                    return nil
                }
                let place = first.provenance.map { " (first stated at \($0))" } ?? ""
                return Diagnostic(
                    .error, id: "conflicting-value",
                    "conflicting values for \(observation.indicator) of \(observation.facility) in \(observation.interval): "
                        + "\(formatPlain(first.value)) and \(formatPlain(observation.value))\(place); kept the first",
                    location: observation.provenance.map { SourceLocation(file: $0.file, line: $0.line, column: 1) })
            }
            rowByKey[key] = observations.count
            observations.append(observation)
            return nil
        }

        /// Adds an annual plan; a second, different plan for the same year is a conflict.
        @discardableResult
        public mutating func addPlan(_ plan: PlanEntry) -> Diagnostic? {
            if let first = plans.first(where: {
                $0.facility == plan.facility && $0.indicator == plan.indicator && $0.year == plan.year
            }) {
                guard first.value != plan.value else { return nil }
                return Diagnostic(
                    .error, id: "conflicting-plan",
                    "conflicting plans for \(plan.indicator) of \(plan.facility) in \(plan.year): "
                        + "\(formatPlain(first.value)) and \(formatPlain(plan.value)); kept the first",
                    location: plan.provenance.map { SourceLocation(file: $0.file, line: $0.line, column: 1) })
            }
            plans.append(plan)
            return nil
        }

        /// Seals the store. Baselines are derived from stated changes wherever no report
        /// states the earlier figure; a stated figure that disagrees with its derivation
        /// is reported as a warning and the stated one is kept.
        public func build() -> (store: ObservationStore, warnings: [Diagnostic]) {
            var all = observations
            var warnings: [Diagnostic] = []
            for observation in observations {
                guard let change = observation.change, !observation.value.isNaN else { continue }
                let earlier = observation.interval.shifted(years: -1)
                let derivedValue = observation.value - change
                let key = Key(facility: observation.facility, indicator: observation.indicator, interval: earlier)
                if let stated = rowByKey[key] {
                    let statedValue = observations[stated].value
                    if abs(statedValue - derivedValue) > 1e-9 * max(1, abs(statedValue)) {
                        warnings.append(
                            Diagnostic(
                                .warning, id: "change-disagrees",
                                "\(observation.indicator) of \(observation.facility): \(earlier) is stated as \(formatPlain(statedValue)) "
                                    + "but \(observation.interval)'s change gives \(formatPlain(derivedValue)); using the stated figure",
                                location: observation.provenance.map { SourceLocation(file: $0.file, line: $0.line, column: 1) }))
                    }
                    continue
                }
                all.append(
                    Observation(
                        facility: observation.facility, indicator: observation.indicator, interval: earlier,
                        value: derivedValue, qualifier: observation.qualifier,
                        derivation: .baseline(statedValue: observation.value, change: change, statedPeriod: observation.interval),
                        provenance: observation.provenance))
            }
            return (seal(all), warnings)
        }

        private func seal(_ all: [Observation]) -> ObservationStore {
            var store = ObservationStore(facilities: facilities, catalog: catalog)
            store.plans = plans
            let indicatorCodes = all.map { catalog.code(of: $0.indicator) ?? -1 }
            let facilityCodes = all.map { facilities.code(of: $0.facility) ?? -1 }
            // One integer key per row, (indicator, start, end, facility) packed so that
            // integer order is that order: a plain sort, fast even unoptimised.
            let starts = all.map { Int64($0.interval.start.index) }
            let ends = all.map { Int64($0.interval.end.index) }
            let keyed = all.indices
                .filter { indicatorCodes[$0] >= 0 && facilityCodes[$0] >= 0 }
                .map { i -> (key: Int64, index: Int) in
                    let key = ((Int64(indicatorCodes[i]) << 48) | (starts[i] << 31) | ((ends[i] - starts[i]) << 20))
                        | Int64(facilityCodes[i])
                    return (key, i)
                }
            let order = keyed.sorted { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }.map(\.index)
            var fileCodes: [String: UInt16] = [:]
            store.longestSpan = Array(repeating: 1, count: catalog.count)
            store.indicatorOffsets = Array(repeating: 0, count: catalog.count + 1)
            for index in order {
                let observation = all[index]
                let row = store.values.count
                store.facility.append(facilityCodes[index])
                store.start.append(observation.interval.start.index)
                store.end.append(observation.interval.end.index)
                store.values.append(observation.value)
                store.flags.append(observation.qualifier.rawValue | (observation.derivation == nil ? 0 : 0b100))
                let code = Int(indicatorCodes[index])
                store.indicatorOffsets[code + 1] += 1
                store.longestSpan[code] = max(store.longestSpan[code], Int32(observation.interval.count))
                if let provenance = observation.provenance {
                    let fileCode = fileCodes[provenance.file] ?? {
                        let next = UInt16(store.sourceFiles.count)
                        store.sourceFiles.append(provenance.file)
                        fileCodes[provenance.file] = next
                        return next
                    }()
                    store.sourceFile.append(fileCode)
                    store.sourceLine.append(Int32(provenance.line))
                } else {
                    store.sourceFile.append(0)
                    store.sourceLine.append(0)
                }
                let detail = ObservationDetails(
                    numerator: observation.numerator, denominator: observation.denominator,
                    change: observation.change, planShare: observation.planShare, plan: observation.plan,
                    note: observation.note, derivation: observation.derivation)
                if detail != ObservationDetails() { store.details[row] = detail }
            }
            for code in 0..<catalog.count { store.indicatorOffsets[code + 1] += store.indicatorOffsets[code] }
            return store
        }
    }
}

/// A number without grouping, for messages: 27662, 57.6.
public func formatPlain(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    var text = String(value)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
}
