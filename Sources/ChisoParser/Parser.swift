import ChisoModel

// chiso's statements are keyword-led and short, so the parser is a hand-written
// recursive descent over the lexer's tokens: one function per grammar rule, each
// consuming at least one token or throwing, so no loop can spin.
//
//   statement  := query | list | describe | define | let | "explain" statement
//   query      := ("show" | "trend" | "progress") measures period clauses
//               | "compare" measures period (period+ | "yoy" | "vs" "last" "year") clauses
//               | "rank" [dimension] "by" measure period clauses
//   list       := "list" word ["for" name]
//   describe   := "describe" name
//   define     := "define" word "=" expr ["unit" (word | string | "%")] ["label" string]
//   let        := "let" word "=" (period | string | word)
//   measures   := measure ("," measure)*
//   measure    := expr ["as" (word | string)]
//   expr       := term (("+" | "-") term)*
//   term       := unary (("*" | "/") unary)*
//   unary      := "-" unary | number | name | "(" expr ")"
//   period     := periodAtom [".." periodAtom]
//   clauses    := ("by" word | "for" target | "where" condition ("and" condition)*
//               | "order" "by" key ["asc" | "desc"] | "top" number | "asc" | "desc"
//               | "as" word | "weighted" "by" name)*
//   condition  := word ("=" value | "in" "(" value ("," value)* ")" | "~" value)
//
// Errors are `Diagnostic` values with the range of the offending token; the parser
// never prints.

/// Parses the text of one statement into its syntax tree.
public struct Parser {
    /// The verbs a statement can start with, for messages and completion.
    public static let verbs = [
        "show", "compare", "trend", "rank", "progress", "chart", "list", "describe", "define", "let", "explain",
    ]
    /// Words that end a free-text `for` target and start a new clause.
    public static let clauseKeywords: Set<String> = [
        "by", "for", "where", "order", "top", "as", "asc", "desc", "weighted",
    ]

