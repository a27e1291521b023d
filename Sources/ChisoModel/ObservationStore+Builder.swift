/// Building a store: observations from report files and coded rows from bulk files
/// are collected, baselines derived, and the whole sealed into the store's layout
/// (`ObservationStore+Layout.swift`).
extension ObservationStore {
    /// Collects observations, finds conflicts, derives baselines, and seals the store.
    public struct Builder: Sendable {
        /// The most conflicts found in sealing that are kept as diagnostics; the rest are counted.
        public static let conflictsKept = 1_000
        public var facilities: FacilityDirectory
        public var catalog: IndicatorCatalog
        var observations: [Observation] = []
        var plans: [PlanEntry] = []
        var rowByKey: [Key: Int] = [:]
        /// By observation: the rows that repeated it exactly.
        var observationRepeats: [Int: (count: Int, firstLine: Int)] = [:]
        /// Rows read in bulk, in the chunks they were read in, in reading order.
        var bulk: [BulkRows] = []
        var bulkCount = 0
        /// The data files in the order they were read: of two figures for the same facility,
        /// indicator and period, the one read first is kept.
        public var fileOrder: [String] = []

        struct Key: Hashable {
            var facility: String
            var indicator: String
            var interval: MonthInterval
        }

        public init(facilities: FacilityDirectory, catalog: IndicatorCatalog) {
            self.facilities = facilities
            self.catalog = catalog
        }

        public var count: Int { observations.count + bulkCount }

        /// Adds monthly figures read in bulk, stated exactly. A figure for the same
        /// facility, indicator and month as another is reported when the store is built.
        /// The columns are kept as they are, without a copy; sealing spreads them by indicator.
        public mutating func add(_ rows: BulkRows) {
            guard rows.count > 0 else { return }
            bulk.append(rows)
            bulkCount += rows.count
        }

        /// Adds an observation. Returns a diagnostic when it conflicts with one already
        /// added (same facility, indicator and period, another figure); the first is kept.
        @discardableResult
        public mutating func add(_ observation: Observation) -> Diagnostic? {
            if case .conflict(let diagnostic) = add(observation, repeats: nil) { return diagnostic }
            return nil
        }

        /// What became of an observation added.
        public enum Addition: Sendable {
            case added
            /// The same figure as one already added: kept once.
            case repeated
            case conflict(Diagnostic)
        }

        /// Adds an observation and the rows that repeated it exactly (how many, the first's
        /// line), which share its fate.
        public mutating func add(_ observation: Observation, repeats: (count: Int, firstLine: Int)?) -> Addition {
            // Periods read from files span at most 1900 to 2200; a longer one made in code is refused.
            guard observation.interval.count <= ObservationStore.longestInterval else {
                return .conflict(Diagnostic(
                    .error, id: "period-too-long",
                    "\(observation.interval) is longer than the \(ObservationStore.longestInterval) months a figure can cover"))
            }
            let key = Key(facility: observation.facility, indicator: observation.indicator, interval: observation.interval)
            if let existing = rowByKey[key] {
                let first = observations[existing]
                if first.value == observation.value && first.qualifier == observation.qualifier
                    && first.numerator == observation.numerator && first.denominator == observation.denominator
                {
                    return .repeated
                }
                let place = first.provenance.map { " (first stated at \($0))" } ?? ""
                return .conflict(Diagnostic(
                    .error, id: "conflicting-value",
                    "conflicting values for \(observation.indicator) of \(observation.facility) in \(observation.interval): "
                        + "\(formatPlain(first.value)) and \(formatPlain(observation.value))\(place); kept the first",
                    location: observation.provenance.map { SourceLocation(file: $0.file, line: $0.line, column: 1) }))
            }
            rowByKey[key] = observations.count
            if let repeats { observationRepeats[observations.count] = repeats }
            observations.append(observation)
            return .added
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
            let sealed = buildCounting()
            return (sealed.store, sealed.warnings)
        }

        /// `build`, and by file the rows that repeated another's figure exactly (each figure
        /// is kept once) and those in conflict with one. Only the first `conflictsKept`
        /// conflicts become diagnostics: a file of two rows alternating has millions.
        public func buildCounting() -> (store: ObservationStore, warnings: [Diagnostic], counts: [RowCounts]) {
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
            let (store, conflicts, counts) = seal(all)
            return (store, conflicts + warnings, counts)
        }
    }
}

/// What sealing a store found among one file's rows: figures repeated exactly (kept
/// once) and figures in conflict with an earlier one (the first kept).
public struct RowCounts: Sendable, Hashable {
    public var file: String
    public var repeated = 0
    public var firstRepeated = Int.max
    public var conflicting = 0
}

/// Monthly figures read in bulk from one file, or a chunk of one, coded: facility and
/// indicator codes, the month's index, the value and the line each came from, and a rate's
/// parts. All are stated exactly.
public struct BulkRows: Sendable {
    public var file: String
    /// Added to every row's `line`: a chunk read on its own core counts lines from its start.
    public var firstLine: Int32 = 0
    public var facility: [UInt16] = []
    public var indicator: [UInt16] = []
    public var month: [Int16] = []
    public var value: [Double] = []
    public var line: [Int32] = []
    /// A rate's numerator and denominator, by row (its value is n ÷ d × 100).
    public var parts: [Int: (numerator: Double, denominator: Double)] = [:]
    /// By row: how many lines right after it repeated it byte for byte. They share its fate
    /// when the store is built: kept once with it, or in conflict with it.
    public var repeats: [Int: Int32] = [:]

    public init(file: String) {
        self.file = file
    }

    public var count: Int { value.count }
}
