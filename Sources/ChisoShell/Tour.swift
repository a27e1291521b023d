/// `.tour`: a guided walk through the bundled data, one step at a time. Each step says
/// what to notice, shows a statement, runs it, and explains the answer.
enum Tour {
    struct Step {
        var title: String
        var before: String
        var statement: String
        var after: String
    }

    static let steps: [Step] = [
        Step(
            title: "What an indicator is",
            before: "Every figure belongs to an indicator. Its kind decides how figures add up.",
            statement: "describe visits",
            after: "visits is a count: months and facilities are summed. Try describe epi_full_u1, a rate."),
        Step(
            title: "Periods",
            before: "Periods are calendar based: 2025, 2025H1, 2025Q3, 2025M03, and 9M2023 for January–September.",
            statement: "show visits 9M2023 for \"tien du\"",
            after: "Names ignore case and diacritics: \"tien du\" found TTYT Tiên Du. list periods shows what exists."),
        Step(
            title: "Comparing with the same period last year",
            before: "Reports rarely give both periods. They say \"up 138 on the same period\".",
            statement: "compare visits 2025H1 yoy for \"lai chau\"",
            after: "2024H1 = 27,662 − 138 = 27,524 is derived by chiso and marked *; the footnote says how."),
        Step(
            title: "Rates are a ratio of sums",
            before: "A rate given as n of N is added up on both sides, never as an average of percentages.",
            statement: "show epi_full_u1 2025H1 by district where dataset = demo order by value asc top 3",
            after: "Each district's figure is its stations' n summed over their N summed. The lowest come first."),
        Step(
            title: "Progress against the annual plan",
            before: "Half the year gone should be about half the plan reached.",
            statement: "progress visits 2025H1 by district where dataset = demo order by gap asc top 3",
            after: "expected % is the share of the year the period covers; behind means the share reached is lower."),
        Step(
            title: "Bounds and partial periods",
            before: "\"More than 63 thousand\" stays a lower bound; a year with six months of figures says so.",
            statement: "show visits 2025 by facility where dataset = seed",
            after: "≥ marks a lower bound, (6/12 mo) a partial year. Nothing is silently filled in."),
        Step(
            title: "Trends, and finding an outbreak",
            before: "A trend splits a range into months (or quarters, halves, years); chart draws it.",
            statement: "chart trend dengue_cases 2024 by month by district top 3",
            after: "Tây Hòa's rise from July is the outbreak. A gap would be ·, never a zero."),
        Step(
            title: "Saving the questions you ask every period",
            before: "Put statements in a file, one per line, with $cur for the period:",
            statement: "list datasets",
            after: """
                Then: chiso -f review.chiso --set cur=2025H1 --format markdown > review.md
                Examples/ holds four such scripts. .help lists everything; the tour is over.
                """),
    ]

    /// The text of a step, with the statement's answer in the middle.
    static func text(_ index: Int, answer: String) -> String {
        let step = steps[index]
        return """
            Tour \(index + 1) of \(steps.count): \(step.title)
            \(step.before)

            chiso> \(step.statement)
            \(answer)
            \(step.after)
            \(index + 1 < steps.count ? "(.tour for the next step, .tour N to go to step N, .tour end to stop)\n" : "")
            """
    }
}
