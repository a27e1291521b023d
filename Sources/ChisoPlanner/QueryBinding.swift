import ChisoModel
import ChisoParser

extension Planner {
    /// A query's verb, measures, periods, grouping, scope and ordering, bound.
    func bindQuery(_ query: QueryStatement) throws(Diagnostic) -> QueryPlan {
        let measures = try query.measures.map(bindMeasure)
        var periods = try query.periods.map(bindPeriod)
        if query.sameLastYear != nil, let period = periods.first {
            periods = [BoundPeriod(period: period.period.sameLastYear), period]
        }
        let clauses = query.clauses
        var grains: [(TimeGrain, NameSyntax)] = []
        var dimensions: [NameSyntax] = []
        for name in clauses.groupings {
            if let grain = Self.timeGrain(name.text) { grains.append((grain, name)) } else { dimensions.append(name) }
        }
        if query.verb != .trend, let (_, name) = grains.first {
            throw Diagnostic(
                id: "misplaced-clause", "'by \(name.text)' splits a trend into periods", range: name.range,
                hint: "trend \(query.measures[0].expression) 2024M01..2025M06 by \(name.text)")
        }
        if grains.count > 1 {
            throw Diagnostic(id: "repeated-clause", "a trend has one time grain", range: grains[1].1.range)
        }
        if let rankDimension = query.rankDimension {
            if let extra = dimensions.first {
                throw Diagnostic(
                    id: "repeated-clause", "rank already groups by \(rankDimension.text)", range: extra.range,
                    hint: "rank \(extra.text) by …")
            }
            dimensions = [rankDimension]
        }
        if dimensions.count > 1 {
            throw Diagnostic(
                id: "repeated-clause", "'by' is given twice", range: dimensions[1].range,
                hint: "group by one dimension; filter with for or where")
        }
        var grouping = try bindGrouping(dimensions.first)
        if query.verb == .rank, query.rankDimension == nil { grouping = .facility }
        if query.verb == .rank, grouping == .total {
            throw Diagnostic(
                id: "unknown-dimension", "rank needs facilities or a level to rank",
                range: query.verbRange, hint: "rank facilities by visits 2025")
        }

        let kind: QueryKind
        var span: BoundPeriod?
        switch query.verb {
        case .show: kind = .show
        case .progress:
            kind = .progress
            if let period = periods.first, period.interval.start.year != period.interval.end.year {
                throw Diagnostic(
                    id: "bad-period", "progress is measured within one year; \(period.period) spans two",
                    range: query.periods[0].range, hint: "progress \(query.measures[0].expression) 2025H1")
            }
        case .rank:
            // `order by value asc` on a rank is the rank's own direction, not a re-sort.
            var descending = clauses.descending ?? true
            if let order = clauses.order, ["value", "rank"].contains(TextFolding.fold(order.key.text)) {
                descending = (order.descending ?? true) != (TextFolding.fold(order.key.text) == "rank")
            }
            kind = .rank(descending: descending)
        case .compare: kind = .compare(try bindMode(clauses.mode, measures: measures))
        case .trend:
            guard let whole = periods.first else { throw Diagnostic(id: "bad-period", "trend needs a period") }
            let grain = grains.first?.0 ?? Self.defaultGrain(months: whole.interval.count)
            kind = .trend(grain)
            span = whole
            periods = Self.buckets(of: whole.interval, by: grain).map { BoundPeriod(period: Period(interval: $0)) }
        }
        if query.verb != .compare, let mode = clauses.mode {
            throw Diagnostic(
                id: "misplaced-clause", "'as \(mode.text)' is for compare", range: mode.range,
                hint: "compare \(query.measures[0].expression) 2024H1 2025H1 as \(mode.text)")
        }
        if query.verb != .rank, clauses.order == nil, let descending = clauses.descending {
            throw Diagnostic(
                id: "misplaced-clause", "'\(descending ? "desc" : "asc")' goes after order by",
                range: clauses.limitRange ?? query.verbRange, hint: "order by value \(descending ? "desc" : "asc")")
        }
        var orderClause = clauses.order
        if query.verb == .rank, let order = orderClause, ["value", "rank"].contains(TextFolding.fold(order.key.text)) {
            orderClause = nil
        }
        let order = orderClause.map { order in
            BoundOrder(key: order.key.text, range: order.key.range, descending: order.descending ?? !Self.isNameKey(order.key.text))
        }
        var weight: BoundIndicator?
        if let name = clauses.weight {
            let bound = try bindIndicator(try substitute(name))
            guard bound.indicator.kind == .count || bound.indicator.kind == .stock else {
                throw Diagnostic(
                    id: "bad-weight", "\(bound.indicator.id) is a \(bound.indicator.kind.rawValue); a weight must be a count",
                    range: name.range, hint: "weight by a count such as inpatient or visits")
            }
            weight = bound
        }
        // `where status = behind` is about the answer's rows, not the facilities counted.
        var conditions = clauses.conditions
        var statusFilter: [String]?
        if let index = conditions.firstIndex(where: { TextFolding.fold($0.dimension.text) == "status" }) {
            let condition = conditions.remove(at: index)
            guard query.verb == .progress else {
                throw Diagnostic(
                    id: "unknown-dimension", "status is a column of progress", range: condition.dimension.range,
                    hint: "progress \(query.measures[0].expression) 2025H1 by commune where status = behind")
            }
            let values: [NameSyntax]
            switch condition.test {
            case .equals(let value), .matches(let value): values = [value]
            case .isIn(let list): values = list
            }
            let known = ["on track", "behind", "partial", "unclear"]
            for value in values where !known.contains(where: { $0.hasPrefix(TextFolding.fold(value.text)) }) {
                throw Diagnostic(
                    id: "unknown-name", "no status is called '\(value.text)'", range: value.range,
                    hint: "statuses: on track, behind, partial, unclear")
            }
            var folded: [String] = []
            for value in values { folded.append(TextFolding.fold(try substitute(value).text)) }
            statusFilter = folded
        }
        var plan = QueryPlan(
            kind: kind, measures: measures, periods: periods, span: span, grouping: grouping,
            scope: try bindScope(filter: clauses.filter, conditions: conditions), order: order,
            limit: clauses.limit, weight: weight)
        plan.statusFilter = statusFilter
        plan.chart = query.chart
        return plan
    }

