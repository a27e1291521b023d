import ChisoModel
import ChisoPlanner

extension Executor {
    func query(_ plan: QueryPlan) throws(Diagnostic) -> ResultTable {
        let context = QueryContext(
            store: store, plan: plan, withSources: withSources, batches: batches, isCancelled: isCancelled)
        var laid: LaidOut
        switch plan.kind {
        case .show: laid = context.show()
        case .compare(let mode): laid = context.compare(mode: mode)
        case .trend: laid = context.trend()
        case .rank(let descending): laid = context.rank(descending: descending)
        case .progress: laid = context.progress()
        }
        // Cancelled cells came back empty at once; the answer is withdrawn, not shown half.
        if isCancelled() { throw Diagnostic(id: "cancelled", "cancelled (Ctrl-C); nothing was changed") }
        laid.tableNotes += context.mergerNotes() + context.outsideLevelNotes()
        if let weight = plan.weight {
            let unweighted = plan.measures.compactMap(\.indicator).filter { $0.indicator.kind != .percentage }
            if !unweighted.isEmpty {
                laid.tableNotes.append(
                    "weighted by \(weight.indicator.id) applies to percentages; "
                        + unweighted.map(\.indicator.id).joined(separator: ", ") + " add up by their own kind")
            }
        }
        var table = ResultTable(columns: laid.columns, rows: laid.rows)
        var order = Array(table.rows.indices)
        if let wanted = plan.statusFilter, let column = laid.columns.firstIndex(where: { $0.key == "status" }) {
            order = order.filter { index in
                guard case .text(let status) = laid.rows[index][column] else { return false }
                return wanted.contains { TextFolding.fold(status).hasPrefix($0) }
            }
        }
        if let wanted = plan.order {
            let kept = Set(order)
            order = try table.permutation(orderedBy: wanted).filter(kept.contains)
        } else if plan.limit != nil, let column = table.mainMeasureColumn, !plan.kind.isTrendOrRank {
            // `top N` alone keeps the largest figures.
            let kept = Set(order)
            order = table.permutation(sortedBy: column, descending: true).filter(kept.contains)
        }
        var hidden = 0
        if let limit = plan.limit, !plan.kind.isTrendOrRank {
            // top N of each measure: `show visits, inpatient … top 3` keeps three of each.
            var kept: [String: Int] = [:]
            let before = order.count
            order = order.filter { index in
                let measure = laid.rows[index].count > 1 ? "\(laid.rows[index][1])" : ""
                kept[measure, default: 0] += 1
                return (kept[measure] ?? 0) <= limit
            }
            hidden = before - order.count
        }
        // Usually every row is kept in its order: the rows are shared, not copied one by one.
        if order.count != laid.rows.count || !order.elementsEqual(laid.rows.indices) {
            table.rows = order.map { laid.rows[$0] }
        }
        // Notes are about the rows shown, then about the whole table.
        var notes = Notes(capacity: order.reduce(laid.tableNotes.count) { $0 + laid.rowNotes[$1].count })
        for index in order {
            for entry in laid.rowNotes[index] { notes.add(entry.message, about: entry.label) }
        }
        for line in laid.tableNotes { notes.add(line) }
        if hidden > 0 {
            let each = plan.measures.count > 1 ? " of each indicator" : ""
            notes.add("top \(plan.limit ?? 0)\(each): \(hidden) more row\(hidden == 1 ? "" : "s") not shown")
        }
        table.notes = notes.lines
        if plan.chart {
            if case .trend = plan.kind { table.chart = .series } else { table.chart = .bars }
        }
        return table
    }
}

/// A verb's table before ordering and `top`: rows with the notes about each.
struct LaidOut {
    var columns: [ResultColumn]
    var rows: [[Cell]] = []
    var rowNotes: [[(message: String, label: String)]] = []
    var tableNotes: [String] = []

    init(columns: [ResultColumn] = []) {
        self.columns = columns
    }

