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
/// one indicator over a range of months touches only that slice. A row costs 19 bytes:
/// its value (8), facility (2), first month (2), number of months (2), qualifier and
/// derivation flags (1) and source line (4).
public struct ObservationStore: Sendable {
    public let facilities: FacilityDirectory
    public let catalog: IndicatorCatalog

    /// The most facilities a store holds: facility codes are kept in 16 bits.
    public static let facilityLimit = Int(UInt16.max)

    private var facility: [UInt16] = []
    private var start: [Int16] = []
    private var span: [UInt16] = []
    private var values: [Double] = []
    /// Bits 0–1: qualifier; bit 2: derived.
    private var flags: [UInt8] = []
    /// Where each row was read: the file's first number plus its line; 0 when unknown.
    private var source: [Int32] = []
    /// The files read, each with the number its lines start after, in increasing order.
    private var sourceFiles: [(file: String, base: Int32)] = []
    private var details: [Int: ObservationDetails] = [:]
    /// Rows of indicator `c` are `indicatorOffsets[c] ..< indicatorOffsets[c + 1]`.
    private var indicatorOffsets: [Int] = [0]
    /// The longest interval per indicator, to bound searches for overlapping rows.
    private var longestSpan: [Int32] = []

    /// Annual plans stated on their own, by facility, indicator and year.
    public private(set) var plans: [PlanEntry] = []

    public var count: Int { values.count }

    /// Plans by facility, indicator and year, and the indicators and years that have any.
    private var planIndex: [PlanKey: Int] = [:]
    private var plannedYears: Set<PlanKey> = []

    private struct PlanKey: Hashable {
        var facility: FacilityCode
        var indicator: IndicatorCode
        var year: Int
    }

    /// The stated annual plan of a facility for an indicator and year, if any.
    public func plan(facility code: FacilityCode, indicator: IndicatorCode, year: Int) -> PlanEntry? {
        planIndex[PlanKey(facility: code, indicator: indicator, year: year)].map { plans[$0] }
    }

    /// Whether any facility has a plan for an indicator and year.
    public func hasPlans(indicator: IndicatorCode, year: Int) -> Bool {
        plannedYears.contains(PlanKey(facility: -1, indicator: indicator, year: year))
    }

    /// Whether any row carries facts beyond its value (n/N, change, plan, note, derivation).
    public var hasDetails: Bool { !details.isEmpty }

    fileprivate init(facilities: FacilityDirectory, catalog: IndicatorCatalog) {
        self.facilities = facilities
        self.catalog = catalog
    }

    // MARK: Reading rows

