import ChisoModel

/// The group each facility counts in, for a query whose groups are fixed sets of
/// facilities: no facility ever changed parent, so membership is the same in every
/// month, and no facility counts in two groups.
struct GroupPartition {
    /// By facility: its group's index, or −1.
    let groupOf: [Int32]
    let count: Int

    init?(_ groups: [FacilityGroup], facilities: FacilityDirectory) {
        // With a merger, a figure's group depends on its month.
        guard !facilities.hasHistory else { return nil }
        var groupOf = [Int32](repeating: -1, count: facilities.count)
        let anyMonth = Month(year: 2000, month: 1)
        for group in groups {
            for code in group.candidates where group.admits(code, anyMonth) {
                guard groupOf[Int(code)] < 0 else { return nil }
                groupOf[Int(code)] = Int32(group.index)
            }
        }
        self.groupOf = groupOf
        self.count = groups.count
    }
}

/// The figures of every group for an indicator and period, made together the first time
/// a group asks, and kept for the others.
final class BatchedFigures {
    struct Key: Hashable {
        var indicator: IndicatorCode
        var interval: MonthInterval
    }

    /// By group; nil where the group takes the general way. An empty list when the whole
    /// indicator and period does.
    var cells: [Key: [CellFigures?]] = [:]
    /// The batches asked for last, searched before hashing: each group asks for the same
    /// few (a row's periods and measures) in turn.
    var recent: [(key: Key, cells: [CellFigures?])] = []
}

extension CellAggregator {
    /// A group's figures from the batch of its indicator and period, when the batch can
    /// give them; nil sends the group the general way.
    func batched(_ indicator: IndicatorCode, in interval: MonthInterval, group: Int) -> CellFigures? {
        guard let partition, plainPath, interval.count <= 64, group < partition.count else { return nil }
        let key = BatchedFigures.Key(indicator: indicator, interval: interval)
        if let recent = batches.recent.first(where: { $0.key == key }) {
            return recent.cells.isEmpty ? nil : recent.cells[group]
        }
        let cells = batches.cells[key] ?? {
            let made = batchFigures(of: indicator, in: interval, partition: partition) ?? []
            batches.cells[key] = made
            return made
        }()
        if batches.recent.count == 4 { batches.recent.removeFirst() }
        batches.recent.append((key, cells))
        return cells.isEmpty ? nil : cells[group]
    }

    /// Every group's figures of a count in one pass over the period's figures, when each
    /// is a stated one-month figure of a facility that is nobody's parent, no figure
    /// carries more than its value, and no plan is stated for the year: then a group's
    /// value is the sum of its members' figures and nothing else is to be said but which
    /// months are missing. The same figures as `figures(of:in:members:…)`, group by group.
    private func batchFigures(of indicator: IndicatorCode, in interval: MonthInterval, partition: GroupPartition)
        -> [CellFigures?]?
    {
        guard store.catalog[indicator].kind == .count, !store.hasDetails(indicator: indicator) else { return nil }
        if interval.start.year == interval.end.year, store.hasPlans(indicator: indicator, year: interval.end.year) {
            return nil
        }
        guard
            let sums = store.groupSums(
                of: indicator, in: interval, groupOf: partition.groupOf, groups: partition.count, excluded: isParent)
        else { return nil }
        // Each group's contributors, in code order, as one part of a shared array.
        var starts = [Int](repeating: 0, count: partition.count + 1)
        for (code, bits) in sums.months.enumerated() where bits != 0 { starts[Int(partition.groupOf[code]) + 1] += 1 }
        for group in 0..<partition.count { starts[group + 1] += starts[group] }
        var contributors = [FacilityCode](repeating: 0, count: starts[partition.count])
        var next = starts
        // Facilities short of months, by group: few groups have any (an empty list makes
        // no allocation).
        var short = [[(facility: FacilityCode, covered: Int)]](repeating: [], count: partition.count)
        for (code, bits) in sums.months.enumerated() where bits != 0 {
            let facility = FacilityCode(code)
            let group = Int(partition.groupOf[code])
            contributors[next[group]] = facility
            next[group] += 1
            var covered = bits.nonzeroBitCount
            // A month without a figure counts when none is expected: after the facility closed.
            if covered < interval.count, let closed = store.facilities.closed(facility) {
                for i in 0..<interval.count where bits & (UInt64(1) << UInt64(i)) == 0 && interval.start.advanced(by: i) > closed {
                    covered += 1
                }
            }
            if covered < interval.count { short[group].append((facility, covered)) }
        }
        return (0..<partition.count).map { group -> CellFigures? in
            let count = Int(sums.counts[group])
            guard count > 0 else { return CellFigures(value: .missing(reason: nil)) }
            // A few figures name their lines: the general way lists them.
            if withSources && count <= Self.mostSources { return nil }
            var figures = CellFigures(value: .missing(reason: nil))
            figures.contributors = Contributors(sorted: contributors[starts[group]..<starts[group + 1]])
            let shortOfMonths = short[group]
            let least = shortOfMonths.map(\.covered).min() ?? interval.count
            let coverage = least < interval.count ? Coverage(covered: least, total: interval.count) : nil
            if coverage != nil, figures.contributors.count > 1 {
                figures.notes.append(partialNote(shortOfMonths, in: interval))
            }
            figures.value = .measure(
                Measure(value: sums.sums[group], unit: .count, qualifier: sums.qualifiers[group], coverage: coverage))
            return figures
        }
    }
}
