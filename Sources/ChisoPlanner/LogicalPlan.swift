import ChisoModel
import ChisoParser

/// An indicator bound to the catalog.
public struct BoundIndicator: Sendable, Hashable {
    public var code: IndicatorCode
    public var indicator: Indicator
}

/// A period bound to its months, keeping the notation the user wrote.
public struct BoundPeriod: Sendable, Hashable {
    public var period: Period
    public var interval: MonthInterval { period.interval }
}

/// What the number an expression gives stands for, which decides how it changes.
public enum ExpressionUnit: Sendable, Hashable {
    /// Summable amounts; compared by growth %.
    case count
    /// A percentage; compared in percentage points.
    case percent
    /// Any other number, with the unit's name if one was given.
    case number(String?)
}

/// Arithmetic over indicators, bound: each leaf is aggregated first, then combined.
public indirect enum BoundExpression: Sendable, Hashable, CustomStringConvertible {
    case indicator(BoundIndicator)
    case constant(Double, text: String)
    case binary(ArithmeticOperator, BoundExpression, BoundExpression)
    case negate(BoundExpression)
    case parenthesized(BoundExpression)

    /// The indicator when the expression is only that.
    public var singleIndicator: BoundIndicator? {
        if case .indicator(let indicator) = self { return indicator }
        if case .parenthesized(let inner) = self { return inner.singleIndicator }
        return nil
    }

    /// The code of `singleIndicator`.
    public var singleIndicatorCode: IndicatorCode? {
        switch self {
        case .indicator(let indicator): return indicator.code
        case .parenthesized(let inner): return inner.singleIndicatorCode
        default: return nil
        }
    }

    /// Every indicator the expression reads, in order, without repeats.
    public var indicators: [BoundIndicator] {
        var result: [BoundIndicator] = []
        func walk(_ e: BoundExpression) {
            switch e {
            case .indicator(let i): if !result.contains(i) { result.append(i) }
            case .constant: break
            case .binary(_, let a, let b):
                walk(a)
                walk(b)
            case .negate(let inner), .parenthesized(let inner): walk(inner)
            }
        }
        walk(self)
        return result
    }

    public var description: String {
        switch self {
        case .indicator(let i): return i.indicator.id
        case .constant(_, let text): return text
        case .binary(let op, let a, let b): return "\(a) \(op.rawValue) \(b)"
        case .negate(let inner): return "-\(inner)"
        case .parenthesized(let inner): return "(\(inner))"
        }
    }
}

/// A user indicator made by `define`.
public struct Definition: Sendable, Hashable {
    public var name: String
    public var expression: BoundExpression
    public var unit: ExpressionUnit
    public var label: String?

    public init(name: String, expression: BoundExpression, unit: ExpressionUnit, label: String?) {
        self.name = name
        self.expression = expression
        self.unit = unit
        self.label = label
    }
}

/// One column of figures: an indicator, or an expression with the name it is shown under.
public struct BoundMeasure: Sendable, Hashable {
    /// The name in the indicator column: the indicator id, the `as` name, the definition's name.
    public var label: String
    public var expression: BoundExpression
    public var unit: ExpressionUnit
    /// The formula, for notes, when the measure is computed rather than an indicator.
    public var formula: String?

    /// The indicator when the measure is a plain one: it then keeps plans and sources.
    public var indicator: BoundIndicator? { formula == nil ? expression.singleIndicator : nil }

    /// The code of `indicator`, without copying the indicator's names: asked once per cell.
    public var indicatorCode: IndicatorCode? { formula == nil ? expression.singleIndicatorCode : nil }

    /// Whether changes are shown in percentage points rather than growth.
    public var changesInPoints: Bool {
        if let indicator { return indicator.indicator.kind.changesInPoints }
        return unit == .percent
    }
}

