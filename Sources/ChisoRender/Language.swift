import ChisoExecutor
import Foundation

/// The language of what people read: headers, markers, legends, notes, messages, and the
/// way numbers are written. CSV and JSON keep their keys and plain numbers in every
/// language, so scripts that read them do not change with `.lang`.
public enum DisplayLanguage: String, Sendable, CaseIterable {
    case en, vi

    /// The thousands separator: 27,662 in English, 27.662 in Vietnamese.
    var groupSeparator: String { String(UnicodeScalar(groupSeparatorByte)) }
    /// The decimal mark: 35.1 in English, 35,1 in Vietnamese.
    var decimalMark: String { String(UnicodeScalar(decimalMarkByte)) }

    /// The separator as the byte numbers are written with.
    var groupSeparatorByte: UInt8 { self == .vi ? UInt8(ascii: ".") : UInt8(ascii: ",") }
    var decimalMarkByte: UInt8 { self == .vi ? UInt8(ascii: ",") : UInt8(ascii: ".") }
}

/// A message whose wording is fixed except for the parts in `{}`, and its translation,
/// where `{0}`, `{1}`, … stand for those parts in order.
///
/// chiso's messages are written in English where they are made (the executor, the
/// planner); Render translates them on the way out, as gettext does with its msgids.
/// A message with no translation is shown as it was written.
struct Phrase: Sendable {
    private let pieces: [String]
    private let translation: String

    init(_ english: String, _ translation: String) {
        pieces = english.components(separatedBy: "{}")
        self.translation = translation
    }

    /// The translation of `text`, or nil when `text` is not this message.
    func translate(_ text: String) -> String? {
        guard text.hasPrefix(pieces[0]) else { return nil }
        if pieces.count == 1 { return text == pieces[0] ? translation : nil }
        var rest = Substring(text.dropFirst(pieces[0].count))
        var parts: [Substring] = []
        for (index, piece) in pieces.enumerated().dropFirst() {
            if index == pieces.count - 1 {
                guard rest.hasSuffix(piece), rest.count >= piece.count else { return nil }
                parts.append(rest.dropLast(piece.count))
            } else {
                guard let found = rest.range(of: piece) else { return nil }
                parts.append(rest[..<found.lowerBound])
                rest = rest[found.upperBound...]
            }
        }
        var result = translation
        for (index, part) in parts.enumerated() {
            result = result.replacingOccurrences(of: "{\(index)}", with: Phrasebook.inline(String(part)))
        }
        return result
    }
}

/// What chiso says in Vietnamese. English is the text as written; each function returns
/// its argument unchanged for English.
enum Phrasebook {
    /// A column's header, found by its key (headers of periods are periods, which read
    /// the same in both languages).
    static func header(_ column: ResultColumn, _ language: DisplayLanguage) -> String {
        guard language == .vi else { return column.header }
        return headers[column.key] ?? levels[column.key] ?? column.header
    }

    /// A sentence or fixed phrase: a note, a message, a legend line.
    static func say(_ text: String, _ language: DisplayLanguage) -> String {
        guard language == .vi else { return text }
        if let exact = fixed[text] ?? levels[text] { return exact }
        // Prose (explain, describe) is written in English only; a phrase must not match
        // across its lines.
        guard !text.contains("\n") else { return text }
        for phrase in phrases {
            if let translated = phrase.translate(text) { return translated }
        }
        // A note about a row: "TTYT Lai Châu, visits: <message>".
        var searchFrom = text.startIndex
        while let colon = text.range(of: ": ", range: searchFrom..<text.endIndex) {
            let message = String(text[colon.upperBound...])
            let translated = say(message, language)
            if translated != message { return inline(String(text[..<colon.lowerBound])) + ": " + translated }
            searchFrom = colon.upperBound
        }
        return inline(text)
    }

    /// A text cell: a name stays a name; statuses and chiso's own labels are translated.
    static func cell(_ text: String, key: String, _ language: DisplayLanguage) -> String {
        guard language == .vi else { return text }
        if key == "status" || key == "kind" || key == "level" { return say(text, language) }
        if key == "field" { return fields[text] ?? text }
        return inline(text)
    }