    private let tokens: [Token]
    private var index = 0
    /// How deep the expression being read is nested (brackets, minus signs), and how many
    /// operators it has: past the limits it is refused as too complex, rather than
    /// recursing until the stack runs out.
    private var depth = 0
    private var operators = 0
    static let maxDepth = 64
    static let maxOperators = 1_000

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
            parser.operators = 0
            statements.append(try parser.statement())
            guard parser.current.kind == .semicolon || parser.current.kind == .end else {
                throw parser.unexpected("the end of the statement")
            }
        }
        return statements
    }

    private var current: Token { tokens[index] }

    private var next: Token { tokens[min(index + 1, tokens.count - 1)] }

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
        let word = verb.text.lowercased()
        if let queryVerb = QueryVerb(rawValue: word) {
            return .query(try query(queryVerb))
        }
        switch word {
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
        case "define":
            _ = advance()
            return .define(try define())
        case "let":
            _ = advance()
            return .let(try letStatement())
        case "chart":
            let chart = advance()
            guard case .query(var query) = try statement() else {
                throw Diagnostic(
                    id: "unexpected-token", "chart draws a show, compare, trend, rank or progress", range: chart.range,
                    hint: "chart rank districts by visits 2025H1")
            }
            query.chart = true
            return .query(query)
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

    private mutating func query(_ verb: QueryVerb) throws(Diagnostic) -> QueryStatement {
        let verbToken = advance()
        var rankDimension: NameSyntax?
        var measures: [MeasureSyntax]
        if verb == .rank {
            if current.kind == .word, !current.isKeyword("by") { rankDimension = name(advance()) }
            guard current.isKeyword("by") else {
                throw unexpected("'by' and what to rank by", hint: "rank facilities by visits 2025 top 5")
            }
            _ = advance()
            measures = [try measure(verb: verb)]
        } else {
            measures = try self.measures(verb: verb)
        }
        let first = measures[0].expression.description
        let example: String
        switch verb {
        case .compare: example = "compare \(first) 2024H1 2025H1, or compare \(first) 2025H1 yoy"
        case .trend: example = "trend \(first) 2024M01..2025M06 by month"
        default: example = "\(verb.rawValue) \(first) 2025H1"
        }
        var periods = [try period(hint: example)]
        var sameLastYear: SourceRange?
        while current.startsPeriod { periods.append(try period(hint: nil)) }
        if current.isKeyword("yoy") {
            sameLastYear = advance().range
        } else if current.isKeyword("vs") {
            let vs = advance()
            guard current.isKeyword("last"), next.isKeyword("year") else {
                throw unexpected("'last year' after vs", hint: "compare \(first) 2025H1 vs last year")
            }
            _ = advance()
            sameLastYear = vs.range.union(advance().range)
        }
        if let range = sameLastYear {
            guard verb == .compare else {
                throw Diagnostic(
                    id: "misplaced-clause", "'yoy' belongs to compare", range: range,
                    hint: "compare \(first) \(periods.count == 1 ? "2025H1" : "…") yoy")
            }
            guard periods.count == 1 else {
                throw Diagnostic(
                    id: "misplaced-clause", "'yoy' compares one period with the same period a year earlier",
                    range: range, hint: "give one period: compare \(first) 2025H1 yoy")
            }
        }
        if verb == .compare, periods.count < 2, sameLastYear == nil {
            throw unexpected("a second period or yoy", hint: example)
        }
        if verb != .compare, periods.count > 1 {
            throw Diagnostic(
                id: "extra-period", "\(verb.rawValue) takes one period", range: periods[1].range,
                hint: verb == .trend ? "a range spans several: trend \(first) 2024M01..2025M06"
                    : "compare takes several: compare \(first) 2024H1 2025H1")
        }
        let clauses = try self.clauses()
        return QueryStatement(
            verb: verb, verbRange: verbToken.range, measures: measures, periods: periods, sameLastYear: sameLastYear,
            rankDimension: rankDimension, clauses: clauses)
    }

    private mutating func define() throws(Diagnostic) -> DefineStatement {
        guard current.kind == .word, !current.startsPeriod else {
            throw unexpected("a name to define", hint: "define pass_rate = food_inspections_passed / food_inspections * 100")
        }
        let name = self.name(advance())
        guard current.kind == .equals else { throw unexpected("'=' after \(name.text)") }
        _ = advance()
        let expression = try self.expression()
        var unit: NameSyntax?
        var label: NameSyntax?
        while current.kind == .word {
            if current.isKeyword("unit"), unit == nil {
                _ = advance()
                switch current.kind {
                case .word, .string, .percent: unit = self.name(advance())
                default: throw unexpected("a unit after unit", hint: "unit %, unit count, or unit \"per 1,000\"")
                }
            } else if current.isKeyword("label"), label == nil {
                _ = advance()
                guard current.kind == .string else { throw unexpected("a quoted label", hint: "label \"Pass rate\"") }
                label = self.name(advance())
            } else {
                throw unexpected("unit, label or the end of the statement")
            }
        }
        return DefineStatement(name: name, expression: expression, unit: unit, label: label)
    }

    private mutating func letStatement() throws(Diagnostic) -> LetStatement {
        guard current.kind == .word, !current.startsPeriod else {
            throw unexpected("a variable name", hint: "let cur = 2025H1")
        }
        let name = self.name(advance())
        guard current.kind == .equals else { throw unexpected("'=' after \(name.text)", hint: "let \(name.text) = 2025H1") }
        _ = advance()
        if current.startsPeriod, current.kind != .variable {
            let period = try self.period(hint: nil)
            return LetStatement(name: name, value: .period(period), text: periodText(period))
        }
        guard current.kind == .word || current.kind == .string else {
            throw unexpected("a period or a name", hint: "let \(name.text) = 2025H1")
        }
        let value = self.name(advance())
        return LetStatement(name: name, value: .name(value), text: value.text)
    }

    private func periodText(_ period: PeriodSyntax) -> String {
        switch period.form {
        case .literal(let text): return text
        case .variable(let name): return "$" + name
        case .range(let a, let b): return periodText(a) + ".." + periodText(b)
        }
    }

    // MARK: Measures and expressions

    private mutating func measures(verb: QueryVerb) throws(Diagnostic) -> [MeasureSyntax] {
        var result = [try measure(verb: verb)]
        while current.kind == .comma {
            _ = advance()
            result.append(try measure(verb: verb))
        }
        return result
    }

    private mutating func measure(verb: QueryVerb) throws(Diagnostic) -> MeasureSyntax {
        let operators: Set<TokenKind> = [.star, .slash, .plus, .minus]
        if current.startsPeriod, current.kind != .variable, !(current.kind == .number && operators.contains(next.kind)) {
            throw unexpected("an indicator after \(verb.rawValue)", hint: "\(verb.rawValue) visits 2025H1")
        }
        let expression = try self.expression()
        var alias: NameSyntax?
        if current.isKeyword("as") {
            _ = advance()
            guard current.kind == .word || current.kind == .string, !current.startsPeriod else {
                throw unexpected("a name after as", hint: "show a / b * 100 as pass_rate 2025H1")
            }
            alias = name(advance())
        }
        return MeasureSyntax(expression, alias: alias)
    }

    public mutating func expression() throws(Diagnostic) -> ExpressionSyntax {
        var left = try term()
        while current.kind == .plus || current.kind == .minus {
            try countOperator()
            let op: ArithmeticOperator = advance().kind == .plus ? .add : .subtract
            left = .binary(op, left, try term())
        }
        return left
    }

    private mutating func term() throws(Diagnostic) -> ExpressionSyntax {
        var left = try unary()
        while current.kind == .star || current.kind == .slash {
            try countOperator()
            let op: ArithmeticOperator = advance().kind == .star ? .multiply : .divide
            left = .binary(op, left, try unary())
        }
        return left
    }

    private mutating func countOperator() throws(Diagnostic) {
        operators += 1
        guard operators <= Parser.maxOperators else {
            throw Diagnostic(
                id: "too-complex", "this expression is too complex: more than \(Parser.maxOperators) operators",
                range: current.range, hint: "split it with define or let")
        }
    }

    /// Reads something nested one level deeper.
    private mutating func nested<T>(_ read: (inout Parser) throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        guard depth < Parser.maxDepth else {
            throw Diagnostic(
                id: "too-complex", "this expression is too complex: nested more than \(Parser.maxDepth) deep",
                range: current.range, hint: "split it with define or let")
        }
        depth += 1
        defer { depth -= 1 }
        return try read(&self)
    }

    private mutating func unary() throws(Diagnostic) -> ExpressionSyntax {
        switch current.kind {
        case .minus:
            let minus = advance()
            let inner = try nested { (parser: inout Parser) throws(Diagnostic) in try parser.unary() }
            return .negate(inner, minus.range.union(inner.range))
        case .number:
            let token = advance()
            guard let value = Double(token.text) else { throw Diagnostic(id: "bad-number", "'\(token.text)' is not a number", range: token.range) }
            return .number(value, text: token.text, token.range)
        case .leftParen:
            let open = advance()
            let inner = try nested { (parser: inout Parser) throws(Diagnostic) in try parser.expression() }
            guard current.kind == .rightParen else { throw unexpected("')'", hint: "close the parenthesis opened here") }
            let close = advance()
            return .parenthesized(inner, open.range.union(close.range))
        case .variable:
            let token = advance()
            return .name(NameSyntax(token.text, token.range, isVariable: true))
        case .word where !current.startsPeriod && !Parser.clauseKeywords.contains(current.text.lowercased()), .string:
            return .name(name(advance()))
        default:
            throw unexpected("an indicator, a number or '('")
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

    /// One bare word, with hyphenated parts joined when nothing separates them:
    /// `demo-bacson-anphu`.
    private mutating func hyphenated() -> NameSyntax {
        let first = advance()
        var text = first.text
        var last = first
        while current.kind == .minus, current.range.start == last.range.end,
            next.kind == .word || next.kind == .number, next.range.start == current.range.end
        {
            _ = advance()
            last = advance()
            text += "-" + last.text
        }
        return NameSyntax(text, first.range.union(last.range))
    }

    /// A quoted name, or bare words up to the next clause keyword: `for tien du by facility`.
    private mutating func freeText(what: String) throws(Diagnostic) -> NameSyntax {
        if current.kind == .string { return name(advance()) }
        if current.kind == .variable {
            let token = advance()
            return NameSyntax(token.text, token.range, isVariable: true)
        }
        guard current.kind == .word || current.kind == .number, !Parser.clauseKeywords.contains(current.text.lowercased())
        else { throw unexpected(what) }
        // Bare words up to the next clause keyword; each may be a hyphenated id.
        var words = [hyphenated()]
        while current.kind == .word || current.kind == .number, !Parser.clauseKeywords.contains(current.text.lowercased()) {
            words.append(hyphenated())
        }
        let text = words.map(\.text).joined(separator: " ")
        let range = words[0].range.union(words[words.count - 1].range)
        return NameSyntax(text, range)
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

    private mutating func clauses() throws(Diagnostic) -> ClauseSyntax {
        var clauses = ClauseSyntax()
        while current.kind == .word {
            let keyword = current
            func once(_ isNew: Bool) throws(Diagnostic) {
                guard isNew else {
                    throw Diagnostic(id: "repeated-clause", "'\(keyword.text)' is given twice", range: keyword.range)
                }
            }
            switch keyword.text.lowercased() {
            case "by":
                _ = advance()
                guard current.kind == .word || current.kind == .string else {
                    throw unexpected("a dimension after by", hint: "by facility, by district, or for trend by month")
                }
                clauses.groupings.append(name(advance()))
            case "for":
                try once(clauses.filter == nil)
                _ = advance()
                clauses.filter = FilterSyntax(target: try freeText(what: "a facility or area after for"))
            case "where":
                try once(clauses.conditions.isEmpty)
                _ = advance()
                clauses.conditions.append(try condition())
                while current.isKeyword("and") {
                    _ = advance()
                    clauses.conditions.append(try condition())
                }
            case "order":
                try once(clauses.order == nil)
                _ = advance()
                guard current.isKeyword("by") else { throw unexpected("'by' after order", hint: "order by value desc") }
                _ = advance()
                guard [.word, .string, .number].contains(current.kind) else {
                    throw unexpected("a column to order by", hint: "order by value, order by change, order by name")
                }
                let key = name(advance())
                var descending: Bool?
                if current.isKeyword("asc") || current.isKeyword("desc") { descending = advance().isKeyword("desc") }
                clauses.order = OrderSyntax(key: key, descending: descending)
            case "top":
                try once(clauses.limit == nil)
                _ = advance()
                guard current.kind == .number, let n = Int(current.text), n > 0 else {
                    throw unexpected("a whole number above 0 after top", hint: "top 5")
                }
                clauses.limitRange = advance().range
                clauses.limit = n
            case "asc", "desc":
                try once(clauses.descending == nil)
                clauses.descending = advance().isKeyword("desc")
            case "weighted":
                try once(clauses.weight == nil)
                _ = advance()
                guard current.isKeyword("by") else { throw unexpected("'by' after weighted", hint: "weighted by inpatient") }
                _ = advance()
                clauses.weight = try singleName(what: "an indicator to weight by")
            case "as":
                try once(clauses.mode == nil)
                _ = advance()
                guard current.kind == .word else { throw unexpected("growth, ratio or points after as") }
                clauses.mode = name(advance())
            case "or" where !clauses.conditions.isEmpty:
                throw Diagnostic(
                    id: "unsupported", "only 'and' joins conditions", range: keyword.range,
                    hint: "for either-or, list the values: where district in (\"A\", \"B\")")
            default:
                let keywords = ["by", "for", "where", "order by", "top", "as"]
                let hint = TextFolding.suggestion(for: keyword.text, among: keywords).map { "did you mean '\($0)'?" }
                throw unexpected("by, for, where, order by, top or the end of the statement", hint: hint)
            }
        }
        if current.kind != .end && current.kind != .semicolon {
            throw unexpected("by, for, where, order by, top or the end of the statement")
        }
        return clauses
    }

    private mutating func condition() throws(Diagnostic) -> ConditionSyntax {
        guard current.kind == .word else {
            throw unexpected("a dimension to filter on", hint: "where district = \"Tiên Du\", where level in (commune, ward)")
        }
        if current.isKeyword("not") {
            throw Diagnostic(
                id: "unsupported", "there is no negation in where yet", range: current.range,
                hint: "list what to keep: where level in (district, hospital)")
        }
        let dimension = name(advance())
        switch current.kind {
        case .equals:
            _ = advance()
            return ConditionSyntax(dimension: dimension, test: .equals(try value()))
        case .tilde:
            _ = advance()
            return ConditionSyntax(dimension: dimension, test: .matches(try value()))
        case .word where current.isKeyword("in"):
            _ = advance()
            guard current.kind == .leftParen else { throw unexpected("'(' after in", hint: "in (\"A\", \"B\")") }
            _ = advance()
            var values = [try value()]
            while current.kind == .comma {
                _ = advance()
                values.append(try value())
            }
            guard current.kind == .rightParen else { throw unexpected("',' or ')'") }
            _ = advance()
            return ConditionSyntax(dimension: dimension, test: .isIn(values))
        default:
            throw unexpected("=, in or ~ after \(dimension.text)")
        }
    }

    private mutating func value() throws(Diagnostic) -> NameSyntax {
        switch current.kind {
        case .word, .number: return hyphenated()
        case .string: return name(advance())
        case .variable:
            let token = advance()
            return NameSyntax(token.text, token.range, isVariable: true)
        default: throw unexpected("a name or a quoted text")
        }
    }
}
