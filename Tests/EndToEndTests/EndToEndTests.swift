import Foundation
import Testing

@Suite struct EndToEndTests {
    @Test func compareAsCSV() throws {
        let run = try Binary.run(["-c", "compare visits 2024H1 2025H1 by facility", "--format", "csv"])
        #expect(run.status == 0)
        // CSV has no room for notes: they go to stderr.
        #expect(run.errors == "note: TTYT Bình Xuyên, visits: reported only for 2025, which cannot be split\n")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("facility,indicator,2024H1,2024H1_qualifier,2024H1_derived") == true)
        #expect(lines.contains("TTYT Lai Châu,visits,27524,exact,true,,27662,exact,false,,138,exact,false,,0.501381,exact,true,"))
    }

    @Test func compareAsATableMarksTheDerivedBaseline() throws {
        let run = try Binary.run(["-c", "compare visits 2024H1 2025H1 by facility"])
        #expect(run.status == 0)
        #expect(run.output.contains("TTYT Lai Châu    visits     27,524 *  27,662    +138  +0.5 % *"))
        #expect(run.output.contains("27,662 − 138: the 2025H1 figure less its stated change"))
    }

    @Test func acceptanceFigures() throws {
        let run = try Binary.run([
            "-c", "show visits 9M2023 for \"tien du\"", "-c", "compare visits 9M2022 9M2023 for \"Tiên Du\"",
            "-c", "show epi_full_u1 2025H1", "-c", "show visits 2025 by facility",
        ])
        #expect(run.status == 0)
        #expect(run.output.contains("TTYT Tiên Du  visits     9M2023  157,627"))
        #expect(run.output.contains("TTYT Tiên Du  visits     141,303 *  157,627  +16,324"))
        #expect(run.output.contains("35.1 % (279/796)"))
        #expect(run.output.contains("TTYT Bình Xuyên  visits     2025            ≥ 63,000"))
    }

