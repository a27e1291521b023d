import ChisoModel
import Foundation
import Testing

@testable import ChisoReports

@Suite struct NarrativeOutputTests {
    static let report = """
        Trung tâm Y tế Lai Châu sơ kết 6 tháng đầu năm 2025
        Khám bệnh cho 27.662 lượt người, tăng 138 lượt so với cùng kỳ, đạt 57,6% kế hoạch năm.
        Trẻ dưới 1 tuổi được tiêm chủng đầy đủ 279/796 trẻ; khám bệnh trên 63 nghìn lượt tại "Lai Châu, Tân Phong".
        Tỷ lệ hài lòng đạt trên 95%. Cấp cứu 2.104 lượt, tăng 7,2% so với cùng kỳ.
        """

    @Test func csvHasOneRowPerFigureEmptyWhereNotStated() throws {
        let narrative = try NarrativeFixture.reader.read(Self.report, file: "r.txt")
        #expect(narrative.csv() == """
            facility,period,indicator,value,qualifier,change,plan_pct,numerator,denominator,line
            ttyt-laichau,2025H1,visits,27662,exact,+138,57.6,,,2
            ttyt-laichau,2025H1,epi_full_u1,,exact,,,279,796,3
            ttyt-laichau,2025H1,patient_satisfaction,95,at_least,,,,,4
            ttyt-laichau,2025H1,emergency_visits,2104,exact,+7.2%,,,,4

            """)
        // The second visits figure differs from the first: listed, not taken.
        #expect(narrative.notUnderstood.map(\.reason).contains { $0.contains("already read at line 2") })
    }

    /// A quote is a quote to a CSV or YAML reader even when a combining mark follows it
    /// (one character to Swift): the field is quoted and the quote doubled or escaped.
    @Test(arguments: [
        ("Lai \"\u{301}Châu", "\"Lai \"\"\u{301}Châu\"", "\"Lai \\\"\u{301}Châu\""),
        ("a,b", "\"a,b\"", "\"a,b\""),
        ("plain", "plain", "plain"),
        ("back\\slash \"q\"", "\"back\\slash \"\"q\"\"\"", "\"back\\\\slash \\\"q\\\"\""),
    ])
    func quotesAreEscapedByBytes(_ text: String, _ csv: String, _ yaml: String) {
        #expect(NarrativeReport.csvField(text) == csv)
        #expect(NarrativeReport.scalar(text) == yaml)
    }

    /// The YAML written by import loads back to the same figures, traced to its lines.
    @Test func yamlLoadsBack() throws {
        let narrative = try NarrativeFixture.reader.read(Self.report, file: "r.txt")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-narrative-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = folder.appendingPathComponent("r.yaml").path
        try narrative.yaml().write(toFile: yaml, atomically: true, encoding: .utf8)
        let loaded = try DatasetLoader().load([NarrativeFixture.root.appendingPathComponent("Datasets/seed/facilities.csv").path, yaml])
        #expect(loaded.report.diagnostics.filter { $0.severity == .error }.isEmpty, "\(loaded.report.diagnostics)")
        #expect(loaded.report.files.last?.loaded == 4)
        #expect(narrative.yaml().contains("  # line 2: Khám bệnh cho 27.662 lượt người"))
        #expect(narrative.yaml().contains("    note: \"+7.2% against the same period last year\""))
    }

    /// A .txt given to the loader is read as a narrative report, its figures traced to the
    /// lines of the text.
    @Test func aTextReportLoadsThroughTheNarrativeReader() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-narrative-txt-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("r.txt").path
        try Self.report.write(toFile: path, atomically: true, encoding: .utf8)
        let facilities = NarrativeFixture.root.appendingPathComponent("Datasets/seed/facilities.csv").path
        let loaded = try DatasetLoader().load([facilities, path])
        #expect(loaded.report.files.last?.loaded == 4)
        let visits = try #require(loaded.store.catalog.code(of: "visits"))
        let rows = loaded.store.rows(of: visits, overlapping: Period.half(2025, 1).interval)
        #expect(rows.count == 1)
        #expect(rows.map { loaded.store.provenance(at: $0)?.line } == [2])
        // Without a period, the load says how to give one.
        try "Khám bệnh 100 lượt.".write(toFile: path, atomically: true, encoding: .utf8)
        let failed = try DatasetLoader().load([facilities, path])
        #expect(failed.report.diagnostics.contains { $0.id == "no-period" && $0.hint == "give it: .load \(path) --period 2025H1" })
        let given = try DatasetLoader(narrativeOptions: [path: NarrativeOptions(facility: "ttyt-tiendu", period: .year(2024))])
            .load([facilities, path])
        #expect(given.report.files.last?.loaded == 1)
    }

    @Test func usersExtendThePhrasesWithoutRecompiling() throws {
        var book = try PhraseBook.bundled()
        let sentence = "Trung tâm Y tế Lai Châu sơ kết 6 tháng đầu năm 2025. Tiếp đón 900 lượt bệnh nhân ngoại tỉnh."
        let before = try NarrativeReader(phrases: book, facilities: NarrativeFixture.facilities, catalog: .builtin)
            .read(sentence, file: "r.txt")
        #expect(before.figures.isEmpty)
        try book.add("indicators:\n  visits:\n    phrases: [tiếp đón]\n", file: "mine.yaml")
        let after = try NarrativeReader(phrases: book, facilities: NarrativeFixture.facilities, catalog: .builtin)
            .read(sentence, file: "r.txt")
        #expect(after.figures.map(\.indicator) == ["visits"])
        #expect(after.figures.map(\.value) == [900])
    }

    @Test func aBrokenPhraseFileSaysWhere() {
        var book = PhraseBook()
        #expect {
            try book.add("indicators:\n  visits:\n    phrases: [a, b\n", file: "mine.yaml")
        } throws: { error in
            (error as? Diagnostic)?.location?.file == "mine.yaml" && (error as? Diagnostic)?.location?.line == 4
        }
        #expect {
            try book.add("indicatrs: {}\n", file: "mine.yaml")
        } throws: { error in
            (error as? Diagnostic)?.hint == "did you mean 'indicators'?"
        }
    }
}
