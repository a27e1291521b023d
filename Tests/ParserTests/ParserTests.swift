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
    func query(_ text: String) throws -> QueryStatement {
        guard case .query(let query) = try Parser.parse(text).first else {
            throw Diagnostic(id: "test", "not a query: \(text)")
        }
        return query
    }

    @Test func parsesCompareWithClauses() throws {
        let compare = try query("compare visits, inpatient 2024H1 2025H1 by facility for \"Lai Châu\"")
        #expect(compare.verb == .compare)
        #expect(compare.measures.map(\.expression.description) == ["visits", "inpatient"])
        #expect(compare.periods.map(\.form) == [.literal("2024H1"), .literal("2025H1")])
        #expect(compare.clauses.groupings.map(\.text) == ["facility"])
        #expect(compare.clauses.filter?.target.text == "Lai Châu")
        #expect(compare.clauses.filter?.target.quoted == true)
        #expect(compare.measures[1].expression.range == SourceRange(16, 25))
    }

    @Test func parsesRangesBareNamesAndSeveralStatements() throws {
        let statements = try Parser.parse("show visits 2024M01..2025M06 for tien du; list periods for visits -- a comment")
        #expect(statements.count == 2)
        guard case .query(let show) = statements[0], case .list(let list) = statements[1] else {
            Issue.record("\(statements)")
            return
        }
        #expect(show.periods[0].form == .range(PeriodSyntax(.literal("2024M01"), SourceRange(12, 19)), PeriodSyntax(.literal("2025M06"), SourceRange(21, 28))))
        #expect(show.clauses.filter?.target.text == "tien du")
        #expect(list.subject.text == "periods")
        #expect(list.indicator?.text == "visits")
    }

    @Test func parsesExplainAndDescribe() throws {
        let statements = try Parser.parse("explain show visits $cur by province")
        guard case .explain(.query(let show)) = statements.first else {
            Issue.record("\(statements)")
            return
        }
        #expect(show.periods[0].form == .variable("cur"))
        guard case .describe(let describe) = try Parser.parse("describe \"TTYT Tiên Du\"").first else {
            Issue.record("not a describe")
            return
        }
        #expect(describe.target.text == "TTYT Tiên Du")
        // A hyphenated id is one name; a spaced minus is not part of it.
        guard case .describe(let byID) = try Parser.parse("describe demo-dongson-thieudo").first,
            case .query(let filtered) = try Parser.parse("show visits 2025 for ttyt-tiendu by facility").first
        else {
            Issue.record("did not parse")
            return
        }
        #expect(byID.target.text == "demo-dongson-thieudo")
        #expect(filtered.clauses.filter?.target.text == "ttyt-tiendu")
    }

    @Test func expressionsFollowPrecedence() throws {
        let show = try query("show a - b / (c + 2) * 100 as x 2025H1")
        #expect(show.measures[0].expression.description == "a - b / (c + 2) * 100")
        guard case .binary(.subtract, _, .binary(.multiply, .binary(.divide, _, .parenthesized), .number(100, _, _))) =
            show.measures[0].expression
        else {
            Issue.record("\(show.measures[0].expression)")
            return
        }
        #expect(show.measures[0].alias?.text == "x")
    }

    @Test func parsesEveryVerbAndClause() throws {
        let rank = try query("rank districts by visits 2025 top 5 asc")
        #expect(rank.rankDimension?.text == "districts")
        #expect(rank.clauses.limit == 5)
        #expect(rank.clauses.descending == false)
        let yoy = try query("compare visits 2025H1 vs last year as ratio")
        #expect(yoy.sameLastYear != nil)
        #expect(yoy.clauses.mode?.text == "ratio")
        let trend = try query("trend dengue_cases 2024M01..2024M12 by month by district where district in (\"A\", B) and facility ~ \"xã*\" order by value desc")
        #expect(trend.clauses.groupings.map(\.text) == ["month", "district"])
        #expect(trend.clauses.conditions.count == 2)
        guard case .isIn(let values) = trend.clauses.conditions[0].test else {
            Issue.record("\(trend.clauses.conditions)")
            return
        }
        #expect(values.map(\.text) == ["A", "B"])
        #expect(values.map(\.quoted) == [true, false])
        #expect(trend.clauses.order?.key.text == "value")
        #expect(trend.clauses.order?.descending == true)
        guard case .define(let define) = try Parser.parse("define rate = a / b * 100 unit % label \"Rate\"").first,
            case .let(let assignment) = try Parser.parse("let cur = 2024M01..2024M06").first
        else {
            Issue.record("define or let did not parse")
            return
        }
        #expect(try query("show bed_occupancy 2025 by district weighted by inpatient").clauses.weight?.text == "inpatient")
        #expect(try query("chart rank districts by visits 2025").chart)
        #expect(try query("chart rank districts by visits 2025").verb == .rank)
        #expect(define.unit?.text == "%")
        #expect(define.label?.text == "Rate")
        #expect(assignment.text == "2024M01..2024M06")
    }

    static let errors: [ErrorCase] = [
        ErrorCase(marked: "^shwo visits 2025H1", id: "unknown-command", message: "unknown command 'shwo'"),
        ErrorCase(marked: "show visits ^by facility", id: "unexpected-token", message: "expected a period such as 2025H1, found 'by'"),
        ErrorCase(marked: "show ^2025H1", id: "unexpected-token", message: "expected an indicator after show"),
        ErrorCase(marked: "compare visits 2024H1^", id: "unexpected-token", message: "expected a second period or yoy"),
        ErrorCase(marked: "show visits 2025H1 ^yoy", id: "misplaced-clause", message: "'yoy' belongs to compare"),
        ErrorCase(marked: "show visits 2025H1 ^2025H2", id: "extra-period", message: "show takes one period"),
        ErrorCase(marked: "show visits 2025H1 top ^five", id: "unexpected-token", message: "expected a whole number above 0 after top"),
        ErrorCase(marked: "show visits 2025H1 where district ^is \"A\"", id: "unexpected-token", message: "expected =, in or ~"),
        ErrorCase(marked: "show (visits ^2025H1", id: "unexpected-token", message: "expected ')'"),
        ErrorCase(marked: "show visits * ^by 2025", id: "unexpected-token", message: "expected an indicator, a number or '('"),
        ErrorCase(marked: "rank facilities ^visits 2025", id: "unexpected-token", message: "expected 'by'"),
        ErrorCase(marked: "show bed_occupancy 2025 weighted ^inpatient", id: "unexpected-token", message: "expected 'by' after weighted"),
        ErrorCase(marked: "^chart list levels", id: "unexpected-token", message: "chart draws a show, compare, trend, rank or progress"),
        ErrorCase(marked: "show visits 2025 where level = a ^or level = b", id: "unsupported", message: "only 'and' joins conditions"),
        ErrorCase(marked: "show visits 2025 where ^not level = a", id: "unsupported", message: "there is no negation in where yet"),
        ErrorCase(marked: "show visits 2025 where level ^!= a", id: "unsupported", message: "'!=' is not supported"),
        ErrorCase(marked: "show visits 2025H1 by ^", id: "unexpected-token", message: "expected a dimension after by"),
        ErrorCase(marked: "show visits 2025H1 for ^\"Lai", id: "unterminated-string", message: "unterminated string"),
        ErrorCase(marked: "show visits 2025H1 ^@", id: "unexpected-character", message: "unexpected character '@'"),
        ErrorCase(marked: "show visits 2025H1 for a ^for b", id: "repeated-clause", message: "'for' is given twice"),
        ErrorCase(marked: "show visits, ^2025", id: "unexpected-token", message: "expected an indicator after show"),
        ErrorCase(marked: "show $x^", id: "unexpected-token", message: "expected a period such as 2025H1, found the end"),
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
