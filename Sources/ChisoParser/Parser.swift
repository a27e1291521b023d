import ChisoModel

// chiso's statements are keyword-led and short, so the parser is a hand-written
// recursive descent over the lexer's tokens: one function per grammar rule, each
// consuming at least one token or throwing, so no loop can spin.
//
//   statement  := show | compare | list | describe | "explain" statement
//   show       := "show" names period clauses
//   compare    := "compare" names period period+ clauses
//   list       := "list" word ["for" name]
//   describe   := "describe" name
//   names      := name ("," name)*
//   period     := periodAtom [".." periodAtom]
//   clauses    := ("by" word | "for" target)*
//
// Errors are `Diagnostic` values with the range of the offending token; the parser
// never prints.

/// Parses the text of one statement into its syntax tree.
public struct Parser {
    /// The verbs a statement can start with, for messages and completion.
    public static let verbs = ["show", "compare", "list", "describe", "explain"]
    /// Words that end a free-text `for` target and start a new clause.
    public static let clauseKeywords: Set<String> = ["by", "for"]

    private let tokens: [Token]
    private var index = 0

    private init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses text holding one or more statements separated by `;`.
    public static func parse(_ text: String) throws(Diagnostic) -> [Statement] {
        var parser = Parser(tokens: try Lexer.tokenize(text))
        var statements: [Statement] = []
        while parser.current.kind != .end {
            if parser.current.kind == .semicolon {
                parser.index += 1
                continue
            }
            statements.append(try parser.statement())
            guard parser.current.kind == .semicolon || parser.current.kind == .end else {
                throw parser.unexpected("the end of the statement")
            }
        }
        return statements
    }

    private var current: Token { tokens[index] }

    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .end: return "the end of the statement"
        case .string: return "\"\(token.text)\""
        case .variable: return "'$\(token.text)'"
        default: return "'\(token.text)'"
        }
    }

    private func unexpected(_ expected: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(
            id: "unexpected-token", "expected \(expected), found \(describe(current))",
            range: current.kind == .end ? SourceRange(current.range.start, current.range.start + 1) : current.range,
            hint: hint)
    }

    // MARK: Statements

    private mutating func statement() throws(Diagnostic) -> Statement {
        let verb = current
        guard verb.kind == .word else { throw unexpected("a command such as show or compare") }
        switch verb.text.lowercased() {
        case "show":
            _ = advance()
            let indicators = try names(what: "an indicator after show", example: "show visits 2025H1")
            let period = try period(hint: "show needs a period: show \(indicators[0].text) 2025H1")
            let (grouping, filter) = try clauses()
            return .show(ShowStatement(indicators: indicators, period: period, grouping: grouping, filter: filter))
        case "compare":
            _ = advance()
            let indicators = try names(what: "an indicator after compare", example: "compare visits 2024H1 2025H1")
            var periods = [try period(hint: "compare needs two periods: compare \(indicators[0].text) 2024H1 2025H1")]
            while current.startsPeriod { periods.append(try period(hint: nil)) }
            guard periods.count >= 2 else {
                throw unexpected("a second period", hint: "compare needs two periods: compare \(indicators[0].text) 2024H1 2025H1")
            }
            let (grouping, filter) = try clauses()
            return .compare(CompareStatement(indicators: indicators, periods: periods, grouping: grouping, filter: filter))
        case "list":
            _ = advance()
            guard current.kind == .word else {
                throw unexpected("what to list", hint: "list indicators, list facilities, list periods or list levels")
            }
            let subject = name(advance())
            var indicator: NameSyntax?
            if current.isKeyword("for") {
                _ = advance()
                indicator = try singleName(what: "an indicator after for")
            }
            return .list(ListStatement(subject: subject, indicator: indicator))
        case "describe":
            _ = advance()
            let target = try freeText(what: "an indicator or facility to describe")
            return .describe(DescribeStatement(target: target))
        case "explain":
            _ = advance()
            guard current.kind != .end else { throw unexpected("a statement to explain", hint: "explain show visits 2025H1") }
            return .explain(try statement())
        default:
            let hint = TextFolding.suggestion(for: verb.text, among: Parser.verbs).map { "did you mean '\($0)'?" }
            throw Diagnostic(
                id: "unknown-command", "unknown command '\(verb.text)'", range: verb.range,
                hint: hint ?? "commands: \(Parser.verbs.joined(separator: ", ")); .help lists them")
        }
    }

    // MARK: Pieces

    private func name(_ token: Token) -> NameSyntax {
        NameSyntax(token.text, token.range, quoted: token.kind == .string)
    }

    private mutating func singleName(what: String) throws(Diagnostic) -> NameSyntax {
        guard current.kind == .word || current.kind == .string else { throw unexpected(what) }
        return name(advance())
    }

    private mutating func names(what: String, example: String) throws(Diagnostic) -> [NameSyntax] {
        guard (current.kind == .word || current.kind == .string), !current.startsPeriod else {
            throw unexpected(what, hint: example)
        }
        var result = [name(advance())]
        while current.kind == .comma {
            _ = advance()
            result.append(try singleName(what: "an indicator after ','"))
        }
        return result
    }

    /// A quoted name, or bare words up to the next clause keyword: `for tien du by facility`.
    private mutating func freeText(what: String) throws(Diagnostic) -> NameSyntax {
        if current.kind == .string { return name(advance()) }
        guard current.kind == .word || current.kind == .number, !Parser.clauseKeywords.contains(current.text.lowercased())
        else { throw unexpected(what) }
        var words = [advance()]
        while (current.kind == .word || current.kind == .number),
            !Parser.clauseKeywords.contains(current.text.lowercased())
        {
            words.append(advance())
        }
        let range = words[0].range.union(words[words.count - 1].range)
        return NameSyntax(words.map(\.text).joined(separator: " "), range)
    }

    private mutating func periodAtom(hint: String?) throws(Diagnostic) -> PeriodSyntax {
        guard current.startsPeriod else { throw unexpected("a period such as 2025H1", hint: hint) }
        let token = advance()
        if token.kind == .variable { return PeriodSyntax(.variable(token.text), token.range) }
        return PeriodSyntax(.literal(token.text), token.range)
    }

    private mutating func period(hint: String?) throws(Diagnostic) -> PeriodSyntax {
        let first = try periodAtom(hint: hint)
        guard current.kind == .dotDot else { return first }
        _ = advance()
        let last = try periodAtom(hint: "a range needs an end: 2024M01..2025M06")
        return PeriodSyntax(.range(first, last), first.range.union(last.range))
    }

    private mutating func clauses() throws(Diagnostic) -> (GroupingSyntax?, FilterSyntax?) {
        var grouping: GroupingSyntax?
        var filter: FilterSyntax?
        while current.kind == .word {
            if current.isKeyword("by") {
                let keyword = advance()
                guard grouping == nil else {
                    throw Diagnostic(id: "repeated-clause", "'by' is given twice", range: keyword.range)
                }
                guard current.kind == .word else {
                    throw unexpected("a dimension after by", hint: "by facility, or by a level such as by province")
                }
                grouping = GroupingSyntax(dimension: name(advance()))
            } else if current.isKeyword("for") {
                let keyword = advance()
                guard filter == nil else {
                    throw Diagnostic(id: "repeated-clause", "'for' is given twice", range: keyword.range)
                }
                filter = FilterSyntax(target: try freeText(what: "a facility or area after for"))
            } else {
                throw unexpected("by, for or the end of the statement")
            }
        }
        return (grouping, filter)
    }
}
