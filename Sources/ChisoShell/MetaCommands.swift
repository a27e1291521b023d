import ChisoModel
import Foundation
import ChisoParser
import ChisoRender
import ChisoReports

extension Session {
    /// The meta commands, each with a one-line description, for `.help` and completion.
    public static let metaCommands: [(name: String, usage: String, summary: String)] = [
        (".help", ".help [topic]", "this help, or help on a command: .help compare"),
        (".format", ".format table|csv|json|markdown", "how results are printed"),
        (".output", ".output [FILE] [--force]", "send results to FILE (written whole each time); alone: back to the screen"),
        (".once", ".once FILE", "send the next result only to FILE"),
        (".read", ".read SCRIPT", "run the statements of a script file"),
        (".load", ".load PATH [--facility ID] [--period P]",
         "add a data file or folder, with its load report; a .txt report is read as prose and its figures listed first"),
        (".set", ".set [NAME VALUE]", "set a variable for $NAME (same as let); alone: list them"),
        (".lang", ".lang [en|vi]", "the language of headers, markers, notes and messages; vi writes 27.662 and 35,1 %"),
        (".maxrows", ".maxrows [N]", "show at most N rows of a table (0: all)"),
        (".timer", ".timer on|off", "print how long parsing, planning, running and printing took"),
        (".datasets", ".datasets", "the datasets loaded (same as list datasets)"),
        (".errors", ".errors", "the problems found while loading the data"),
        (".complete", ".complete TEXT", "the completions Tab would offer at the end of TEXT"),
        (".tour", ".tour [N|end]", "a guided walk through the bundled data, one step at a time"),
        (".quit", ".quit", "leave chiso (Ctrl-D on an empty line does the same)"),
    ]

