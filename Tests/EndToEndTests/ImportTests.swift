import Foundation
import Testing

/// `chiso import` and `.load report.txt`, run as a user runs them.
@Suite struct ImportTests {
    static let report = """
        Trung tâm Y tế Lai Châu sơ kết 6 tháng đầu năm 2025
        Sáng 21/7, hội nghị có 45 đại biểu dự.
        Khám bệnh cho 27.662 lượt người, tăng 138 lượt so với cùng kỳ, đạt 57,6% kế hoạch năm.
        Ghi nhận 141 ca sởi; 7/7 xã đã hoàn thành rà soát.

        """

    static func write(_ text: String, _ name: String = "r.txt") throws -> (folder: String, path: String) {
        let folder = try Binary.temporaryFolder()
        let path = folder + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (folder, path)
    }

    @Test func csvOnStandardOutput() throws {
        let (_, path) = try Self.write(Self.report)
        let run = try Binary.run(["import", path, "--format", "csv"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == """
            facility,period,indicator,value,qualifier,change,plan_pct,numerator,denominator,line
            ttyt-laichau,2025H1,visits,27662,exact,+138,57.6,,,3
            ttyt-laichau,2025H1,measles_cases,141,exact,,,,,4

            """)
    }

    @Test func theReviewListShowsWhatWasSkipped() throws {
        let (_, path) = try Self.write(Self.report)
        let run = try Binary.run(["import", path])
        #expect(run.status == 0)
        #expect(run.output.contains("Trung tâm Y tế Lai Châu (ttyt-laichau), line 1 · 2025H1 (\"6 tháng đầu năm 2025\", line 1)"))
        #expect(run.output.contains("     3  visits         2025H1  27,662    +138  57.6 %  \"27.662 lượt người\""))
        #expect(run.output.contains("1 number not understood:\n     4  \"7/7 xã\" — no indicator is named for it"))
    }

    @Test func outputFileLoadsBack() throws {
        let (folder, path) = try Self.write(Self.report)
        let yaml = folder + "/r.yaml"
        let run = try Binary.run(["import", path, "-o", yaml])
        #expect(run.status == 0)
        #expect(run.errors == "wrote \(yaml): 2 figures\n")
        let query = try Binary.run(["--data", "Datasets/seed/facilities.csv", "--data", yaml, "-c", "show measles_cases 2025H1", "--format", "csv"])
        #expect(query.status == 0, "\(query.errors)")
        #expect(query.output.contains(",141,"))
        // Nothing is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["r.txt", "r.yaml"])
    }

    @Test func withoutAPeriodImportStopsAndAsks() throws {
        let (_, path) = try Self.write("Trung tâm Y tế Lai Châu báo cáo: khám bệnh 500 lượt.\n")
        let run = try Binary.run(["import", path])
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("does not say which period it reviews"))
        #expect(run.errors.contains("= give it: --period 2025H1"))
        let given = try Binary.run(["import", path, "--period", "2025Q1", "--format", "csv"])
        #expect(given.status == 0)
        #expect(given.output.hasSuffix("ttyt-laichau,2025Q1,visits,500,exact,,,,,1\n"))
    }

    @Test(arguments: [
        (["import"], "Missing expected argument"),
        (["import", "/nonexistent/r.txt"], "no such file: /nonexistent/r.txt"),
        (["import", "Datasets/seed/reports/r1-ttyt-laichau-2025H1.yaml"], "is a data file, not a narrative report"),
        (["import", "Datasets/seed"], "is a folder"),
        (["import", "Examples/so-ket-laichau-2025H1.txt", "-o", "/nonexistent/r.yaml"], "-o: no such folder: /nonexistent"),
        (["import", "X", "--format", "xml"], "unknown format 'xml'"),
        (["import", "X", "--period", "2025H3"], "--period"),
    ])
    func usageErrorsExitTwo(_ arguments: [String], _ message: String) throws {
        let run = try Binary.run(arguments)
        #expect(run.status == 2)
        #expect(run.errors.contains(message), "\(run.errors)")
    }

