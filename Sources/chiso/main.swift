import ArgumentParser
import ChisoModel
import ChisoRender
import ChisoReports
import ChisoShell
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Exit codes: 0 success, 1 a statement failed, 2 usage or unreadable data.
enum ExitStatus {
    static let success: Int32 = 0
    static let statementFailed: Int32 = 1
    static let usageOrData: Int32 = 2
}

struct Chiso: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chiso",
        abstract: "A query shell for the health indicators of periodic review reports.",
        discussion: """
            Without -c or -f, chiso reads statements from standard input when it is not a terminal, \
            and opens a prompt when it is. Type .help at the prompt.

            chiso import REPORT.txt reads the figures of a narrative review report (chiso import --help).

            Exit codes: 0 success, 1 a statement failed, 2 usage or unreadable data.
            """)

    @Option(name: .long, help: ArgumentHelp("A data file or folder (repeatable). Default: the bundled Datasets/, or CHISO_DATA.", valueName: "path"))
    var data: [String] = []

    @Option(name: .customShort("c"), help: ArgumentHelp("Run a statement and exit (repeatable).", valueName: "statement"))
    var command: [String] = []

    @Option(name: .customShort("f"), help: ArgumentHelp("Run a script file and exit.", valueName: "script"))
    var file: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Set a variable for $name references (repeatable): --set cur=2025H1.", valueName: "name=value"))
    var assignments: [String] = []

    @Option(name: .long, help: "Output format: table, csv, json or markdown.")
    var format: String = "table"

    @Option(name: .long, help: "Language of tables, notes and messages: en or vi (vi writes 27.662 and 35,1 %).")
    var lang: String = "en"

    @Option(name: .long, help: ArgumentHelp(
        "Time the load and each statement of a file, in this process, and print tab-separated figures (see Benchmarks/).",
        valueName: "queries"))
    var bench: String?

    @Option(name: .long, help: "With --bench: timed runs of each statement, after one warm-up run.")
    var runs: Int = 7

    @Flag(name: .customLong("continue"), help: "Run on past a failing statement (-c, -f, piped input); still exit 1 if any failed.")
    var continueOnFailure = false

    @Flag(name: .long, help: "Refuse data with any rejected record or undeclared indicator (exit 2).")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print no load summary.")
    var quiet = false

    @Flag(name: .customLong("no-init"), help: "Do not run the start-up file (~/.chisorc) at the prompt.")
    var noInit = false

    func execute() -> Int32 {
        let stderrIsTerminal = isatty(STDERR_FILENO) != 0
        let stdoutIsTerminal = isatty(STDOUT_FILENO) != 0
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        guard let outputFormat = OutputFormat(rawValue: format.lowercased()) else {
            let names = OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
            printError("error: unknown format '\(format)'\n  = formats: \(names)\n")
            return ExitStatus.usageOrData
        }
        guard let language = DisplayLanguage(rawValue: lang.lowercased()) else {
            printError("error: unknown language '\(lang)'\n  = languages: en, vi\n")
            return ExitStatus.usageOrData
        }
        var variables: [String: String] = [:]
        for assignment in assignments {
            let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts.first?.trimmingCharacters(in: .whitespaces) ?? ""
            guard parts.count == 2, !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                printError("error: --set expects name=value, found '\(assignment)'\n  = for example: --set cur=2025H1\n")
                return ExitStatus.usageOrData
            }
            variables[name] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        let environment = ProcessInfo.processInfo.environment
        let paths: [String]
        if !data.isEmpty {
            paths = data
        } else if let found = DataLocator.defaultPaths(
            environment: environment, executable: CommandLine.arguments[0],
            workingDirectory: FileManager.default.currentDirectoryPath, sourceRoot: Self.sourceRoot)
        {
            paths = found
        } else {
            printError("error: no data to load: Datasets/ was not found\n  = give a file or folder with --data PATH, or set CHISO_DATA\n")
            return ExitStatus.usageOrData
        }
        let result: LoadResult
        let clock = ContinuousClock()
        let loadStart = clock.now
        // A progress bar for a large load, only when a person is at the prompt.
        let atPrompt = command.isEmpty && file == nil && bench == nil && isatty(STDIN_FILENO) != 0
        let progressBar = atPrompt && stderrIsTerminal ? LoadProgressBar(write: { printError($0) }) : nil
        let showProgress: (@Sendable (LoadProgress) -> Void)? = progressBar.map { bar in { @Sendable in bar.update($0) } }
        do {
            result = try DatasetLoader(progress: showProgress).load(paths)
            progressBar?.finish()
        } catch {
            progressBar?.finish()
            printError(DiagnosticFormat.render(error, color: stderrIsTerminal && !noColor))
            return ExitStatus.usageOrData
        }
        let interactive = command.isEmpty && file == nil && isatty(STDIN_FILENO) != 0
        let report = result.report
        printError(LoadReport.shownProblems(report.diagnostics, omitted: report.omitted, language: language, color: stderrIsTerminal && !noColor))
        if strict && report.failsStrict {
            printError("error: --strict: the data has \(report.rejected) rejected record(s) and \(report.undeclared.count) undeclared indicator(s)\n")
            return ExitStatus.usageOrData
        }
        if !quiet && !interactive && !report.diagnostics.isEmpty {
            printError(report.summary + "\n")
        }
        var session = Session(
            store: result.store,
            renderer: Renderer(
                format: outputFormat, color: stdoutIsTerminal && !noColor,
                width: stdoutIsTerminal ? Self.terminalWidth(environment: ProcessInfo.processInfo.environment) : nil,
                language: language),
            variables: variables, colorDiagnostics: stderrIsTerminal && !noColor)
        session.loadReport = report
        session.dataPaths = paths
        session.progressBar = progressBar
        let emit: (Outcome) -> Void = { outcome in
            FileHandle.standardOutput.write(Data(outcome.output.utf8))
            printError(outcome.errors)
        }
        if let bench {
            return Benchmark.run(
                queries: bench, runs: max(1, runs), load: clock.now - loadStart, rows: result.store.count,
                phases: report.phases, session: &session)
        }
        session.continueOnFailure = continueOnFailure
        if !command.isEmpty {
            var failed = false
            for text in command {
                let outcome = session.run(text)
                emit(outcome)
                if outcome.failed {
                    failed = true
                    if !continueOnFailure { break }
                }
                if outcome.quit { break }
            }
            return failed ? ExitStatus.statementFailed : ExitStatus.success
        }
        if let file {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                printError("error: cannot read script \(file)\n")
                return ExitStatus.usageOrData
            }
            session.readStack = [URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath().path]
            return ScriptRunner.run(text, file: file, session: &session, emit: emit)
                ? ExitStatus.success : ExitStatus.statementFailed
        }
        if !interactive {
            let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            return ScriptRunner.run(text, file: "<stdin>", session: &session, emit: emit)
                ? ExitStatus.success : ExitStatus.statementFailed
        }
        // The start-up file: personal settings (.format, .maxrows, let …) for the prompt.
        // Scripts do not read it, so they give the same answer on every machine.
        if !noInit, let initPath = Self.startupFile(environment: environment),
            let data = FileManager.default.contents(atPath: initPath)
        {
            _ = ScriptRunner.run(String(decoding: data, as: UTF8.self), file: initPath, session: &session, emit: emit)
        }
        let banner = "chiso — health indicators. \(report.summary)\n"
            + "Type .help for help, .tour for a guided walk, .quit or Ctrl-D to leave."
        return InteractiveShell.run(
            session: &session, historyPath: InteractiveShell.historyPath(environment: environment), banner: banner)
    }

    /// The terminal's columns (TIOCGWINSZ), else `COLUMNS`, else 80.
    static func terminalWidth(environment: [String: String]) -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return environment["COLUMNS"].flatMap(Int.init) ?? 80
    }

    /// `CHISO_INIT`, else `$XDG_CONFIG_HOME/chiso/chisorc`, else `~/.chisorc`, when it exists.
    static func startupFile(environment: [String: String]) -> String? {
        if let path = environment["CHISO_INIT"], !path.isEmpty { return path }
        var candidates: [String] = []
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { candidates.append(config + "/chiso/chisorc") }
        if let home = environment["HOME"], !home.isEmpty { candidates.append(home + "/.chisorc") }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The repository this binary was built from, to find Datasets/ when run from elsewhere.
    static let sourceRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()
}

func printError(_ text: String) {
    guard !text.isEmpty else { return }
    FileHandle.standardError.write(Data(text.utf8))
}

/// Parses the arguments as `command`, and runs it with `execute`.
func run<Command: ParsableCommand>(_ command: Command.Type, _ arguments: [String], _ execute: (Command) -> Int32) -> Never {
    do {
        Glibc.exit(execute(try Command.parse(arguments)))
    } catch {
        let code = Command.exitCode(for: error)
        let message = Command.fullMessage(for: error)
        if code == .success {
            print(message)
            Glibc.exit(ExitStatus.success)
        }
        printError(message + "\n")
        Glibc.exit(ExitStatus.usageOrData)
    }
}

// `chiso import` is its own command with its own options (its --format is not the shell's).
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "import" {
    run(ImportCommand.self, Array(arguments.dropFirst())) { $0.execute() }
}
run(Chiso.self, arguments) { $0.execute() }
