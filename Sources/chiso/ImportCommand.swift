import ArgumentParser
import ChisoModel
import ChisoRender
import ChisoReports
import ChisoShell
import Foundation

/// `chiso import report.txt`: the figures of a narrative review report, for a person to
/// check, as CSV, or as a report file ready to load.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chiso import",
        abstract: "Read the figures of a narrative review report (UTF-8 text).",
        discussion: """
            Prints each figure found beside its line and its words as written, the targets, and the numbers \
            that were not understood. The facility and period come from the report's first lines, or from \
            --facility and --period; when neither says, import stops and asks.

            Indicator phrases come from the bundled phrases.yaml, any phrases.yaml in a data folder, and --phrases.

            Exit codes: 0 success, 2 usage or unreadable input.
            """)

    @Argument(help: ArgumentHelp("The report: a UTF-8 text file.", valueName: "report"))
    var report: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write a report file (YAML) here, ready to load.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: "What to print: review (default), csv or yaml.")
    var format: String = "review"

    @Option(name: .long, help: ArgumentHelp("The facility (id or name), when the text does not say.", valueName: "id"))
    var facility: String?

    @Option(name: .long, help: ArgumentHelp("The period reviewed (2025H1, 9M2025, 2025), when the text does not say.", valueName: "period"))
    var period: String?

    @Option(name: .long, help: ArgumentHelp("A phrase file that adds to the bundled one (repeatable).", valueName: "file"))
    var phrases: [String] = []

    @Option(name: .long, help: ArgumentHelp("Data whose facilities names are matched to (repeatable). Default: the bundled Datasets/.", valueName: "path"))
    var data: [String] = []

    @Flag(name: .long, help: "Let -o write over a data file that is loaded.")
    var force = false

    func execute() -> Int32 {
        let color = isatty(STDERR_FILENO) != 0 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        func fail(_ diagnostic: Diagnostic) -> Int32 {
            printError(DiagnosticFormat.render(diagnostic, color: color))
            return ExitStatus.usageOrData
        }
        guard ["review", "csv", "yaml"].contains(format.lowercased()) else {
            return fail(Diagnostic(id: "usage", "unknown format '\(format)'", hint: "formats: review, csv, yaml"))
        }
        var options = NarrativeOptions(facility: facility)
        if let period {
            switch NarrativeReader.period(period) {
            case .success(let p): options.period = p
            case .failure(let error):
                return fail(Diagnostic(id: "bad-period", "--period: \(error.message)", hint: error.hint ?? "for example: --period 2025H1"))
            }
        }
        if let output, Self.samePath(output, report) {
            return fail(Diagnostic(id: "usage", "-o would overwrite the report being read: \(output)", hint: "write to a .yaml file"))
        }
        let environment = ProcessInfo.processInfo.environment
        let paths = data.isEmpty
            ? DataLocator.defaultPaths(
                environment: environment, executable: CommandLine.arguments[0],
                workingDirectory: FileManager.default.currentDirectoryPath, sourceRoot: Chiso.sourceRoot) ?? []
            : data
        if let output {
            let folder = (output as NSString).deletingLastPathComponent
            var isDirectory: ObjCBool = false
            if !folder.isEmpty, !(FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue) {
                return fail(Diagnostic(id: "unwritable-output", "-o: no such folder: \(folder)", hint: "create it first"))
            }
        }
        if let output, !force, FileManager.default.fileExists(atPath: output),
            paths.contains(where: { Self.samePath(output, $0) || Self.inside(output, $0) })
        {
            return fail(
                Diagnostic(id: "usage", "-o would write over a data file: \(output)", hint: "write elsewhere, or add --force"))
        }
        let loaded: LoadResult
        let book: PhraseBook
        do {
            var loader = DatasetLoader()
            loader.catalogsOnly = true
            loaded = try loader.load(paths)
            book = try DatasetLoader.phraseBook(for: paths, adding: phrases)
        } catch {
            return fail(error)
        }
        let narrative: NarrativeReport
        do {
            narrative = try NarrativeReview.read(
                path: report, options: options, facilities: loaded.store.facilities, catalog: loaded.store.catalog,
                phrases: book)
        } catch {
            return fail(error)
        }
        switch format.lowercased() {
        case "csv": print(narrative.csv(), terminator: "")
        case "yaml": print(narrative.yaml(), terminator: "")
        default: print(NarrativeReview.text(narrative, catalog: loaded.store.catalog), terminator: "")
        }
        if let output {
            if let problem = SafeFile.write(narrative.yaml(), to: output) {
                return fail(Diagnostic(id: "unwritable-output", problem))
            }
            let targets = narrative.targets.isEmpty ? "" : " and \(narrative.targets.count) target\(narrative.targets.count == 1 ? "" : "s")"
            printError("wrote \(output): \(narrative.figures.count) figure\(narrative.figures.count == 1 ? "" : "s")\(targets)\n")
        }
        return ExitStatus.success
    }

    static func inside(_ file: String, _ folder: String) -> Bool {
        let root = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path + "/"
        return URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath().path.hasPrefix(root)
    }

    static func samePath(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath().path
            == URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