    @Test func aPeriodMayBeGivenAsAReportWritesIt() throws {
        let (_, path) = try Self.write("Trung tâm Y tế Lai Châu báo cáo: khám bệnh 500 lượt.\n")
        let run = try Binary.run(["import", path, "--period", "6 tháng đầu năm 2025", "--format", "csv"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasSuffix("ttyt-laichau,2025H1,visits,500,exact,,,,,1\n"))
    }

    @Test func utf16FromWordIsRead() throws {
        let folder = try Binary.temporaryFolder()
        let path = folder + "/u.txt"
        var data = Data([0xFF, 0xFE])
        data.append(Self.report.data(using: .utf16LittleEndian) ?? Data())
        try data.write(to: URL(fileURLWithPath: path))
        let run = try Binary.run(["import", path, "--format", "csv"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("ttyt-laichau,2025H1,visits,27662,exact,+138,57.6,,,3"))
        // And .load reads it the same way.
        let load = try Binary.run(["--data", "Datasets/seed"], input: ".load \(path)\nshow measles_cases 2025H1 for ttyt-laichau\n")
        #expect(load.status == 0, "\(load.errors)")
        #expect(load.output.contains("TTYT Lai Châu  measles_cases  2025H1    141"))
    }

    @Test func aFolderOfReportsSaysItsProseWasNotRead() throws {
        let (folder, _) = try Self.write(Self.report)
        let run = try Binary.run(["--data", "Datasets/seed", "--data", folder, "-c", "list datasets"])
        #expect(run.status == 0)
        #expect(run.errors.contains("1 narrative report (.txt) in \(folder) was not read: prose wants a review first"))
    }

    @Test func aReportOfAnUnknownFacilityIsRefusedBeforeLoading() throws {
        let (_, path) = try Self.write("Trung tâm Y tế huyện Mường Tè sơ kết 6 tháng đầu năm 2025\nKhám bệnh 500 lượt.\n")
        let run = try Binary.run(["--data", "Datasets/seed"], input: ".load \(path)\n")
        #expect(run.status == 1)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("reports on 'Trung tâm Y tế huyện Mường Tè', which is not among the facilities loaded"))
    }

    /// A plan stated apart wins over one derived from a report's share of plan, and a
    /// disagreement between them is said.
    @Test func aStatedPlanWinsOverADerivedOne() throws {
        let (folder, _) = try Self.write("facility,indicator,year,plan\nttyt-laichau,visits,2025,50000\n", "plans.csv")
        let run = try Binary.run(["--data", "Datasets/seed", "--data", folder + "/plans.csv", "-c", "progress visits 2025H1 for ttyt-laichau"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("TTYT Lai Châu  visits     2025H1  27,662       50,000     57.6 %"))
        #expect((run.output + run.errors).contains("the report's share of plan (57.6 %) implies a plan of 48024, but the plan stated is 50000"))
    }

    /// The README's example: its figures, and a load beside the seed report of the same
    /// review without a conflict.
    @Test func theExampleReport() throws {
        let run = try Binary.run(["import", "Examples/so-ket-laichau-2025H1.txt", "--format", "csv"])
        #expect(run.status == 0)
        #expect(run.output.split(separator: "\n").count == 20)
        #expect(run.output.contains("ttyt-laichau,2025H1,food_inspections_interagency,477,exact,,,,,9"))
        let load = try Binary.run(["--data", "Datasets/seed", "--data", "Examples/so-ket-laichau-2025H1.txt", "-c", "list datasets"])
        #expect(load.status == 0)
        #expect(!load.errors.contains("conflicting"), "\(load.errors)")
    }

    @Test func importNeverOverwritesTheReportItReads() throws {
        let (_, path) = try Self.write(Self.report)
        let run = try Binary.run(["import", path, "-o", path])
        #expect(run.status == 2)
        #expect(run.errors.contains("would overwrite the report being read"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.report)
    }

    @Test func loadAtThePromptListsThenLoads() throws {
        let (_, path) = try Self.write(Self.report)
        let run = try Binary.run(["--data", "Datasets/seed"], input: ".load \(path)\nshow measles_cases 2025H1 for ttyt-laichau\n")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("2 figures:"))
        #expect(run.output.contains("TTYT Lai Châu  measles_cases  2025H1    141"))
        let noPeriod = try Self.write("Khám bệnh 500 lượt.\n", "n.txt")
        let failed = try Binary.run(["--data", "Datasets/seed"], input: ".load \(noPeriod.path)\n")
        #expect(failed.status == 1)
        #expect(failed.errors.contains("give it: .load \(noPeriod.path) --period 2025H1"))
        let given = try Binary.run(
            ["--data", "Datasets/seed"],
            input: ".load \(noPeriod.path) --period 3 tháng đầu năm 2025 --facility \"Tiên Du\"\nshow visits 2025Q1 for ttyt-tiendu\n")
        #expect(given.status == 0, "\(given.errors)")
        #expect(given.output.contains("500"))
    }
}
