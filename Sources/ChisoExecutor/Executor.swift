import ChisoModel
import ChisoPlanner

/// Runs logical plans against a store and returns result tables. It reads no names: the
/// plan carries codes and month intervals.
public struct Executor: Sendable {
    public let store: ObservationStore

    public init(store: ObservationStore) {
        self.store = store
    }

    public func run(_ plan: LogicalPlan) -> ResultTable {
        switch plan {
        case .aggregate(let aggregate): return show(aggregate)
        case .compare(let compare): return self.compare(compare)
        case .list(let subject): return list(subject)
        case .describeIndicator(let indicator): return describe(indicator)
        case .describeFacility(let code): return describe(facility: code)
        case .explain(let inner): return .prose(inner.dump(facilities: store.facilities))
        }
    }

    private func groupHeader(_ grouping: BoundGrouping) -> ResultColumn {
        switch grouping {
        case .total: return ResultColumn("facilities", key: "facilities", role: .label)
        case .facility: return ResultColumn("facility", key: "facility", role: .label)
        case .level(let level): return ResultColumn(level, key: level, role: .label)
        }
    }

    // MARK: show

    private func show(_ plan: AggregatePlan) -> ResultTable {
        let aggregator = CellAggregator(store: store)
        var rows: [[Cell]] = []
        var notes = Notes()
        var hasPlan = false
        for group in groups(plan.grouping, scope: plan.scope, facilities: store.facilities) {
            for indicator in plan.indicators {
                let figures = aggregator.figures(of: indicator.code, in: plan.period.interval, members: group.members.contains)
                if case .missing(nil) = figures.value, figures.planShare == nil, figures.plan == nil,
                    plan.grouping != .total
                {
                    continue
                }
                hasPlan = hasPlan || figures.planShare != nil || figures.plan != nil
                notes.record(figures, label: "\(group.label), \(indicator.indicator.id)", store: store)
                rows.append([
                    .text(group.label), .text(indicator.indicator.id), .text(plan.period.period.description),
                    figures.value, figures.planShare ?? .missing(reason: nil), figures.plan ?? .missing(reason: nil),
                ])
            }
        }
        var columns = [
            groupHeader(plan.grouping), ResultColumn("indicator", key: "indicator", role: .label),
            ResultColumn("period", key: "period", role: .label), ResultColumn("value", key: "value"),
        ]
        if hasPlan {
            columns += [
                ResultColumn("% of plan", key: "plan_share", carriesCoverage: false),
                ResultColumn("annual plan", key: "plan", carriesCoverage: false),
            ]
        } else {
            rows = rows.map { Array($0.prefix(4)) }
        }
        return ResultTable(columns: columns, rows: rows, notes: notes.lines)
    }

    // MARK: compare

    private func compare(_ plan: ComparePlan) -> ResultTable {
        let aggregator = CellAggregator(store: store)
        var rows: [[Cell]] = []
        var notes = Notes()
        let anyCount = plan.indicators.contains { !$0.indicator.kind.changesInPoints }
        for group in groups(plan.grouping, scope: plan.scope, facilities: store.facilities) {
            for indicator in plan.indicators {
                let values = plan.periods.map { period in
                    aggregator.figures(of: indicator.code, in: period.interval, members: group.members.contains)
                }
                if plan.grouping != .total, values.allSatisfy({ if case .missing(nil) = $0.value { true } else { false } }) {
                    continue
                }
                for figures in values { notes.record(figures, label: "\(group.label), \(indicator.indicator.id)", store: store) }
                var row: [Cell] = [.text(group.label), .text(indicator.indicator.id)]
                row += values.map(\.value)
                let (change, growth) = changes(
                    from: values.first?.value, to: values.last?.value, inPoints: indicator.indicator.kind.changesInPoints,
                    laterPeriod: plan.periods.last?.interval)
                row.append(change)
                if anyCount { row.append(growth) }
                rows.append(row)
            }
        }
        var columns = [groupHeader(plan.grouping), ResultColumn("indicator", key: "indicator", role: .label)]
        columns += plan.periods.map { ResultColumn($0.period.description, key: $0.period.description) }
        let allPoints = !anyCount
        columns.append(
            ResultColumn(
                allPoints ? "change (points)" : "change", key: allPoints ? "change_points" : "change", carriesCoverage: false))
        if anyCount { columns.append(ResultColumn("growth %", key: "growth_pct", carriesCoverage: false)) }
        if plan.indicators.contains(where: { $0.indicator.kind.changesInPoints }) && anyCount {
            notes.add("rates and percentages change in percentage points (pts); counts in growth %, (b − a) ÷ a")
        }
        return ResultTable(columns: columns, rows: rows, notes: notes.lines)
    }

    /// The change from the first to the last value: a difference (or points) and a growth rate.
    private func changes(from first: Cell?, to last: Cell?, inPoints: Bool, laterPeriod: MonthInterval?) -> (Cell, Cell) {
        guard let a = first?.measure, let b = last?.measure else {
            return (.missing(reason: nil), .missing(reason: nil))
        }
        let qualifier = b.qualifier.subtracting(a.qualifier)
        let difference = b.value - a.value
        // When the earlier figure was derived from the later one's stated change, the
        // difference is that stated change, not a derived figure.
        var differenceDerivation: MeasureDerivation? = (a.isDerived || b.isDerived) ? .fromDerived : nil
        if case .baseline(_, let change, let statedPeriod, _) = a.derivation, statedPeriod == laterPeriod,
            !b.isDerived, abs(change - difference) < 1e-9
        {
            differenceDerivation = nil
        }
        let change = Cell.measure(
            Measure(value: difference, unit: inPoints ? .points : .difference, qualifier: qualifier,
                    derivation: differenceDerivation, sources: b.sources))
        guard !inPoints else { return (change, .missing(reason: nil)) }
        guard a.value != 0 else { return (change, .missing(reason: nil)) }
        let growth = Measure(
            value: difference / a.value * 100, unit: .growth, qualifier: qualifier,
            derivation: (a.isDerived || b.isDerived) ? .fromDerived : nil)
        return (change, .measure(growth))
    }
}

/// Notes under a table, without repeats, in the order found.
struct Notes {
    private(set) var lines: [String] = []

    mutating func add(_ line: String) {
        if !lines.contains(line) { lines.append(line) }
    }

    mutating func record(_ figures: CellFigures, label: String, store: ObservationStore) {
        if case .missing(let reason?) = figures.value { add("\(label): \(reason)") }
        if !figures.coveredByParent.isEmpty {
            let names = figures.coveredByParent.map { store.facilities[$0].displayName }.joined(separator: ", ")
            add("\(label): figures of \(names) are already in a parent's own total and were not added again")
        }
    }
}
