import Foundation
import Testing

/// The saved scripts in `Examples/`, each run the way its `-- run:` line says, against the
/// bundled data, with its output kept in `Golden/examples/NAME.out`. A change that alters
/// an answer of a script a planning office keeps shows up here. `CHISO_RECORD=1` rewrites
/// the expected files and still fails, as for the other golden files.
@Suite struct ExampleTests {
    static let folder = Binary.repository.appendingPathComponent("Examples").path
    static let expected = Binary.repository.appendingPathComponent("Tests/EndToEndTests/Golden/examples").path

    static var scripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".chiso") }.sorted()
    }

    /// The arguments after `chiso` on the script's `-- run: chiso …` line.
    static func arguments(of script: String) throws -> [String] {
        let text = try String(contentsOfFile: folder + "/" + script, encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("-- run: chiso ") }) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(script) has no '-- run: chiso …' line"])
        }
        return line.dropFirst("-- run: chiso ".count).split(separator: " ").map(String.init)
    }

    @Test func everyExampleHasAnExpectedOutput() {
        #expect(Self.scripts.count >= 4)
        for script in Self.scripts {
            let name = String(script.dropLast(".chiso".count))
            #expect(FileManager.default.fileExists(atPath: Self.expected + "/" + name + ".out"), "\(script)")
        }
    }

    @Test(arguments: scripts)
    func runsAsItsHeaderSays(_ script: String) throws {
        let name = String(script.dropLast(".chiso".count))
        // The bundled data as a user gets it: every dataset of Datasets/.
        let run = try Binary.run(try Self.arguments(of: script), environment: ["CHISO_DATA": ""])
        #expect(run.status == 0, "\(run.errors)")
        let actual = run.output + "--- stderr\n" + run.errors + "--- exit \(run.status)\n"
        let path = Self.expected + "/" + name + ".out"
        if ProcessInfo.processInfo.environment["CHISO_RECORD"] == "1" {
            try FileManager.default.createDirectory(atPath: Self.expected, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("recorded \(path); review it and run again without CHISO_RECORD")
            return
        }
        let expected = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        #expect(actual == expected, "\(GoldenTests().lineDiff(expected, actual))")
    }
}
