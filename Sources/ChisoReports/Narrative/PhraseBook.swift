import ChisoModel
import Foundation
import Yams

/// How reports name indicators: the data of `phrases.yaml` (see its header), merged from
/// the bundled file and any the user adds.
public struct PhraseBook: Sendable {
    struct Entry: Sendable {
        var phrases: [String] = []
        var units: [String] = []
        var context: [String] = []
        /// Words that, said before a figure in its sentence, make it a narrower
        /// indicator: "kiểm tra liên ngành … 1.010 lượt" is the inter-agency part.
        var refine: [(words: String, id: String)] = []
        /// Where the entry was first given, for messages.
        var file: String?
        var line = 1
    }

    /// Indicator id → its phrases, in the order files gave them.
    var indicators: [(id: String, entry: Entry)] = []
    var otherPhrases: [String] = []
    var notFigures: [String] = []

    public init() {}

    /// The phrases that ship with chiso, from `phrases.yaml` beside the binary (SwiftPM's
    /// resource bundle) or in the source tree.
    public static func bundled() throws(Diagnostic) -> PhraseBook {
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("phrases.yaml")
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("chiso_ChisoReports.resources/phrases.yaml"),
            executable.appendingPathComponent("chiso_ChisoReports.resources/phrases.yaml"),
            source,
        ]
        for candidate in candidates {
            if let data = FileManager.default.contents(atPath: candidate.path) {
                var book = PhraseBook()
                try book.add(String(decoding: data, as: UTF8.self), file: candidate.path)
                return book
            }
        }
        throw Diagnostic(
            id: "missing-phrases", "the bundled phrases.yaml was not found beside chiso",
            hint: "give a phrase file with --phrases FILE")
    }

    /// Adds the entries of a phrase file to the book.
    public mutating func add(_ text: String, file: String) throws(Diagnostic) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            var line = 1
            var column = 1
            var problem = "\(error)"
            switch error {
            case .scanner(_, let p, let mark, _), .parser(_, let p, let mark, _), .composer(_, let p, let mark, _):
                (line, column, problem) = (mark.line, mark.column, p)
            default: break
            }
            throw Diagnostic(
                id: "bad-phrases", "not valid YAML: \(problem)", location: SourceLocation(file: file, line: line, column: column))
        } catch {
            throw Diagnostic(id: "bad-phrases", "not valid YAML: \(error)", location: SourceLocation(file: file, line: 1, column: 1))
        }
        guard let root, case .mapping(let top) = root else {
            throw Diagnostic(
                id: "bad-phrases", "a phrase file is a mapping with 'indicators', 'other_phrases' and 'not_figures'",
                location: SourceLocation(file: file, line: 1, column: 1))
        }
        func strings(_ node: Node?, _ what: String) throws(Diagnostic) -> [String] {
            guard let node else { return [] }
            guard case .sequence(let items) = node else {
                throw Diagnostic(
                    id: "bad-phrases", "\(what) must be a list: [a, b, c]",
                    location: SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1))
            }
            return items.compactMap(\.string).map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        }
        for (key, _) in top {
            guard let name = key.string, !["indicators", "other_phrases", "not_figures"].contains(name) else { continue }
            let hint = TextFolding.suggestion(for: name, among: ["indicators", "other_phrases", "not_figures"])
            throw Diagnostic(
                id: "bad-phrases", "unknown field '\(name)'",
                location: SourceLocation(file: file, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1),
                hint: hint.map { "did you mean '\($0)'?" } ?? "fields: indicators, other_phrases, not_figures")
        }
        if let section = top["indicators"] {
            guard case .mapping(let entries) = section else {
                throw Diagnostic(
                    id: "bad-phrases", "'indicators' maps indicator ids to their phrases and units",
                    location: SourceLocation(file: file, line: section.mark?.line ?? 1, column: 1))
            }
            for (key, value) in entries {
                guard let id = key.string, case .mapping(let fields) = value else {
                    throw Diagnostic(
                        id: "bad-phrases", "an indicator's entry is a mapping with 'phrases' and 'units'",
                        location: SourceLocation(file: file, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1))
                }
                var entry = Entry()
                entry.file = file
                entry.line = key.mark?.line ?? 1
                for (field, _) in fields {
                    guard let name = field.string, !["phrases", "units", "context", "refine"].contains(name) else { continue }
                    let hint = TextFolding.suggestion(for: name, among: ["phrases", "units", "context", "refine"])
                    throw Diagnostic(
                        id: "bad-phrases", "unknown field '\(name)' in \(id)",
                        location: SourceLocation(file: file, line: field.mark?.line ?? 1, column: field.mark?.column ?? 1),
                        hint: hint.map { "did you mean '\($0)'?" } ?? "fields: phrases, units, context, refine")
                }
                entry.phrases = try strings(fields["phrases"], "phrases")
                entry.units = try strings(fields["units"], "units")
                entry.context = try strings(fields["context"], "context")
                if let refine = fields["refine"] {
                    guard case .mapping(let pairs) = refine else {
                        throw Diagnostic(
                            id: "bad-phrases", "refine maps words to a narrower indicator: {liên ngành: food_inspections_interagency}",
                            location: SourceLocation(file: file, line: refine.mark?.line ?? 1, column: refine.mark?.column ?? 1))
                    }
                    entry.refine = pairs.compactMap { key, value in key.string.flatMap { k in value.string.map { (k, $0) } } }
                }
                if let index = indicators.firstIndex(where: { $0.id == id }) {
                    indicators[index].entry.phrases += entry.phrases
                    indicators[index].entry.units += entry.units
                    indicators[index].entry.context += entry.context
                    indicators[index].entry.refine += entry.refine
                } else {
                    indicators.append((id, entry))
                }
            }
        }
        otherPhrases += try strings(top["other_phrases"], "other_phrases")
        notFigures += try strings(top["not_figures"], "not_figures")
    }

    /// The ids with phrases.
    public var indicatorIDs: [String] { indicators.map(\.id) }
}

