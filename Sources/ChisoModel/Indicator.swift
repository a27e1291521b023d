/// What an indicator measures decides how its values may be combined.
public enum IndicatorKind: String, Sendable, Hashable, CaseIterable {
    /// Visits, cases, inspections: sum over months and facilities.
    case count
    /// A rate given as numerator of denominator (279 of 796): sum both sides, then divide.
    case ratio
    /// A percentage with no denominator (bed occupancy, satisfaction): never summed.
    case percentage
    /// A level at a point in time (patients in treatment): the latest value in the period,
    /// summed over facilities.
    case stock

    /// One line saying how values of this kind aggregate, for `describe` and `explain`.
    public var aggregationRule: String {
        switch self {
        case .count: return "sum over months and facilities"
        case .ratio: return "sum numerators and denominators separately, then divide (× 100)"
        case .percentage: return "not additive: shown only where one figure covers the cell"
        case .stock: return "latest value in the period per facility, summed over facilities"
        }
    }

    /// Whether a change between two values is a difference in percentage points.
    public var changesInPoints: Bool { self == .ratio || self == .percentage }
}

/// An indicator of the catalog.
public struct Indicator: Sendable, Hashable {
    public var id: String
    public var nameVI: String
    public var nameEN: String
    public var aliases: [String]
    /// The unit of a value: "visits", "cases", "%".
    public var unit: String
    public var kind: IndicatorKind
    public var summary: String
    /// The largest value a percentage can take (100 for satisfaction or coverage); nil when
    /// it can go past 100 (bed occupancy) or is not known.
    public var maximum: Double?

    public init(
        id: String, vi: String, en: String, aliases: [String] = [], unit: String,
        kind: IndicatorKind, summary: String = ""
    ) {
        self.id = id
        self.nameVI = vi
        self.nameEN = en
        self.aliases = aliases
        self.unit = unit
        self.kind = kind
        self.summary = summary
    }

    /// Every name the indicator answers to.
    public var names: [String] { [id, nameVI, nameEN] + aliases }
}

/// An indicator's position in the catalog: an integer code used by the store.
public typealias IndicatorCode = Int32

/// The indicators known to a session: the built-in ones plus those a dataset adds.
public struct IndicatorCatalog: Sendable {
    public private(set) var indicators: [Indicator] = []
    private var codeByID: [String: IndicatorCode] = [:]
    private var codeByFoldedName: [String: IndicatorCode] = [:]
    /// Ids that came from no catalog entry and were loaded as counts.
    public private(set) var undeclared: Set<String> = []

    public init(_ indicators: [Indicator] = []) {
        for indicator in indicators { insert(indicator) }
    }

    public var count: Int { indicators.count }

    /// Adds an indicator, or replaces the one with the same id (a dataset's entry wins).
    @discardableResult
    public mutating func insert(_ indicator: Indicator, undeclared: Bool = false) -> IndicatorCode {
        let code: IndicatorCode
        if let existing = codeByID[indicator.id] {
            code = existing
            indicators[Int(code)] = indicator
        } else {
            code = IndicatorCode(indicators.count)
            indicators.append(indicator)
            codeByID[indicator.id] = code
        }
        if undeclared { self.undeclared.insert(indicator.id) } else { self.undeclared.remove(indicator.id) }
        for name in indicator.names {
            let folded = TextFolding.fold(name)
            if codeByFoldedName[folded] == nil || name == indicator.id { codeByFoldedName[folded] = code }
        }
        return code
    }

    public func code(of id: String) -> IndicatorCode? { codeByID[id] }

    public subscript(code: IndicatorCode) -> Indicator { indicators[Int(code)] }

    /// Finds an indicator by id, alias, Vietnamese or English name, ignoring case and diacritics.
    public func lookup(_ name: String) -> IndicatorCode? {
        codeByID[name] ?? codeByFoldedName[TextFolding.fold(name)]
    }

    /// The closest known id to a misspelt name; with `declaredOnly`, among declared ids
    /// only (for the loader: an id the data used without declaring it is no better a guess
    /// than the misspelling).
    public func suggestion(for name: String, declaredOnly: Bool = false) -> String? {
        let declared = !declaredOnly || undeclared.isEmpty ? indicators : indicators.filter { !undeclared.contains($0.id) }
        if let hit = TextFolding.suggestion(for: name, among: declared.map(\.id)) { return hit }
        guard let alias = TextFolding.suggestion(for: name, among: declared.flatMap(\.names)),
            let code = lookup(alias)
        else { return nil }
        return self[code].id
    }
}
