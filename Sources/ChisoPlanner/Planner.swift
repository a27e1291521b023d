import ChisoModel
import ChisoParser

/// Binds a syntax tree to the catalog and the facility directory, giving a logical plan.
///
/// Every name is resolved here (id, alias, Vietnamese or English name, ignoring case and
/// diacritics); every period is expanded to months. A name that does not resolve is a
/// diagnostic with the range of the name and, where one is close, a suggestion.
public struct Planner: Sendable {
    public var catalog: IndicatorCatalog
    public var facilities: FacilityDirectory
    /// Values of `$name` references, as written (`2025H1`, `Tiên Du`).
    public var variables: [String: String]
    /// Indicators made by `define`, by folded name.
    public var definitions: [String: Definition]

    public init(
        catalog: IndicatorCatalog, facilities: FacilityDirectory, variables: [String: String] = [:],
        definitions: [String: Definition] = [:]
    ) {
        self.catalog = catalog
        self.facilities = facilities
        self.variables = variables
        self.definitions = definitions
    }

    public func plan(_ statement: Statement) throws(Diagnostic) -> LogicalPlan {
        switch statement {
        case .query(let query):
            return .query(try bindQuery(query))
        case .list(let list):
            return .list(try bindListSubject(list))
        case .describe(let describe):
            return try bindDescribe(describe.target)
        case .define(let define):
            return .define(try bindDefinition(define))
        case .let(let assignment):
            if case .period(let period) = assignment.value { _ = try bindPeriod(period) }
            var value = assignment.text
            if case .name(let name) = assignment.value { value = try substitute(name).text }
            return .setVariable(name: assignment.name.text, value: value)
        case .explain(let inner):
            return .explain(try plan(inner))
        }
    }

    // MARK: Names

    public func bindIndicator(_ name: NameSyntax) throws(Diagnostic) -> BoundIndicator {
        guard let code = catalog.lookup(name.text) else {
            let hint = (catalog.suggestion(for: name.text)
                ?? TextFolding.suggestion(for: name.text, among: definitions.values.map(\.name)))
                .map { "did you mean '\($0)'?" } ?? namesContaining(name.text)
            throw Diagnostic(
                id: "unknown-indicator", "unknown indicator '\(name.text)'", range: name.range,
                hint: hint ?? "list indicators shows them all")
        }
        return BoundIndicator(code: code, indicator: catalog[code])
    }

    public func bindPeriod(_ syntax: PeriodSyntax) throws(Diagnostic) -> BoundPeriod {
        switch syntax.form {
        case .literal(let text):
            switch Period.parse(text) {
            case .success(let period): return BoundPeriod(period: period)
            case .failure(let error):
                throw Diagnostic(id: "bad-period", error.message, range: syntax.range, hint: error.hint)
            }
        case .variable(let name):
            guard let text = variables[name] else {
                throw Diagnostic(
                    id: "unset-variable", "variable $\(name) is not set", range: syntax.range,
                    hint: "set it with let \(name) = … or --set \(name)=…")
            }
            switch Period.parse(text) {
            case .success(let period): return BoundPeriod(period: period)
            case .failure(let error):
                throw Diagnostic(
                    id: "bad-period", "$\(name) = '\(text)': \(error.message)", range: syntax.range, hint: error.hint)
            }
        case .range(let first, let last):
            let a = try bindPeriod(first)
            let b = try bindPeriod(last)
            guard a.interval.start <= b.interval.end else {
                throw Diagnostic(
                    id: "bad-period", "the range ends before it starts", range: syntax.range,
                    hint: "write the earlier period first: \(b.period)..\(a.period)")
            }
            return BoundPeriod(period: .range(MonthInterval(a.interval.start, b.interval.end)))
        }
    }

