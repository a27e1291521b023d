import Foundation
import Testing

/// Input that once ran the stack out: it gets a message and exit 1, never a crash.
@Suite struct SafetyTests {
    @Test(arguments: [
        ("show " + String(repeating: "(", count: 100_000) + "visits" + String(repeating: ")", count: 100_000) + " 2025H1", "nested more than 64 deep"),
        ("show " + String(repeating: "- ", count: 100_000) + "visits 2025H1", "nested more than 64 deep"),
        ("show " + Array(repeating: "visits", count: 2_000).joined(separator: " + ") + " 2025H1", "more than 1000 operators"),
    ])
    func aQueryTooComplexIsRefused(_ query: String, _ message: String) throws {
        // From a script: an argument this long is beyond what the system passes to a program.
        let folder = try Binary.temporaryFolder()
        try (query + "\n").write(toFile: folder + "/q.chiso", atomically: true, encoding: .utf8)
        let run = try Binary.run(["-f", folder + "/q.chiso"])
        #expect(run.status == 1)
        #expect(run.errors.contains("this expression is too complex: \(message)"))
        #expect(run.errors.contains("^ split it with define or let"))
        // The line is shown as a window around the caret, not whole.
        #expect(run.errors.count < 1_000)
    }

    @Test func aScriptThatReadsItselfIsStopped() throws {
        let folder = try Binary.temporaryFolder()
        try ".read \(folder)/b.chiso\n".write(toFile: folder + "/a.chiso", atomically: true, encoding: .utf8)
        try "show visits 2025H1 for ttyt-laichau\n.read \(folder)/a.chiso\n".write(toFile: folder + "/b.chiso", atomically: true, encoding: .utf8)
        let run = try Binary.run(["-f", folder + "/a.chiso"])
        #expect(run.status == 1)
        #expect(run.output.contains("27,662"))
        #expect(run.errors.contains("is already being read: a.chiso → b.chiso → a.chiso"))
        #expect(run.errors.contains("--> \(folder)/b.chiso:2:1"))
    }
}

/// A script stops at its first failing statement; `--continue` runs on and still fails.
@Suite struct ContinueTests {
    static let script = "show visits 2025H1 for ttyt-laichau\nshow vists 2025H1\nshow inpatient 2025H1 for ttyt-laichau\n"

    @Test(arguments: ["file", "stdin", "commands"])
    func stopsAtTheFirstFailureUnlessToldToContinue(_ how: String) throws {
        func run(_ extra: [String]) throws -> Run {
            switch how {
            case "file":
                let folder = try Binary.temporaryFolder()
                try Self.script.write(toFile: folder + "/s.chiso", atomically: true, encoding: .utf8)
                return try Binary.run(["-f", folder + "/s.chiso", "--format", "csv"] + extra)
            case "stdin":
                return try Binary.run(["--format", "csv"] + extra, input: Self.script)
            default:
                let statements = Self.script.split(separator: "\n").flatMap { ["-c", String($0)] }
                return try Binary.run(statements + ["--format", "csv"] + extra)
            }
        }
        let stopped = try run([])
        #expect(stopped.status == 1)
        #expect(stopped.output.contains("27662"))
        #expect(!stopped.output.contains("434"))
        #expect(stopped.errors.contains("unknown indicator 'vists'"))
        let continued = try run(["--continue"])
        #expect(continued.status == 1)
        #expect(continued.output.contains("27662"))
        #expect(continued.output.contains("TTYT Lai Châu,inpatient,2025H1,434"))
    }
}

/// A data folder gives its own data files and says what it passed over.
@Suite struct DataFolderTests {
    @Test func onlyKnownFilesInsideTheFolderAreRead() throws {
        let folder = try Binary.temporaryFolder()
        let data = folder + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "Datasets/seed/facilities.csv", toPath: data + "/facilities.csv")
        try "x".write(toFile: data + "/notes.xlsx", atomically: true, encoding: .utf8)
        try "facility,period,indicator,value\nttyt-laichau,2025H1,visits,1\n".write(
            toFile: folder + "/outside.csv", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: data + "/link.csv", withDestinationPath: folder + "/outside.csv")
        let run = try Binary.run(["--data", data, "-c", "show visits 2025H1 by facility"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("(no rows)"))
        #expect(run.errors.contains("skipped in \(data) (a link out of the folder): \(data)/link.csv"))
        #expect(run.errors.contains("skipped in \(data) (not a kind of data file chiso reads): \(data)/notes.xlsx"))
    }
}

/// Output never writes over the data chiso loaded, unless told to.
@Suite struct OverwriteTests {
    @Test func outputRefusesALoadedDataFile() throws {
        let folder = try Binary.temporaryFolder()
        try FileManager.default.copyItem(atPath: "Datasets/seed", toPath: folder + "/seed")
        let facilities = folder + "/seed/facilities.csv"
        let before = try String(contentsOfFile: facilities, encoding: .utf8)
        let run = try Binary.run(["--data", folder + "/seed"], input: ".output \(facilities)\nshow visits 2025H1\n")
        #expect(run.status == 1)
        #expect(run.errors.contains("is a data file chiso loaded; .output would write over it"))
        #expect(try String(contentsOfFile: facilities, encoding: .utf8) == before)
        let yaml = folder + "/seed/reports/r1-ttyt-laichau-2025H1.yaml"
        let imported = try Binary.run(["import", "Examples/so-ket-laichau-2025H1.txt", "--data", folder + "/seed", "-o", yaml])
        #expect(imported.status == 2)
        #expect(imported.errors.contains("-o would write over a data file"))
        let forced = try Binary.run(["--data", folder + "/seed"], input: ".output \(folder)/seed/out.csv --force\nshow visits 2025H1\n")
        #expect(forced.status == 0)
    }
}
