import Foundation
@testable import ChisoModel
import Testing

struct PeriodCase: CustomTestStringConvertible, Sendable {
    var text: String
    var canonical: String
    var first: (Int, Int)
    var last: (Int, Int)
    var testDescription: String { text }
}

@Suite struct PeriodParsingTests {
    static let valid: [PeriodCase] = [
        PeriodCase(text: "2025", canonical: "2025", first: (2025, 1), last: (2025, 12)),
        PeriodCase(text: "2025H1", canonical: "2025H1", first: (2025, 1), last: (2025, 6)),
        PeriodCase(text: "2025h2", canonical: "2025H2", first: (2025, 7), last: (2025, 12)),
        PeriodCase(text: "2025S1", canonical: "2025H1", first: (2025, 1), last: (2025, 6)),
        PeriodCase(text: "2025Q3", canonical: "2025Q3", first: (2025, 7), last: (2025, 9)),
        PeriodCase(text: "2025M03", canonical: "2025M03", first: (2025, 3), last: (2025, 3)),
        PeriodCase(text: "2025M3", canonical: "2025M03", first: (2025, 3), last: (2025, 3)),
        PeriodCase(text: "202503", canonical: "2025M03", first: (2025, 3), last: (2025, 3)),
        PeriodCase(text: "9M2023", canonical: "9M2023", first: (2023, 1), last: (2023, 9)),
        PeriodCase(text: "2024M01..2025M06", canonical: "2024M01..2025M06", first: (2024, 1), last: (2025, 6)),
        PeriodCase(text: "2024..2025", canonical: "2024M01..2025M12", first: (2024, 1), last: (2025, 12)),
        PeriodCase(text: "2025Q1..2025Q2", canonical: "2025H1", first: (2025, 1), last: (2025, 6)),
    ]

    @Test(arguments: valid)
    func parses(_ c: PeriodCase) throws {
        let period = try Period.parse(c.text).get()
        #expect(period.interval.start == Month(year: c.first.0, month: c.first.1))
        #expect(period.interval.end == Month(year: c.last.0, month: c.last.1))
        #expect(Period(interval: period.interval).description == c.canonical)
    }

    @Test(arguments: [
        ("2025H3", "a half-year is H1 or H2"), ("2025Q5", "a quarter is Q1 to Q4"), ("2025M13", "a month is M01 to M12"),
        ("13M2025", "a year has 12 months"), ("202513", "there is no month 13"), ("2025W9", "weekly periods"),
        ("20x5", "is not a period"), ("2025M06..2025M01", "ends before it starts"), ("0025", "is not a year"),
        ("99999", "'99999' is not a period"),
    ])
    func rejects(_ text: String, _ reason: String) {
        guard case .failure(let error) = Period.parse(text) else {
            Issue.record("\(text) parsed")
            return
        }
        #expect(error.message.contains(reason))
    }

    @Test func sameLastYearKeepsTheKind() throws {
        #expect(try Period.parse("2025H1").get().sameLastYear.description == "2024H1")
        #expect(try Period.parse("9M2023").get().sameLastYear.description == "9M2022")
        #expect(try Period.parse("2025M03").get().sameLastYear.description == "2024M03")
    }

    @Test func containmentAndCounts() throws {
        let year = try Period.parse("2025").get().interval
        let half = try Period.parse("2025H1").get().interval
        #expect(year.contains(half))
        #expect(!half.contains(year))
        #expect(half.count == 6)
        #expect(try Period.parse("2024M01..2025M06").get().interval.count == 18)
        #expect(half.shifted(years: -1) == (try Period.parse("2024H1").get().interval))
    }
}

@Suite struct TextFoldingTests {
    @Test(arguments: [
        ("Tiên Du", "tien du"), ("Đoàn Kết", "doan ket"), ("  Lai   Châu ", "lai chau"), ("BVĐK tỉnh", "bvdk tinh"),
        ("epi_full_u1", "epi full u1"), ("Fs-Passed\t", "fs passed"), ("A\r\nB", "a b"), ("-_-", ""),
    ])
    func folds(_ text: String, _ folded: String) {
        #expect(TextFolding.fold(text) == folded)
    }

    /// Latin letters fold from a table, letter by letter; that must equal folding the
    /// whole text through Unicode's decomposition, for every letter of the table and for
    /// the names of the bundled facilities (and a few texts that leave the table).
    @Test func foldingByTableEqualsFoldingByDecomposition() throws {
        let letters = (Array(UInt32(0xC0)...0x24F) + Array(UInt32(0x1E00)...0x1EFF)).compactMap(Unicode.Scalar.init)
        var texts = letters.map { "x\($0)Y \($0)" } + ["Trạm Y tế xã Đoàn Kết", "Ông_Ích-Khiêm", "é\u{301}", "ΣΟΦΊΑ", "Ǆ-ǅ ǆ", "İstanbul"]
        let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Datasets")
        for path in FileManager.default.subpaths(atPath: datasets.path) ?? [] where path.hasSuffix("facilities.csv") {
            let text = try String(contentsOf: datasets.appendingPathComponent(path), encoding: .utf8)
            texts += text.split(whereSeparator: { $0 == "\n" || $0 == "," }).map(String.init)
        }
        #expect(texts.count > 1_000)
        #expect(TextFolding.latinTable.count > 500)
        #expect(texts.filter { TextFolding.fold($0) != TextFolding.foldDecomposing($0) } == [])
    }

    @Test func suggestsCloseNamesOnly() {
        #expect(TextFolding.suggestion(for: "vists", among: ["visits", "inpatient"]) == "visits")
        #expect(TextFolding.suggestion(for: "xyz", among: ["visits", "inpatient"]) == nil)
        #expect(TextFolding.editDistance("kitten", "sitting") == 3)
    }

    /// Distances by hand: a swap of neighbours is one edit, and the search for the closest
    /// name stops early without changing which name it finds.
    @Test(arguments: [
        ("vaule", "value", 1), ("ca", "abc", 3), ("", "abc", 3), ("tiên", "tien", 1), ("inpatient", "outpatient", 3),
    ])
    func distances(_ a: String, _ b: String, _ expected: Int) {
        #expect(TextFolding.editDistance(a, b) == expected)
        #expect(TextFolding.editDistance(b, a) == expected)
    }

    @Test func suggestionPrefersTheFirstOfTheClosest() {
        // "visit" is one edit from both; the first listed wins, as before the early stops.
        #expect(TextFolding.suggestion(for: "visit", among: ["visits", "visita", "vist"]) == "visits")
        #expect(TextFolding.suggestion(for: "Sốt Xuất Huyết", among: ["sot xuat huyet"]) == "sot xuat huyet")
        // Nine letters allow three edits; four are too many.
        #expect(TextFolding.suggestion(for: "inpatient", among: ["outpatient"]) == "outpatient")
        #expect(TextFolding.suggestion(for: "inpatient", among: ["outpatients"]) == nil)
    }
}
