import ChisoModel
import ChisoParser

extension Planner {
    /// `for <area>` and `where …` as conditions every counted facility passes.
    func bindScope(filter: FilterSyntax?, conditions: [ConditionSyntax]) throws(Diagnostic) -> BoundScope {
        var bound: [BoundCondition] = []
        var label: String?
        if let target = filter?.target {
            let target = try substitute(target)
            let matches = facilities.match(target.text)
            guard !matches.isEmpty else {
                let hint = facilities.suggestion(for: target.text).map { "did you mean '\($0)'?" }
                throw Diagnostic(
                    id: "unknown-facility", "no facility or area matches '\(target.text)'", range: target.range,
                    hint: hint ?? "list facilities shows them all")
            }
            // A match inside another match adds nothing: keep the outermost.
            let matched = Set(matches)
            let roots = matches.filter { facilities.ancestorsEver(of: $0).isDisjoint(with: matched) }
            // Several unrelated places are not one area: adding them up silently would
            // answer a question nobody asked.
            guard roots.count == 1 else {
                let names = roots.prefix(3).map { "'\(facilities[$0].displayName)'" }.joined(separator: ", ")
                throw Diagnostic(
                    id: "ambiguous-name", "'\(target.text)' matches \(roots.count) facilities in different places",
                    range: target.range,
                    hint: "be more precise (\(names)\(roots.count > 3 ? ", …" : "")), or add them up with where facility ~ \"\(target.text)\"")
            }
            label = facilities[roots[0]].displayName
            bound.append(BoundCondition(dimension: .within, allowed: Set(roots), text: "for \(target.text)"))
        }
        for condition in conditions { bound.append(try bindCondition(condition)) }
        guard !bound.isEmpty else { return .all }
        // A total under `where` is not "all facilities": name it by its conditions.
        let conditionsText = bound.filter { $0.dimension != .within }.map(\.text).joined(separator: " and ")
        if label == nil {
            label = "facilities where " + conditionsText
        } else if !conditionsText.isEmpty, let area = label {
            label = "\(area), where " + conditionsText
        }
        var scope = BoundScope(conditions: bound, candidates: nil, label: label)
        // The hierarchy only changes at former parents' last months, so checking the
        // month after each change, and today's, finds every facility that can pass.
        var probes: Set<Month> = [Month(year: 9999, month: 12)]
        for code in 0..<facilities.count {
            for former in facilities.formerParents(of: FacilityCode(code)) {
                probes.insert(former.until)
                probes.insert(former.until.advanced(by: 1))
            }
        }
        scope.candidates = Set(
            (0..<facilities.count).map { FacilityCode($0) }.filter { code in
                probes.contains { scope.admits(code, in: $0, facilities: facilities) }
            })
        return scope
    }

