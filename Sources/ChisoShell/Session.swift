import ChisoExecutor
import ChisoModel
import ChisoParser
import ChisoPlanner
import ChisoRender
import ChisoReports
import Foundation

/// What running one input produced: text for stdout, text for stderr, and whether it failed.
public struct Outcome: Sendable, Equatable {
    public var output: String = ""
    public var errors: String = ""
    public var failed = false
    public var quit = false

    public init(output: String = "", errors: String = "", failed: Bool = false, quit: Bool = false) {
        self.output = output
        self.errors = errors
        self.failed = failed
        self.quit = quit
    }
}

/// A shell session: the loaded data, the output settings and the variables. It runs
/// statements and meta commands and returns text; it never touches the terminal, so
/// scripts, the prompt and tests share it.
public struct Session: Sendable {
    public var store: ObservationStore
    public var renderer: Renderer
    public var variables: [String: String]
    /// Indicators made by `define`, by folded name.
    public var definitions: [String: Definition] = [:]
    /// What loading the data found, for `.errors`.
    public var loadReport: LoadReport?
    /// The files and folders loaded, so `.load` can add one and read them all again.
    public var dataPaths: [String] = []
    /// Scripts (and `-c`, and piped input) go on past a failing statement (`--continue`).
    public var continueOnFailure = false
    /// The scripts being read (`-f`, then `.read` within it), resolved: a cycle is refused.
    public var readStack: [String] = []
    static let maxReadDepth = 16
    /// The facility and period given for narrative reports loaded with `.load`, by path.
    public var narrativeOptions: [String: NarrativeOptions] = [:]
    /// Where results go after `.output` or `.once`; nil for the screen.
    var redirect: Redirect?
    /// Whether `.timer on` is in force.
    var timer = false
    /// The step of `.tour` last shown.
    var tourStep: Int?
    /// Whether the user asked to stop the running statement (Ctrl-C at the prompt).
    public var isCancelled: @Sendable () -> Bool = { false }
    /// Whether diagnostics may use colour (stderr is a terminal and NO_COLOR is unset).
    public var colorDiagnostics: Bool
    /// The bar `.load` draws while reading a large file (at the prompt only).
    public var progressBar: LoadProgressBar?

    public init(store: ObservationStore, renderer: Renderer = Renderer(), variables: [String: String] = [:],
                colorDiagnostics: Bool = false) {
        self.store = store
        self.renderer = renderer
        self.variables = variables
        self.colorDiagnostics = colorDiagnostics
    }

    /// Runs one input: a meta command (`.help`) or statements separated by `;`.
    ///
    /// `file` and `line` say where the input starts, for diagnostics (`nil` file for the
    /// prompt and `-c`).
    public mutating func run(_ text: String, file: String? = nil, line: Int = 1) -> Outcome {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(".") {
            // .complete keeps a trailing space: "show visits " asks what comes next.
            let meta = trimmed.hasPrefix(".complete") ? String(text.drop { $0 == " " }) : trimmed
            return runMeta(meta, file: file, line: line)
        }
        var outcome = runStatements(text, file: file, line: line)
        // `.output` / `.once`: results go to the file, messages stay on the screen.
        if var target = redirect, !outcome.output.isEmpty {
            target.text += outcome.output
            outcome.output = ""
            if let problem = target.write() {
                outcome.errors += DiagnosticFormat.render(
                    Diagnostic(id: "unwritable-output", problem), color: colorDiagnostics, language: renderer.language)
                outcome.failed = true
            }
            redirect = target.once ? nil : target
        }
        return outcome
    }

    private mutating func runStatements(_ text: String, file: String?, line: Int) -> Outcome {
        let clock = ContinuousClock()
        var times: [(String, Duration)] = []
        let parseStart = clock.now
        let statements: [Statement]
        do {
            statements = try Parser.parse(text)
        } catch {
            return failure(error, text: text, file: file, line: line)
        }
        times.append(("parse", clock.now - parseStart))
        var outcome = Outcome()
        var executor = Executor(store: store)
        executor.isCancelled = isCancelled
        executor.withSources = renderer.format == .json
        for statement in statements {
            do {
                // A new planner each time: a `let` or `define` counts from the next statement.
                let planner = Planner(
                    catalog: store.catalog, facilities: store.facilities, variables: variables, definitions: definitions)
                let planStart = clock.now
                let plan = try planner.plan(statement)
                times.append(("plan", clock.now - planStart))
                switch plan {
                case .define(let definition):
                    definitions[TextFolding.fold(definition.name)] = definition
                case .setVariable(let name, let value):
                    variables[name] = value
                default:
                    let runStart = clock.now
                    let table = try executor.run(plan)
                    times.append(("run", clock.now - runStart))
                    let renderStart = clock.now
                    outcome.output += renderer.render(table)
                    times.append(("print", clock.now - renderStart))
                    // CSV has no place for notes; they go to stderr so a script's file
                    // stays clean and the reader still sees them.
                    if renderer.format == .csv {
                        outcome.errors += table.notes.map {
                            DiagnosticFormat.render(Diagnostic(.note, id: "note", $0), language: renderer.language)
                        }.joined()
                    }
                }
            } catch {
                let failed = failure(error, text: text, file: file, line: line)
                outcome.errors += failed.errors
                outcome.failed = true
                return outcome
            }
        }
        if timer {
            // Summed over the statements of the line, in milliseconds.
            var total: [String: Duration] = [:]
            var order: [String] = []
            for (step, duration) in times {
                if total[step] == nil { order.append(step) }
                total[step, default: .zero] += duration
            }
            let parts = order.map { step in "\(step) \(Session.milliseconds(total[step] ?? .zero)) ms" }
            outcome.errors += "time: " + parts.joined(separator: ", ") + "\n"
        }
        return outcome
    }

    /// A duration in milliseconds, to a tenth.
    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.1f", duration.milliseconds)
    }

    func failure(_ diagnostic: Diagnostic, text: String, file: String?, line: Int) -> Outcome {
        let located = diagnostic.located(in: text, file: file, firstLine: line)
        return Outcome(errors: DiagnosticFormat.render(located, color: colorDiagnostics, language: renderer.language), failed: true)
    }
}

extension Duration {
    /// The duration in milliseconds, for `.timer` and `--bench`.
    public var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
