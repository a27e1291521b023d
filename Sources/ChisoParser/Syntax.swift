import ChisoModel

/// A name as written: an indicator, a facility, a dimension. Not yet resolved.
public struct NameSyntax: Sendable, Hashable {
    public var text: String
    public var range: SourceRange
    public var quoted: Bool
    /// Written as `$name`: the planner substitutes the variable's value.
    public var isVariable: Bool

    public init(_ text: String, _ range: SourceRange, quoted: Bool = false, isVariable: Bool = false) {
        self.text = text
        self.range = range
        self.quoted = quoted
        self.isVariable = isVariable
    }
}

/// A period as written (`2025H1`, `2024M01..2025M06`, `$cur`). The planner reads it.
public struct PeriodSyntax: Sendable, Hashable {
    public enum Form: Sendable, Hashable {
        case literal(String)
        case variable(String)
        indirect case range(PeriodSyntax, PeriodSyntax)
    }

    public var form: Form
    public var range: SourceRange

    public init(_ form: Form, _ range: SourceRange) {
        self.form = form
        self.range = range
    }
}

/// The four arithmetic operators of expressions.
public enum ArithmeticOperator: String, Sendable, Hashable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
}

/// Arithmetic over indicators: `food_inspections_passed / food_inspections * 100`.
public indirect enum ExpressionSyntax: Sendable, Hashable, CustomStringConvertible {
    case name(NameSyntax)
    case number(Double, text: String, SourceRange)
    case binary(ArithmeticOperator, ExpressionSyntax, ExpressionSyntax)
    case negate(ExpressionSyntax, SourceRange)
    case parenthesized(ExpressionSyntax, SourceRange)

    public var range: SourceRange {
        switch self {
        case .name(let name): return name.range
        case .number(_, _, let range), .negate(_, let range), .parenthesized(_, let range): return range
        case .binary(_, let left, let right): return left.range.union(right.range)
        }
    }

    /// A single name, when the expression is nothing more.
    public var singleName: NameSyntax? {
        if case .name(let name) = self { return name }
        return nil
    }

    /// The expression written back with one space around each operator.
    public var description: String {
        switch self {
        case .name(let name): return name.isVariable ? "$" + name.text : name.quoted ? "\"\(name.text)\"" : name.text
        case .number(_, let text, _): return text
        case .binary(let op, let left, let right): return "\(left) \(op.rawValue) \(right)"
        case .negate(let inner, _): return "-\(inner)"
        case .parenthesized(let inner, _): return "(\(inner))"
        }
    }
}

/// One thing to measure: an indicator or an expression, with an optional `as` name.
public struct MeasureSyntax: Sendable, Hashable {
    public var expression: ExpressionSyntax
    public var alias: NameSyntax?

    public init(_ expression: ExpressionSyntax, alias: NameSyntax? = nil) {
        self.expression = expression
        self.alias = alias
    }
}

/// `for <facility or area>`: which facilities are counted.
public struct FilterSyntax: Sendable, Hashable {
    public var target: NameSyntax
}

/// One condition of `where`: `district = "Tiên Du"`, `level in (commune, ward)`, `facility ~ "phường"`.
public struct ConditionSyntax: Sendable, Hashable {
    public enum Test: Sendable, Hashable {
        case equals(NameSyntax)
        case isIn([NameSyntax])
        case matches(NameSyntax)
    }

    public var dimension: NameSyntax
    public var test: Test
}

/// `order by <column> [asc|desc]`.
public struct OrderSyntax: Sendable, Hashable {
    public var key: NameSyntax
    /// nil when neither asc nor desc was written.
    public var descending: Bool?

    public init(key: NameSyntax, descending: Bool?) {
        self.key = key
        self.descending = descending
    }
}

/// The clauses after a query's periods, in any order.
public struct ClauseSyntax: Sendable, Hashable {
    /// Every `by <dimension>`: a facility dimension, and for trend a time grain.
    public var groupings: [NameSyntax] = []
    public var filter: FilterSyntax?
    public var conditions: [ConditionSyntax] = []
    public var order: OrderSyntax?
    /// `top N`, with the range of the number.
    public var limit: Int?
    public var limitRange: SourceRange?
    /// A bare `asc` or `desc` (for rank).
    public var descending: Bool?
    /// `as growth|ratio|points`: how a comparison shows change.
    public var mode: NameSyntax?
    /// `weighted by <indicator>`: how percentages without a denominator are averaged.
    public var weight: NameSyntax?

    public init() {}
}

/// The verbs that produce a table of figures.
public enum QueryVerb: String, Sendable, Hashable, CaseIterable {
    case show, compare, trend, rank, progress
}

/// `show`, `compare`, `trend`, `rank` and `progress`: measures over periods and facilities.
public struct QueryStatement: Sendable, Hashable {
    public var verb: QueryVerb
    public var verbRange: SourceRange
    public var measures: [MeasureSyntax]
    public var periods: [PeriodSyntax]
    /// `yoy` or `vs last year` after a compare's single period.
    public var sameLastYear: SourceRange?
    /// `rank <dimension> by …`: the dimension ranked.
    public var rankDimension: NameSyntax?
    public var clauses: ClauseSyntax
    /// Written after `chart`: the answer is drawn as well as tabled.
    public var chart = false
}

/// `list indicators|facilities|periods|levels|datasets [for <indicator>]`.
public struct ListStatement: Sendable, Hashable {
    public var subject: NameSyntax
    public var indicator: NameSyntax?
}

/// `describe <indicator or facility>`.
public struct DescribeStatement: Sendable, Hashable {
    public var target: NameSyntax
}

/// `define <name> = <expression> [unit …] [label "…"]`.
public struct DefineStatement: Sendable, Hashable {
    public var name: NameSyntax
    public var expression: ExpressionSyntax
    public var unit: NameSyntax?
    public var label: NameSyntax?
}

/// `let <name> = <period or name>`.
public struct LetStatement: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case period(PeriodSyntax)
        case name(NameSyntax)
    }

    public var name: NameSyntax
    public var value: Value
    /// The value as written, which is what `$name` stands for.
    public var text: String
}

/// One statement of the language.
public indirect enum Statement: Sendable, Hashable {
    case query(QueryStatement)
    case list(ListStatement)
    case describe(DescribeStatement)
    case define(DefineStatement)
    case `let`(LetStatement)
    case explain(Statement)
}