/// What a phrase names.
enum PhraseTarget: Sendable, Hashable {
    /// An indicator of the catalog, by position in the book.
    case indicator(Int)
    /// Something reports count that the catalog does not hold.
    case other
}

/// A phrase book compiled for matching: phrases and units as sequences of keys, found by
/// their first key, in both key styles (each word is looked up in its own line's style).
struct PhraseMatcher: Sendable {
    struct Phrase: Sendable {
        var keys: [String]
        var target: PhraseTarget
    }

    struct Indicator: Sendable {
        var id: String
        /// Unit keys in both styles.
        var units: Set<String>
        /// Context words in both styles.
        var context: [[String]]
        /// Words in both styles, and the narrower indicator they make a figure.
        var refine: [(keys: [String], id: String)]
    }

    struct Tables: Sendable {
        var phrasesByFirstKey: [String: [Phrase]] = [:]
        /// Every unit a figure may carry, by first key, longest first; and whether it is a
        /// unit of numbers that are never figures.
        var unitsByFirstKey: [String: [(keys: [String], notFigure: Bool)]] = [:]
    }

    var tables: [KeyStyle: Tables] = [:]
    var indicators: [Indicator] = []
    /// A narrow indicator's id → the words that lead to it from a broad one.
    var refinedBy: [String: [String]] = [:]

    init(_ book: PhraseBook) {
        for (id, entry) in book.indicators {
            var units = Set<String>()
            var context: [[String]] = []
            var refine: [(keys: [String], id: String)] = []
            for style in KeyStyle.allCases {
                units.formUnion(entry.units.map { Self.keys($0, style).joined(separator: " ") })
                context += entry.context.map { Self.keys($0, style) }
                refine += entry.refine.map { (Self.keys($0.words, style), $0.id) }
            }
            indicators.append(Indicator(id: id, units: units, context: context, refine: refine))
            for (keys, narrow) in refine where refinedBy[narrow] == nil { refinedBy[narrow] = keys }
        }
        for style in KeyStyle.allCases {
            var table = Tables()
            for (index, (_, entry)) in book.indicators.enumerated() {
                for phrase in entry.phrases {
                    let k = Self.keys(phrase, style)
                    if let first = k.first { table.phrasesByFirstKey[first, default: []].append(Phrase(keys: k, target: .indicator(index))) }
                }
                for unit in entry.units {
                    let k = Self.keys(unit, style)
                    if let first = k.first { table.unitsByFirstKey[first, default: []].append((k, false)) }
                }
            }
            for phrase in book.otherPhrases {
                let k = Self.keys(phrase, style)
                if let first = k.first { table.phrasesByFirstKey[first, default: []].append(Phrase(keys: k, target: .other)) }
            }
            for unit in book.notFigures {
                let k = Self.keys(unit, style)
                if let first = k.first { table.unitsByFirstKey[first, default: []].append((k, true)) }
            }
            for key in table.phrasesByFirstKey.keys {
                // Longest first; among equals, an indicator before "other", then file order.
                table.phrasesByFirstKey[key]?.sort { a, b in
                    if a.keys.count != b.keys.count { return a.keys.count > b.keys.count }
                    if case .indicator = a.target, case .other = b.target { return true }
                    return false
                }
            }
            for key in table.unitsByFirstKey.keys {
                table.unitsByFirstKey[key]?.sort { $0.keys.count > $1.keys.count }
            }
            tables[style] = table
        }
    }

    static func keys(_ text: String, _ style: KeyStyle) -> [String] {
        NarrativeText.words(text, line: 0, style: style).map(\.key)
    }

    /// The longest phrase starting at `start`, as the index past its end.
    func phrase(in words: [Word], at start: Int) -> (end: Int, target: PhraseTarget)? {
        guard let candidates = tables[words[start].style]?.phrasesByFirstKey[words[start].key] else { return nil }
        for phrase in candidates where words.has(phrase.keys, at: start, by: \.key) {
            return (start + phrase.keys.count, phrase.target)
        }
        return nil
    }

    /// The longest unit starting at `start`.
    func unit(in words: [Word], at start: Int) -> (end: Int, key: String, notFigure: Bool)? {
        guard start < words.count, let candidates = tables[words[start].style]?.unitsByFirstKey[words[start].key] else {
            return nil
        }
        var best: (end: Int, key: String, notFigure: Bool)?
        for unit in candidates where words.has(unit.keys, at: start, by: \.key) {
            if let current = best, current.end - start >= unit.keys.count {
                // A unit of figures wins over a not-figure unit of the same length.
                if current.end - start == unit.keys.count, current.notFigure, !unit.notFigure {
                    best = (start + unit.keys.count, unit.keys.joined(separator: " "), false)
                }
                continue
            }
            best = (start + unit.keys.count, unit.keys.joined(separator: " "), unit.notFigure)
        }
        return best
    }

}
