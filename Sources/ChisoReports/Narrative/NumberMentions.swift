import ChisoModel

/// A number of a sentence that may be a figure, and the part it plays.
struct NumberMention {
    enum Role: Equatable {
        /// The figure itself.
        case value
        /// A change against an earlier period: `sameBasis` false when the sentence
        /// compares with something other than the same period (the previous quarter).
        case change(sign: Double, sameBasis: Bool)
        /// A share of the annual plan reached.
        case planShare
        /// "bằng 98% so với cùng kỳ": this period as a share of the same period.
        case shareOfSamePeriod
        /// "vượt 3,2% kế hoạch 9 tháng": a share of a plan for part of the year, which
        /// is not the annual plan chiso keeps.
        case shareOfPartPlan(String)
    }

    /// The first word of the mention, its qualifier and change words included.
    var start: Int
    /// The number's first word.
    var numberStart: Int
    /// Past the number, its per cent sign, scale word or denominator.
    var end: Int
    /// Past the unit, when one follows.
    var unitEnd: Int
    var value: Double
    var isPercent: Bool
    var denominator: Double?
    var unit: String?
    var qualifier: Qualifier
    var role: Role
}

/// Reads the numbers of a sentence: what they are worth, and whether they are figures at
/// all (dates, years, document numbers, ages and phone numbers are not).
struct NumberReader {
    var words: [Word]
    var matcher: PhraseMatcher
    /// Words covered by a phrase, which are not numbers of their own ("dưới 1 tuổi").
    var covered: [Bool]

    func plain(_ index: Int) -> String { index >= 0 && index < words.count ? words[index].plain : "" }

    func isMark(_ index: Int, _ marks: Set<String>) -> Bool {
        index >= 0 && index < words.count && words[index].kind == .mark && marks.contains(words[index].text)
    }

    func plainWords(_ index: Int, _ expected: [String]) -> Bool { words.has(expected, at: index) }

    /// Words before a number that make it an ordinal or a reference, not a figure.
    static let referenceWords: Set<String> = [
        "lan", "mui", "thu", "quy", "thang", "nam", "ngay", "tuan", "khoa", "ky", "dot", "lieu", "nhom", "cap",
        "loai", "hang", "muc", "khu", "to", "thon", "ban", "xom", "duong", "lo", "phong", "dieu", "khoan", "chuong",
        "luat", "mau", "gio", "buoc", "lop", "so",
    ]
    /// The same words with their marks, as keyed in a text that has them.
    static let referenceKeys: Set<String> = Set(
        [
            "lần", "mũi", "thứ", "quý", "tháng", "năm", "ngày", "tuần", "khóa", "kỳ", "đợt", "liều", "nhóm", "cấp", "loại",
            "hạng", "mục", "khu", "tổ", "thôn", "bản", "xóm", "đường", "lô", "phòng", "điều", "khoản", "chương", "luật",
            "mẫu", "giờ", "bước", "lớp", "số",
        ].map { KeyStyle.toneless.key($0) })
    static let referencePairs: Set<String> = [
        "de an", "quyet dinh", "chi thi", "nghi quyet", "thong tu", "nghi dinh", "cong van", "ke hoach",
        "bieu mau", "phu luc", "tieu chi", "giai doan", "to trinh", "thong bao", "ket luan", "chuong trinh",
        "hoi nghi", "nhiem ky", "chien dich", "van ban",
    ]