/// How facilities are grouped into rows.
public enum BoundGrouping: Sendable, Hashable {
    /// One row for the whole scope (one per dataset when several are loaded).
    case total
    /// One row per facility.
    case facility
    /// One row per ancestor at a level of the hierarchy (`by province`), following the
    /// hierarchy in force for each figure's period.
    case level(String)
}

/// The time buckets of a trend.
public enum TimeGrain: String, Sendable, Hashable, CaseIterable {
    case month, quarter, half, year
}

/// A test a facility passes in a month to be counted (`where`, `for`).
public struct BoundCondition: Sendable, Hashable {
    public enum Dimension: Sendable, Hashable {
        /// The facility itself.
        case facility
        /// The facility's ancestor (or itself) at a level.
        case level(String)
        /// The facility or any ancestor: `for <area>`.
        case within
    }

    public var dimension: Dimension
    public var allowed: Set<FacilityCode>
    /// The condition as written, for `explain`.
    public var text: String
}

/// Which facilities are counted: all, or those passing every condition.
public struct BoundScope: Sendable, Hashable {
    public var conditions: [BoundCondition]
    /// Every facility that passes in some month: the rows a `by facility` can have.
    public var candidates: Set<FacilityCode>?
    /// What the user wrote after `for`, used as the row label of a total.
    public var label: String?

    public static let all = BoundScope(conditions: [], candidates: nil, label: nil)

    public init(conditions: [BoundCondition], candidates: Set<FacilityCode>?, label: String?) {
        self.conditions = conditions
        self.candidates = candidates
        self.label = label
    }

    public var isAll: Bool { conditions.isEmpty }
}

/// How a comparison shows change between the first and the last period.
public enum ChangeMode: String, Sendable, Hashable, CaseIterable {
    /// (b − a) ÷ a × 100; counts' default.
    case growth
    /// b × 100 ÷ a ("so sánh").
    case ratio
    /// b − a in percentage points; rates' and percentages' default.
    case points
}

/// What a query's rows are ordered by.
public struct BoundOrder: Sendable, Hashable {
    /// The column as written; the executor matches it against the table's columns.
    public var key: String
    public var range: SourceRange
    public var descending: Bool
}

/// The verb of a query, with what it alone needs.
public enum QueryKind: Sendable, Hashable {
    case show
    /// The periods compared; the change is from the first to the last.
    case compare(ChangeMode?)
    /// A time series over buckets of a grain.
    case trend(TimeGrain)
    case rank(descending: Bool)
    case progress
}

/// `show`, `compare`, `trend`, `rank`, `progress`: figures of measures over periods and groups.
public struct QueryPlan: Sendable, Hashable {
    public var kind: QueryKind
    public var measures: [BoundMeasure]
    /// One period, or the compared periods, or the trend's buckets in order.
    public var periods: [BoundPeriod]
    /// For a trend, the whole range.
    public var span: BoundPeriod?
    public var grouping: BoundGrouping
    public var scope: BoundScope
    public var order: BoundOrder?
    public var limit: Int?
    /// The indicator that weights an average of percentages (`weighted by`).
    public var weight: BoundIndicator?
    /// `chart …`: draw the answer.
    public var chart = false
    /// `where status = behind`: keep the rows whose status starts with one of these (folded).
    public var statusFilter: [String]?
}

/// What `list` lists.
public enum ListSubject: Sendable, Hashable {
    case indicators([Definition])
    case facilities
    case levels
    case datasets
    case periods(BoundIndicator?)
}

/// The typed logical plan of a statement: names resolved, periods expanded to months,
/// aggregation chosen by indicator kind. The executor runs it without reading a name.
public indirect enum LogicalPlan: Sendable, Hashable {
    case query(QueryPlan)
    case list(ListSubject)
    case describeIndicator(BoundIndicator)
    case describeDefinition(Definition)
    case describeFacility(FacilityCode)
    case define(Definition)
    case setVariable(name: String, value: String)
    case explain(LogicalPlan)
}
