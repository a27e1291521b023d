import ChisoModel
import Foundation
import ChisoParser

/// Tab completion as a pure function: the text before the word being completed, and the
/// word, give the candidates. Tested without a terminal.
public enum Completion {
    /// A line split where Tab completes: inside an open quote, after the quote (names have
    /// spaces); otherwise after the last space. This is how readline breaks words here.
    public static func split(_ line: String) -> (before: String, word: String) {
        if line.filter({ $0 == "\"" }).count % 2 == 1, let quote = line.lastIndex(of: "\"") {
            let after = line.index(after: quote)
            return (String(line[..<after]), String(line[after...]))
        }
        guard let space = line.lastIndex(where: { $0 == " " || $0 == "(" || $0 == "," }) else { return ("", line) }
        let after = line.index(after: space)
        return (String(line[..<after]), String(line[after...]))
    }

    /// Files and folders whose names start with the last part of `word`; folders end in `/`.
    static func paths(_ word: String) -> [String] {
        let slash = word.lastIndex(of: "/")
        let folder = slash.map { String(word[...$0]) } ?? ""
        let stem = slash.map { String(word[word.index(after: $0)...]) } ?? word
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        return names.filter { $0.hasPrefix(stem) && !$0.hasPrefix(".") }.sorted().map { name in
            var isFolder: ObjCBool = false
            let path = folder + name
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            return isFolder.boolValue ? path + "/" : path
        }
    }

    public static func candidates(before prefix: String, word: String, session: Session) -> [String] {
        let tokens = Lexer.tokenizePrefix(prefix)
        let folded = TextFolding.fold(word)
        func matching(_ names: [String]) -> [String] {
            var seen = Set<String>()
            return names.filter { TextFolding.fold($0).hasPrefix(folded) && seen.insert($0).inserted }
        }
        if prefix.trimmingCharacters(in: .whitespaces).isEmpty {
            return matching(Parser.verbs + Session.metaCommands.map(\.name))
        }
        if prefix.trimmingCharacters(in: .whitespaces).hasPrefix(".") {
            if prefix.hasPrefix(".format") { return matching(["table", "csv", "json", "markdown"]) }
            if prefix.hasPrefix(".help") { return matching(HelpText.topics) }
            if prefix.hasPrefix(".timer") { return matching(["on", "off"]) }
            if prefix.hasPrefix(".lang") { return matching(["en", "vi"]) }
            if [".read", ".output", ".once", ".load"].contains(where: { prefix.hasPrefix($0 + " ") }) { return paths(word) }
            return []
        }
        let last = tokens.last
        // order by <column>: the columns a result can have.
        if last?.isKeyword("by") == true, tokens.count >= 2, tokens[tokens.count - 2].isKeyword("order") {
            return matching(["value", "change", "growth", "ratio", "gap", "share", "status", "name", "rank"])
        }
        if last?.isKeyword("by") == true {
            let grains = tokens.first?.isKeyword("trend") == true ? ["month", "quarter", "half", "year"] : []
            return matching(grains + ["facility"] + session.store.facilities.levels)
        }
        if last?.isKeyword("for") == true || prefix.filter({ $0 == "\"" }).count % 2 == 1 {
            // A place name is typed from any of its words: "lai ch" finds "SYT Lai Châu".
            let names = session.store.facilities.facilities.flatMap { [$0.displayName, $0.name] }
            let starting = matching(names)
            guard !folded.isEmpty else { return starting }
            var seen = Set(starting)
            let inside = names.filter { TextFolding.fold($0).contains(" " + folded) && seen.insert($0).inserted }
            return starting + inside
        }
        if last?.isKeyword("list") == true {
            return matching(["indicators", "facilities", "periods", "levels", "datasets"])
        }
        let catalog = session.store.catalog
        let indicators = catalog.indicators.map(\.id) + session.definitions.values.map(\.name).sorted()
        if tokens.contains(where: \.startsPeriod) {
            let compare = tokens.first?.isKeyword("compare") == true
            return matching(["by", "for", "where", "order by", "top", "weighted by"] + (compare ? ["yoy", "as"] : []))
        }
        // After a measure, the periods the data have: years, halves, quarters first.
        if let verb = tokens.first, Parser.verbs.contains(verb.text.lowercased()), tokens.count >= 2,
            let lastToken = last, lastToken.kind == .word, catalog.lookup(lastToken.text) != nil,
            !["describe", "list", "define", "let", "explain", "chart"].contains(verb.text.lowercased()) || tokens.count > 2
        {
            var intervals = Set<MonthInterval>()
            for code in 0..<catalog.count {
                for interval in session.store.intervals(of: IndicatorCode(code)) {
                    intervals.insert(interval)
                    // Monthly data answer for their years and halves too.
                    let year = interval.end.year
                    for period in [Period.year(year), .half(year, 1), .half(year, 2)] { intervals.insert(period.interval) }
                }
            }
            let names = intervals.filter { $0.count >= 3 }.sorted { a, b in
                a.count != b.count ? a.count > b.count : a.start > b.start
            }.map(\.description)
            return matching(names)
        }
        let byID = matching(indicators)
        guard byID.isEmpty, !folded.isEmpty else { return byID }
        // Nothing by id: indicators whose names or aliases have a word starting so
        // ("imm" finds epi_full_u1 by "full immunisation").
        return catalog.indicators.filter { indicator in
            ([indicator.nameEN, indicator.nameVI] + indicator.aliases).contains { name in
                (" " + TextFolding.fold(name)).contains(" " + folded)
            }
        }.map(\.id)
    }
}