    /// Names are ordered A to Z by default, figures largest first.
    static func isNameKey(_ key: String) -> Bool {
        ["name", "facility", "facilities", "indicator", "period"].contains(TextFolding.fold(key))
    }

    static func timeGrain(_ text: String) -> TimeGrain? {
        switch TextFolding.fold(text) {
        case "month", "months", "monthly", "thang": return .month
        case "quarter", "quarters", "quarterly", "quy": return .quarter
        case "half", "halves", "half-year", "halfyear", "semester": return .half
        case "year", "years", "yearly", "annual", "nam": return .year
        default: return nil
        }
    }

    /// Months for a range up to two years, quarters up to four, years beyond.
    static func defaultGrain(months: Int) -> TimeGrain {
        months <= 24 ? .month : months <= 48 ? .quarter : .year
    }

    /// The calendar buckets of a grain that cover an interval, clipped to it.
    static func buckets(of interval: MonthInterval, by grain: TimeGrain) -> [MonthInterval] {
        let size: Int
        switch grain {
        case .month: size = 1
        case .quarter: size = 3
        case .half: size = 6
        case .year: size = 12
        }
        var result: [MonthInterval] = []
        var start = interval.start
        while start <= interval.end {
            // The bucket ends at the next multiple of `size` months from January.
            let monthInYear = start.month - 1
            let bucketEnd = start.advanced(by: size - 1 - monthInYear % size)
            let end = min(bucketEnd, interval.end)
            result.append(MonthInterval(start, end))
            start = end.advanced(by: 1)
        }
        return result
    }

    func bindMode(_ mode: NameSyntax?, measures: [BoundMeasure]) throws(Diagnostic) -> ChangeMode? {
        guard let mode else { return nil }
        let word = TextFolding.fold(mode.text)
        let aliases: [String: ChangeMode] = [
            "growth": .growth, "percent": .growth, "ratio": .ratio, "so sanh": .ratio, "points": .points,
            "pts": .points, "point": .points,
        ]
        guard let bound = aliases[word] else {
            let hint = TextFolding.suggestion(for: mode.text, among: ChangeMode.allCases.map(\.rawValue))
                .map { "did you mean '\($0)'?" }
            throw Diagnostic(
                id: "unknown-mode", "cannot show change as '\(mode.text)'", range: mode.range,
                hint: hint ?? "as growth ((b − a) ÷ a), as ratio (b × 100 ÷ a) or as points (b − a, for rates)")
        }
        if bound == .points, let count = measures.first(where: { !$0.changesInPoints }) {
            throw Diagnostic(
                id: "unknown-mode", "\(count.label) is not a rate or percentage, so it has no percentage points",
                range: mode.range, hint: "as growth or as ratio")
        }
        return bound
    }

    // MARK: Measures

    func bindMeasure(_ syntax: MeasureSyntax) throws(Diagnostic) -> BoundMeasure {
        if let name = syntax.expression.singleName {
            let resolved = try substitute(name)
            if let definition = definitions[TextFolding.fold(resolved.text)], catalog.lookup(resolved.text) == nil {
                return BoundMeasure(
                    label: syntax.alias?.text ?? definition.name, expression: definition.expression,
                    unit: definition.unit, formula: "\(definition.name) = \(definition.expression)")
            }
            let indicator = try bindIndicator(resolved)
            let label = syntax.alias?.text ?? indicator.indicator.id
            return BoundMeasure(
                label: label, expression: .indicator(indicator), unit: Self.unit(of: indicator), formula: nil)
        }
        let expression = try bindExpression(syntax.expression)
        let text = expression.description
        let label = syntax.alias?.text ?? text
        return BoundMeasure(
            label: label, expression: expression, unit: Self.inferredUnit(expression),
            formula: syntax.alias.map { "\($0.text) = \(text)" } ?? text)
    }

