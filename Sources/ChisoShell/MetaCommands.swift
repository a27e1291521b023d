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
                result = try DatasetLoader(catalog: .builtin, progress: report, narrativeOptions: narrativeOptions)
                    .load(dataPaths + [path])
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
            loadReport = result.report
            var problems = LoadReport.shownProblems(
                result.report.diagnostics.filter { !earlier.contains($0) }, language: renderer.language)
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
            return Outcome(output: text + report.summary + "\n")
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
            guard let value = rest.first, flag == "--facility" || flag == "--period" else {
                return .failure(
                    Diagnostic(id: "meta-usage", "'\(flag)' is not a flag of .load", hint: "usage: .load FILE.txt [--facility ID] [--period P]"))
            }
            rest = rest.dropFirst()
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

/// The text of `.help`, written for someone meeting chiso for the first time.
enum HelpText {
    static let topics = [
        "show", "compare", "trend", "rank", "progress", "expressions", "define", "let", "filters", "order", "by",
        "format", "chart", "list",
        "describe", "explain", "periods", "markers", "load",
    ]

    static func text(topic: String?) -> String {
        guard let topic else { return overview }
        switch topic.lowercased().trimmingCharacters(in: .whitespaces).trimmingDot {
        case "show": return show
        case "compare", "yoy": return compare
        case "trend": return trend
        case "rank": return rank
        case "progress", "plan", "plans": return progress
        case "expressions", "expression", "arithmetic": return expressions
        case "define": return define
        case "let", "variables", "variable", "set": return variables
        case "filters", "filter", "where", "for": return filters
        case "order", "top", "order by": return order
        case "by", "group", "grouping", "levels": return grouping
        case "chart", "charts": return chart
        case "weighted", "weight": return show
        case "measures", "measure": return expressions
        case "format", "formats", "output": return formats
        case "list": return list
        case "describe": return describe
        case "explain": return explain
        case "periods", "period": return periods
        case "markers", "marker": return markers
        case "load", ".load", "import", "narrative", "reports": return narrative
        default:
            return "no help on '\(topic)'; topics: \(topics.joined(separator: ", "))\n"
        }
    }

    static let overview = """
        Ask about the loaded figures with a statement, one per line (or separated by ;):

          show <measures> <period> [by facility|<level>] [for <area>] [where …]
          compare <measures> <period> <period>… | <period> yoy [as growth|ratio|points]
          trend <measures> <range> [by month|quarter|half|year] [by facility|<level>]
          rank <facilities|level> by <measure> <period> [top N] [asc|desc]
          progress <measures> <period> [by …]   share of the annual plan against the year
          chart <statement>               draw a show, compare, trend, rank or progress
          list indicators | facilities | periods [for <indicator>] | levels | datasets
          describe <indicator, definition or facility>
          define <name> = <expression> [unit …] [label "…"]
          let <name> = <period or name>   then use $name
          explain <statement>             the plan chiso follows to answer it
        Every table takes: where …, order by <column> [asc|desc], top N, weighted by <count>.
        A measure is an indicator or arithmetic over indicators: a / b * 100 as rate.

        Examples on the bundled data:
          compare visits 2024H1 2025H1 by facility
          compare visits 2025H1 yoy
          show epi_full_u1 2025H1
          progress visits 2025H1 by facility
          show visits 9M2023 for "tien du"

        Meta commands:
        \(Session.metaCommands.map { "  " + $0.usage.padding(30) + " " + $0.summary }.joined(separator: "\n"))

        More: .help <topic>, with topics:
          \(topics.prefix(9).joined(separator: ", "))
          \(topics.dropFirst(9).joined(separator: ", "))

        """

    static let show = """
        show <measures> <period> [by facility|<level>] [for <area>] [where …] [order by …] [top N]

        The figure of each indicator for the period, added up the way its kind allows:
        counts are summed, rates n/N are summed on both sides then divided, percentages
        without a denominator are never added up (weighted by <count> averages them,
        Σ p·w ÷ Σ w), stocks take the latest value.

          show visits 2025H1 by facility
          show visits, inpatient 2025 by province
          show epi_full_u1 2025H1               (279 of 796 = 35.1 %)
          show visits 9M2023 for "tien du"      (names ignore case and diacritics)

        """

