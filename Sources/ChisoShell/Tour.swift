import ChisoRender

/// `.tour`: a guided walk through the bundled data, one step at a time. Each step says
/// what to notice, shows a statement, runs it, and explains the answer. The steps run the
/// same statements in both languages; `.lang vi` before `.tour` walks it in Vietnamese.
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

    static let stepsVI: [Step] = [
        Step(
            title: "Chỉ số là gì",
            before: "Mỗi số liệu thuộc về một chỉ số. Loại chỉ số quyết định cách cộng gộp.",
            statement: "describe visits",
            after: "visits là số đếm: cộng theo tháng và theo cơ sở. Thử describe epi_full_u1, một tỷ lệ."),
        Step(
            title: "Kỳ báo cáo",
            before: "Kỳ theo lịch: 2025, 2025H1 (6 tháng đầu năm), 2025Q3 (quý III), 2025M03 (tháng 3), 9M2023 (9 tháng).",
            statement: "show visits 9M2023 for \"tien du\"",
            after: "Tên không phân biệt hoa thường và dấu: \"tien du\" tìm ra TTYT Tiên Du. list periods cho xem các kỳ có số liệu."),
        Step(
            title: "So sánh với cùng kỳ năm trước",
            before: "Báo cáo ít khi nêu cả hai kỳ; thường chỉ ghi \"tăng 138 lượt so với cùng kỳ\".",
            statement: "compare visits 2025H1 yoy for \"lai chau\"",
            after: "2024H1 = 27.662 − 138 = 27.524 do chiso suy ra và đánh dấu *; chú thích bên dưới nói cách tính."),
        Step(
            title: "Tỷ lệ là tổng tử chia tổng mẫu",
            before: "Tỷ lệ nêu dạng n/N được cộng cả tử và mẫu, không bao giờ lấy trung bình các tỷ lệ %.",
            statement: "show epi_full_u1 2025H1 by district where dataset = demo order by value asc top 3",
            after: "Mỗi huyện là tổng n của các trạm chia tổng N của các trạm. Huyện thấp nhất đứng đầu."),
        Step(
            title: "Tiến độ so với kế hoạch năm",
            before: "Đi hết nửa năm thì nên đạt khoảng nửa kế hoạch.",
            statement: "progress visits 2025H1 by district where dataset = demo order by gap asc top 3",
            after: "dự kiến % là phần của năm mà kỳ chiếm; chậm tiến độ nghĩa là % kế hoạch đạt được thấp hơn mức đó."),
        Step(
            title: "Cận dưới và kỳ chưa đủ",
            before: "\"Hơn 63 nghìn\" vẫn là cận dưới; một năm mới có số liệu 6 tháng thì được ghi rõ.",
            statement: "show visits 2025 by facility where dataset = seed",
            after: "≥ là cận dưới, (6/12 th) là năm chưa đủ kỳ. Không có gì được tự điền vào."),
        Step(
            title: "Xu hướng, và tìm một ổ dịch",
            before: "trend chia một khoảng thành tháng (hoặc quý, nửa năm, năm); chart vẽ thành biểu đồ.",
            statement: "chart trend dengue_cases 2024 by month by district top 3",
            after: "Tây Hòa tăng vọt từ tháng 7: đó là ổ dịch. Kỳ không có số liệu là ·, không bao giờ là 0."),
        Step(
            title: "Lưu các câu hỏi lặp lại mỗi kỳ",
            before: "Ghi các câu lệnh vào một tệp, mỗi dòng một câu, dùng $cur cho kỳ báo cáo:",
            statement: "list datasets",
            after: """
                Rồi chạy: chiso -f review.chiso --set cur=2025H1 --format markdown > review.md
                Thư mục Examples/ có bốn tệp mẫu như vậy. .help liệt kê mọi lệnh; hết phần hướng dẫn.
                """),
    ]

    /// The steps in a language.
    static func steps(_ language: DisplayLanguage) -> [Step] { language == .vi ? stepsVI : steps }

    /// The text of a step, with the statement's answer in the middle.
    static func text(_ index: Int, answer: String, language: DisplayLanguage = .en) -> String {
        let step = steps(language)[index]
        let vi = language == .vi
        let more = vi
            ? "(.tour để sang bước tiếp, .tour N để tới bước N, .tour end để dừng)\n"
            : "(.tour for the next step, .tour N to go to step N, .tour end to stop)\n"
        return """
            \(vi ? "Hướng dẫn" : "Tour") \(index + 1) \(vi ? "/" : "of") \(steps.count): \(step.title)
            \(step.before)

            chiso> \(step.statement)
            \(answer)
            \(step.after)
            \(index + 1 < steps.count ? more : "")
            """
    }

    /// What `.tour end` and the step after the last say.
    static func over(_ language: DisplayLanguage) -> String {
        language == .vi ? "Đã dừng phần hướng dẫn. .tour để bắt đầu lại.\n" : "The tour is over. .tour starts it again.\n"
    }

    static func finished(_ language: DisplayLanguage) -> String {
        language == .vi
            ? "Đó là bước cuối. .tour để bắt đầu lại từ đầu.\n"
            : "That was the last step. .tour starts again from the beginning.\n"
    }
}
