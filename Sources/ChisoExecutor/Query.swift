import ChisoModel
import ChisoPlanner

extension Executor {
    func query(_ plan: QueryPlan) throws(Diagnostic) -> ResultTable {
        let context = QueryContext(store: store, plan: plan)
        var table: ResultTable
        switch plan.kind {
        case .show: table = context.show()
        case .compare(let mode): table = context.compare(mode: mode)
        case .trend: table = context.trend()
        case .rank(let descending): table = context.rank(descending: descending)
        case .progress: table = context.progress()
        }
        table.notes += context.mergerNotes() + context.outsideLevelNotes()
        if let order = plan.order {
            try table.order(by: order)
        } else if plan.limit != nil, let column = table.mainMeasureColumn, !plan.kind.isTrendOrRank {
            // `top N` alone keeps the largest figures.
            table.sort(column: column, descending: true)
        }
        if let limit = plan.limit, !plan.kind.isTrendOrRank { table.keepFirst(limit) }
        return table
    }
}

extension QueryKind {
    var isTrendOrRank: Bool {
        switch self {
        case .trend, .rank: return true
        default: return false
        }
    }
}

/// What one query needs while it runs: the aggregator, the groups, the plan.
struct QueryContext {
    let store: ObservationStore
    let plan: QueryPlan
    let aggregator: CellAggregator
    let groups: [FacilityGroup]

    init(store: ObservationStore, plan: QueryPlan) {
        self.store = store
        self.plan = plan
        self.aggregator = CellAggregator(store: store)
        self.groups = ChisoExecutor.groups(plan.grouping, scope: plan.scope, facilities: store.facilities)
    }

    var groupColumn: ResultColumn {
        switch plan.grouping {
        case .total: return ResultColumn("facilities", key: "facilities", role: .label)
        case .facility: return ResultColumn("facility", key: "facility", role: .label)
        case .level(let level): return ResultColumn(level, key: level, role: .label)
        }
    }

    static let indicatorColumn = ResultColumn("indicator", key: "indicator", role: .label)
    static let periodColumn = ResultColumn("period", key: "period", role: .label)

    /// The figures of a measure for a group and period: the indicator's own (with plans),
    /// or the expression computed on the parts' totals.
    func figures(_ measure: BoundMeasure, _ period: BoundPeriod, _ group: FacilityGroup) -> CellFigures {
        if let indicator = measure.indicator {
            return aggregator.figures(
                of: indicator.code, in: period.interval, members: group.admits, weight: plan.weight?.code)
        }
        var evaluator = ExpressionEvaluator(aggregator: aggregator, interval: period.interval, members: group.admits)
        evaluator.weight = plan.weight?.code
        return evaluator.evaluate(measure)
    }

    /// Whether a row has nothing to show and nothing to explain, so it is left out.
    func isEmpty(_ figures: [CellFigures]) -> Bool {
        plan.grouping != .total
            && figures.allSatisfy { f in
                if case .missing(nil) = f.value, f.planShare == nil, f.plan == nil { return true }
                return false
            }
    }

    func formulaNotes(_ notes: inout Notes) {
        for measure in plan.measures {
            if let formula = measure.formula {
                notes.add("\(formula): each indicator is totalled first, then the arithmetic is done on the totals")
            }
        }
    }

    // MARK: show

    func show() -> ResultTable {
        var rows: [[Cell]] = []
        var notes = Notes()
        var hasPlan = false
        guard let period = plan.periods.first else { return ResultTable(columns: [], rows: []) }
        for group in groups {
            for measure in plan.measures {
                let figures = self.figures(measure, period, group)
                if isEmpty([figures]) { continue }
                hasPlan = hasPlan || figures.planShare != nil || figures.plan != nil
                notes.record(figures, label: "\(group.label), \(measure.label)", store: store)
                rows.append([
                    .text(group.label), .text(measure.label), .text(period.period.description),
                    figures.value, figures.planShare ?? .missing(reason: nil), figures.plan ?? .missing(reason: nil),
                ])
            }
        }
        var columns = [groupColumn, Self.indicatorColumn, Self.periodColumn, ResultColumn("value", key: "value")]
        if hasPlan {
            columns += [
                ResultColumn("% of plan", key: "plan_share", carriesCoverage: false),
                ResultColumn("annual plan", key: "plan", carriesCoverage: false),
            ]
        } else {
            rows = rows.map { Array($0.prefix(4)) }
        }
        formulaNotes(&notes)
        return ResultTable(columns: columns, rows: rows, notes: notes.lines)
    }