    static let compare = """
        compare <measures> <period> <period>… [as growth|ratio|points] [by …] [for …]
        compare <measures> <period> yoy         (or: vs last year)

        Figures of two or more periods side by side, with the change from the first to the
        last. The header names the kind of change:
          growth %      (b − a) ÷ a × 100; the default for counts
          change (pts)  b − a in percentage points; the default for rates and percentages
                        (35.1 % → 40.2 % is +5.1 pts, not +14.5 %)
          ratio %       b × 100 ÷ a, "so sánh", on request: as ratio

          compare visits 2024H1 2025H1 by facility
          compare visits 2025H1 yoy
          compare visits 9M2022 9M2023 for "Tiên Du" as ratio

        A figure a report does not state but implies, such as last year's from "up 138 on the
        same period", is shown and marked * (derived).

        """

    static let trend = """
        trend <measures> <range> [by month|quarter|half|year] [by facility|<level>] [top N]

        One row per period of the grain. Without a grain: months up to 24 months, quarters up
        to 48, years beyond. A period with no figure is an empty cell, never a zero. Across a
        merger each figure counts under the parent of its own period, and a note says so.
        top N keeps the N groups with the largest figure over the whole range.

          trend visits 2024..2025 by half by facility
          trend dengue_cases 2024M01..2024M12 by month by district

        """

    static let rank = """
        rank <facilities|level> by <measure> <period> [top N] [asc|desc]

        Largest first unless asc. Ties share a place (1, 1, 3), and top N keeps the ties
        with the N-th. Facilities with no figure come last, unranked.

          rank facilities by visits 2025
          rank districts by food_inspections_passed / food_inspections * 100 2025H1 top 3

        """

    static let progress = """
        progress <measures> <period> [by …] [for …]

        The share of the annual plan reached, beside the share of the year the period covers
        (H1 50 %, 9M 75 %): "on track" when the share reached is at least that, "behind"
        otherwise. A figure is measured against its own facility's plan, or the nearest plan
        above it when it has none. For a rate n/N the plan is a number of successes (children
        to immunise): the share is Σ n ÷ plan, while the value column shows the rate.
        Stations are the commune level: by commune (or by stations).

          progress visits 2025H1 by facility
          progress epi_full_u1 2025H1 by commune order by gap asc      (the furthest behind first)
          progress epi_full_u1 2025H1 by commune where status = behind

        """

    static let expressions = """
        Arithmetic over indicators: + - * / and parentheses, with as <name> to name the column.
        Each indicator is totalled over the facilities and period first, then the arithmetic is
        done: a ratio of sums, never a sum of ratios. A missing part or a division by zero
        leaves the cell empty, with the reason in a note. Bounds carry through (a lower bound
        minus an exact figure is a lower bound; minus a lower bound, an upper bound).
        a / b * 100 is a percentage and changes in points; a + b of counts is a count.

          show food_inspections_passed / food_inspections * 100 as pass_rate 2025H1 by facility

        """

    static let define = """
        define <name> = <expression> [unit %|count|"…"] [label "…"]

        A user indicator for this session, usable wherever an indicator is, listed by
        list indicators and explained by describe <name>.

          define pass_rate = food_inspections_passed / food_inspections * 100 label "Pass rate"
          rank facilities by pass_rate 2025H1

        """

    static let variables = """
        let <name> = <period or name>, then $name anywhere a period, indicator or area goes.
        From outside: chiso --set cur=2025H1 -f script.chiso. An unset $name is an error.

          let cur = 2025H1
          compare visits $cur yoy

        """