    mutating func runMeta(_ text: String, file: String?, line: Int) -> Outcome {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let name = words.first ?? "."
        let arguments = Array(words.dropFirst())
        switch name {
        case ".help", ".h", ".?":
            return Outcome(output: HelpText.text(topic: arguments.first))
        case ".quit", ".exit", ".q":
            return Outcome(quit: true)
        case ".format", ".mode":
            guard let value = arguments.first else {
                return Outcome(output: "format: \(renderer.format.rawValue)\n")
            }
            guard let format = OutputFormat(rawValue: value.lowercased()) else {
                let names = OutputFormat.allCases.map(\.rawValue)
                let hint = TextFolding.suggestion(for: value, among: names).map { "did you mean '\($0)'?" }
                let start = text.distance(from: text.startIndex, to: text.range(of: value)?.lowerBound ?? text.startIndex)
                return failure(
                    Diagnostic(id: "unknown-format", "unknown format '\(value)'",
                               range: SourceRange(start, start + value.count),
                               hint: hint ?? "formats: \(names.joined(separator: ", "))"),
                    text: text, file: file, line: line)
            }
            renderer.format = format
            return Outcome()
        case ".output", ".once":
            guard let path = arguments.first else {
                if name == ".once" { return usage(name, text: text, file: file, line: line) }
                redirect = nil
                return Outcome()
            }
            // A data file chiso loaded is never written over unless told to (--force).
            if !arguments.dropFirst().contains("--force"), isLoadedDataFile(path) {
                return failure(
                    Diagnostic(
                        id: "unwritable-output", "\(path) is a data file chiso loaded; \(name) would write over it",
                        hint: "choose another file, or add --force"),
                    text: text, file: file, line: line)
            }
            redirect = Redirect(path: path, once: name == ".once")
            // An empty file now, so a mistake in the path is seen at once, not later.
            if let problem = redirect?.write() {
                redirect = nil
                return failure(Diagnostic(id: "unwritable-output", problem), text: text, file: file, line: line)
            }
            return Outcome()
        case ".read":
            guard let path = arguments.first else { return usage(name, text: text, file: file, line: line) }
            // A script that reads itself, directly or through others, is stopped at once.
            let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            if let first = readStack.firstIndex(of: resolved) {
                let cycle = (readStack[first...] + [resolved]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")
                return failure(
                    Diagnostic(id: "read-cycle", "\(path) is already being read: \(cycle)", hint: "a script cannot .read itself"),
                    text: text, file: file, line: line)
            }
            guard readStack.count < Session.maxReadDepth else {
                return failure(
                    Diagnostic(id: "read-cycle", ".read is nested more than \(Session.maxReadDepth) deep", hint: "read fewer scripts within scripts"),
                    text: text, file: file, line: line)
            }
            guard let data = FileManager.default.contents(atPath: path), let script = String(data: data, encoding: .utf8)
            else {
                return failure(
                    Diagnostic(id: "unreadable-script", "cannot read \(path)", hint: "check the path"),
                    text: text, file: file, line: line)
            }
            var collected = Outcome()
            readStack.append(resolved)
            defer { readStack.removeLast() }
            _ = ScriptRunner.run(script, file: path, session: &self) { outcome in
                collected.output += outcome.output
                collected.errors += outcome.errors
                collected.failed = collected.failed || outcome.failed
                collected.quit = collected.quit || outcome.quit
            }
            return collected
        case ".load":
            let loadWords = Self.quotedWords(text)
            guard loadWords.count >= 2 else { return usage(name, text: text, file: file, line: line) }
            let path = loadWords[1]
            var review = ""
            if path.hasSuffix(".txt") {
                // A narrative report: what was read from it is shown before it is loaded.
                switch reviewNarrative(path, flags: Array(loadWords.dropFirst(2))) {
                case .success(let (options, listing)):
                    narrativeOptions[path] = options
                    review = listing
                case .failure(let diagnostic):
                    return failure(diagnostic, text: text, file: file, line: line)
                }
            } else if loadWords.count > 2 {
                return usage(name, text: text, file: file, line: line)
            }
            // Everything is read again with the new path, so facilities, catalogs and
            // figures resolve against each other as at start-up.
            let result: LoadResult
            let clock = ContinuousClock()
            let started = clock.now
            let report: (@Sendable (LoadProgress) -> Void)? = progressBar.map { bar in { @Sendable in bar.update($0) } }
            do {
                var loader = DatasetLoader(catalog: .builtin, progress: report, narrativeOptions: narrativeOptions)
                // Ctrl-C stops the load between pieces; the store is replaced only by a whole load.
                loader.isCancelled = isCancelled
                result = try loader.load(dataPaths + [path])
                progressBar?.finish()
            } catch {
                progressBar?.finish()
                return failure(error, text: text, file: file, line: line)
            }
            let took = clock.now - started
            store = result.store
            dataPaths.append(path)
            // Only what this load added: the problems of earlier loads were shown then.
            let earlier = Set(loadReport?.diagnostics ?? [])
            let earlierOmitted = loadReport?.omitted ?? 0
            loadReport = result.report
            var problems = LoadReport.shownProblems(
                result.report.diagnostics.filter { !earlier.contains($0) },
                omitted: max(0, result.report.omitted - earlierOmitted), language: renderer.language)
            if timer { problems += "time: load \(Session.milliseconds(took)) ms\n" }
            return Outcome(output: review + result.report.summary + "\n", errors: problems)
        case ".set", ".let":
            guard arguments.count >= 2 else {
                if arguments.isEmpty {
                    let lines = variables.sorted { $0.key < $1.key }.map { "$\($0.key) = \($0.value)\n" }
                    return Outcome(output: lines.isEmpty ? "no variables are set\n" : lines.joined())
                }
                return usage(name, text: text, file: file, line: line)
            }
            let name = arguments[0]
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                return usage(".set", text: text, file: file, line: line)
            }
            var value = arguments.dropFirst().joined(separator: " ")
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            variables[name] = value
            return Outcome()
        case ".lang", ".language":
            guard let value = arguments.first else {
                return Outcome(output: "lang: \(renderer.language.rawValue)\n")
            }
            guard let language = DisplayLanguage(rawValue: value.lowercased()) else {
                return usage(name == ".language" ? ".lang" : name, text: text, file: file, line: line)
            }
            renderer.language = language
            return Outcome()
        case ".maxrows":
            guard let value = arguments.first else {
                return Outcome(output: "maxrows: \(renderer.maxRows.map(String.init) ?? "0 (all rows)")\n")
            }
            guard let n = Int(value), n >= 0 else { return usage(name, text: text, file: file, line: line) }
            renderer.maxRows = n == 0 ? nil : n
            return Outcome()
        case ".timer":
            guard let value = arguments.first?.lowercased(), value == "on" || value == "off" else {
                return usage(name, text: text, file: file, line: line)
            }
            timer = value == "on"
            return Outcome()
        case ".datasets":
            return run("list datasets", file: file, line: line)
        case ".errors":
            guard let report = loadReport, !report.diagnostics.isEmpty else {
                return Outcome(output: "the data loaded without problems\n")
            }
            let text = report.diagnostics.map { DiagnosticFormat.render($0, language: renderer.language) }.joined()
            return Outcome(output: text + report.omittedLine(language: renderer.language) + report.summary + "\n")
        case ".tour":
            var next = (tourStep ?? -1) + 1
            if let argument = arguments.first {
                if argument.lowercased() == "end" {
                    tourStep = nil
                    return Outcome(output: Tour.over(renderer.language))
                }
                guard let n = Int(argument), (1...Tour.steps.count).contains(n) else {
                    return usage(name, text: text, file: file, line: line)
                }
                next = n - 1
            }
            guard next < Tour.steps.count else {
                tourStep = nil
                return Outcome(output: Tour.finished(renderer.language))
            }
            tourStep = next
            let step = Tour.steps(renderer.language)[next]
            let answer = run(step.statement)
            return Outcome(
                output: Tour.text(next, answer: answer.output + answer.errors, language: renderer.language),
                errors: "", failed: answer.failed)
        case ".complete":
            let rest = String(text.drop { $0 != " " }.dropFirst())
            let split = Completion.split(rest)
            let candidates = Completion.candidates(before: split.before, word: split.word, session: self)
            return Outcome(output: candidates.map { $0 + "\n" }.joined())
        default:
            let names = Session.metaCommands.map(\.name)
            let hint = TextFolding.suggestion(for: name, among: names).map { "did you mean '\($0)'?" }
            return failure(
                Diagnostic(id: "unknown-meta-command", "unknown command '\(name)'", range: SourceRange(0, name.count),
                           hint: hint ?? "meta commands: \(names.joined(separator: ", "))"),
                text: text, file: file, line: line)
        }
    }
}

