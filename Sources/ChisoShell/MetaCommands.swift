import ChisoModel
import Foundation
import ChisoParser
import ChisoRender

extension Session {
    /// The meta commands, each with a one-line description, for `.help` and completion.
    public static let metaCommands: [(name: String, usage: String, summary: String)] = [
        (".help", ".help [topic]", "this help, or help on a command: .help compare"),
        (".format", ".format table|csv|json|markdown", "how results are printed"),
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

/// The text of `.help`, written for someone meeting chiso for the first time.
enum HelpText {
    static func text(topic: String?) -> String {
        guard let topic else { return overview }
        switch topic.lowercased().trimmingCharacters(in: .whitespaces).trimmingDot {
        case "show": return show
        case "compare": return compare
        case "list": return list
        case "describe": return describe
        case "explain": return explain
        case "periods", "period": return periods
        case "markers", "marker": return markers
        default:
            return "no help on '\(topic)'; topics: show, compare, list, describe, explain, periods, markers\n"
        }
    }

    static let overview = """
        Ask about the loaded figures with a statement, one per line (or separated by ;):

          show <indicators> <period> [by facility|<level>] [for <facility or area>]
          compare <indicators> <period> <period> [by …] [for …]
          list indicators | facilities | periods [for <indicator>] | levels
          describe <indicator or facility>
          explain <statement>          the plan chiso follows to answer it

        Examples on the bundled data:
          compare visits 2024H1 2025H1 by facility
          show epi_full_u1 2025H1
          show visits 9M2023 for "tien du"

        Meta commands:
        \(Session.metaCommands.map { "  " + $0.usage.padding(30) + " " + $0.summary }.joined(separator: "\n"))

        More: .help show, .help compare, .help periods, .help markers

        """

    static let show = """
        show <indicators> <period> [by facility|<level>] [for <facility or area>]

        The figure of each indicator for the period, added up the way its kind allows:
        counts are summed, rates n/N are summed on both sides then divided, percentages
        without a denominator are never added up, stocks take the latest value.

          show visits 2025H1 by facility
          show visits, inpatient 2025 by province
          show epi_full_u1 2025H1               (279 of 796 = 35.1 %)
          show visits 9M2023 for "tien du"      (names ignore case and diacritics)

        """

    static let compare = """
        compare <indicators> <period> <period> [by …] [for …]

        Figures of two (or more) periods side by side, with the change from the first to the
        last: a difference and growth % ((b − a) ÷ a) for counts, percentage points for rates.

          compare visits 2024H1 2025H1 by facility
          compare visits 9M2022 9M2023 for "Tiên Du"

        A figure a report does not state but implies, such as last year's from "up 138 on the
        same period", is shown and marked * (derived).

        """

    static let list = """
        list indicators            every indicator, its kind and how many figures it has
        list facilities            the facility tree
        list periods [for <ind>]   the periods that have figures
        list levels                the levels of the hierarchy, usable after by

        """

    static let describe = """
        describe <indicator or facility>

          describe epi_full_u1       what it measures, how it adds up, who reports it
          describe "tien du"         a facility: level, parent, what it reports

        """

    static let explain = """
        explain <statement>

        Prints the logical plan: the indicators with their aggregation rule, each period as
        months, the grouping and the facilities counted. Nothing is run.

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

    static let markers = """
        Markers in tables:
          *          derived by chiso, not stated in a report; the footnote says how
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
