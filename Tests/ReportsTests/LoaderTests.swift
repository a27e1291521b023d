import ChisoModel
@testable import ChisoReports
import Foundation
import Testing

/// A temporary folder holding data files written by a test.
struct TemporaryData {
    let path: String

    init(_ files: [String: String]) throws {
        path = NSTemporaryDirectory() + "chiso-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
        }
    }

    /// Loads the folder; `pieceSize` makes observations files be read in pieces that small.
    func load(pieceSize: Int? = nil) throws -> LoadResult {
        var loader = DatasetLoader()
        if let pieceSize { loader.pieceSize = pieceSize }
        return try loader.load([path])
    }
}

let facilitiesCSV = """
    facility,name,level,parent
    prov,Sở Y tế Demo,province,
    d1,Trung tâm Y tế Demo Một,district,prov
    d2,Trung tâm Y tế Demo Hai,district,prov

    """

@Suite struct LoaderTests {
    static let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Datasets/seed").path

    @Test func seedLoadsCleanly() throws {
        let result = try DatasetLoader().load([Self.seed])
        #expect(result.report.diagnostics.isEmpty, "\(result.report.diagnostics)")
        #expect(result.report.rejected == 0)
        // Seven reporting bodies and Vĩnh Phúc, Bình Xuyên's province until the 2025 merger.
        #expect(result.store.facilities.count == 8)
        // R1 24 figures + 2 targets, R2 13, R3 5, R4 3, R5 none.
        #expect(result.report.loaded - 8 == 24 + 2 + 13 + 5 + 3)
        let facilities = result.store.facilities
        let binhXuyen = try #require(facilities.code(of: "ttyt-binhxuyen"))
        #expect(facilities.parent(of: binhXuyen, in: Month(year: 2025, month: 6)) == facilities.code(of: "vinhphuc"))
        #expect(facilities.parent(of: binhXuyen, in: Month(year: 2025, month: 7)) == facilities.code(of: "phutho"))
        #expect(facilities[binhXuyen].dataset == "seed")
        #expect(result.report.datasets == ["seed"])
    }

    @Test func badLineIsRejectedWithItsPlaceAndTheRestLoads() throws {
        let data = try TemporaryData([
            "facilities.csv": facilitiesCSV,
            "observations.csv": """
                facility,period,indicator,value
                d1,2025H1,visits,100
                d1,2025H3,visits,100
                d2,2025H1,visits,12a
                d3,2025H1,visits,5
                d2,2025H1,inpatient,-4
                d2,2025Q1,visits,40

                """,
        ])
        let result = try data.load()
        let errors = result.report.errors
        try #require(errors.map(\.id) == ["bad-period", "bad-number", "unknown-facility", "invalid-figure"])
        #expect(errors.map { $0.location?.line ?? 0 } == [3, 4, 5, 6])
        #expect(errors[0].message.contains("'2025H3' is not a period"))
        #expect(errors[0].location?.column == 4)
        #expect(errors[1].message == "value '12a' is not a number")
        #expect(errors[2].hint == "did you mean 'd1'?")
        #expect(errors[3].message.contains("below zero"))
        #expect(result.store.count == 2)
        #expect(result.report.rejected == 4)
        #expect(result.report.summary.contains("4 records rejected"))
    }

    @Test func ratesOfZeroOverZeroLoadPlansAndClosingDatesToo() throws {
        let data = try TemporaryData([
            "facilities.csv": """
                facility,name,level,parent,former_parents,closed
                prov,Sở Y tế Demo,province,,,
                d1,Trung tâm Y tế Demo Một,district,prov,,2025M06
                c1,Trạm Y tế Demo,commune,prov,d1 until 2025M06,

                """,
            "observations.csv": """
                facility,period,indicator,value,numerator,denominator
                c1,2025M01,epi_full_u1,,0,0
                c1,2025M02,epi_full_u1,,3,0
                c1,2025M03,epi_full_u1,,3,4

                """,
            "plans.csv": """
                facility,indicator,year,plan
                d1,visits,2025,1200
                d1,visits,20x5,1

                """,
        ])
        let result = try data.load()
        #expect(result.report.errors.map(\.id) == ["invalid-figure", "bad-period"])
        #expect(result.report.errors.first?.message == "a numerator of 3 over a denominator of 0")
        #expect(result.store.count == 2)
        let facilities = result.store.facilities
        let d1 = try #require(facilities.code(of: "d1"))
        let c1 = try #require(facilities.code(of: "c1"))
        #expect(facilities[d1].closed == Month(year: 2025, month: 6))
        #expect(facilities.parent(of: c1, in: Month(year: 2025, month: 6)) == d1)
        #expect(facilities.parent(of: c1, in: Month(year: 2025, month: 7)) == facilities.code(of: "prov"))
        #expect(result.store.plan(facility: d1, indicator: try #require(result.store.catalog.code(of: "visits")), year: 2025)?.value == 1200)
    }

    @Test func undeclaredIndicatorLoadsAsCountWithSuggestion() throws {
        let data = try TemporaryData([
            "facilities.csv": facilitiesCSV,
            "observations.csv": "facility,period,indicator,value\nd1,2025M01,vists,3\nd1,2025M02,vists,4\nd1,2025M01,fs_inspected,9\n",
        ])
        let result = try data.load()
        #expect(result.report.undeclared.map(\.id) == ["vists", "fs_inspected"])
        #expect(result.report.undeclared.map(\.rows) == [2, 1])
        #expect(result.report.undeclared[0].suggestion == "visits")
        #expect(result.report.undeclared[1].suggestion == nil)
        #expect(result.store.catalog.lookup("vists").map { result.store.catalog[$0].kind } == .count)
        #expect(result.report.failsStrict)
    }

