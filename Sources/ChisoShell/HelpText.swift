import ChisoModel
import ChisoRender
import Foundation

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
