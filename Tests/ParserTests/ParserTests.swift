import ChisoModel
import ChisoParser
import Testing

/// An input with `^` marking where the diagnostic must point; the marker is removed before parsing.
struct ErrorCase: CustomTestStringConvertible, Sendable {
    var marked: String
    var id: String
    var message: String
    var testDescription: String { marked }

    var input: String { marked.replacingOccurrences(of: "^", with: "") }
    var offset: Int { marked.distance(from: marked.startIndex, to: marked.firstIndex(of: "^") ?? marked.startIndex) }
}

@Suite struct ParserTests {
    @Test func parsesCompareWithClauses() throws {
        let statements = try Parser.parse("compare visits, inpatient 2024H1 2025H1 by facility for \"Lai Châu\"")
        guard case .compare(let compare) = statements.first else {
            Issue.record("not a compare: \(statements)")
            return
        }
        #expect(compare.indicators.map(\.text) == ["visits", "inpatient"])
        #expect(compare.periods.map(\.form) == [.literal("2024H1"), .literal("2025H1")])
        #expect(compare.grouping?.dimension.text == "facility")
        #expect(compare.filter?.target.text == "Lai Châu")
        #expect(compare.filter?.target.quoted == true)
        #expect(compare.indicators[1].range == SourceRange(16, 25))
    }

    @Test func parsesRangesBareNamesAndSeveralStatements() throws {
        let statements = try Parser.parse("show visits 2024M01..2025M06 for tien du; list periods for visits -- a comment")
        #expect(statements.count == 2)
        guard case .show(let show) = statements[0], case .list(let list) = statements[1] else {
            Issue.record("\(statements)")
            return
        }
        #expect(show.period.form == .range(PeriodSyntax(.literal("2024M01"), SourceRange(12, 19)), PeriodSyntax(.literal("2025M06"), SourceRange(21, 28))))
        #expect(show.filter?.target.text == "tien du")
        #expect(list.subject.text == "periods")
        #expect(list.indicator?.text == "visits")
    }

    @Test func parsesExplainAndDescribe() throws {
        let statements = try Parser.parse("explain show visits $cur by province")
        guard case .explain(.show(let show)) = statements.first else {
            Issue.record("\(statements)")
            return
        }
        #expect(show.period.form == .variable("cur"))
        guard case .describe(let describe) = try Parser.parse("describe \"TTYT Tiên Du\"").first else {
            Issue.record("not a describe")
            return
        }
        #expect(describe.target.text == "TTYT Tiên Du")
    }

    static let errors: [ErrorCase] = [
        ErrorCase(marked: "^shwo visits 2025H1", id: "unknown-command", message: "unknown command 'shwo'"),
        ErrorCase(marked: "show visits ^by facility", id: "unexpected-token", message: "expected a period such as 2025H1, found 'by'"),
        ErrorCase(marked: "show ^2025H1", id: "unexpected-token", message: "expected an indicator after show"),
        ErrorCase(marked: "compare visits 2024H1^", id: "unexpected-token", message: "expected a second period"),
        ErrorCase(marked: "show visits 2025H1 by ^", id: "unexpected-token", message: "expected a dimension after by"),
        ErrorCase(marked: "show visits 2025H1 for ^\"Lai", id: "unterminated-string", message: "unterminated string"),
        ErrorCase(marked: "show visits 2025H1 ^@", id: "unexpected-character", message: "unexpected character '@'"),
        ErrorCase(marked: "show visits 2025H1 by facility ^by province", id: "repeated-clause", message: "'by' is given twice"),
        ErrorCase(marked: "show visits, ^2025", id: "unexpected-token", message: "expected an indicator after ','"),
        ErrorCase(marked: "show ^$x", id: "unexpected-token", message: "expected an indicator after show, found '$x'"),
    ]

    @Test(arguments: errors)
    func reportsErrorsAtTheToken(_ c: ErrorCase) {
        do {
            _ = try Parser.parse(c.input)
            Issue.record("parsed without error")
        } catch {
            #expect(error.id == c.id)
            #expect(error.message.hasPrefix(c.message), "\(error.message)")
            #expect(error.range?.start == c.offset)
        }
    }

    @Test func suggestsTheVerb() {
        #expect(throws: Diagnostic.self) { try Parser.parse("compre visits 2024 2025") }
        do {
            _ = try Parser.parse("compre visits 2024 2025")
        } catch {
            #expect(error.hint == "did you mean 'compare'?")
        }
    }

    @Test func lexerKeepsVietnameseWordsAndPeriods() throws {
        let tokens = try Lexer.tokenize("for Tiên 9M2023 1.5 2024..2025")
        #expect(tokens.map(\.kind) == [.word, .word, .word, .number, .number, .dotDot, .number, .end])
        #expect(tokens[1].text == "Tiên")
        #expect(tokens[4].text == "2024")
    }
}