    /// A number starting at `index`, or nil when it is not a figure's.
    func mention(at index: Int) -> NumberMention? {
        let word = words[index]
        guard !covered[index] else { return nil }
        if word.kind == .word { return wordNumber(at: index) }
        guard word.kind == .number else { return nil }
        let digits = word.text.filter(\.isNumber)
        // Phone numbers: 0912.345.678, 02133876543.
        if digits.count >= 9 && digits.hasPrefix("0") { return nil }
        // Times: 8:30, 09:00.
        if isMark(index + 1, [":"]), index + 2 < words.count, words[index + 2].kind == .number, !words[index + 1].spaced,
            !words[index + 2].spaced
        {
            return nil
        }
        if isMark(index - 1, [":"]), index >= 2, words[index - 2].kind == .number, !word.spaced { return nil }
        // Ranges: 2021-2025, 5-11 tuổi, 12–17.
        if isMark(index + 1, ["-", "–", "—"]), index + 2 < words.count, words[index + 2].kind == .number { return nil }
        if isMark(index - 1, ["-", "–", "—", "/"]), index >= 2, words[index - 2].kind == .number { return nil }
        // "từ 1 đến 10 tuổi", "từ 5 tới dưới 12 tuổi".
        if ["den", "toi"].contains(plain(index + 1)), plain(index - 1) == "tu" { return nil }
        if ["den", "toi"].contains(plain(index - 1)), index + 1 < words.count,
            matcher.unit(in: words, at: index + 1)?.notFigure == true
        {
            return nil
        }
        // Numbering at the start of a sentence: "1.", "2)".
        if index == 0 || (index == 1 && isMark(0, ["-", "+", "•", "*", "("])) {
            if isMark(index + 1, [".", ")"]) { return nil }
        }
        // References: Quyết định số 123, Đề án 1816, tháng 6, lần 2, năm 2025.
        let before = plain(index - 1)
        if words.indices.contains(index - 1), words[index - 1].kind == .word, !covered[index - 1] {
            // With marks, "số 12" is a reference and "cơ sở 96 ca" is not.
            let previous = words[index - 1]
            let isReference = previous.style == .bare
                ? Self.referenceWords.contains(before) : Self.referenceKeys.contains(previous.key)
            if isReference, before == "so" {
                if plain(index - 2) != "tong" { return nil }
            } else if isReference {
                return nil
            }
            if Self.referencePairs.contains(plain(index - 2) + " " + before) { return nil }
        }
        guard var value = ReportedNumber.plainNumber(word.text) else { return nil }
        var end = index + 1
        var denominator: Double?
        // n/N, and the slashes of dates and document numbers.
        if isMark(end, ["/"]) {
            guard end + 1 < words.count else { return nil }
            let next = words[end + 1]
            if next.kind != .number { return nil }  // 123/QĐ-UBND
            if isMark(end + 2, ["/"]) { return nil }  // 27/02/1955
            guard let d = ReportedNumber.plainNumber(next.text) else { return nil }
            let dateWords: Set<String> = ["ngay", "tu", "den", "hom", "sang", "chieu", "toi", "truoc", "sau", "dip", "nhan"]
            if dateWords.contains(before) { return nil }
            // A day and month: "(27/2)", "21/7"; n of N never has n above N.
            let dayAndMonth = value <= 31 && d <= 12 && words[index].text.count <= 2 && next.text.count <= 2
            if dayAndMonth, value > d { return nil }
            let stated = ["dat", "la", "duoc", "co"].contains(before) || isMark(index - 1, [":"])
            if dayAndMonth, matcher.unit(in: words, at: end + 2) == nil, !stated { return nil }
            if next.text.count == 4, (1900...2100).contains(Int(next.text) ?? 0), value <= 12 { return nil }  // 7/2025
            denominator = d
            end += 2
        }
        var isPercent = false
        if isMark(end, ["%"]) {
            isPercent = true
            end += 1
        }
        if denominator == nil, !isPercent {
            // nghìn, ngàn (not ngắn), triệu, tỷ.
            let scales: [String: Double] = ["nghin": 1e3, "ngan": 1e3, "trieu": 1e6, "ty": 1e9]
            if end < words.count, let scale = scales[plain(end)],
                words[end].style == .bare || ["nghin", "ngan", "triêu", "ti"].contains(words[end].key)
            {
                value *= scale
                end += 1
            }
        }
        // Years: 2025, "năm 2025" (caught above), "(2021–2025)".
        let unit = isPercent ? nil : matcher.unit(in: words, at: end)
        if denominator == nil, !isPercent, digits.count == 4, word.text.count == 4, (1900...2100).contains(Int(digits) ?? 0),
            unit == nil || unit?.notFigure == true
        {
            return nil
        }
        if let unit, unit.notFigure { return nil }
        // No report counts past a billion billion; such a number is not read as a figure.
        guard value.isFinite, abs(value) < 1e15 else { return nil }
        return finish(
            index: index, end: end, value: value, isPercent: isPercent, denominator: denominator, unit: unit)
    }