    static func unit(of indicator: BoundIndicator) -> ExpressionUnit {
        switch indicator.indicator.kind {
        case .count, .stock: return .count
        case .ratio, .percentage: return .percent
        }
    }

    /// `a / b * 100` and `100 * a / b` are percentages; sums and differences of counts are
    /// counts; anything else is a plain number.
    static func inferredUnit(_ expression: BoundExpression) -> ExpressionUnit {
        switch expression {
        case .indicator(let indicator): return unit(of: indicator)
        case .parenthesized(let inner), .negate(let inner): return inferredUnit(inner)
        case .constant: return .number(nil)
        case .binary(.multiply, let a, let b):
            if b.isConstantValue(100), case .binary(.divide, _, _) = a.unwrapped { return .percent }
            if a.isConstantValue(100), case .binary(.divide, _, _) = b.unwrapped { return .percent }
            return .number(nil)
        case .binary(.divide, let a, let b):
            if case .binary(.multiply, let x, _) = a.unwrapped, x.isConstantValue(100), !(b.isConstant) {
                return .percent
            }
            if case .binary(.multiply, _, let y) = a.unwrapped, y.isConstantValue(100), !(b.isConstant) {
                return .percent
            }
            return .number(nil)
        case .binary(_, let a, let b):
            let (ua, ub) = (inferredUnit(a), inferredUnit(b))
            if ua == ub { return ua }
            return .number(nil)
        }
    }

    func bindExpression(_ syntax: ExpressionSyntax) throws(Diagnostic) -> BoundExpression {
        switch syntax {
        case .name(let name):
            let resolved = try substitute(name)
            if catalog.lookup(resolved.text) == nil, let definition = definitions[TextFolding.fold(resolved.text)] {
                switch definition.expression.unwrapped {
                case .indicator, .constant: return definition.expression.unwrapped
                default: return .parenthesized(definition.expression)
                }
            }
            return .indicator(try bindIndicator(resolved))
        case .number(let value, let text, _): return .constant(value, text: text)
        case .binary(let op, let a, let b): return .binary(op, try bindExpression(a), try bindExpression(b))
        case .negate(let inner, _): return .negate(try bindExpression(inner))
        case .parenthesized(let inner, _): return .parenthesized(try bindExpression(inner))
        }
    }

    /// A `$name` replaced by its value, keeping the range of the reference for messages.
    func substitute(_ name: NameSyntax) throws(Diagnostic) -> NameSyntax {
        guard name.isVariable else { return name }
        guard let value = variables[name.text] else {
            throw Diagnostic(
                id: "unset-variable", "variable $\(name.text) is not set", range: name.range,
                hint: "set it with let \(name.text) = … or --set \(name.text)=…")
        }
        return NameSyntax(value, name.range, quoted: true)
    }

    func bindDefinition(_ define: DefineStatement) throws(Diagnostic) -> Definition {
        let name = define.name.text
        if let existing = catalog.lookup(name) {
            throw Diagnostic(
                id: "name-taken", "'\(name)' is already the indicator \(catalog[existing].id)", range: define.name.range,
                hint: "choose another name, such as my_\(name)")
        }
        if Parser.verbs.contains(name.lowercased()) || Parser.clauseKeywords.contains(name.lowercased()) {
            throw Diagnostic(id: "name-taken", "'\(name)' is a keyword", range: define.name.range)
        }
        // A definition may use earlier ones, but not itself.
        var planner = self
        planner.definitions[TextFolding.fold(name)] = nil
        let expression = try planner.bindExpression(define.expression)
        var unit = Self.inferredUnit(expression)
        if let unitName = define.unit {
            switch TextFolding.fold(unitName.text) {
            case "%", "percent", "percentage", "pct": unit = .percent
            case "count", "counts": unit = .count
            default: unit = .number(unitName.text)
            }
        }
        return Definition(name: name, expression: expression, unit: unit, label: define.label?.text)
    }
}

extension BoundExpression {
    /// The expression without enclosing parentheses.
    public var unwrapped: BoundExpression {
        if case .parenthesized(let inner) = self { return inner.unwrapped }
        return self
    }

    public var isConstant: Bool {
        if case .constant = unwrapped { return true }
        return false
    }

    public func isConstantValue(_ value: Double) -> Bool {
        if case .constant(let v, _) = unwrapped { return v == value }
        return false
    }
}