    /// `facility`/`facilities`, or a level name of the data in singular or plural.
    public func bindGrouping(_ syntax: NameSyntax?) throws(Diagnostic) -> BoundGrouping {
        guard let name = syntax else { return .total }
        let word = TextFolding.fold(name.text)
        if word == "facility" || word == "facilities" { return .facility }
        // Health stations (trạm y tế) are the commune level in Vietnamese data.
        if ["station", "stations", "tram"].contains(word), facilities.levels.contains("commune") { return .level("commune") }
        for level in facilities.levels {
            let folded = TextFolding.fold(level)
            if word == folded || word == Self.plural(folded) { return .level(level) }
        }
        let dimensions = ["facility"] + facilities.levels
        let hint = TextFolding.suggestion(for: name.text, among: dimensions + dimensions.map(Self.plural))
            .map { "did you mean '\($0)'?" }
        throw Diagnostic(
            id: "unknown-dimension", "cannot group by '\(name.text)'", range: name.range,
            hint: hint ?? "group by \(dimensions.joined(separator: ", "))")
    }

    /// Indicators whose names or aliases contain the word: "immunisation" →
    /// epi_full_u1 ("full immunisation").
    func namesContaining(_ text: String) -> String? {
        let word = TextFolding.fold(text)
        guard word.count >= 3 else { return nil }
        let found = catalog.indicators.filter { indicator in
            ([indicator.nameEN, indicator.nameVI] + indicator.aliases).contains { TextFolding.fold($0).contains(word) }
        }.map(\.id)
        guard !found.isEmpty else { return nil }
        return "indicators about '\(text)': " + found.prefix(4).joined(separator: ", ") + (found.count > 4 ? ", …" : "")
    }

    static func plural(_ word: String) -> String {
        if word.hasSuffix("y") && !word.hasSuffix("ey") { return String(word.dropLast()) + "ies" }
        if word.hasSuffix("s") { return word + "es" }
        return word + "s"
    }

    private func bindListSubject(_ list: ListStatement) throws(Diagnostic) -> ListSubject {
        let subjects = ["indicators", "facilities", "periods", "levels", "datasets"]
        var word = TextFolding.fold(list.subject.text)
        if !word.hasSuffix("s") { word = Self.plural(word) }
        switch word {
        case "indicators":
            return .indicators(definitions.values.sorted { $0.name < $1.name })
        case "datasets": return .datasets
        case "facilities": return .facilities
        case "levels": return .levels
        case "periods":
            guard let indicator = list.indicator else { return .periods(nil) }
            return .periods(try bindIndicator(try substitute(indicator)))
        default:
            let hint = TextFolding.suggestion(for: list.subject.text, among: subjects).map { "did you mean '\($0)'?" }
            throw Diagnostic(
                id: "unknown-list", "cannot list '\(list.subject.text)'", range: list.subject.range,
                hint: hint ?? "list \(subjects.joined(separator: ", "))")
        }
    }

    private func bindDescribe(_ target: NameSyntax) throws(Diagnostic) -> LogicalPlan {
        let target = try substitute(target)
        if catalog.lookup(target.text) == nil, let definition = definitions[TextFolding.fold(target.text)] {
            return .describeDefinition(definition)
        }
        if let code = catalog.lookup(target.text) {
            return .describeIndicator(BoundIndicator(code: code, indicator: catalog[code]))
        }
        let matches = facilities.match(target.text)
        if matches.count == 1 { return .describeFacility(matches[0]) }
        if matches.count > 1 {
            let names = matches.prefix(4).map { "'\(facilities[$0].id)'" }.joined(separator: ", ")
            throw Diagnostic(
                id: "ambiguous-name", "'\(target.text)' matches \(matches.count) facilities", range: target.range,
                hint: "be more precise: \(names)")
        }
        let hint = (catalog.suggestion(for: target.text)
            ?? facilities.suggestion(for: target.text)).map { "did you mean '\($0)'?" } ?? namesContaining(target.text)
        throw Diagnostic(
            id: "unknown-name", "no indicator or facility is called '\(target.text)'", range: target.range,
            hint: hint ?? "list indicators and list facilities show them all")
    }
}
