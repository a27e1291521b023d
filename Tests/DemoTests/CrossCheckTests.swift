import ChisoDemo
import ChisoModel
import ChisoShell
import Foundation
import Testing

/// chiso's answers against sqlite3's over the same CSV files.
///
/// The reference reading is the documented one: counts add up over months and facilities,
/// a station belongs to the district it was in during the month of the figure, and a
/// parent's own figure is its total, used instead of its children's for the same months
/// (the demo's district centres report their districts' totals of visits). Other readings
/// are computed too, to show that they give different answers, so agreement means
/// something.
@Suite struct CrossCheckTests {
    static let reference = SQLiteReference.answers(Question.all + Question.summedInSwift, folder: DemoFixture.folder)

    @Test(arguments: Question.all)
    func chisoAgreesWithSQLite(_ question: Question) throws {
        let answers = try Self.reference.get()
        let actual = try chisoAnswer(question)
        func reading(_ hierarchy: Hierarchy, _ overlap: Overlap) -> Answer {
            answers[SQLiteReference.key(question, hierarchy, overlap)] ?? [:]
        }
        let documented = reading(.dated, .parentCovers)
        #expect(
            agrees(actual, documented),
            "chiso and sqlite3 disagree on `\(question.statement)` (chiso ≠ sqlite3): \(differences(actual, documented).joined(separator: "; "))"
        )
    }

    /// The readings chiso does not follow give other answers on some questions, so the
    /// questions can tell them apart: adding a parent's total to its children's, and
    /// rolling up with today's hierarchy across the merger.
    @Test func theQuestionsTellTheReadingsApart() throws {
        let answers = try Self.reference.get()
        func differs(_ hierarchy: Hierarchy, _ overlap: Overlap) -> Bool {
            Question.all.contains { question in
                let documented = answers[SQLiteReference.key(question, .dated, .parentCovers)] ?? [:]
                let other = answers[SQLiteReference.key(question, hierarchy, overlap)] ?? [:]
                return !agrees(documented, other)
            }
        }
        #expect(differs(.dated, .sumAll))
        #expect(differs(.current, .parentCovers))
    }

    /// The SQL is checked against figures summed in Swift straight from the generator's
    /// rows, so a mistake in the SQL cannot make both sides agree.
    @Test(arguments: Question.summedInSwift)
    func sqlAgreesWithTheGeneratorsRows(_ question: Question) throws {
        let answers = try Self.reference.get()
        let sql = try #require(answers[SQLiteReference.key(question, .dated, .parentCovers)])
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

    /// The whole province's figure, computed from the generator's rows: a station's figure
    /// is left out when its district centre (of that month) has one for the same period.
    func provinceTotal(_ question: Question) -> Double? {
        let data = DemoFixture.data
        let inPeriod = data.observations.filter { row in
            row.indicator == question.indicator && question.period.months.contains(row.period.months.lowerBound.index)
                && question.period.months.contains(row.period.months.upperBound.index)
        }
        let reported = Set(inPeriod.map { "\($0.facility)|\($0.period)" })
        let facilities = Dictionary(uniqueKeysWithValues: data.facilities.map { ($0.id, $0) })
        let rows = inPeriod.filter { row in
            guard let facility = facilities[row.facility] else { return true }
            let parent = facility.formerParent.flatMap { former in
                row.period.months.upperBound <= former.until ? former.id : nil
            } ?? facility.parent
            return !reported.contains("\(parent ?? "")|\(row.period)")
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
            // A snapshot at the latest month with a figure.
            guard let last = rows.map(\.period.months.upperBound).max() else { return nil }
            return rows.filter { $0.period.months.upperBound == last }.reduce(0) { $0 + $1.figure.value }
        case .percentage:
            return rows.count == 1 ? rows[0].figure.value : nil
        }
    }
}
