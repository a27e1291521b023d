/// What one pass over an indicator's plain figures in a period gives, for facilities
/// split into groups: each group's sum, number of figures and qualifier, and each
/// facility's months with a figure.
public struct GroupSums: Sendable {
    /// By group: the sum of its figures, added in store order.
    public var sums: [Double]
    /// By group: how many figures it has.
    public var counts: [Int32]
    /// By group: the qualifier of its sum.
    public var qualifiers: [Qualifier]
    /// By facility: bit `i` is set when the facility has a figure for the period's month `i`.
    public var months: [UInt64]
}

extension ObservationStore {
    /// Whether any row of an indicator carries facts beyond its value (n/N, change, plan,
    /// note, derivation).
    public func hasDetails(indicator: IndicatorCode) -> Bool {
        Int(indicator) < indicatorsWithDetails.count && indicatorsWithDetails[Int(indicator)]
    }

    /// For each indicator, whether any of its rows has details; worked out when sealing.
    static func indicatorsWithDetails(_ details: [Int: ObservationDetails], offsets: [Int]) -> [Bool] {
        var result = [Bool](repeating: false, count: max(0, offsets.count - 1))
        for row in details.keys {
            // The last indicator whose rows start at or before this one.
            var low = 0
            var high = offsets.count - 1
            while low + 1 < high {
                let mid = (low + high) / 2
                if offsets[mid] <= row { low = mid } else { high = mid }
            }
            if low < result.count { result[low] = true }
        }
        return result
    }

    /// Sums an indicator's figures in a period (of at most 64 months) by group, in one
    /// pass over its slice: `groupOf` gives each facility's group, or −1 for none.
    ///
    /// Nil as soon as a figure sharing a month with the period is not a stated one-month
    /// figure (a number) of a facility that is not `excluded` (callers exclude parents):
    /// then figures may overlap, and choosing among them is the caller's.
    public func groupSums(
        of indicator: IndicatorCode, in interval: MonthInterval, groupOf: [Int32], groups: Int, excluded: [Bool]
    ) -> GroupSums? {
        precondition(interval.count <= 64, "months are kept as bits of a 64-bit word")
        precondition(groupOf.count == facilities.count && excluded.count == facilities.count)
        precondition(groupOf.allSatisfy { $0 < groups }, "a facility's group is one of the groups")
        var sums = [Double](repeating: 0, count: groups)
        var counts = [Int32](repeating: 0, count: groups)
        var qualifiers = [Qualifier](repeating: .exact, count: groups)
        var months = [UInt64](repeating: 0, count: facilities.count)
        let slice = rows(of: indicator, overlapping: interval)
        let first = interval.start.index
        let last = interval.end.index
        // Indexes stay inside the arrays: a group is below `groups` or negative (checked
        // above), and a row's facility code is below `facilities.count`, as sealing makes
        // every store (its codes come from the directory; a store is never read from disk).
        let plain = facility.withUnsafeBufferPointer { facility in
            start.withUnsafeBufferPointer { start in
                span.withUnsafeBufferPointer { span in
                    groupOf.withUnsafeBufferPointer { groupOf in
                        excluded.withUnsafeBufferPointer { excluded in
                            sums.withUnsafeMutableBufferPointer { sums in
                                counts.withUnsafeMutableBufferPointer { counts in
                                    months.withUnsafeMutableBufferPointer { months in
                                        for row in slice {
                                            let month = Int32(start[row])
                                            let flags = span[row]
                                            // The slice is a superset: keep rows that share a month.
                                            guard month <= last, month + Int32(flags & Self.monthsMask) - 1 >= first else {
                                                continue
                                            }
                                            // One month, not derived.
                                            guard flags & (Self.monthsMask | 0x8000) == 1 else { return false }
                                            let code = Int(facility[row])
                                            assert(code < months.count, "a row's facility is in the directory")
                                            guard !excluded[code] else { return false }
                                            let value = values[row]
                                            guard !value.isNaN else { return false }
                                            let group = Int(groupOf[code])
                                            guard group >= 0 else { continue }
                                            sums[group] += value
                                            counts[group] += 1
                                            if flags & 0x6000 != 0 {
                                                qualifiers[group] = qualifiers[group].adding(qualifier(at: row))
                                            }
                                            months[code] |= 1 << UInt64(month - first)
                                        }
                                        return true
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let result = GroupSums(sums: sums, counts: counts, qualifiers: qualifiers, months: months)
        return plain ? result : nil
    }
}