    /// A file of made-up indicator ids declares the first 1,000 and refuses the rest,
    /// each refusal said, rather than growing the catalog (and the time to suggest a name
    /// for each new id) without end: 66,000 distinct ids used to take minutes.
    @Test func undeclaredIndicatorsStopAtTheLimit() throws {
        var lines = ["facility,period,indicator,value"]
        for i in 0..<1_050 { lines.append("d1,2025M01,junk\(i),1") }
        lines.append("d1,2025M02,junk7,2")  // declared already: loaded
        let data = try TemporaryData(["facilities.csv": facilitiesCSV, "observations.csv": lines.joined(separator: "\n") + "\n"])
        let result = try data.load()
        #expect(result.report.undeclared.count == 1_000)
        #expect(result.report.undeclared.first { $0.id == "junk7" }?.rows == 2)
        let refused = result.report.errors.filter { $0.id == "too-many-undeclared" }
        #expect(refused.count == 50)
        #expect(refused.first?.message == "more than 1000 undeclared indicators; 'junk1000' was not loaded")
        #expect(refused.first?.location?.line == 1_002)
        #expect(refused.first?.location?.column == 12)
        #expect(result.store.count == 1_001)
    }

    @Test func indicatorsFileDeclaresKinds() throws {
        let data = try TemporaryData([
            "facilities.csv": facilitiesCSV,
            "indicators.csv": "indicator,name_vi,name_en,kind,unit\nfs_inspected,Kiểm tra,Inspections,count,inspections\nfs_rate,Tỷ lệ,Rate,ratoi,%\n",
            "observations.csv": "facility,period,indicator,value\nd1,2025M01,fs_inspected,9\n",
        ])
        let result = try data.load()
        #expect(result.report.undeclared.isEmpty)
        #expect(result.report.errors.map(\.id) == ["bad-kind"])
        #expect(result.report.errors.first?.hint == "did you mean 'ratio'?")
    }

    @Test func conflictingValuesAreReported() throws {
        let data = try TemporaryData([
            "facilities.csv": facilitiesCSV,
            "a.csv": "facility,period,indicator,value\nd1,2025H1,visits,100\n",
            "b.csv": "facility,period,indicator,value\nd1,2025H1,visits,101\n",
        ])
        let result = try data.load()
        #expect(result.report.errors.map(\.id) == ["conflicting-value"])
        #expect(result.store.count == 1)
        #expect(result.report.rejected == 1)
    }

    @Test func yamlReportStatesFiguresTheWayReportsDo() throws {
        let data = try TemporaryData([
            "facilities.csv": facilitiesCSV,
            "r.yaml": """
                facility: d1
                period: 2025H1
                figures:
                  - indicator: visits
                    value: 27.662
                    change: +138
                    plan_share: 57,6%
                  - indicator: epi_full_u1
                    numerator: 279
                    denominator: 796
                  - indicator: inpatient
                    value: hơn 7 nghìn
                  - indicator: surgeries
                    value: lots
                  - indicator: visits
                    facility: d2
                    vaule: 5
                targets:
                  - indicator: health_insurance_coverage
                    value: 96.5%

                """,
        ])
        let result = try data.load()
        let diagnostics = result.report.diagnostics
        try #require(diagnostics.map(\.id) == ["bad-number", "unknown-field", "invalid-figure"])
        #expect(diagnostics.map { $0.location?.line ?? 0 } == [14, 17, 15])
        #expect(diagnostics[1].hint == "did you mean 'value'?")
        let observations = (0..<result.store.count).map(result.store.observation(at:))
        let visits = observations.first { $0.indicator == "visits" && $0.derivation == nil }
        #expect(visits?.value == 27662)
        #expect(visits?.planShare == 57.6)
        #expect(observations.first { $0.indicator == "visits" && $0.derivation != nil }?.value == 27524)
        let rate = observations.first { $0.indicator == "epi_full_u1" }
        #expect(rate?.numerator == 279)
        #expect(rate?.denominator == 796)
        #expect(observations.first { $0.indicator == "inpatient" }?.qualifier == .atLeast)
        #expect(result.store.plans.map(\.value) == [96.5])
        #expect(result.store.plans.first?.year == 2025)
    }

    @Test func brokenYamlNamesTheLine() throws {
        let data = try TemporaryData(["facilities.csv": facilitiesCSV, "r.yaml": "facility: d1\nperiod: 2025H1\nfigures:\n  - indicator: [visits\n"])
        let result = try data.load()
        #expect(result.report.errors.first?.id == "bad-yaml")
        #expect((result.report.errors.first?.location?.line ?? 0) >= 4)
    }

    @Test func missingPathIsFatal() {
        #expect(throws: Diagnostic.self) { try DatasetLoader().load(["/no/such/folder"]) }
    }

    @Test func unknownCSVLayoutIsReported() throws {
        let data = try TemporaryData(["facilities.csv": facilitiesCSV, "x.csv": "a,b\n1,2\n"])
        #expect(try data.load().report.errors.map(\.id) == ["unknown-layout"])
    }
}
