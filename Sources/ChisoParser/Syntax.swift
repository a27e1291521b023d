import ChisoModel

/// A name as written: an indicator, a facility, a dimension. Not yet resolved.
public struct NameSyntax: Sendable, Hashable {
    public var text: String
    public var range: SourceRange
    public var quoted: Bool

    public init(_ text: String, _ range: SourceRange, quoted: Bool = false) {
        self.text = text
        self.range = range
        self.quoted = quoted
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

/// `by <dimension>`: how rows are grouped.
public struct GroupingSyntax: Sendable, Hashable {
    public var dimension: NameSyntax
}

/// `for <facility or area>`: which facilities are counted.
public struct FilterSyntax: Sendable, Hashable {
    public var target: NameSyntax
}

/// `show <indicators> <period> [by …] [for …]`.
public struct ShowStatement: Sendable, Hashable {
    public var indicators: [NameSyntax]
    public var period: PeriodSyntax
    public var grouping: GroupingSyntax?
    public var filter: FilterSyntax?
}

/// `compare <indicators> <period> <period>… [by …] [for …]`.
public struct CompareStatement: Sendable, Hashable {
    public var indicators: [NameSyntax]
    public var periods: [PeriodSyntax]
    public var grouping: GroupingSyntax?
    public var filter: FilterSyntax?
}

/// `list indicators|facilities|periods|levels [for <indicator>]`.
public struct ListStatement: Sendable, Hashable {
    public var subject: NameSyntax
    public var indicator: NameSyntax?
}

/// `describe <indicator or facility>`.
public struct DescribeStatement: Sendable, Hashable {
    public var target: NameSyntax
}

/// One statement of the language, with the range it spans.
public indirect enum Statement: Sendable, Hashable {
    case show(ShowStatement)
    case compare(CompareStatement)
    case list(ListStatement)
    case describe(DescribeStatement)
    case explain(Statement)
}
