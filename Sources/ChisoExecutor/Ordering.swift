import ChisoModel
import ChisoPlanner

extension ResultTable {
    /// The column `top N` ranks by when no order is given: the value, or a comparison's
    /// last period.
    var mainMeasureColumn: Int? {
        if let value = columns.firstIndex(where: { $0.key == "value" }) { return value }
        let changeKeys: Set<String> = ["change", "change_points", "growth_pct", "ratio_pct"]
        let periods = columns.indices.filter { columns[$0].role == .measure && !changeKeys.contains(columns[$0].key) }
        return periods.last
    }

    /// Orders rows by a column named as the user wrote it: its header or key, ignoring case
    /// and diacritics, or `name` for the first label and `value` for the main figure.
    func permutation(orderedBy order: BoundOrder) throws(Diagnostic) -> [Int] {
        let word = TextFolding.fold(order.key)
        let aliases: [String: [String]] = [
            "growth": ["growth_pct"], "ratio": ["ratio_pct"], "change": ["change", "change_points"],
            "points": ["change_points"], "share": ["plan_share"], "gap": ["gap_points"], "expected": ["expected_pct"],
        ]
        var index = columns.firstIndex { TextFolding.fold($0.key) == word || TextFolding.fold($0.header) == word }
        if index == nil, let keys = aliases[word] { index = columns.firstIndex { keys.contains($0.key) } }
        if index == nil, word == "name" {
            index = columns.firstIndex { $0.role == .label && $0.key != "rank" }
        }
        if index == nil, word == "value" { index = mainMeasureColumn }
        guard let column = index else {
            let present = Set(columns.map(\.key))
            var names = columns.map(\.key)
            for extra in ["name", "value"] where !names.contains(extra) { names.append(extra) }
            names += aliases.filter { !present.isDisjoint(with: $0.value) }.map(\.key).sorted()
            let hint = TextFolding.suggestion(for: order.key, among: names).map { "did you mean '\($0)'?" }
            throw Diagnostic(
                id: "unknown-column", "the result has no column '\(order.key)'", range: order.range,
                hint: hint ?? "columns: \(names.joined(separator: ", "))")
        }
        return permutation(sortedBy: column, descending: order.descending)
    }

    /// The row order of a stable sort on one column; empty cells always come last.
    func permutation(sortedBy column: Int, descending: Bool) -> [Int] {
        let indexed = rows.enumerated().map { ($0.offset, $0.element) }
        return indexed.sorted { a, b in
            switch (a.1[column], b.1[column]) {
            case (.measure(let x), .measure(let y)):
                if x.value != y.value { return descending ? x.value > y.value : x.value < y.value }
            case (.text(let x), .text(let y)):
                let (fx, fy) = (TextFolding.fold(x), TextFolding.fold(y))
                if fx != fy { return descending ? fx > fy : fx < fy }
            case (.missing, .missing): break
            case (.missing, _): return false
            case (_, .missing): return true
            case (.text, .measure): return false
            case (.measure, .text): return true
            }
            return a.0 < b.0
        }.map(\.0)
    }
}