    private func bindCondition(_ condition: ConditionSyntax) throws(Diagnostic) -> BoundCondition {
        let word = TextFolding.fold(condition.dimension.text)
        let values: [NameSyntax]
        switch condition.test {
        case .equals(let value): values = [try substitute(value)]
        case .isIn(let list): values = try list.map(substitute)
        case .matches(let value): values = [try substitute(value)]
        }
        let quoted = values.map { "\"\($0.text)\"" }.joined(separator: ", ")
        let written = "\(condition.dimension.text) \(Self.operatorText(condition.test)) "
            + (Self.operatorText(condition.test) == "in" ? "(\(quoted))" : quoted)
        let all = (0..<facilities.count).map { FacilityCode($0) }

        // where level = commune, where dataset = demo: properties of the facility itself.
        if word == "level" || word == "levels" || word == "dataset" || word == "datasets" {
            let isLevel = word.hasPrefix("level")
            let known = isLevel ? facilities.levels : Array(Set(facilities.facilities.compactMap(\.dataset))).sorted()
            var allowed: Set<FacilityCode> = []
            for value in values {
                let matching: [FacilityCode]
                if case .matches = condition.test {
                    matching = all.filter { code in
                        let property = isLevel ? facilities[code].level : facilities[code].dataset ?? ""
                        return Self.pattern(value.text, matches: property)
                    }
                } else {
                    let folded = TextFolding.fold(value.text)
                    guard let name = known.first(where: { TextFolding.fold($0) == folded || Self.plural(TextFolding.fold($0)) == folded })
                    else {
                        let hint = TextFolding.suggestion(for: value.text, among: known).map { "did you mean '\($0)'?" }
                        throw Diagnostic(
                            id: "unknown-name", "no \(isLevel ? "level" : "dataset") is called '\(value.text)'",
                            range: value.range, hint: hint ?? "\(isLevel ? "levels" : "datasets"): \(known.joined(separator: ", "))")
                    }
                    matching = all.filter { (isLevel ? facilities[$0].level : facilities[$0].dataset) == name }
                }
                allowed.formUnion(matching)
            }
            return BoundCondition(dimension: .facility, allowed: allowed, text: written)
        }

        let dimension: BoundCondition.Dimension
        let level: String?
        let grouping: BoundGrouping
        do {
            grouping = try bindGrouping(condition.dimension)
        } catch {
            let dimensions = ["facility", "level", "dataset"] + facilities.levels
            let hint = TextFolding.suggestion(for: condition.dimension.text, among: dimensions).map { "did you mean '\($0)'?" }
            throw Diagnostic(
                id: "unknown-dimension", "cannot filter on '\(condition.dimension.text)'", range: condition.dimension.range,
                hint: hint ?? "filter on \(dimensions.joined(separator: ", "))")
        }
        switch grouping {
        case .facility, .total:
            dimension = .facility
            level = nil
        case .level(let name):
            dimension = .level(name)
            level = name
        }
        let atLevel = all.filter { level == nil || facilities[$0].level == level }
        var allowed: Set<FacilityCode> = []
        for value in values {
            let matching: [FacilityCode]
            if case .matches = condition.test {
                matching = atLevel.filter { code in
                    let f = facilities[code]
                    return ([f.id, f.name] + [f.shortName].compactMap { $0 } + f.formerNames)
                        .contains { Self.pattern(value.text, matches: $0) }
                }
            } else {
                let candidates = Set(atLevel)
                matching = facilities.match(value.text).filter(candidates.contains)
            }
            guard !matching.isEmpty else {
                let hint = facilities.suggestion(for: value.text).map { "did you mean '\($0)'?" }
                throw Diagnostic(
                    id: "unknown-facility",
                    "no \(level ?? "facility") \(Self.isPattern(condition.test) ? "name contains" : "is called") '\(value.text)'",
                    range: value.range, hint: hint ?? "list facilities shows them all")
            }
            allowed.formUnion(matching)
        }
        return BoundCondition(dimension: dimension, allowed: allowed, text: written)
    }

    private static func isPattern(_ test: ConditionSyntax.Test) -> Bool {
        if case .matches = test { return true }
        return false
    }

    private static func operatorText(_ test: ConditionSyntax.Test) -> String {
        switch test {
        case .equals: return "="
        case .isIn: return "in"
        case .matches: return "~"
        }
    }

    /// `~`: the text appears in the name, ignoring case and diacritics; `*` stands for
    /// any run of characters and `?` for one.
    static func pattern(_ pattern: String, matches text: String) -> Bool {
        let p = Array(TextFolding.fold(pattern))
        let t = Array(TextFolding.fold(text))
        guard p.contains("*") || p.contains("?") else { return TextFolding.fold(text).contains(TextFolding.fold(pattern)) }
        // Wildcards match anywhere in the name, as the plain form does.
        let full = ["*"] + p + ["*"]
        var memo: [[Bool?]] = Array(repeating: Array(repeating: nil, count: t.count + 1), count: full.count + 1)
        func match(_ i: Int, _ j: Int) -> Bool {
            if let known = memo[i][j] { return known }
            let result: Bool
            if i == full.count {
                result = j == t.count
            } else if full[i] == "*" {
                result = match(i + 1, j) || (j < t.count && match(i, j + 1))
            } else {
                result = j < t.count && (full[i] == "?" || full[i] == t[j]) && match(i + 1, j + 1)
            }
            memo[i][j] = result
            return result
        }
        return match(0, 0)
    }
}

extension BoundScope {
    /// Whether a facility is counted for a figure whose last month is `month`: conditions
    /// on levels and areas follow the hierarchy in force then.
    public func admits(_ code: FacilityCode, in month: Month, facilities: FacilityDirectory) -> Bool {
        for condition in conditions {
            switch condition.dimension {
            case .facility:
                guard condition.allowed.contains(code) else { return false }
            case .level(let level):
                guard let ancestor = facilities.ancestor(of: code, atLevel: level, in: month),
                    condition.allowed.contains(ancestor)
                else { return false }
            case .within:
                guard condition.allowed.contains(code)
                    || facilities.ancestors(of: code, in: month).contains(where: condition.allowed.contains)
                else { return false }
            }
        }
        return true
    }
}