    static let filters = """
        for <area>          a facility or area and everything below it: for "tien du"
        where <dim> = <v>   dim is facility, level, dataset, or a level name (district…)
        where <dim> in (<v>, <v>)
        where <dim> ~ "<text>"   names containing the text; * and ? are wildcards
        Conditions combine with and. Names ignore case and diacritics. Areas and levels follow
        the hierarchy in force for each figure's period.

          show visits 2025H1 by facility where level = district
          show visits 2025H1 by facility where province ~ "lai"

        """

    static let order = """
        order by <column> [asc|desc]   a column by its header: value, change, growth, ratio,
                                       a period, name, share, gap…; figures largest first
        top N                          the first N rows; alone, the N largest values

          show visits 2025 by facility top 5
          compare visits 2024 2025 by facility order by growth

        """

    static let grouping = """
        by facility           one row per facility
        by <level>            one row per facility of a level of the data, singular or plural:
                              by district, by provinces; each figure goes to the one its
                              facility belonged to in the figure's last month (mergers)
        by month|quarter|half|year   (trend only) the time buckets
        Without by, one total row (one per dataset when several are loaded).

        """

    static let chart = """
        chart <show, compare, trend, rank or progress statement>

        Draws the answer with block characters, each bar or line labelled with its figure:
        bars for a ranking or a comparison, a sparkline per group for a trend (· marks a
        period with no figure). In Markdown it is a fenced text block; CSV and JSON keep
        the plain rows.

          chart rank districts by dengue_cases 2024Q3
          chart trend dengue_cases 2024 by month by district top 3
          chart compare visits 2025H1 yoy by district

        """

    static let formats = """
        .format table|csv|json|markdown, or --format on the command line.
        table      aligned, with markers and notes under it
        csv        plain numbers, with <column>_qualifier, _derived, _months columns
        json       one object per row, with qualifier, derived, derivation, sources
        markdown   a pipe table and its notes, for a review report

        """

    static let list = """
        list indicators            every indicator (and definition), its kind and figures
        list facilities            the facility tree
        list periods [for <ind>]   the periods that have figures
        list levels                the levels of the hierarchy, usable after by
        list datasets              the datasets loaded; totals are given per dataset

        """

    static let describe = """
        describe <indicator, definition or facility>

          describe epi_full_u1       what it measures, how it adds up, who reports it
          describe "tien du"         a facility: level, parent, former parents, what it reports

        """

    static let explain = """
        explain <statement>

        Prints the logical plan: the indicators with their aggregation rule, expressions and
        their parts, each period as months, the grouping and the facilities counted. Nothing
        is run.

          explain compare visits 2024H1 2025H1 by facility

        """

    static let periods = """
        Periods (calendar based; cumulative ones start in January):
          2025        the year              2025H1, 2025H2   half-years (also 2025S1)
          2025Q3      a quarter             2025M03          a month (also 202503)
          9M2023      January–September     2024M01..2025M06 a range

        A period is answered from figures that lie inside it; a figure is never split. When
        the figures cover only part of it, the cell says so: (6/12 mo).

        """

    static let narrative = """
        Loading data and reading narrative reports:
          .load PATH                      a data file or folder (CSV, YAML report files)
          .load report.txt                a review report as prose: its figures are listed, each
                                          beside its line and its words, then loaded
          .load report.txt --period 2025H1 --facility "Tiên Du"
                                          when the text does not say which period or facility
        From the command line, chiso import report.txt lists the same; --format csv prints one row
        per figure, -o report.yaml writes a report file to check and load. Numbers that look like
        figures but name no indicator are listed as not understood, never guessed.

        """

    static let markers = """
        Markers in tables:
          *          derived or computed by chiso, not stated in a report; the footnote says how
          ≥ / ≤      a bound: the report says "more than" / "under"
          ~          approximate
          (6/12 mo)  partial: the figures cover only 6 of the period's 12 months
          —          no figure; a note under the table says why when there is a reason
        CSV and JSON carry the same facts as columns and fields (_qualifier, _derived, _months).

        """
}

extension String {
    var trimmingDot: String { hasPrefix(".") ? String(dropFirst()) : self }

    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