    public func facility(at row: Int) -> FacilityCode { FacilityCode(facility[row]) }
    public func interval(at row: Int) -> MonthInterval {
        let first = Int32(start[row])
        return MonthInterval(Month(index: first), Month(index: first + Int32(span[row]) - 1))
    }
    public func value(at row: Int) -> Double { values[row] }
    public func qualifier(at row: Int) -> Qualifier { Qualifier(rawValue: flags[row] & 0b11) ?? .exact }
    public func isDerived(at row: Int) -> Bool { flags[row] & 0b100 != 0 }
    public func details(at row: Int) -> ObservationDetails? { details[row] }
    public func provenance(at row: Int) -> Provenance? {
        let number = source[row]
        guard number > 0 else { return nil }
        // The last file whose lines start before this number.
        var low = 0
        var high = sourceFiles.count
        while low + 1 < high {
            let mid = (low + high) / 2
            if sourceFiles[mid].base < number { low = mid } else { high = mid }
        }
        return Provenance(file: sourceFiles[low].file, line: Int(number - sourceFiles[low].base))
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

    /// The rows of some facilities whose period overlaps an interval, found month by
    /// month (rows of an indicator and first month are in facility order). Cheaper than
    /// reading the slice when the facilities are few; the caller compares the costs with
    /// `searchCost`.
    public func rows(
        of indicator: IndicatorCode, facilities wanted: [FacilityCode], overlapping interval: MonthInterval
    ) -> [Int] {
        let slice = rows(of: indicator, overlapping: interval)
        guard !slice.isEmpty else { return [] }
        let sortedWanted = wanted.sorted()
        var result: [Int] = []
        var bucketStart = slice.lowerBound
        while bucketStart < slice.upperBound {
            let month = Int32(start[bucketStart])
            let bucketEnd = firstRow(in: bucketStart..<slice.upperBound, startingAtOrAfter: month + 1)
            for code in sortedWanted {
                let target = UInt16(truncatingIfNeeded: code)
                var low = bucketStart
                var high = bucketEnd
                while low < high {
                    let mid = (low + high) / 2
                    if facility[mid] < target { low = mid + 1 } else { high = mid }
                }
                while low < bucketEnd && facility[low] == target {
                    let first = Int32(start[low])
                    if first <= interval.end.index && first + Int32(span[low]) - 1 >= interval.start.index { result.append(low) }
                    low += 1
                }
            }
            bucketStart = bucketEnd
        }
        return result.sorted()
    }

    /// Roughly how many steps `rows(of:facilities:overlapping:)` takes, against the
    /// slice's length for reading it whole.
    public func searchCost(of indicator: IndicatorCode, facilities: Int, overlapping interval: MonthInterval) -> (search: Int, scan: Int) {
        let slice = rows(of: indicator, overlapping: interval)
        let months = interval.count + Int(longestSpan[Int(indicator)]) - 1
        let perBucket = max(1, slice.count / max(1, months))
        return (months * facilities * (perBucket.bitWidth - perBucket.leadingZeroBitCount + 2), slice.count)
    }

    private func firstRow(in slice: Range<Int>, startingAtOrAfter month: Int32) -> Int {
        var low = slice.lowerBound
        var high = slice.upperBound
        while low < high {
            let mid = (low + high) / 2
            if Int32(start[mid]) < month { low = mid + 1 } else { high = mid }
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
            facility: facilities[facility(at: row)].id, indicator: catalog[IndicatorCode(indicatorCode)].id,
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
        /// Rows read in bulk, every file's in one set of columns, and where each file's
        /// rows start in them.
        private var bulk = BulkRows(file: "")
        private var bulkFiles: [(file: String, start: Int)] = []

        private struct Key: Hashable {
            var facility: String
            var indicator: String
            var interval: MonthInterval
        }

        public init(facilities: FacilityDirectory, catalog: IndicatorCatalog) {
            self.facilities = facilities
            self.catalog = catalog
        }

        public var count: Int { observations.count + bulk.count }

        /// Adds monthly figures read in bulk, stated exactly. A figure for the same
        /// facility, indicator and month as another is reported when the store is built.
        public mutating func add(_ rows: BulkRows) {
            guard rows.count > 0 else { return }
            bulkFiles.append((rows.file, bulk.count))
            if bulk.count == 0 {
                // The first file's columns are taken as they are, without a copy.
                bulk = rows
            } else {
                for (index, rate) in rows.parts { bulk.parts[bulk.count + index] = rate }
                bulk.facility += rows.facility
                bulk.indicator += rows.indicator
                bulk.month += rows.month
                bulk.value += rows.value
                bulk.line += rows.line
            }
        }

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
            let (store, conflicts) = seal(all)
            return (store, conflicts + warnings)
        }

        /// Lays the rows out by indicator, then first month (a counting sort: two passes,
        /// whatever the number of rows), and drops a figure that repeats another's
        /// facility, indicator and period: the one read first is kept, a stated figure
        /// wins over a derived one, and a different value is a conflict.
        private func seal(_ all: [Observation]) -> (ObservationStore, [Diagnostic]) {
            var store = ObservationStore(facilities: facilities, catalog: catalog)
            store.plans = plans
            for (index, plan) in plans.enumerated() {
                guard let facility = facilities.code(of: plan.facility), let indicator = catalog.code(of: plan.indicator)
                else { continue }
                store.planIndex[PlanKey(facility: facility, indicator: indicator, year: plan.year)] = index
                store.plannedYears.insert(PlanKey(facility: -1, indicator: indicator, year: plan.year))
            }
            // Codes of the observations' rows; bulk rows come coded.
            let fileRank = Self.fileRanks(all, bulk, bulkFiles)
            var observed: [(indicator: Int, facility: Int, start: Int32, span: Int32, index: Int)] = []
            observed.reserveCapacity(all.count)
            for (index, observation) in all.enumerated() {
                guard let indicator = catalog.code(of: observation.indicator),
                    let facility = facilities.code(of: observation.facility)
                else { continue }
                observed.append((Int(indicator), Int(facility), observation.interval.start.index, Int32(observation.interval.count), index))
            }
            // Buckets: (indicator, first month).
            var firstMonth = Int32.max
            var lastMonth = Int32.min
            for row in observed {
                firstMonth = min(firstMonth, row.start)
                lastMonth = max(lastMonth, row.start)
            }
            for month in bulk.month {
                firstMonth = min(firstMonth, Int32(month))
                lastMonth = max(lastMonth, Int32(month))
            }
            let months = firstMonth <= lastMonth ? Int(lastMonth - firstMonth) + 1 : 1
            let bucketCount = catalog.count * months
            // Source numbers: each file's lines after the lines of the files before it.
            var bases: [String: Int32] = [:]
            var base: Int32 = 0
            for (file, lines) in fileRank {
                bases[file] = base
                store.sourceFiles.append((file, base))
                base += Int32(lines) + 1
            }
            // The bulk rows in (indicator, first month) order, each with its source
            // number, so that the passes below read and write them in sequence.
            let bulk = Self.clustered(self.bulk, files: bulkFiles.map { ($0.start, bases[$0.file] ?? 0) }, indicators: catalog.count)
            var counts = [Int](repeating: 0, count: bucketCount + 1)
            for row in observed { counts[row.indicator * months + Int(row.start - firstMonth) + 1] += 1 }
            for i in 0..<bulk.count { counts[Int(bulk.indicator[i]) * months + Int(Int32(bulk.month[i]) - firstMonth) + 1] += 1 }
            for b in 0..<bucketCount { counts[b + 1] += counts[b] }
            // Each row's place: observations first, then the bulk rows, so that within a
            // bucket rows keep the order they were read in.
            let total = counts[bucketCount]
            var order = [Int32](repeating: 0, count: total)
            var next = counts
            for (i, row) in observed.enumerated() {
                let b = row.indicator * months + Int(row.start - firstMonth)
                order[next[b]] = Int32(i)
                next[b] += 1
            }
            let offset = observed.count
            for i in 0..<bulk.count {
                let b = Int(bulk.indicator[i]) * months + Int(Int32(bulk.month[i]) - firstMonth)
                order[next[b]] = Int32(offset + i)
                next[b] += 1
            }
            next = []
            let hasParts = !bulk.parts.isEmpty

            // The columns are filled as locals and moved into the store at the end.
            var facilityOut: [UInt16] = []
            var startOut: [Int16] = []
            var spanOut: [UInt16] = []
            var valuesOut: [Double] = []
            var flagsOut: [UInt8] = []
            var sourceOut: [Int32] = []
            var detailsOut: [Int: ObservationDetails] = [:]
            facilityOut.reserveCapacity(total)
            startOut.reserveCapacity(total)
            spanOut.reserveCapacity(total)
            valuesOut.reserveCapacity(total)
            flagsOut.reserveCapacity(total)
            sourceOut.reserveCapacity(total)
            store.longestSpan = Array(repeating: 1, count: catalog.count)
            store.indicatorOffsets = Array(repeating: 0, count: catalog.count + 1)
            var conflicts: [Diagnostic] = []
            // Duplicates within a bucket: the stored row of each facility's one-month
            // figure, stamped with the bucket; longer figures are rare and go in a table.
            var stamp = [Int32](repeating: -1, count: facilities.count)
            var storedAt = [Int](repeating: 0, count: facilities.count)
            var longer: [Int64: Int] = [:]
            // Within a bucket, rows go in facility order (stable), so that one facility's
            // rows of a month are found by a binary search. Bulk files usually come in
            // that order already.
            func facilityOf(_ row: Int32) -> Int {
                Int(row) < observed.count ? observed[Int(row)].facility : Int(bulk.facility[Int(row) - offset])
            }
            for b in 0..<bucketCount where counts[b + 1] - counts[b] > 1 {
                let range = counts[b]..<counts[b + 1]
                var sorted = true
                var previous = facilityOf(order[range.lowerBound])
                for position in range.dropFirst() {
                    let facility = facilityOf(order[position])
                    if facility < previous {
                        sorted = false
                        break
                    }
                    previous = facility
                }
                if !sorted {
                    let rows = order[range].sorted { (facilityOf($0), $0) < (facilityOf($1), $1) }
                    order.replaceSubrange(range, with: rows)
                }
            }
            for b in 0..<bucketCount where counts[b] < counts[b + 1] {
                let indicator = b / months
                longer.removeAll(keepingCapacity: true)
                for position in counts[b]..<counts[b + 1] {
                    let row = Int(order[position])
                    let facility: Int
                    let span: Int32
                    let value: Double
                    let flag: UInt8
                    let sourceNumber: Int32
                    var detail: ObservationDetails? = nil
                    if row < observed.count {
                        let coded = observed[row]
                        let observation = all[coded.index]
                        facility = coded.facility
                        span = coded.span
                        value = observation.value
                        flag = observation.qualifier.rawValue | (observation.derivation == nil ? 0 : 0b100)
                        sourceNumber = observation.provenance.map { (bases[$0.file] ?? 0) + Int32($0.line) } ?? 0
                        let details = ObservationDetails(
                            numerator: observation.numerator, denominator: observation.denominator,
                            change: observation.change, planShare: observation.planShare, plan: observation.plan,
                            note: observation.note, derivation: observation.derivation)
                        if details != ObservationDetails() { detail = details }
                    } else {
                        let i = row - offset
                        facility = Int(bulk.facility[i])
                        span = 1
                        value = bulk.value[i]
                        flag = 0
                        sourceNumber = bulk.line[i]
                        if hasParts, let rate = bulk.parts[i] {
                            var details = ObservationDetails()
                            details.numerator = rate.numerator
                            details.denominator = rate.denominator
                            detail = details
                        }
                    }
                    // The same facility and period already in this bucket?
                    var earlier: Int? = nil
                    if span == 1 {
                        if stamp[facility] == Int32(b) { earlier = storedAt[facility] }
                    } else {
                        earlier = longer[Int64(facility) << 32 | Int64(span)]
                    }
                    if let kept = earlier {
                        let keptDerived = flagsOut[kept] & 0b100 != 0
                        if keptDerived && flag & 0b100 == 0 {
                            // A stated figure replaces a derived one.
                            valuesOut[kept] = value
                            flagsOut[kept] = flag
                            sourceOut[kept] = sourceNumber
                            detailsOut[kept] = detail
                        } else if flag & 0b100 == 0 && (valuesOut[kept] != value || flagsOut[kept] != flag) {
                            conflicts.append(
                                Self.conflict(
                                    indicator: catalog[IndicatorCode(indicator)].id, facility: facilities[FacilityCode(facility)].id,
                                    interval: MonthInterval(Month(index: firstMonth + Int32(b % months)), Month(index: firstMonth + Int32(b % months) + span - 1)),
                                    first: valuesOut[kept], second: value,
                                    firstAt: Self.provenance(sourceOut[kept], store.sourceFiles),
                                    secondAt: Self.provenance(sourceNumber, store.sourceFiles)))
                        }
                        continue
                    }
                    let stored = valuesOut.count
                    if span == 1 {
                        stamp[facility] = Int32(b)
                        storedAt[facility] = stored
                    } else {
                        longer[Int64(facility) << 32 | Int64(span)] = stored
                    }
                    facilityOut.append(UInt16(facility))
                    startOut.append(Int16(firstMonth + Int32(b % months)))
                    spanOut.append(UInt16(span))
                    valuesOut.append(value)
                    flagsOut.append(flag)
                    sourceOut.append(sourceNumber)
                    if let detail { detailsOut[stored] = detail }
                    store.indicatorOffsets[indicator + 1] += 1
                    store.longestSpan[indicator] = max(store.longestSpan[indicator], span)
                }
            }
            for code in 0..<catalog.count { store.indicatorOffsets[code + 1] += store.indicatorOffsets[code] }
            store.facility = facilityOut
            store.start = startOut
            store.span = spanOut
            store.values = valuesOut
            store.flags = flagsOut
            store.source = sourceOut
            store.details = detailsOut
            return (store, conflicts)
        }

        /// Bulk rows in (indicator, first month) order, keeping the order they were read
        /// in within each, with each row's source number (its file's base plus its line)
        /// in place of its line. Two counting passes, by indicator and then by month
        /// within an indicator: each writes to few places at once, so both stay in the
        /// cache where one pass over every (indicator, month) would not.
        private static func clustered(_ rows: BulkRows, files: [(start: Int, base: Int32)], indicators: Int) -> BulkRows {
            let n = rows.count
            guard n > 0 else { return rows }
            var result = BulkRows(file: rows.file)
            // Pass 1: by indicator, the source number made on the way.
            var starts = [Int](repeating: 0, count: indicators + 1)
            for code in rows.indicator { starts[Int(code) + 1] += 1 }
            for i in 0..<indicators { starts[i + 1] += starts[i] }
            var next = starts
            var facility = Self.unfilled(UInt16.self, n)
            var month = Self.unfilled(Int16.self, n)
            var value = Self.unfilled(Double.self, n)
            var source = Self.unfilled(Int32.self, n)
            var original: [Int32] = rows.parts.isEmpty ? [] : Self.unfilled(Int32.self, n)
            var file = 0
            for i in 0..<n {
                while file + 1 < files.count && files[file + 1].start <= i { file += 1 }
                let code = Int(rows.indicator[i])
                let at = next[code]
                next[code] = at + 1
                facility[at] = rows.facility[i]
                month[at] = rows.month[i]
                value[at] = rows.value[i]
                source[at] = files[file].base + rows.line[i]
                if !original.isEmpty { original[at] = Int32(i) }
            }
            // Pass 2: by month within each indicator.
            result.facility = Self.unfilled(UInt16.self, n)
            result.month = Self.unfilled(Int16.self, n)
            result.value = Self.unfilled(Double.self, n)
            result.line = Self.unfilled(Int32.self, n)
            result.indicator = Self.unfilled(UInt16.self, n)
            for code in 0..<indicators where starts[code] < starts[code + 1] {
                let segment = starts[code]..<starts[code + 1]
                var low = Int16.max
                var high = Int16.min
                for i in segment {
                    low = min(low, month[i])
                    high = max(high, month[i])
                }
                var offsets = [Int](repeating: 0, count: Int(high) - Int(low) + 2)
                for i in segment { offsets[Int(month[i] - low) + 1] += 1 }
                offsets[0] = segment.lowerBound
                for m in 1..<offsets.count { offsets[m] += offsets[m - 1] }
                for i in segment {
                    let m = Int(month[i] - low)
                    let at = offsets[m]
                    offsets[m] = at + 1
                    result.facility[at] = facility[i]
                    result.month[at] = month[i]
                    result.value[at] = value[i]
                    result.line[at] = source[i]
                    result.indicator[at] = UInt16(code)
                    if !original.isEmpty, let rate = rows.parts[Int(original[i])] { result.parts[at] = rate }
                }
            }
            return result
        }

        /// An array of `count` plain values that the caller fills in full before reading
        /// any: a counting sort writes every place once, so zeroing it first would only
        /// touch the memory twice.
        private static func unfilled<T: BitwiseCopyable>(_ type: T.Type, _ count: Int) -> [T] {
            Array(unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        }

        /// The files rows were read from, in the order first met, with their last line.
        private static func fileRanks(_ all: [Observation], _ bulk: BulkRows, _ bulkFiles: [(file: String, start: Int)]) -> [(String, Int)] {
            var files: [(String, Int)] = []
            var rank: [String: Int] = [:]
            func note(_ file: String, _ line: Int) {
                if let r = rank[file] {
                    files[r].1 = max(files[r].1, line)
                } else {
                    rank[file] = files.count
                    files.append((file, line))
                }
            }
            for observation in all { if let p = observation.provenance { note(p.file, p.line) } }
            for (index, part) in bulkFiles.enumerated() {
                let end = index + 1 < bulkFiles.count ? bulkFiles[index + 1].start : bulk.count
                note(part.file, Int(bulk.line[part.start..<end].max() ?? 0))
            }
            return files
        }

        private static func provenance(_ number: Int32, _ files: [(file: String, base: Int32)]) -> Provenance? {
            guard number > 0, let file = files.last(where: { $0.base < number }) else { return nil }
            return Provenance(file: file.file, line: Int(number - file.base))
        }

        private static func conflict(
            indicator: String, facility: String, interval: MonthInterval, first: Double, second: Double,
            firstAt: Provenance?, secondAt: Provenance?
        ) -> Diagnostic {
            let place = firstAt.map { " (first stated at \($0))" } ?? ""
            return Diagnostic(
                .error, id: "conflicting-value",
                "conflicting values for \(indicator) of \(facility) in \(interval): "
                    + "\(formatPlain(first)) and \(formatPlain(second))\(place); kept the first",
                location: secondAt.map { SourceLocation(file: $0.file, line: $0.line, column: 1) })
        }
    }
}

/// Monthly figures read in bulk from one file, coded: facility and indicator codes, the
/// month's index, the value and the line each came from, and a rate's parts. All are
/// stated exactly.
public struct BulkRows: Sendable {
    public var file: String
    public var facility: [UInt16] = []
    public var indicator: [UInt16] = []
    public var month: [Int16] = []
    public var value: [Double] = []
    public var line: [Int32] = []
    /// A rate's numerator and denominator, by row (its value is n ÷ d × 100).
    public var parts: [Int: (numerator: Double, denominator: Double)] = [:]

    public init(file: String) {
        self.file = file
    }

    public var count: Int { value.count }
}

/// A number without grouping, for messages: 27662, 57.6.
public func formatPlain(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    var text = String(value)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
}
