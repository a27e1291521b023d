import ChisoModel
import Foundation
import ChisoParser

/// Tab completion as a pure function: the text before the word being completed, and the
/// word, give the candidates. Tested without a terminal.
public enum Completion {
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
            return []
        }
        let last = tokens.last
        if last?.isKeyword("by") == true {
            let grains = tokens.first?.isKeyword("trend") == true ? ["month", "quarter", "half", "year"] : []
            return matching(grains + ["facility"] + session.store.facilities.levels)
        }
        if last?.isKeyword("for") == true || prefix.filter({ $0 == "\"" }).count % 2 == 1 {
            return matching(session.store.facilities.facilities.flatMap { [$0.displayName, $0.name] })
        }
        if last?.isKeyword("list") == true {
            return matching(["indicators", "facilities", "periods", "levels", "datasets"])
        }
        let indicators = session.store.catalog.indicators.map(\.id) + session.definitions.values.map(\.name).sorted()
        if tokens.contains(where: \.startsPeriod) {
            let compare = tokens.first?.isKeyword("compare") == true
            return matching(["by", "for", "where", "order by", "top"] + (compare ? ["yoy", "as"] : []))
        }
        return matching(indicators)
    }
}