    /// Small numbers written as words before a unit: "hai ca", "mười hai buổi".
    /// Numbers written as words. "năm" (five) is left out: it is far more often "year".
    private static let wordDigits: [String: Double] = [
        "mot": 1, "hai": 2, "ba": 3, "bon": 4, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
    ]
    /// The words are checked with their marks where the text has them: "tâm" is not "tám".
    private static let markedDigits: [String: String] = [
        "mot": "một", "hai": "hai", "ba": "ba", "bon": "bốn", "sau": "sáu", "bay": "bảy", "tam": "tám", "chin": "chín",
        "muoi": "mười",
    ]

    private func wordNumber(at index: Int) -> NumberMention? {
        let digits = Self.wordDigits
        let marked = Self.markedDigits
        func number(_ i: Int) -> Double? {
            guard i < words.count, words[i].kind == .word, !covered[i], let value = digits[words[i].plain] else { return nil }
            if words[i].style == .toneless, let expected = marked[words[i].plain],
                words[i].text.lowercased() != expected && words[i].text.lowercased() != "mươi"
            {
                return nil
            }
            return value
        }
        guard var value = number(index) else { return nil }
        var end = index + 1
        if value < 10, plain(end) == "muoi" {  // hai mươi
            value *= 10
            end += 1
        }
        if value >= 10, let ones = number(end), ones < 10 {  // mười hai, hai mươi lăm
            value += ones
            end += 1
        } else if value >= 10, plain(end) == "lam" {
            value += 5
            end += 1
        }
        guard let unit = matcher.unit(in: words, at: end), !unit.notFigure else { return nil }
        if plain(index - 1) == "mot" || plain(end) == "so" { return nil }  // một số: some
        return finish(index: index, end: end, value: value, isPercent: false, denominator: nil, unit: unit)
    }