    @Test func setGivesScriptsTheirPeriod() throws {
        let run = try Binary.run(["--set", "cur=2025H1", "-c", "compare visits $cur yoy by facility", "--format", "csv"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("TTYT Lai Châu,visits,27524,exact,true,,27662,exact,false,,138,exact,false,,0.501381,exact,true,"))
        let bad = try Binary.run(["--set", "cur", "-c", "show visits 2025"])
        #expect(bad.status == 2)
        #expect(bad.errors.contains("--set expects name=value"))
    }

    @Test func onceOutputReadAndTimer() throws {
        let folder = try Binary.temporaryFolder()
        let script = folder + "/two.chiso"
        try "show visits 9M2023 for \"tien du\"\nshow epi_full_u1 2025H1\n".write(toFile: script, atomically: true, encoding: .utf8)
        let input = """
            .once \(folder)/once.txt
            show inpatient 2025H1 for "lai chau"
            show surgeries 9M2023 for "tien du"
            .read \(script)
            .timer on
            list levels

            """
        let run = try Binary.run([], input: input)
        #expect(run.status == 0, "\(run.errors)")
        // The first result went to the file only, whole; the rest to the screen.
        let once = try String(contentsOfFile: folder + "/once.txt", encoding: .utf8)
        #expect(once.contains("SYT Lai Châu  inpatient  2025H1    434"))
        #expect(!run.output.contains("inpatient  2025H1"))
        #expect(run.output.contains("TTYT Tiên Du  surgeries  9M2023    853"))
        #expect(run.output.contains("TTYT Tiên Du  visits     9M2023  157,627"))
        #expect(run.output.contains("35.1 % (279/796)"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/once.txt.chiso-tmp"))
        // Timings go to stderr, so a script's output stays the same on every run.
        #expect(run.errors.hasPrefix("time: parse "))
        #expect(run.errors.contains(" ms, plan "))
        let unwritable = try Binary.run([], input: ".output /nonexistent-folder/x.txt\n")
        #expect(unwritable.status == 1)
        #expect(unwritable.errors.contains("cannot write /nonexistent-folder/x.txt"))
    }

    @Test func loadAddsDataWhileRunning() throws {
        let folder = try Binary.temporaryFolder()
        try "facility,name,level,parent\nx1,Trạm Y tế Thử,commune,ttyt-tiendu\n"
            .write(toFile: folder + "/facilities.csv", atomically: true, encoding: .utf8)
        try "facility,period,indicator,value\nx1,2025M01,visits,12\nx1,2025M02,vists,3\n"
            .write(toFile: folder + "/observations.csv", atomically: true, encoding: .utf8)
        let run = try Binary.run([], input: ".load \(folder)\nshow visits 2025M01 for \"thu\"\n.load /nonexistent-chiso\n")
        #expect(run.output.contains("Loaded 49 figures from 8 files"))
        #expect(run.output.contains("Trạm Y tế Thử  visits     2025M01     12"))
        #expect(run.errors.contains("did you mean 'visits'?"))
        #expect(run.errors.contains("no such file or folder: /nonexistent-chiso"))
        #expect(run.status == 1)
    }

    @Test func everyTourStepAnswersOnTheBundledData() throws {
        let run = try Binary.run([], input: String(repeating: ".tour\n", count: 9), environment: ["CHISO_DATA": ""])
        #expect(run.status == 0, "\(run.errors)")
        for step in 1...8 { #expect(run.output.contains("Tour \(step) of 8:")) }
        #expect(!run.output.contains("error:"))
        #expect(run.output.contains("27,524 *"))  // the derived baseline of step 3
        #expect(run.output.contains("That was the last step."))
    }

    @Test func unknownIndicatorFailsWithACaret() throws {
        let run = try Binary.run(["-c", "show vists 2025H1"])
        #expect(run.status == 1)
        #expect(run.output == "")
        #expect(
            run.errors == """
                error: unknown indicator 'vists'
                 --> 1:6
                1 | show vists 2025H1
                  |      ^^^^^ did you mean 'visits'?

                """)
    }

    @Test func scriptStopsAtTheFirstErrorAndNamesFileAndLine() throws {
        let folder = try Binary.temporaryFolder()
        let script = folder + "/review.chiso"
        try "-- six-month review\nshow visits 2025H1\n\nshow visits 2025H3 by facility\nlist levels\n".write(
            toFile: script, atomically: true, encoding: .utf8)
        let run = try Binary.run(["-f", script])
        #expect(run.status == 1)
        #expect(run.output.contains("27,662"))
        #expect(!run.output.contains("level"))  // the statement after the error did not run
        #expect(run.errors.contains(" --> \(script):4:13"))
        #expect(run.errors.contains("'2025H3' is not a period: a half-year is H1 or H2"))
    }

    @Test func pipedStdinHasNoPromptAndNoColour() throws {
        let run = try Binary.run(["--format", "csv"], input: "show inpatient 2025H1\n.format table\nlist levels\n")
        #expect(run.status == 0)
        #expect(!run.output.contains("chiso>"))
        #expect(!run.output.contains("\u{1B}["))
        #expect(run.output.hasPrefix("facilities,indicator,period,value,value_qualifier,value_derived,value_months\nall facilities,inpatient,2025H1,434,exact,false,\n"))
        #expect(run.output.contains("province"))
    }

    @Test func missingDataIsExitTwo() throws {
        let run = try Binary.run(["--data", "/no/such/place", "-c", "list levels"])
        #expect(run.status == 2)
        #expect(run.errors.contains("no such file or folder: /no/such/place"))
    }

    @Test func usageErrorIsExitTwo() throws {
        let run = try Binary.run(["--no-such-flag"])
        #expect(run.status == 2)
        let format = try Binary.run(["--format", "xml", "-c", "list levels"])
        #expect(format.status == 2)
        #expect(format.errors.contains("unknown format 'xml'"))
    }

    @Test func badDataLineIsReportedAndTheRestLoads() throws {
        let folder = try Binary.temporaryFolder()
        try "facility,name,level,parent\nd1,Trung tâm Y tế Thử,district,\n".write(
            toFile: folder + "/facilities.csv", atomically: true, encoding: .utf8)
        try "facility,period,indicator,value\nd1,2025H1,visits,100\nd1,2025H1,inpatient,12a\nd1,2025H1,vists,3\n".write(
            toFile: folder + "/observations.csv", atomically: true, encoding: .utf8)
        let run = try Binary.run(["--data", folder, "-c", "show visits 2025H1"])
        #expect(run.status == 0)
        #expect(run.output.contains("100"))
        #expect(run.errors.contains("error: value '12a' is not a number\n --> \(folder)/observations.csv:3:21"))
        #expect(run.errors.contains("indicator 'vists' is in no catalog"))
        #expect(run.errors.contains("= did you mean 'visits'?"))
        #expect(run.errors.contains("1 record rejected"))
        let strict = try Binary.run(["--data", folder, "--strict", "-c", "show visits 2025H1"])
        #expect(strict.status == 2)
        #expect(strict.output == "")
    }

    @Test func aLoadPrintsTwentyProblemsAndCountsTheRest() throws {
        let folder = try Binary.temporaryFolder()
        try "facility,name,level,parent\nd1,Trung tâm Y tế Thử,district,\n".write(
            toFile: folder + "/facilities.csv", atomically: true, encoding: .utf8)
        // 25 lines naming an unknown facility, and one good line.
        let bad = (1...25).map { "d9,2025M\($0 % 12 + 1 < 10 ? "0" : "")\($0 % 12 + 1),visits,\($0)\n" }.joined()
        try ("facility,period,indicator,value\n" + bad + "d1,2025M01,visits,7\n").write(
            toFile: folder + "/observations.csv", atomically: true, encoding: .utf8)
        let run = try Binary.run(["--data", folder, "-c", "show visits 2025M01"])
        #expect(run.status == 0)
        #expect(run.errors.components(separatedBy: "error: unknown facility 'd9'").count - 1 == 20)
        #expect(run.errors.contains("… and 5 more problems; .errors lists them all"))
        #expect(run.errors.contains("25 records rejected"))
        let all = try Binary.run(["--data", folder, "-c", ".errors"])
        #expect(all.output.components(separatedBy: "error: unknown facility 'd9'").count - 1 == 25)
    }

    @Test func findsTheBundledDataFromAnotherFolder() throws {
        // Every bundled dataset loads (the demo too); Lai Châu is the seed's alone.
        let run = try Binary.run(
            ["-c", "show visits 2025H1 for \"Lai Châu\""], directory: NSTemporaryDirectory(),
            environment: ["CHISO_DATA": ""])
        #expect(run.status == 0)
        #expect(run.output.contains("27,662"))
        let overridden = try Binary.run(
            ["-c", "list facilities"], environment: ["CHISO_DATA": Binary.repository.path + "/Datasets/seed/facilities.csv"])
        #expect(overridden.status == 0)
        #expect(overridden.output.contains("ttyt-binhxuyen"))
    }

    @Test func jsonCarriesTheSameFacts() throws {
        let run = try Binary.run(["-c", "show visits 2025 by facility", "--format", "json"])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
        let rows = object?["rows"] as? [[String: Any]]
        let binhXuyen = rows?.first { $0["facility"] as? String == "TTYT Bình Xuyên" }
        let value = binhXuyen?["value"] as? [String: Any]
        #expect(value?["value"] as? Double == 63000)
        #expect(value?["qualifier"] as? String == "at_least")
        let laiChau = rows?.first { $0["facility"] as? String == "TTYT Lai Châu" }?["value"] as? [String: Any]
        #expect(laiChau?["months_covered"] as? Double == 6)
    }
}