    // MARK: compare

    func compare(mode: ChangeMode?) -> ResultTable {
        var rows: [[Cell]] = []
        var notes = Notes()
        let anyCount = plan.measures.contains { !$0.changesInPoints }
        let anyPoints = plan.measures.contains { $0.changesInPoints }
        // The second change column: growth by default when any measure is a count, or
        // what the user asked for.
        let second: ChangeMode? = mode == .points ? nil : mode ?? (anyCount ? .growth : nil)
        let firstIsPoints = mode == .points || (mode == nil && !anyCount)
        for group in groups {
            for measure in plan.measures {
                let values = plan.periods.map { figures(measure, $0, group) }
                if isEmpty(values) { continue }
                for figures in values { notes.record(figures, label: "\(group.label), \(measure.label)", store: store) }
                var row: [Cell] = [.text(group.label), .text(measure.label)]
                row += values.map(\.value)
                let change = ChangeCalculator(
                    first: values.first?.value.measure, last: values.last?.value.measure,
                    laterPeriod: plan.periods.last?.interval)
                row.append(change.difference(inPoints: measure.changesInPoints))
                if let second { row.append(second == .ratio ? change.ratio() : change.growth(ofPoints: measure.changesInPoints && mode == nil)) }
                rows.append(row)
            }
        }
        var columns = [groupColumn, Self.indicatorColumn]
        columns += plan.periods.map { ResultColumn($0.period.description, key: $0.period.description) }
        columns.append(
            ResultColumn(
                firstIsPoints ? "change (pts)" : "change", key: firstIsPoints ? "change_points" : "change",
                carriesCoverage: false))
        switch second {
        case .growth?: columns.append(ResultColumn("growth %", key: "growth_pct", carriesCoverage: false))
        case .ratio?: columns.append(ResultColumn("ratio %", key: "ratio_pct", carriesCoverage: false))
        default: break
        }
        if plan.periods.count > 2, let first = plan.periods.first, let last = plan.periods.last {
            notes.add("changes compare \(last.period) with \(first.period)")
        }
        switch second {
        case .growth? where anyPoints && mode == nil:
            notes.add("rates and percentages change in percentage points (pts); counts in growth %, (b − a) ÷ a")
        case .growth? where mode == .growth:
            notes.add("growth % is (b − a) ÷ a × 100" + (anyPoints ? ", for rates too (a relative change, not points)" : ""))
        case .ratio?:
            notes.add("ratio % is b × 100 ÷ a (the later figure as a share of the earlier, \"so sánh\")")
        default: break
        }
        formulaNotes(&notes)
        return ResultTable(columns: columns, rows: rows, notes: notes.lines)
    }

    // MARK: trend

    func trend() -> ResultTable {
        var rows: [[Cell]] = []
        var notes = Notes()
        var kept = groups
        if let limit = plan.limit, let span = plan.span, let measure = plan.measures.first {
            // top N: the groups with the largest figure over the whole span.
            let totals = groups.map { figures(measure, span, $0).value.measure?.value ?? -.infinity }
            let order = groups.indices.sorted { totals[$0] > totals[$1] }
            kept = order.prefix(limit).sorted().map { groups[$0] }
            notes.add("top \(limit): the \(plan.grouping == .facility ? "facilities" : "groups") with the largest \(measure.label) over \(span.period)")
        }
        for group in kept {
            for measure in plan.measures {
                let values = plan.periods.map { figures(measure, $0, group) }
                if isEmpty(values) { continue }
                for (period, figures) in zip(plan.periods, values) {
                    notes.record(figures, label: "\(group.label), \(measure.label), \(period.period)", store: store)
                    rows.append([.text(group.label), .text(measure.label), .text(period.period.description), figures.value])
                }
            }
        }
        if rows.contains(where: { if case .missing = $0[3] { true } else { false } }) {
            notes.add("an empty value is a period with no figure, not a zero")
        }
        formulaNotes(&notes)
        return ResultTable(
            columns: [groupColumn, Self.indicatorColumn, Self.periodColumn, ResultColumn("value", key: "value")],
            rows: rows, notes: notes.lines)
    }

