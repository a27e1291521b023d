import ChisoModel

/// What a number in a result means, which decides how it is written.
public enum MeasureUnit: Sendable, Hashable {
    /// A count or stock: 27,662.
    case count
    /// A percentage value: 35.1 %.
    case percent
    /// A difference between two percentages: +5.6 pts.
    case points
    /// A growth rate, (b − a) ÷ a: +0.5 %.
    case growth
    /// A signed difference of counts: +138.
    case difference
}

/// How chiso computed a figure that no report states.
public indirect enum MeasureDerivation: Sendable, Hashable {
    /// The same period a year earlier: a stated value less its stated change.
    case baseline(statedValue: Double, change: Double, statedPeriod: MonthInterval, source: Provenance?)
    /// A rate computed from its parts: numerator ÷ denominator × 100.
    case rate(numerator: Double, denominator: Double)
    /// The annual plan implied by a value and its stated share of plan: value ÷ share.
    case planFromShare(value: Double, share: Double)
    /// A sum some of whose parts are derived.
    case includesDerived(parts: Int)
    /// Computed from figures at least one of which is derived.
    case fromDerived
    /// Computed by a user's expression from the totals of its parts.
    case computed(formula: String)
    /// An average of percentages, each weighted by a count: Σ p·w ÷ Σ w.
    case weightedAverage(weight: String, parts: Int)
}

/// Months covered by the figures behind a cell, when fewer than the period has.
public struct Coverage: Sendable, Hashable {
    public var covered: Int
    public var total: Int

    public init(covered: Int, total: Int) {
        self.covered = covered
        self.total = total
    }
}

/// A number in a result, with everything the reader must see beside it.
///
/// A table of 2,000 facilities copies many of these, so a measure is kept small: the
/// value, its unit and qualifier, and its coverage inline; what most cells lack (how it
/// was derived, its parts, its sources) in one shared box, absent when all are empty.
public struct Measure: Sendable, Hashable {
    public var value: Double
    public var unit: MeasureUnit
    public var qualifier: Qualifier
    /// Months covered and in the period; 0 in the period when the coverage is whole.
    private var coveredMonths: Int32 = 0
    private var periodMonths: Int32 = 0
    private var rare: Rare?

    public init(
        value: Double, unit: MeasureUnit, qualifier: Qualifier = .exact, derivation: MeasureDerivation? = nil,
        coverage: Coverage? = nil, numerator: Double? = nil, denominator: Double? = nil, sources: [Provenance] = []
    ) {
        self.value = value
        self.unit = unit
        self.qualifier = qualifier
        self.coverage = coverage
        let facts = Facts(derivation: derivation, numerator: numerator, denominator: denominator, sources: sources)
        if !facts.isEmpty { rare = Rare(facts) }
    }

    /// Set when the figures cover only part of the period.
    public var coverage: Coverage? {
        get { periodMonths == 0 ? nil : Coverage(covered: Int(coveredMonths), total: Int(periodMonths)) }
        set {
            // A period has at least one month; months of any period fit 32 bits.
            coveredMonths = Int32(clamping: newValue?.covered ?? 0)
            periodMonths = Int32(clamping: newValue.map { max($0.total, 1) } ?? 0)
        }
    }
    public var derivation: MeasureDerivation? {
        get { rare?.facts.derivation }
        set { facts.derivation = newValue }
    }
    public var numerator: Double? {
        get { rare?.facts.numerator }
        set { facts.numerator = newValue }
    }
    public var denominator: Double? {
        get { rare?.facts.denominator }
        set { facts.denominator = newValue }
    }
    public var sources: [Provenance] {
        get { rare?.facts.sources ?? [] }
        set { facts.sources = newValue }
    }

    private struct Facts: Hashable {
        var derivation: MeasureDerivation?
        var numerator: Double?
        var denominator: Double?
        var sources: [Provenance] = []

        var isEmpty: Bool { derivation == nil && numerator == nil && denominator == nil && sources.isEmpty }
    }

    /// Never changed once made: a change makes a new box, so copies stay apart. Empty
    /// facts make no box, so equal measures have equal stored properties.
    private final class Rare: Sendable, Hashable {
        let facts: Facts
        init(_ facts: Facts) { self.facts = facts }
        static func == (a: Rare, b: Rare) -> Bool { a.facts == b.facts }
        func hash(into hasher: inout Hasher) { hasher.combine(facts) }
    }

    private var facts: Facts {
        get { rare?.facts ?? Facts() }
        set { rare = newValue.isEmpty ? nil : Rare(newValue) }
    }

    public var isDerived: Bool { derivation != nil }

    /// Whether a reader must be told the figure is not a report's: a rate computed from
    /// its stated parts shows them instead, so it is not.
    public var isMarkedDerived: Bool {
        guard let derivation else { return false }
        if case .rate = derivation { return false }
        return true
    }
}

/// One cell of a result.
public enum Cell: Sendable, Hashable {
    case text(String)
    case measure(Measure)
    /// No figure; the reason, when there is one, is shown in notes.
    case missing(reason: String?)

    public var measure: Measure? {
        if case .measure(let m) = self { return m }
        return nil
    }
}

/// A column of a result: a header for people and a key for CSV and JSON.
public struct ResultColumn: Sendable, Hashable {
    public enum Role: Sendable, Hashable {
        case label
        case measure
    }

    public var header: String
    public var key: String
    public var role: Role
    /// Whether cells of this column can cover part of a period (values of a period do;
    /// changes and plans do not).
    public var carriesCoverage: Bool
    /// Whether the column counts things chiso tallied (a listing's figures), not figures
    /// of reports: CSV gives it no qualifier columns unless a cell needs them.
    public var isTally: Bool

    public init(_ header: String, key: String, role: Role = .measure, carriesCoverage: Bool = true, isTally: Bool = false) {
        self.header = header
        self.key = key
        self.role = role
        self.carriesCoverage = carriesCoverage
        self.isTally = isTally
    }
}

/// How a chart draws a table.
public enum ChartStyle: Sendable, Hashable {
    /// Horizontal bars of each row's figures (show, rank, progress, compare).
    case bars
    /// One sparkline per group and indicator over the periods (trend).
    case series
}

/// The answer to a statement: a table whose cells carry their markers, or a text.
public struct ResultTable: Sendable, Hashable {
    public var columns: [ResultColumn]
    public var rows: [[Cell]]
    /// Lines to show under the table: which figures were used, what was left out and why.
    public var notes: [String]
    /// For `explain` and other answers that are prose rather than rows.
    public var text: String?
    /// How to draw the table when `chart` asked for it.
    public var chart: ChartStyle?
    /// Labels of a row for footnotes ("TTYT Lai Châu, visits"): the label columns joined.
    /// Only the label columns before the first figure count: a status after the figures
    /// is not part of the row's name.
    public func rowLabel(_ row: Int) -> String {
        zip(columns, rows[row]).prefix { $0.0.role == .label || $0.0.key == "rank" }.compactMap { column, cell in
            if column.role == .label, case .text(let text) = cell { return text }
            return nil
        }.joined(separator: ", ")
    }

    public init(columns: [ResultColumn], rows: [[Cell]], notes: [String] = [], text: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.notes = notes
        self.text = text
    }

    /// A prose answer.
    public static func prose(_ text: String) -> ResultTable {
        ResultTable(columns: [], rows: [], text: text)
    }
}