    mutating func append(_ row: [Cell], notes: [(message: String, label: String)]) {
        rows.append(row)
        rowNotes.append(notes)
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
    let isCancelled: @Sendable () -> Bool

    init(
        store: ObservationStore, plan: QueryPlan, withSources: Bool = true, batches: Bool = true,
        isCancelled: @escaping @Sendable () -> Bool = { false }
    ) {
        self.store = store
        self.plan = plan
        self.isCancelled = isCancelled
        self.groups = ChisoExecutor.groups(plan.grouping, scope: plan.scope, facilities: store.facilities)
        var aggregator = CellAggregator(store: store)
        aggregator.manyGroups = groups.count > 8
        aggregator.partition = batches ? GroupPartition(groups, facilities: store.facilities) : nil
        aggregator.withSources = withSources
        self.aggregator = aggregator
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
        if isCancelled() { return CellFigures(value: .missing(reason: nil)) }
        if let code = measure.indicatorCode {
            return aggregator.figures(
                of: code, in: period.interval, members: group.admits, candidates: group.candidates,
                weight: plan.weight?.code, group: group.index)
        }
        var evaluator = ExpressionEvaluator(
            aggregator: aggregator, interval: period.interval, members: group.admits, candidates: group.candidates)
        evaluator.weight = plan.weight?.code
        evaluator.group = group.index
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

    /// For each period, the facilities that give figures in other periods of the same row
    /// but none in this one, though they belonged to the group then: a sum without them
    /// is short of what they would have added. Empty, not a list per period, when nobody
    /// is missing anywhere (the usual case, which makes no arrays).
    func absentees(_ values: [CellFigures], group: FacilityGroup) -> [[FacilityCode]] {
        // Usually every period has figures from the same facilities: nobody is missing.
        guard values.count > 1, values.contains(where: { $0.contributors != values[0].contributors }) else {
            return []
        }
        let everyone = values.reduce(into: Set<FacilityCode>()) { $0.formUnion($1.contributors) }
        guard !everyone.isEmpty,
            values.contains(where: { $0.value.measure != nil && $0.contributors.count < everyone.count })
        else { return [] }
        return zip(values, plan.periods).map { figures, period in
            guard figures.value.measure != nil else { return [] }
            let missing = everyone.subtracting(figures.contributors)
            guard !missing.isEmpty else { return [] }
            let end = period.interval.end
            // A facility whose parent's total, or whose children's figures, stand in for it
            // in this period is not missing.
            let related = figures.contributors.reduce(into: Set<FacilityCode>()) { set, code in
                set.formUnion(store.facilities.ancestorsEver(of: code))
            }
            // A set once per period: each missing facility's ancestors are looked up in it.
            let contributors = Set(figures.contributors)
            return missing.filter { code in
                group.admits(code, end) && (store.facilities.closed(code).map { $0 >= period.interval.start } ?? true)
                    && !figures.coveredByParent.contains(code) && !related.contains(code)
                    && store.facilities.ancestorsEver(of: code).isDisjoint(with: contributors)
            }.sorted()
        }
    }

    func absenceNote(_ codes: [FacilityCode], _ period: BoundPeriod) -> String {
        "\(period.period) has no figure from \(names(codes)), which report\(codes.count == 1 ? "s" : "") in the other periods"
    }

    /// Up to three facility names, or how many.
    func names(_ codes: some Sequence<FacilityCode>) -> String {
        let ordered = Set(codes).sorted()
        guard ordered.count <= 3 else { return "\(ordered.count) facilities" }
        return ordered.map { store.facilities[$0].displayName }.joined(separator: ", ")
    }

    var formulaNotes: [String] {
        plan.measures.compactMap { measure in
            measure.formula.map { "\($0): each indicator is totalled first, then the arithmetic is done on the totals" }
        }
    }

    /// What the reader must know about one row's figures, as (message, row label) pairs.
    func entries(_ figures: CellFigures, label makeLabel: @autoclosure () -> String) -> [(message: String, label: String)] {
        // Most cells have nothing to say: no label is made for them.
        if figures.notes.isEmpty && figures.coveredByParent.isEmpty {
            guard case .missing(_?) = figures.value else { return [] }
        }
        let label = makeLabel()
        var result: [(message: String, label: String)] = []
        if case .missing(let reason?) = figures.value { result.append((reason, label)) }
        for note in figures.notes { result.append((note, label)) }
        if !figures.coveredByParent.isEmpty {
            let covered = figures.coveredByParent
            let names = covered.count <= 3
                ? "the figures of " + covered.map { store.facilities[$0].displayName }.joined(separator: ", ")
                : "the figures below it"
            result.append(("a parent's own total was used; \(names) are in it and were not added again", label))
        }
        return result
    }

    // MARK: show

    func show() -> LaidOut {
        var laid = LaidOut()
        var hasPlan = false
        guard let period = plan.periods.first else { return laid }
        for group in groups {
            for measure in plan.measures {
                let figures = self.figures(measure, period, group)
                if isEmpty([figures]) { continue }
                hasPlan = hasPlan || figures.planShare != nil || figures.plan != nil
                laid.append(
                    [
                        .text(group.label), .text(measure.label), .text(period.period.description),
                        figures.value, figures.planShare ?? .missing(reason: nil), figures.plan ?? .missing(reason: nil),
                    ], notes: entries(figures, label: "\(group.label), \(measure.label)"))
            }
        }
        laid.columns = [groupColumn, Self.indicatorColumn, Self.periodColumn, ResultColumn("value", key: "value")]
        if hasPlan {
            laid.columns += [
                ResultColumn("% of plan", key: "plan_share", carriesCoverage: false),
                ResultColumn("annual plan", key: "plan", carriesCoverage: false),
            ]
        } else {
            laid.rows = laid.rows.map { Array($0.prefix(4)) }
        }
        laid.tableNotes = formulaNotes
        return laid
    }

    // MARK: compare

    func compare(mode: ChangeMode?) -> LaidOut {
        var laid = LaidOut()
        let anyCount = plan.measures.contains { !$0.changesInPoints }
        let anyPoints = plan.measures.contains { $0.changesInPoints }
        // The second change column: growth by default when any measure is a count, or
        // what the user asked for.
        let second: ChangeMode? = mode == .points ? nil : mode ?? (anyCount ? .growth : nil)
        let firstIsPoints = mode == .points || (mode == nil && !anyCount)
        // Worked out once, not per row.
        let inPoints = plan.measures.map(\.changesInPoints)
        for group in groups {
            for (m, measure) in plan.measures.enumerated() {
                let values = plan.periods.map { figures(measure, $0, group) }
                if isEmpty(values) { continue }
                // One allocation for the row: its labels, figures and two changes.
                var row: [Cell] = []
                row.reserveCapacity(values.count + 4)
                row.append(.text(group.label))
                row.append(.text(measure.label))
                for figures in values { row.append(figures.value) }
                let change = ChangeCalculator(
                    first: values.first?.value.measure, last: values.last?.value.measure,
                    laterPeriod: plan.periods.last?.interval)
                row.append(change.difference(inPoints: inPoints[m]))
                if let second {
                    row.append(second == .ratio ? change.ratio() : change.growth(ofPoints: inPoints[m] && mode == nil))
                }
                lazy var label = "\(group.label), \(measure.label)"
                var notes: [(message: String, label: String)] = []
                for figures in values { notes += entries(figures, label: label) }
                for (codes, period) in zip(absentees(values, group: group), plan.periods) where !codes.isEmpty {
                    notes.append((absenceNote(codes, period), label))
                }
                if second == .growth || second == .ratio, !inPoints[m] || mode != nil,
                    values.first?.value.measure?.value == 0, values.last?.value.measure != nil
                {
                    notes.append(("no \(second == .ratio ? "ratio" : "growth") from 0", label))
                }
                if let first = values.first, let last = values.last, let a = plan.periods.first, let b = plan.periods.last,
                    !first.contributors.isEmpty, !last.contributors.isEmpty, first.contributors != last.contributors
                {
                    notes.append(
                        ("the periods' figures come from different facilities: \(a.period) from \(names(first.contributors)); "
                            + "\(b.period) from \(names(last.contributors))", label))
                }
                laid.append(row, notes: notes)
            }
        }
        laid.columns = [groupColumn, Self.indicatorColumn]
        laid.columns += plan.periods.map { ResultColumn($0.period.description, key: $0.period.description) }
        laid.columns.append(
            ResultColumn(firstIsPoints ? "change (pts)" : "change", key: firstIsPoints ? "change_points" : "change"))
        switch second {
        case .growth?: laid.columns.append(ResultColumn("growth %", key: "growth_pct"))
        case .ratio?: laid.columns.append(ResultColumn("ratio %", key: "ratio_pct"))
        default: break
        }
        if plan.periods.count > 2, let first = plan.periods.first, let last = plan.periods.last {
            laid.tableNotes.append("changes compare \(last.period) with \(first.period)")
        }
        switch second {
        case .growth? where anyPoints && mode == nil:
            laid.tableNotes.append("rates and percentages change in percentage points (pts); counts in growth %, (b − a) ÷ a")
        case .growth? where mode == .growth:
            laid.tableNotes.append(
                "growth % is (b − a) ÷ a × 100" + (anyPoints ? ", for rates too (a relative change, not points)" : ""))
        case .ratio?:
            laid.tableNotes.append("ratio % is b × 100 ÷ a (the later figure as a share of the earlier, \"so sánh\")")
        default: break
        }
        laid.tableNotes += formulaNotes
        return laid
    }

    // MARK: trend

    func trend() -> LaidOut {
        var laid = LaidOut(columns: [groupColumn, Self.indicatorColumn, Self.periodColumn, ResultColumn("value", key: "value")])
        var kept = groups
        if let limit = plan.limit, let span = plan.span, let measure = plan.measures.first {
            // top N: the groups with the largest figure over the whole span.
            let totals = groups.map { figures(measure, span, $0).value.measure?.value ?? -.infinity }
            let order = groups.indices.sorted { totals[$0] > totals[$1] }
            kept = order.prefix(limit).sorted().map { groups[$0] }
            laid.tableNotes.append(
                "top \(limit): the \(plan.grouping == .facility ? "facilities" : "groups") with the largest \(measure.label) over \(span.period)")
        }
        for group in kept {
            for measure in plan.measures {
                let values = plan.periods.map { figures(measure, $0, group) }
                if isEmpty(values) { continue }
                let absent = absentees(values, group: group)
                for (index, (period, figures)) in zip(plan.periods, values).enumerated() {
                    var notes = entries(figures, label: "\(group.label), \(measure.label), \(period.period)")
                    if !absent.isEmpty, !absent[index].isEmpty {
                        notes.append((absenceNote(absent[index], period), "\(group.label), \(measure.label)"))
                    }
                    laid.append(
                        [.text(group.label), .text(measure.label), .text(period.period.description), figures.value],
                        notes: notes)
                }
            }
        }
        if laid.rows.contains(where: { if case .missing = $0[3] { true } else { false } }) {
            laid.tableNotes.append("an empty value is a period with no figure, not a zero")
        }
        laid.tableNotes += formulaNotes
        return laid
    }

    // MARK: rank

    func rank(descending: Bool) -> LaidOut {
        var laid = LaidOut(columns: [
            ResultColumn("rank", key: "rank", isTally: true), groupColumn, Self.indicatorColumn, Self.periodColumn,
            ResultColumn("value", key: "value"),
        ])
        guard let period = plan.periods.first, let measure = plan.measures.first else { return laid }
        var entries: [(label: String, figures: CellFigures)] = []
        for group in groups {
            let figures = self.figures(measure, period, group)
            if isEmpty([figures]) { continue }
            entries.append((group.label, figures))
        }
        // Sorted by position, not moved: an entry's figures are large to copy.
        var keys: [(index: Int, value: Double)] = []
        for (index, entry) in entries.enumerated() {
            // A value that is not a number has no place: it is listed unranked.
            if let measure = entry.figures.value.measure, !measure.value.isNaN { keys.append((index, measure.value)) }
        }
        keys.sort { a, b in
            if a.value != b.value { return descending ? a.value > b.value : a.value < b.value }
            return a.index < b.index
        }
        var position = 0
        var previous: Double?
        var shownBounds = false
        for (index, key) in keys.enumerated() {
            let entry = entries[key.index]
            let value = key.value
            if value != previous { position = index + 1 }
            previous = value
            // top N keeps ties with the N-th, as FETCH FIRST … WITH TIES does.
            if let limit = plan.limit, position > limit {
                laid.tableNotes.append("top \(limit): \(keys.count - index) more ranked below")
                break
            }
            shownBounds = shownBounds || entry.figures.value.measure?.qualifier != .exact
            laid.append(
                [
                    .measure(Measure(value: Double(position), unit: .count)), .text(entry.label), .text(measure.label),
                    .text(period.period.description), entry.figures.value,
                ], notes: self.entries(entry.figures, label: "\(entry.label), \(measure.label)"))
        }
        if plan.limit == nil {
            for entry in entries where entry.figures.value.measure.map(\.value.isNaN) ?? true {
                laid.append(
                    [
                        .missing(reason: nil), .text(entry.label), .text(measure.label), .text(period.period.description),
                        entry.figures.value,
                    ], notes: self.entries(entry.figures, label: "\(entry.label), \(measure.label)"))
            }
        }
        if shownBounds {
            laid.tableNotes.append("a lower or upper bound is ranked by its stated figure; its true place may differ")
        }
        laid.tableNotes += formulaNotes
        return laid
    }

    // MARK: progress

    func progress() -> LaidOut {
        var laid = LaidOut(columns: [
            groupColumn, Self.indicatorColumn, Self.periodColumn, ResultColumn("value", key: "value"),
            ResultColumn("annual plan", key: "plan", carriesCoverage: false),
            ResultColumn("% of plan", key: "plan_share", carriesCoverage: false),
            ResultColumn("expected %", key: "expected_pct", carriesCoverage: false),
            ResultColumn("gap (pts)", key: "gap_points", carriesCoverage: false),
            ResultColumn("status", key: "status", role: .label),
        ])
        guard let period = plan.periods.first else { return laid }
        let expected = Double(period.interval.count) / 12 * 100
        for group in groups {
            for measure in plan.measures {
                let figures = self.figures(measure, period, group)
                if isEmpty([figures]) { continue }
                let label = "\(group.label), \(measure.label)"
                var notes = entries(figures, label: label)
                var share = figures.planShare ?? .missing(reason: nil)
                if measure.indicator == nil {
                    laid.tableNotes.append("\(measure.label): an expression has no annual plan")
                } else if share.measure == nil, figures.value.measure != nil {
                    notes.append(("no annual plan for \(period.interval.end.year)", label))
                    share = .missing(reason: nil)
                }
                var gap = Cell.missing(reason: nil)
                var status = Cell.missing(reason: nil)
                if let coverage = figures.value.measure?.coverage, share.measure != nil {
                    // A share of plan from part of the period says nothing about pace.
                    status = .text("partial (\(coverage.covered) of \(coverage.total) months)")
                    notes.append(("no verdict: the figures cover only part of the period", label))
                } else if let reached = share.measure {
                    gap = .measure(
                        Measure(value: reached.value - expected, unit: .points, qualifier: reached.qualifier,
                                derivation: reached.derivation))
                    switch (reached.value >= expected, reached.qualifier) {
                    case (true, .exact), (true, .atLeast): status = .text("on track")
                    case (false, .exact), (false, .atMost): status = .text("behind")
                    default: status = .text("unclear (\(reached.qualifier.name.replacingOccurrences(of: "_", with: " ")))")
                    }
                }
                laid.append(
                    [
                        .text(group.label), .text(measure.label), .text(period.period.description), figures.value,
                        figures.plan ?? .missing(reason: nil), share,
                        .measure(Measure(value: expected, unit: .percent)), gap, status,
                    ], notes: notes)
            }
        }
        let months = period.interval.count
        let startsInJanuary = period.interval.start.month == 1
        laid.tableNotes.append(
            "expected: the \(months) month\(months == 1 ? "" : "s") of \(period.period) are "
                + "\(NumberText.percent(expected)) of the year\(startsInJanuary ? "" : " (the period does not start in January)"); "
                + "on track when the share of plan reached is at least that")
        laid.tableNotes += formulaNotes
        return laid
    }

    /// With `by <level>`, facilities that are in no group of that level (above it, or
    /// outside the hierarchy) and have figures for the question.
    func outsideLevelNotes() -> [String] {
        // The periods may come in any order (compare 2025 2024).
        guard case .level(let level) = plan.grouping, let first = plan.periods.map(\.interval.start).min(),
            let last = plan.periods.map(\.interval.end).max()
        else { return [] }
        let facilities = store.facilities
        let span = MonthInterval(first, last)
        let scope = plan.scope
        // Most facilities are in a group of the level in every month: their rows need no look.
        let eras = facilities.eras(atLevel: level)
        var mayBeOutside = [Bool](repeating: false, count: facilities.count)
        for era in eras.ancestors {
            for (code, ancestor) in era.enumerated() where ancestor == nil { mayBeOutside[code] = true }
        }
        guard mayBeOutside.contains(true) else { return [] }
        let outside: (FacilityCode, Month) -> Bool = { code, month in
            mayBeOutside[Int(code)] && eras.ancestor(of: code, in: month) == nil
                && (scope.isAll || scope.admits(code, in: month, facilities: facilities))
        }
        var names: [String] = []
        for indicator in plan.measures.flatMap(\.expression.indicators) {
            for row in store.rows(of: indicator.code, overlapping: span) where mayBeOutside[Int(store.facility(at: row))] {
                let interval = store.interval(at: row)
                // Inside one of the periods asked, not merely between them (compare 2023 2025).
                guard plan.periods.contains(where: { $0.interval.contains(interval) }),
                    outside(store.facility(at: row), interval.end)
                else { continue }
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
        for code in facilities.hierarchyOrder where inScope.contains(code) {
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