    /// Reads the qualifier, change words and plan or same-period phrase around a number.
    private func finish(
        index: Int, end: Int, value: Double, isPercent: Bool, denominator: Double?,
        unit: (end: Int, key: String, notFigure: Bool)?
    ) -> NumberMention {
        var mention = NumberMention(
            start: index, numberStart: index, end: end, unitEnd: unit?.end ?? end, value: value, isPercent: isPercent,
            denominator: denominator, unit: isPercent ? "%" : unit?.key, qualifier: .exact, role: .value)
        // Qualifier words right before the number, nearest first.
        let pairs: [String: Qualifier] = [
            "it nhat": .atLeast, "toi thieu": .atLeast, "tren duoi": .about, "xap xi": .about, "uoc dat": .about,
            "uoc tinh": .about, "uoc khoang": .about, "len toi": .exact, "len den": .exact, "chua den": .atMost,
            "chua toi": .atMost, "khong qua": .atMost, "hon kem": .about, "gan nhu": .about, "vuot qua": .atLeast,
            "cao hon": .exact, "thap hon": .exact, "nhieu hon": .exact, "it hon": .exact,
        ]
        let singles: [String: Qualifier] = [
            "hon": .atLeast, "tren": .atLeast, "vuot": .atLeast, "gan": .about, "khoang": .about,
            "uoc": .about, "duoi": .atMost, "dat": .exact, "la": .exact, "toi": .exact, "den": .exact, "con": .exact,
        ]
        var k = index - 1
        var exceeded = false
        var steps = 0
        while k >= 0, steps < 3, words[k].kind == .word, !covered[k] {
            let pair = k >= 1 ? plain(k - 1) + " " + plain(k) : ""
            if let q = pairs[pair], !covered[k - 1] {
                if mention.qualifier == .exact { mention.qualifier = q }
                if ["cao hon", "nhieu hon"].contains(pair) { return change(mention, sign: 1, from: k - 1) }
                if ["thap hon", "it hon"].contains(pair) { return change(mention, sign: -1, from: k - 1) }
                k -= 2
            } else if let q = singles[plain(k)] {
                if mention.qualifier == .exact { mention.qualifier = q }
                if plain(k) == "vuot" { exceeded = true }
                k -= 1
            } else {
                break
            }
            steps += 1
        }
        mention.start = k + 1
        // A change: "tăng 138", "giảm hơn 5", "tăng thêm 20", "(+138)".
        var c = k
        // "giảm còn 27,8%", "tăng lên 500": to a figure, not by it.
        let toFigure = ["con", "xuong", "len"].contains(plain(k + 1 < index ? k + 1 : -1)) || ["con", "xuong", "len"].contains(plain(c))
        while c >= 0, ["them", "len", "xuong", "di", "duoc"].contains(plain(c)) { c -= 1 }
        if !toFigure, plain(c) == "tang" { return change(mention, sign: 1, from: c) }
        if !toFigure, plain(c) == "giam" { return change(mention, sign: -1, from: c) }
        if isMark(index - 1, ["+"]), !words[index].spaced { return change(mention, sign: 1, from: index - 1) }
        // A share of plan: "đạt 57,6% kế hoạch", "bằng 53,2% KH năm", "vượt 12% chỉ tiêu".
        if isPercent {
            var f = end
            var skipped = 0
            while skipped < 4, ["so", "voi", "cua", "tong", "muc", "duoc", "tren"].contains(plain(f)) {
                f += 1
                skipped += 1
            }
            if plainWords(f, ["ke", "hoach"]) || plain(f) == "kh" || plainWords(f, ["chi", "tieu"]) {
                let after = plain(f) == "kh" ? f + 1 : f + 2
                if exceeded, mention.value < 100 { mention.value += 100 }
                mention.qualifier = .exact
                // "kế hoạch 9 tháng", "KH quý": not the year's plan.
                if words.indices.contains(after + 1), words[after].kind == .number, plain(after + 1) == "thang" {
                    mention.role = .shareOfPartPlan(words.text(f..<(after + 2)))
                } else if plain(after) == "quy" || plainWords(after, ["thang"]) {
                    mention.role = .shareOfPartPlan(words.text(f..<min(words.count, after + 2)))
                } else {
                    mention.role = .planShare
                }
                return mention
            }
            if plainWords(end, ["so", "voi", "cung", "ky"]) || plainWords(end, ["so", "voi", "nam", "truoc"])
                || plainWords(end, ["so", "cung", "ky"])
            {
                mention.role = .shareOfSamePeriod
                return mention
            }
        }
        return mention
    }

    private func change(_ mention: NumberMention, sign: Double, from start: Int) -> NumberMention {
        var result = mention
        result.start = start
        // What the change is against: the same period unless the sentence names another.
        var sameBasis = true
        var f = mention.unitEnd
        var looked = 0
        while f < words.count, looked < 6, words[f].kind != .mark || words[f].text == "%" {
            if plain(f) == "so", plain(f + 1) == "voi" || plain(f + 1) == "cung" {
                let basis = (f + 1..<min(words.count, f + 6)).map(plain).joined(separator: " ")
                if basis.contains("cung ky") || basis.contains("nam truoc") || basis.contains("nam ngoai") {
                    sameBasis = true
                } else if basis.contains("ke hoach") || basis.contains("chi tieu") || basis.contains("truoc")
                    || basis.contains("cuoi nam") || basis.contains("dau nam") || basis.contains("thang")
                    || basis.contains("quy")
                {
                    sameBasis = false
                }
                break
            }
            f += 1
            looked += 1
        }
        result.role = .change(sign: sign, sameBasis: sameBasis)
        return result
    }
}