extension Session {
    /// Reads a narrative report for `.load`: its flags, then the list of what was read. A
    /// report whose facility is not loaded is refused here, before anything is listed.
    func reviewNarrative(_ path: String, flags: [String]) -> Result<(NarrativeOptions, String), Diagnostic> {
        var options = NarrativeOptions()
        var rest = flags[...]
        while let flag = rest.first {
            rest = rest.dropFirst()
            // A flag's value runs to the next flag: --period 6 tháng đầu năm 2025 needs no quotes.
            let words = rest.prefix { !$0.hasPrefix("--") }
            guard !words.isEmpty, flag == "--facility" || flag == "--period" else {
                return .failure(
                    Diagnostic(id: "meta-usage", "'\(flag)' is not a flag of .load", hint: "usage: .load FILE.txt [--facility ID] [--period P]"))
            }
            let value = words.joined(separator: " ")
            rest = rest.dropFirst(words.count)
            if flag == "--facility" {
                options.facility = value
            } else {
                switch NarrativeReader.period(value) {
                case .success(let period): options.period = period
                case .failure(let error): return .failure(Diagnostic(id: "bad-period", error.message, hint: error.hint))
                }
            }
        }
        do {
            let phrases = try DatasetLoader.phraseBook(for: dataPaths)
            let narrative = try NarrativeReview.read(
                path: path, options: options, facilities: store.facilities, catalog: store.catalog, phrases: phrases)
            if let facility = narrative.facility, facility.id == nil {
                return .failure(
                    Diagnostic(
                        id: "unknown-facility", "\(path) reports on '\(facility.written)', which is not among the facilities loaded",
                        hint: "give it: .load \(path) --facility ID, or add it to a facilities.csv"))
            }
            return .success((options, NarrativeReview.text(narrative, catalog: store.catalog)))
        } catch {
            var diagnostic = error
            if diagnostic.id == "no-period" { diagnostic.hint = "give it: .load \(path) --period 2025H1" }
            if diagnostic.id == "no-facility" { diagnostic.hint = "give it: .load \(path) --facility ID" }
            return .failure(diagnostic)
        }
    }

    /// Whether a path is one of the files loaded: named, or inside a data folder.
    func isLoadedDataFile(_ path: String) -> Bool {
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        return dataPaths.contains { data in
            let loaded = URL(fileURLWithPath: data).standardizedFileURL.resolvingSymlinksInPath().path
            return target == loaded || target.hasPrefix(loaded + "/")
                && [".csv", ".yaml", ".yml", ".txt"].contains(where: target.hasSuffix)
        }
    }

    /// Words of a meta command, where "two words" in quotes are one.
    static func quotedWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in text {
            if let q = quote {
                if character == q { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    func usage(_ name: String, text: String, file: String?, line: Int) -> Outcome {
        let usage = Session.metaCommands.first { $0.name == name }?.usage ?? name
        return failure(
            Diagnostic(id: "meta-usage", "\(name) was not given what it expects", range: SourceRange(0, name.count),
                       hint: "usage: \(usage)"),
            text: text, file: file, line: line)
    }
}

/// Where results go after `.output FILE` or `.once FILE`. The file is rewritten whole
/// through a temporary file renamed into place, so it is never seen half-written.
struct Redirect: Sendable {
    var path: String
    var once: Bool
    var text = ""

    init(path: String, once: Bool) {
        self.path = path
        self.once = once
    }

    /// Writes the text so far; returns what went wrong, if anything.
    func write() -> String? {
        SafeFile.write(text, to: path)
    }
}