    // MARK: rank

    func rank(descending: Bool) -> ResultTable {
        var notes = Notes()
        guard let period = plan.periods.first, let measure = plan.measures.first else {
            return ResultTable(columns: [], rows: [])
        }
        var entries: [(label: String, value: Cell)] = []
        for group in groups {
            let figures = self.figures(measure, period, group)
            if isEmpty([figures]) { continue }
            notes.record(figures, label: "\(group.label), \(measure.label)", store: store)
            entries.append((group.label, figures.value))
        }
        let ranked = entries.filter { $0.value.measure != nil }.sorted { a, b in
            let (x, y) = (a.value.measure?.value ?? 0, b.value.measure?.value ?? 0)
            return descending ? x > y : x < y
        }
        let unranked = entries.filter { $0.value.measure == nil }
        var rows: [[Cell]] = []
        var position = 0
        var previous: Double?
        for (index, entry) in ranked.enumerated() {
            let value = entry.value.measure?.value ?? 0
            if value != previous { position = index + 1 }
            previous = value
            // top N keeps ties with the N-th, as FETCH FIRST … WITH TIES does.
            if let limit = plan.limit, position > limit { break }
            rows.append([
                .measure(Measure(value: Double(position), unit: .count)), .text(entry.label), .text(measure.label),
                .text(period.period.description), entry.value,
            ])
        }
        if plan.limit == nil {
            for entry in unranked {
                rows.append([
                    .missing(reason: nil), .text(entry.label), .text(measure.label), .text(period.period.description),
                    entry.value,
                ])
            }
        }
        if ranked.contains(where: { $0.value.measure?.qualifier != .exact }) {
            notes.add("a lower or upper bound is ranked by its stated figure; its true place may differ")
        }
        formulaNotes(&notes)
        return ResultTable(
            columns: [
                ResultColumn("rank", key: "rank"), groupColumn, Self.indicatorColumn, Self.periodColumn,
                ResultColumn("value", key: "value"),
            ], rows: rows, notes: notes.lines)
    }

    // MARK: progress

    func progress() -> ResultTable {
        var rows: [[Cell]] = []
        var notes = Notes()
        guard let period = plan.periods.first else { return ResultTable(columns: [], rows: []) }
        let expected = Double(period.interval.count) / 12 * 100
        for group in groups {
            for measure in plan.measures {
                let figures = self.figures(measure, period, group)
                if isEmpty([figures]) { continue }
                notes.record(figures, label: "\(group.label), \(measure.label)", store: store)
                var share = figures.planShare ?? .missing(reason: nil)
                if measure.indicator == nil {
                    notes.add("\(measure.label): an expression has no annual plan")
                } else if share.measure == nil, figures.value.measure != nil {
                    notes.add("no annual plan for \(period.interval.end.year)", about: "\(group.label), \(measure.label)")
                    share = .missing(reason: nil)
                }
                var gap = Cell.missing(reason: nil)
                var status = Cell.missing(reason: nil)
                if let reached = share.measure {
                    gap = .measure(
                        Measure(value: reached.value - expected, unit: .points, qualifier: reached.qualifier,
                                derivation: reached.derivation))
                    switch (reached.value >= expected, reached.qualifier) {
                    case (true, .exact), (true, .atLeast): status = .text("on track")
                    case (false, .exact), (false, .atMost): status = .text("behind")
                    default: status = .text("unclear (\(reached.qualifier.name.replacingOccurrences(of: "_", with: " ")))")
                    }
                }
                rows.append([
                    .text(group.label), .text(measure.label), .text(period.period.description), figures.value,
                    figures.plan ?? .missing(reason: nil), share,
                    .measure(Measure(value: expected, unit: .percent)), gap, status,
                ])
            }
        }
        let months = period.interval.count
        let startsInJanuary = period.interval.start.month == 1
        notes.add(
            "expected: the \(months) month\(months == 1 ? "" : "s") of \(period.period) are "
                + "\(NumberText.percent(expected)) of the year\(startsInJanuary ? "" : " (the period does not start in January)"); "
                + "on track when the share of plan reached is at least that")
        formulaNotes(&notes)
        return ResultTable(
            columns: [
                groupColumn, Self.indicatorColumn, Self.periodColumn, ResultColumn("value", key: "value"),
                ResultColumn("annual plan", key: "plan", carriesCoverage: false),
                ResultColumn("% of plan", key: "plan_share", carriesCoverage: false),
                ResultColumn("expected %", key: "expected_pct", carriesCoverage: false),
                ResultColumn("gap (pts)", key: "gap_points", carriesCoverage: false),
                ResultColumn("status", key: "status", role: .label),
            ], rows: rows, notes: notes.lines)
    }