    /// Phrases inside names and labels: "all facilities (demo)", "(3 of 6 months)".
    static func inline(_ text: String) -> String {
        var result = text
        for (english, vietnamese) in inlinePhrases where result.contains(english) {
            result = result.replacingOccurrences(of: english, with: vietnamese)
        }
        return result.replacing(#/(\d+) of (\d+) months/#) { match in "\(match.1)/\(match.2) tháng" }
            .replacing(#/ and (\d+) more rows?/#) { match in " và \(match.1) dòng khác" }
            .replacing(#/ and (\d+) more/#) { match in " và \(match.1) mục khác" }
            .replacing(#/^(\d+) facilities\b/#) { match in "\(match.1) cơ sở" }
    }

    private static let inlinePhrases: [(String, String)] = [
        ("all facilities", "toàn bộ cơ sở"),
    ]

    /// The fields `describe` lists.
    private static let fields: [String: String] = [
        "aggregation": "cách cộng gộp", "aliases": "tên khác", "below it": "trực thuộc", "catalog": "danh mục",
        "closed": "ngừng hoạt động", "computed": "cách tính", "dataset": "bộ dữ liệu", "facilities": "cơ sở",
        "facility": "cơ sở", "former names": "tên cũ", "former parent": "đơn vị cấp trên cũ", "formula": "công thức",
        "indicator": "chỉ số", "indicators": "chỉ số", "joined it": "sáp nhập vào", "kind": "loại", "label": "nhãn",
        "level": "cấp", "meaning": "ý nghĩa", "months": "số tháng", "moved away": "đã chuyển đi", "name": "tên",
        "tên": "tên tiếng Việt", "parent": "đơn vị cấp trên", "period": "kỳ", "periods": "các kỳ", "reads": "cách đọc",
        "reported by": "đơn vị báo cáo", "short name": "tên ngắn", "unit": "đơn vị tính", "value": "giá trị",
        "figures": "số liệu",
    ]

    private static let levels: [String: String] = [
        "country": "toàn quốc", "national": "toàn quốc", "province": "tỉnh", "district": "huyện",
        "commune": "xã", "station": "trạm", "hospital": "bệnh viện",
    ]

    private static let headers: [String: String] = [
        "facilities": "cơ sở", "facility": "cơ sở", "indicator": "chỉ số", "period": "kỳ", "value": "giá trị",
        "plan_share": "% kế hoạch", "plan": "kế hoạch năm", "change": "thay đổi", "change_points": "thay đổi (điểm %)",
        "growth_pct": "tăng trưởng %", "ratio_pct": "tỷ số %", "rank": "hạng", "expected_pct": "dự kiến %",
        "gap_points": "chênh lệch (điểm %)", "status": "tình trạng", "kind": "loại", "name_en": "tên tiếng Anh",
        "name_vi": "tên", "name": "tên", "figures": "số liệu", "level": "cấp", "parent": "đơn vị cấp trên",
        "dataset": "bộ dữ liệu", "months": "số tháng", "field": "mục",
    ]

    /// Texts that are always the same.
    private static let fixed: [String: String] = [
        // Statuses of progress and kinds (level names are in `levels`).
        "on track": "đạt tiến độ",
        "behind": "chậm tiến độ",
        "count": "số đếm", "ratio": "tỷ lệ (tử/mẫu)", "percentage": "tỷ lệ %", "stock": "tồn kho",
        // Tables and charts.
        "(no rows)": "(không có dòng nào)",
        "· a period with no figure": "· kỳ không có số liệu",
        "(below zero)": "(dưới 0)",
        // The legend of markers.
        "* derived by chiso, not stated in a report:": "* do chiso suy ra, báo cáo không nêu:",
        "≥ lower bound: the report says \"more than\"": "≥ cận dưới: báo cáo ghi \"hơn\", \"trên\"",
        "≤ upper bound: the report says \"under\"": "≤ cận trên: báo cáo ghi \"dưới\"",
        "~ approximate: the report says \"about\", or a bound was combined with another":
            "~ xấp xỉ: báo cáo ghi \"khoảng\", \"gần\", hoặc một cận đã được tính cùng số khác",
        "(k/n mo) partial: the figures cover only k of the period's n months":
            "(k/n th) chưa đủ kỳ: số liệu chỉ có k trong n tháng của kỳ",
        // Notes without parts.
        "an empty value is a period with no figure, not a zero": "ô trống là kỳ không có số liệu, không phải số 0",
        "figures include derived baselines (the same period a year before a stated change)":
            "số liệu gồm cả mốc so sánh do chiso suy ra (cùng kỳ năm trước, từ mức tăng giảm đã nêu)",
        "the report states only the share of plan reached": "báo cáo chỉ nêu tỷ lệ % kế hoạch đạt được",
        "no verdict: the figures cover only part of the period": "chưa đánh giá: số liệu chỉ có một phần của kỳ",
        "the denominator is zero": "mẫu số bằng 0",
        "division by zero": "chia cho 0",
        "rates stated without numerator and denominator cannot be combined":
            "tỷ lệ không kèm tử số và mẫu số thì không gộp được",
        "percentages without a denominator are not added up; show them by facility, or average them weighted by a count":
            "tỷ lệ % không có mẫu số thì không cộng dồn; hãy xem theo từng cơ sở, hoặc lấy trung bình có trọng số theo một chỉ số đếm",
        "totals without a filter are given per dataset; pick one with where dataset = …":
            "khi không lọc, tổng được tính riêng cho từng bộ dữ liệu; chọn một bộ bằng where dataset = …",
        "a parent's own total was used; the figures below it are in it and were not added again":
            "đã dùng tổng của chính đơn vị cấp trên; số liệu các đơn vị trực thuộc đã nằm trong đó nên không cộng thêm",
        // Messages.
        "unterminated string": "chuỗi chưa đóng",
        "cancelled (Ctrl-C); nothing was changed": "đã hủy (Ctrl-C); không có gì thay đổi",
        "cancelled": "đã hủy",
        "trend needs a period": "trend cần một kỳ",
        "the range ends before it starts": "khoảng kỳ kết thúc trước khi bắt đầu",
        "only 'and' joins conditions": "chỉ dùng 'and' để nối các điều kiện",
        "there is no negation in where yet": "where chưa hỗ trợ phủ định",
        "check the path": "kiểm tra lại đường dẫn",
        "list indicators shows them all": "list indicators liệt kê tất cả",
        "list facilities shows them all": "list facilities liệt kê tất cả",
        "list indicators and list facilities show them all": "list indicators và list facilities liệt kê tất cả",
    ]

    /// Texts with parts, tried in order: the first that matches wins.
    private static let phrases: [Phrase] = [
        // Notes.
        Phrase("top {}: {} more rows not shown", "top {0}: còn {1} dòng không hiển thị"),
        Phrase("top {}: {} more row not shown", "top {0}: còn {1} dòng không hiển thị"),
        Phrase("top {}: {} more ranked below", "top {0}: còn {1} đơn vị xếp hạng thấp hơn"),
        Phrase("top {}: the facilities with the largest {} over {}", "top {0}: các cơ sở có {1} lớn nhất trong {2}"),
        Phrase("top {}: the groups with the largest {} over {}", "top {0}: các nhóm có {1} lớn nhất trong {2}"),
        Phrase(
            "expected: the {} months of {} are {} % of the year; on track when the share of plan reached is at least that",
            "dự kiến: {0} tháng của {1} là {2} % của năm; đạt tiến độ khi tỷ lệ % kế hoạch đạt được ít nhất bằng mức đó"),
        Phrase(
            "expected: the {} month of {} are {} % of the year; on track when the share of plan reached is at least that",
            "dự kiến: {0} tháng của {1} là {2} % của năm; đạt tiến độ khi tỷ lệ % kế hoạch đạt được ít nhất bằng mức đó"),
        Phrase("reported only for {}, which cannot be split", "chỉ có số liệu cả kỳ {0}, không chia nhỏ được"),
        Phrase("group by any level: {}", "nhóm theo cấp bất kỳ: {0}"),
        Phrase("{} has no figure from {}, which reports in the other periods",
               "{0} thiếu số liệu của {1}, dù đơn vị này có báo cáo ở các kỳ khác"),
        Phrase("{} is partial because of {}", "{0} chưa đủ kỳ do {1}"),
        Phrase("{} = {}: each indicator is totalled first, then the arithmetic is done on the totals",
               "{0} = {1}: cộng tổng từng chỉ số trước, rồi mới tính trên các tổng"),
        Phrase("not in any {}, so not shown: the figures of {}", "không thuộc {0} nào nên không hiển thị: số liệu của {1}"),
        Phrase(
            "the period holds {} percentages of this facility, which are not added up; ask for one of its periods, or average them with weighted by <count>",
            "kỳ này có {0} tỷ lệ % của cơ sở, không cộng dồn được; hãy hỏi từng kỳ, hoặc lấy trung bình bằng weighted by <count>"),
        Phrase(
            "{} moved from {} to {} from {} (a merger): each figure counts under the parent of its own period, so a change at the merger is the new boundary, not new activity",
            "{0} chuyển từ {1} sang {2} từ {3} (sáp nhập): mỗi số liệu tính cho đơn vị cấp trên của chính kỳ đó, nên thay đổi tại thời điểm sáp nhập là do ranh giới mới, không phải do hoạt động"),
        Phrase("a stock as of {}, its latest figure in {}", "tồn kho tại {0}, số liệu mới nhất trong {1}"),
        Phrase("a stock as of {}; older figures are not added: {}", "tồn kho tại {0}; số liệu cũ hơn không được cộng: {1}"),
        Phrase("no annual plan for {}", "không có kế hoạch năm {0}"),
        Phrase("no ratio from 0", "không tính tỷ số từ 0"),
        Phrase("no growth from 0", "không tính tăng trưởng từ 0"),
        Phrase("the periods' figures come from different facilities: {} from {}; {} from {}",
               "số liệu của các kỳ đến từ những cơ sở khác nhau: {0} từ {1}; {2} từ {3}"),
        Phrase("changes compare {} with {}", "thay đổi là {0} so với {1}"),
        Phrase("{}'s stated {} total {} was used; its {} shorter figures add up to {}",
               "đã dùng tổng {1} do {0} báo cáo là {2}; {3} số liệu kỳ ngắn hơn cộng lại được {4}"),
        Phrase("{}'s annual plan counts where it belonged at the end of {}, so this group has no share of plan",
               "kế hoạch năm của {0} tính cho đơn vị nó trực thuộc vào cuối {1}, nên nhóm này không có tỷ lệ % kế hoạch"),
        Phrase("the weights ({}) add up to zero", "tổng trọng số ({0}) bằng 0"),
        Phrase("no figure for {}", "không có số liệu cho {0}"),
        Phrase("division by zero: {} is 0", "chia cho 0: {0} bằng 0"),
        Phrase("partial ({})", "chưa đủ kỳ ({0})"),
        Phrase("unclear ({})", "chưa rõ ({0})"),
        // The legend's colours.
        Phrase("colours: {}up{}, {}down{} (neither is good or bad by itself)", "màu: {0}tăng{1}, {2}giảm{3} (tự nó không nói là tốt hay xấu)"),
        // Messages of queries.
        Phrase("unknown indicator '{}'", "không có chỉ số '{0}'"),
        Phrase("unknown command '{}'", "không có lệnh '{0}'"),
        Phrase("unknown format '{}'", "không có định dạng '{0}'"),
        Phrase("did you mean '{}'?", "có phải là '{0}'?"),
        Phrase("no facility or area matches '{}'", "không có cơ sở hay địa bàn nào khớp với '{0}'"),
        Phrase("no indicator or facility is called '{}'", "không có chỉ số hay cơ sở nào tên '{0}'"),
        Phrase("'{}' matches {} facilities in different places", "'{0}' khớp với {1} cơ sở ở những nơi khác nhau"),
        Phrase("'{}' matches {} facilities", "'{0}' khớp với {1} cơ sở"),
        Phrase("be more precise: {}", "hãy ghi cụ thể hơn: {0}"),
        Phrase("'{}' is not a period: a half-year is H1 or H2", "'{0}' không phải là kỳ: nửa năm là H1 hoặc H2"),
        Phrase("'{}' is not a period: a quarter is Q1 to Q4", "'{0}' không phải là kỳ: quý là Q1 đến Q4"),
        Phrase("'{}' is not a period: a month is M01 to M12", "'{0}' không phải là kỳ: tháng là M01 đến M12"),
        Phrase("'{}' is not a period", "'{0}' không phải là kỳ"),
        Phrase("'{}': a year has 12 months, not {}", "'{0}': một năm có 12 tháng, không phải {1}"),
        Phrase("the range {} ends before it starts", "khoảng {0} kết thúc trước khi bắt đầu"),
        Phrase("variable ${} is not set", "biến ${0} chưa được gán"),
        Phrase("set it with let {} = … or --set {}=…", "gán bằng let {0} = … hoặc --set {1}=…"),
        Phrase("expected {}, found {}", "cần {0}, nhưng gặp {1}"),
        Phrase("unexpected character '{}'", "ký tự không hợp lệ '{0}'"),
        Phrase("'{}' is given twice", "'{0}' được ghi hai lần"),
        Phrase("'{}' is not a number", "'{0}' không phải là số"),
        Phrase("cannot group by '{}'", "không nhóm theo '{0}' được"),
        Phrase("cannot filter on '{}'", "không lọc theo '{0}' được"),
        Phrase("cannot list '{}'", "không liệt kê '{0}' được"),
        Phrase("cannot read {}", "không đọc được {0}"),
        Phrase("the result has no column '{}'", "kết quả không có cột '{0}'"),
        Phrase("{} takes one period", "{0} nhận một kỳ"),
        Phrase("progress is measured within one year; {} spans two", "tiến độ được tính trong một năm; {0} trải qua hai năm"),
        Phrase("{} was not given what it expects", "{0} chưa nhận đúng tham số"),
        Phrase("usage: {}", "cách dùng: {0}"),
        Phrase("commands: {}", "các lệnh: {0}"),
        Phrase("columns: {}", "các cột: {0}"),
        Phrase("formats: {}", "các định dạng: {0}"),
        Phrase("meta commands: {}", "các lệnh chấm: {0}"),
    ]
}
