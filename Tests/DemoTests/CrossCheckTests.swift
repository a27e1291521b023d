import ChisoDemo
import ChisoModel
import ChisoShell
import Foundation
import Testing

/// chiso's answers against sqlite3's over the same CSV files.
///
/// The reference reading is the brief's: counts add up over months and facilities, a
/// district is its centre plus its stations, and a station belongs to the district it
/// was in during the month of the figure. chiso differs from it in two known ways, each
/// checked against its own SQL reading so that nothing else can hide behind it:
/// - a parent's own figure covers its children's for the same months (chiso's documented
///   rule), which here leaves the stations' visits out of district and province totals;
/// - until date-aware roll-ups land, chiso groups every month under today's hierarchy, so
///   before the merger Đông Sơn's stations count in Bắc Sơn.
@Suite struct CrossCheckTests {
    static let reference = SQLiteReference.answers(Question.all + Question.summedInSwift, folder: DemoFixture.folder)

    @Test(arguments: Question.all)
    func chisoAgreesWithSQLite(_ question: Question) throws {
        let answers = try Self.reference.get()
        let actual = try chisoAnswer(question)
        func reading(_ hierarchy: Hierarchy, _ overlap: Overlap) -> Answer {
            answers[SQLiteReference.key(question, hierarchy, overlap)] ?? [:]
        }
        let brief = reading(.dated, .sumAll)
        let documented = reading(.dated, .parentCovers)
        let todaysHierarchy = reading(.current, .parentCovers)

        if !agrees(actual, documented) {
            if agrees(actual, todaysHierarchy) {
                withKnownIssue(
                    "chiso rolls up with today's hierarchy (date-aware roll-ups in progress)", isIntermittent: true
                ) {
                    Issue.record("before the merger: \(differences(actual, documented).joined(separator: "; "))")
                }
            } else {
                Issue.record(
                    "chiso and sqlite3 disagree on `\(question.statement)` (chiso ≠ sqlite3): \(differences(actual, documented).joined(separator: "; "))"
                )
            }
        }
        if !agrees(documented, brief) {
            withKnownIssue(
                "a district centre's own figure hides its stations' figures (chiso's parent-covers-children rule)"
            ) {
                #expect(agrees(actual, brief), "\(differences(actual, brief).joined(separator: "; "))")
            }
        }
    }

    /// The SQL is checked against figures summed in Swift straight from the generator's
    /// rows, so a mistake in the SQL cannot make both sides agree.
    @Test(arguments: Question.summedInSwift)
    func sqlAgreesWithTheGeneratorsRows(_ question: Question) throws {
        let answers = try Self.reference.get()
        let sql = try #require(answers[SQLiteReference.key(question, .dated, .sumAll)])
        // A percentage of many facilities has no total: both sides must leave it empty.
        let expected: Answer = ["all facilities": provinceTotal(question)]
        #expect(agrees(sql, expected), "\(differences(sql, expected))")
    }

    @Test func answersCompareWithinAMillionth() {
        #expect(agrees(["a": 1_095_202], ["a": 1_095_202.5]))
        #expect(!agrees(["a": 1_095_202], ["a": 1_095_204]))
        #expect(agrees(["a": 94.2], ["a": 94.200_000_01]))
        #expect(!agrees(["a": 94.2], ["a": 94.2001]))
        #expect(!agrees(["a": 94.2], ["a": nil]))
        #expect(agrees(["a": nil], [:]))
        #expect(!agrees(["a": 0], [:]))
    }

    /// Every indicator of the questions has the kind in chiso's catalog that the SQL assumes.
    @Test(arguments: Aggregation.allCases)
    func catalogKindsMatchTheReference(_ aggregation: Aggregation) {
        for indicator in Aggregation.indicators[aggregation] ?? [] {
            let kind = IndicatorCatalog.builtin.code(of: indicator).map { IndicatorCatalog.builtin[$0].kind.rawValue }
            #expect(kind == aggregation.rawValue, "\(indicator)")
        }
    }

    /// chiso's answer through a session, read from its CSV output: the first column is
    /// the row label, `value` the figure (empty for an empty cell).
    func chisoAnswer(_ question: Question) throws -> Answer {
        var session = try #require(DemoFixture.session(), "the demo folder did not load")
        let outcome = session.run(question.statement)
        #expect(!outcome.failed, "\(outcome.errors)")
        let records = csvRecords(outcome.output)
        let header = try #require(records.first)
        let valueColumn = try #require(header.firstIndex(of: "value"), "no value column in \(header)")
        var answer: Answer = [:]
        for record in records.dropFirst() where record.count > valueColumn {
            #expect(answer[record[0]] == nil, "row label \(record[0]) appears twice")
            answer[record[0]] = Double(record[valueColumn])
        }
        return answer
    }

    /// The whole province's figure, computed from the generator's rows.
    func provinceTotal(_ question: Question) -> Double? {
        let rows = DemoFixture.data.observations.filter { row in
            row.indicator == question.indicator && question.period.months.contains(row.period.months.lowerBound.index)
                && question.period.months.contains(row.period.months.upperBound.index)
        }
        switch question.aggregation {
        case .count:
            return rows.reduce(0) { $0 + $1.figure.value }
        case .ratio:
            var n = 0
            var d = 0
            for row in rows {
                guard case .rate(let numerator, let denominator) = row.figure else { return nil }
                n += numerator
                d += denominator
            }
            return Double(n) / Double(d) * 100
        case .stock:
            var latest: [String: DemoObservation] = [:]
            for row in rows
            where latest[row.facility].map({ $0.period.months.upperBound < row.period.months.upperBound }) ?? true {
                latest[row.facility] = row
            }
            return latest.values.reduce(0) { $0 + $1.figure.value }
        case .percentage:
            return rows.count == 1 ? rows[0].figure.value : nil
        }
    }
}