    /// With `by <level>`, facilities that are in no group of that level (above it, or
    /// outside the hierarchy) and have figures for the question.
    func outsideLevelNotes() -> [String] {
        guard case .level(let level) = plan.grouping, let first = plan.periods.first, let last = plan.periods.last else {
            return []
        }
        let facilities = store.facilities
        let span = MonthInterval(first.interval.start, last.interval.end)
        let scope = plan.scope
        let outside: (FacilityCode, Month) -> Bool = { code, month in
            facilities.ancestor(of: code, atLevel: level, in: month) == nil
                && (scope.isAll || scope.admits(code, in: month, facilities: facilities))
        }
        var names: [String] = []
        for indicator in plan.measures.flatMap(\.expression.indicators) {
            for row in store.rows(of: indicator.code, overlapping: span) {
                let interval = store.interval(at: row)
                guard span.contains(interval), outside(store.facility(at: row), interval.end) else { continue }
                let name = facilities[store.facility(at: row)].displayName
                if !names.contains(name) { names.append(name) }
            }
        }
        guard !names.isEmpty else { return [] }
        let who = names.count <= 3 ? names.joined(separator: ", ") : "\(names.count) facilities"
        return ["not in any \(level), so not shown: the figures of \(who)"]
    }

    // MARK: mergers

    /// Facilities that changed parent inside the asked periods, when the query groups or
    /// filters by the hierarchy: their figures follow the parent of their time, which the
    /// reader must know before reading a jump as a real change.
    func mergerNotes() -> [String] {
        let usesHierarchy: Bool
        if case .level = plan.grouping {
            usesHierarchy = true
        } else {
            usesHierarchy = plan.scope.conditions.contains { $0.dimension != .facility }
        }
        guard usesHierarchy, let first = plan.periods.map(\.interval.start).min(),
            let last = plan.periods.map(\.interval.end).max()
        else { return [] }
        let facilities = store.facilities
        var moves: [String: [String]] = [:]
        var order: [String] = []
        let inScope = plan.scope.candidates ?? Set((0..<facilities.count).map { FacilityCode($0) })
        for code in hierarchyOrder(facilities) where inScope.contains(code) {
            for former in facilities.formerParents(of: code) where former.until >= first && former.until < last {
                let after = former.until.advanced(by: 1)
                // Only a move that changes the answer's groups or filter matters here.
                var changes = false
                if case .level(let level) = plan.grouping {
                    changes = facilities.ancestor(of: code, atLevel: level, in: former.until)
                        != facilities.ancestor(of: code, atLevel: level, in: after)
                }
                if !plan.scope.isAll {
                    changes = changes
                        || plan.scope.admits(code, in: former.until, facilities: facilities)
                            != plan.scope.admits(code, in: after, facilities: facilities)
                }
                guard changes else { continue }
                let to = facilities.parent(of: code, in: after).map { facilities[$0].displayName } ?? "no parent"
                let key = "from \(facilities[former.parent].displayName) to \(to) from \(Period.month(after.year, after.month))"
                if moves[key] == nil { order.append(key) }
                moves[key, default: []].append(facilities[code].displayName)
            }
        }
        return order.map { key in
            let names = moves[key] ?? []
            let who = names.count <= 3 ? names.joined(separator: ", ") : "\(names.count) facilities"
            return "\(who) moved \(key) (a merger): each figure counts under the parent of its own period, "
                + "so a change at the merger is the new boundary, not new activity"
        }
    }
}

/// Short number words for notes.
enum NumberText {
    static func percent(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return (rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)) + " %"
    }
}
