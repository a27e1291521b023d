import Foundation
import Testing

/// Session scripts under `Golden/`, each with the output it must produce beside it
/// (`NAME.chiso` → `NAME.out`: stdout, then stderr after a `--- stderr` line, then the
/// exit status). `CHISO_RECORD=1` rewrites the expected files and still fails the run,
/// so a recording is always reviewed before it is committed.
@Suite struct GoldenTests {
    static let folder = Binary.repository.appendingPathComponent("Tests/EndToEndTests/Golden").path

    static var scripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".chiso") }.sorted()
    }

    @Test(arguments: scripts)
    func matchesItsGoldenOutput(_ script: String) throws {
        let name = String(script.dropLast(".chiso".count))
        // Scripts run on the seed data, or on everything bundled when their first lines
        // say "-- data: all".
        let text = try String(contentsOfFile: Self.folder + "/" + script, encoding: .utf8)
        let allData = text.split(separator: "\n").prefix { $0.hasPrefix("--") }.contains { $0 == "-- data: all" }
        let run = try Binary.run(
            ["-f", "Tests/EndToEndTests/Golden/\(script)"], environment: allData ? ["CHISO_DATA": ""] : [:])
        let actual = run.output + "--- stderr\n" + run.errors + "--- exit \(run.status)\n"
        let expectedPath = Self.folder + "/" + name + ".out"
        if ProcessInfo.processInfo.environment["CHISO_RECORD"] == "1" {
            try actual.write(toFile: expectedPath, atomically: true, encoding: .utf8)
            Issue.record("recorded \(expectedPath); review it and run again without CHISO_RECORD")
            return
        }
        let expected = (try? String(contentsOfFile: expectedPath, encoding: .utf8)) ?? ""
        #expect(actual == expected, "\(lineDiff(expected, actual))")
    }

    /// The first lines that differ, for a readable failure.
    func lineDiff(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(a.count, b.count) where (i < a.count ? a[i] : nil) != (i < b.count ? b[i] : nil) {
            out.append("line \(i + 1):\n- \(i < a.count ? String(a[i]) : "")\n+ \(i < b.count ? String(b[i]) : "")")
            if out.count == 5 { break }
        }
        return out.joined(separator: "\n")
    }
}
