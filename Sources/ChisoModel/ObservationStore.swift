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
/// one indicator over a range of months touches only that slice. A row costs 14 bytes:
/// its value (4, `PackedValues`; 12 for the rare figure that does not pack), facility (2),
/// first month (2), number of months with the qualifier and derivation flags in the top
/// bits (2) and source line (4).
///
/// The columns below are written only by `Builder` when it seals the store
/// (`ObservationStore+Layout.swift`); everything else reads them through the methods.
public struct ObservationStore: Sendable {
    public let facilities: FacilityDirectory
    public let catalog: IndicatorCatalog

    /// The most facilities a store holds: facility codes are kept in 16 bits.
    public static let facilityLimit = Int(UInt16.max)
    /// The most indicators a store holds: bulk rows keep indicator codes in 16 bits.
    public static let indicatorLimit = Int(UInt16.max)

    @usableFromInline var facility: [UInt16] = []
    @usableFromInline var start: [Int16] = []
    /// Bits 0–12: number of months (years run from 1900 to 2200, so at most 3,612);
    /// bits 13–14: qualifier; bit 15: derived.
    @usableFromInline var span: [UInt16] = []
    @usableFromInline var values = PackedValues()
    /// Where each row was read: the file's first number plus its line; 0 when unknown.
    var source: [Int32] = []
    /// The files read, each with the number its lines start after, in increasing order.
    var sourceFiles: [(file: String, base: Int32)] = []
    @usableFromInline var details: [Int: ObservationDetails] = [:]
    /// By indicator, whether any of its rows is in `details`.
    var indicatorsWithDetails: [Bool] = []
    /// Rows of indicator `c` are `indicatorOffsets[c] ..< indicatorOffsets[c + 1]`.
    var indicatorOffsets: [Int] = [0]
    /// The longest interval per indicator, to bound searches for overlapping rows.
    var longestSpan: [Int32] = []

    /// Annual plans stated on their own, by facility, indicator and year.
    public internal(set) var plans: [PlanEntry] = []

    public var count: Int { values.count }

    /// Plans by facility, indicator and year, and the indicators and years that have any.
    var planIndex: [PlanKey: Int] = [:]
    var plannedYears: Set<PlanKey> = []

    struct PlanKey: Hashable {
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

    /// An empty store, for a builder to fill.
    init(facilities: FacilityDirectory, catalog: IndicatorCatalog) {
        self.facilities = facilities
        self.catalog = catalog
    }

    // MARK: Reading rows

    // Inlinable: the executor reads these once per row it aggregates.
    @inlinable public func facility(at row: Int) -> FacilityCode { FacilityCode(facility[row]) }
    @inlinable public func interval(at row: Int) -> MonthInterval {
        let first = Int32(start[row])
        return MonthInterval(Month(index: first), Month(index: first + Int32(span[row] & Self.monthsMask) - 1))
    }
    @inlinable public func value(at row: Int) -> Double { values[row] }
    @inlinable public func qualifier(at row: Int) -> Qualifier { Qualifier(rawValue: UInt8(span[row] >> 13 & 0b11)) ?? .exact }
    @inlinable public func isDerived(at row: Int) -> Bool { span[row] & 0x8000 != 0 }

    /// The bits of `span` that count months.
    @usableFromInline static let monthsMask: UInt16 = 0x1FFF
    /// The longest period a row can cover, in months.
    public static let longestInterval = Int(monthsMask)
    @inlinable public func details(at row: Int) -> ObservationDetails? { details.isEmpty ? nil : details[row] }

    /// Where some rows were read, each place once, in the order of the rows. Places are
    /// told apart by their number, so no file name is compared.
    public func provenances(of rows: [Int]) -> [Provenance] {
        var numbers: [Int32] = []
        for row in rows where source[row] > 0 && !numbers.contains(source[row]) { numbers.append(source[row]) }
        var result: [Provenance] = []
        result.reserveCapacity(numbers.count)
        for number in numbers {
            if let place = provenance(number: number) { result.append(place) }
        }
        return result
    }

    public func provenance(at row: Int) -> Provenance? { provenance(number: source[row]) }

    private func provenance(number: Int32) -> Provenance? {
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
                    if first <= interval.end.index && first + Int32(span[low] & Self.monthsMask) - 1 >= interval.start.index {
                        result.append(low)
                    }
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

/// A number without grouping, for messages: 27662, 57.6.
public func formatPlain(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    var text = String(value)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
}
