import ChisoModel

/// Every facility's ancestors, made on first use and kept.
final class AncestorTable {
    private var table: [[FacilityCode]]?

    func ancestors(_ facilities: FacilityDirectory) -> [[FacilityCode]] {
        if let table { return table }
        let made = (0..<facilities.count).map { facilities.ancestors(of: FacilityCode($0)) }
        table = made
        return made
    }
}

/// The rows of an indicator's slice for a period, by facility (each facility's in store
/// order), made once per slice and kept for the other groups of the same query.
final class RowsByFacility {
    private struct Key: Hashable {
        var indicator: IndicatorCode
        var interval: MonthInterval
    }

    /// For each slice: where each facility's rows start in `rows`, and the rows.
    private var slices: [Key: (starts: [Int32], rows: [Int32], range: Range<Int>)] = [:]
    /// The slice asked for last: groups usually ask for the same one in turn.
    private var last: (key: Key, slice: (starts: [Int32], rows: [Int32], range: Range<Int>))?

    /// The rows of some facilities that share a month with the period, in store order.
    func rows(of facilities: Set<FacilityCode>, indicator: IndicatorCode, in interval: MonthInterval, store: ObservationStore)
        -> [Int]
    {
        let key = Key(indicator: indicator, interval: interval)
        let remembered = last?.key == key ? last?.slice : nil
        let slice = remembered ?? slices[key] ?? {
            var starts = [Int32](repeating: 0, count: store.facilities.count + 1)
            var overlapping: [Int] = []
            let range = store.rows(of: indicator, overlapping: interval)
            for row in range {
                let rowInterval = store.interval(at: row)
                guard rowInterval.start <= interval.end, rowInterval.end >= interval.start else { continue }
                overlapping.append(row)
                starts[Int(store.facility(at: row)) + 1] += 1
            }
            for i in 0..<store.facilities.count { starts[i + 1] += starts[i] }
            var next = starts
            var rows = [Int32](repeating: 0, count: overlapping.count)
            for row in overlapping {
                let facility = Int(store.facility(at: row))
                rows[Int(next[facility])] = Int32(row)
                next[facility] += 1
            }
            slices[key] = (starts, rows, range)
            return (starts, rows, range)
        }()
        if last?.key != key { last = (key, slice) }
        var result: [Int] = []
        for facility in facilities where Int(facility) + 1 < slice.starts.count {
            for i in slice.starts[Int(facility)]..<slice.starts[Int(facility) + 1] { result.append(Int(slice.rows[Int(i)])) }
        }
        // Back in store order, so that sums add in the same order as reading the slice.
        // Each facility's rows are in order already; many facilities' rows are put in
        // order by marking them in a bitmap of the slice rather than by sorting.
        guard facilities.count > 1, !slice.range.isEmpty else { return result }
        let first = slice.range.lowerBound
        let words = (slice.range.count - 1) / 64 + 1
        guard words <= 4 * result.count else { return result.sorted() }
        if marks.count < words { marks = [UInt64](repeating: 0, count: words) }
        for row in result {
            let offset = row - first
            marks[offset >> 6] |= 1 << UInt64(offset & 63)
        }
        var position = 0
        for word in 0..<words where marks[word] != 0 {
            var bits = marks[word]
            marks[word] = 0
            while bits != 0 {
                result[position] = first + word << 6 + bits.trailingZeroBitCount
                position += 1
                bits &= bits - 1
            }
        }
        return result
    }

    /// A bitmap of a slice's rows, all clear between calls.
    private var marks: [UInt64] = []
}
