import ChisoModel

/// A period named in the words of a report: "6 tháng đầu năm 2025", "quý I/2025",
/// "tháng 6", "năm 2024", "9 tháng".
struct PeriodPhrase {
    enum Kind: Equatable {
        case firstMonths(Int)  // 3, 6 or 9 months from January
        case lastMonths(Int)  // 6 tháng cuối năm, 3 tháng cuối năm
        case quarter(Int)
        case month(Int)
        case year
    }

    var kind: Kind
    var year: Int?
    /// Where it starts, in the words it was found in.
    var index: Int
    var end: Int
    var line: Int
    var written: String
    /// Named as the next period's tasks or plans, or as the comparison ("so với cùng kỳ
    /// năm 2024"): not the period of the figures.
    var elsewhere: Bool

    func period(year fallback: Int) -> Period? {
        let y = year ?? fallback
        guard Period.acceptedYears.contains(y) else { return nil }
        switch kind {
        case .firstMonths(3): return .quarter(y, 1)
        case .firstMonths(6): return .half(y, 1)
        case .firstMonths(let n): return .firstMonths(n, y)
        case .lastMonths(6): return .half(y, 2)
        case .lastMonths(3): return .quarter(y, 4)
        case .lastMonths(let n): return .range(MonthInterval(Month(year: y, month: 13 - n), Month(year: y, month: 12)))
        case .quarter(let q): return .quarter(y, q)
        case .month(let m): return .month(y, m)
        case .year: return .year(y)
        }
    }

    /// Every period phrase in a run of words.
    static func find(in words: [Word]) -> [PeriodPhrase] {
        func plain(_ i: Int) -> String { i >= 0 && i < words.count ? words[i].plain : "" }
        func number(_ i: Int) -> Int? {
            guard i >= 0, i < words.count, words[i].kind == .number else { return nil }
            return Int(words[i].text)
        }
        func year(_ i: Int) -> Int? {
            guard let y = number(i), words[i].text.count == 4, (1900...2100).contains(y) else { return nil }
            return y
        }
        /// A year right after: "2025", "năm 2025", "/2025", "- 2025".
        func yearAfter(_ i: Int) -> (Int, Int)? {
            if let y = year(i) { return (y, i + 1) }
            if plain(i) == "nam", let y = year(i + 1) { return (y, i + 2) }
            if i < words.count, words[i].kind == .mark, ["/", "-"].contains(words[i].text), let y = year(i + 1) {
                return (y, i + 2)
            }
            return nil
        }
        let countWords: [String: Int] = ["ba": 3, "sau": 6, "chin": 9, "3": 3, "6": 6, "9": 9, "03": 3, "06": 6, "09": 9]
        let romans: [String: Int] = ["i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4]
        var found: [PeriodPhrase] = []
        var i = 0
        while i < words.count {
            var kind: Kind?
            var end = i + 1
            var y: Int?
            if let n = countWords[words[i].kind == .number ? words[i].text : plain(i)], plain(i + 1) == "thang" {
                end = i + 2
                kind = .firstMonths(n)
                if plain(end) == "dau" { end += 1 }
                if plain(end) == "cuoi" {
                    kind = .lastMonths(n)
                    end += 1
                }
                if let (yy, e) = yearAfter(end) {
                    (y, end) = (yy, e)
                } else if plain(end) == "nam" {
                    end += 1
                }
            } else if plain(i) == "quy", let q = romans[words.indices.contains(i + 1) ? words[i + 1].key : ""] {
                kind = .quarter(q)
                end = i + 2
                if let (yy, e) = yearAfter(end) { (y, end) = (yy, e) }
            } else if plain(i) == "thang", let m = number(i + 1), (1...12).contains(m), number(i - 1) == nil,
                plain(i - 1) != "ngay"
            {
                kind = .month(m)
                end = i + 2
                if let (yy, e) = yearAfter(end) { (y, end) = (yy, e) }
            } else if plain(i) == "nam", let yy = year(i + 1), number(i - 1) == nil {
                kind = .year
                y = yy
                end = i + 2
            } else if plain(i) == "nam", year(i + 1) == nil, (max(0, i - 8)..<i).contains(where: { plain($0) == "tong" && plain($0 + 1) == "ket" }) {
                kind = .year  // "tổng kết công tác năm": the year comes from elsewhere
                end = i + 1
            } else if plain(i) == "ca", plain(i + 1) == "nam" {
                kind = .year
                end = i + 2
                if let yy = year(end) { (y, end) = (yy, end + 1) }
            }
            guard let kind else {
                i += 1
                continue
            }
            // The next period's tasks, or the period compared with.
            let before = (max(0, i - 5)..<i).map(plain).joined(separator: " ")
            // "tính đến hết tháng 6", "từ đầu năm": a point in time, not a period.
            let pointInTime = ["den", "het", "toi", "tu", "cuoi"].contains(plain(i - 1))
            let elsewhere =
                pointInTime
                || ["nhiem vu", "ke hoach", "phuong huong", "trien khai", "muc tieu", "phan dau", "so voi", "cung ky", "giai doan"]
                .contains { before.hasSuffix($0) || before.contains($0 + " ") }
            let written = words.text(i..<end)
            found.append(
                PeriodPhrase(kind: kind, year: y, index: i, end: end, line: words[i].line, written: written, elsewhere: elsewhere))
            i = end
        }
        return found
    }

    /// The period a report reviews, from the words of its title and first lines.
    static func reviewed(in words: [Word]) -> PeriodFinding? {
        let phrases = find(in: words)
        let own = phrases.filter { !$0.elsewhere }
        // The period a review names ("sơ kết công tác 6 tháng đầu năm", "tổng kết năm
        // 2025") wins over one met in passing ("riêng quý IV").
        let reviewWords = [
            "so ket", "tong ket", "bao cao", "hoi nghi", "ket qua", "cong tac", "danh gia", "tinh hinh", "hoat dong",
            "thuc hien",
        ]
        let named = own.filter { phrase in
            let before = (max(0, phrase.index - 6)..<phrase.index).map { words[$0].plain }.joined(separator: " ")
            return reviewWords.contains { before.contains($0) }
        }
        let firstLines = own.filter { $0.line <= (words.first?.line ?? 1) + 3 }
        guard
            let chosen = named.first(where: { $0.kind != .year }) ?? named.first ?? firstLines.first(where: { $0.kind != .year })
                ?? firstLines.first ?? own.first
        else { return nil }
        var year = chosen.year
        // Never the year compared with ("so với cùng kỳ năm 2024").
        let withYears = phrases.filter { !$0.isComparison(in: words) && $0.year != nil }
        if year == nil {
            // "sơ kết 9 tháng đầu năm, triển khai nhiệm vụ 3 tháng cuối năm 2023"
            year = withYears.first { $0.index > chosen.index }?.year
        }
        if year == nil, let (_, month, y) = firstDate(in: words) {
            // An annual review meets in December or early next year.
            year = chosen.kind == .year && month <= 3 ? y - 1 : y
        }
        if year == nil { year = withYears.first?.year }
        guard let year, let period = chosen.period(year: year) else { return nil }
        return PeriodFinding(period: period, written: chosen.written, line: chosen.line)
    }

    /// Whether the words before it make it the period compared with.
    func isComparison(in words: [Word]) -> Bool {
        let before = (max(0, index - 5)..<index).map { words[$0].plain }.joined(separator: " ")
        return before.contains("so voi") || before.contains("cung ky")
    }

    /// The first date written dd/mm/yyyy.
    static func firstDate(in words: [Word]) -> (Int, Int, Int)? {
        for i in words.indices where words[i].kind == .number {
            guard i + 4 < words.count, words[i + 1].isMark("/"), words[i + 3].isMark("/"),
                let d = Int(words[i].text), let m = Int(words[i + 2].text), let y = Int(words[i + 4].text),
                (1...31).contains(d), (1...12).contains(m), (1900...2100).contains(y)
            else { continue }
            return (d, m, y)
        }
        return nil
    }
}

/// A facility named in a report's first lines: "Trung tâm Y tế huyện Tiên Du", "TTYT Demo
/// Bắc Sơn", "Sở Y tế tỉnh Lai Châu".
struct FacilityPhrase {
    var written: String
    /// The proper name after the kind and administrative words: "Tiên Du".
    var name: String
    var level: String?
    var line: Int

    static let kinds: [([String], String?)] = [
        (["trung", "tam", "y", "te"], "district"), (["ttyt"], "district"), (["so", "y", "te"], "province"),
        (["syt"], "province"), (["benh", "vien", "da", "khoa"], "hospital"), (["benh", "vien"], "hospital"),
        (["bvdk"], "hospital"), (["tram", "y", "te"], "commune"), (["tyt"], "commune"),
    ]
    static let adminWords: [[String]] = [
        ["thi", "xa"], ["thanh", "pho"], ["thi", "tran"], ["khu", "vuc"], ["huyen"], ["tinh"], ["quan"], ["xa"],
        ["phuong"], ["tp"],
    ]

    static func find(in words: [Word]) -> [FacilityPhrase] {
        var found: [FacilityPhrase] = []
        var i = 0
        // "UBND TỈNH LAI CHÂU / SỞ Y TẾ": a letterhead names the place on the line above.
        var place: String?
        while i < words.count {
            // The Ministry visits; it is never the facility reporting.
            if words.has(["bo", "y", "te"], at: i) {
                i += 3
                continue
            }
            if let authority = [["ubnd"], ["uy", "ban", "nhan", "dan"]].first(where: { words.has($0, at: i) }) {
                var j = i + authority.count
                while let admin = adminWords.first(where: { words.has($0, at: j) }) { j += admin.count }
                let start = j
                while j < words.count, words[j].kind == .word, words[j].text.first?.isUppercase == true,
                    words[j].line == words[i].line
                {
                    j += 1
                }
                if j > start { place = (start..<j).map { words[$0].text }.joined(separator: " ") }
                i = max(j, i + 1)
                continue
            }
            guard let (keys, level) = kinds.first(where: { words.has($0.0, at: i) }) else {
                i += 1
                continue
            }
            var j = i + keys.count
            while let admin = adminWords.first(where: { words.has($0, at: j) }) { j += admin.count }
            let nameStart = j
            while j < words.count, words[j].kind == .word, words[j].text.first?.isUppercase == true, words[j].line == words[i].line {
                j += 1
            }
            if j > nameStart {
                let written = (i..<j).map { words[$0].text }.joined(separator: " ")
                let name = (nameStart..<j).map { words[$0].text }.joined(separator: " ")
                found.append(FacilityPhrase(written: written, name: name, level: level, line: words[i].line))
                place = name
            } else if let place {
                let written = (i..<j).map { words[$0].text }.joined(separator: " ") + " " + place
                found.append(FacilityPhrase(written: written, name: place, level: level, line: words[i].line))
            }
            i = max(j, i + 1)
        }
        return found
    }

    /// The facility of the directory this names: same proper name, and the same kind
    /// when more than one facility has the name.
    func match(in directory: FacilityDirectory) -> String? {
        let wanted = TextFolding.fold(name)
        var candidates: [Facility] = []
        for facility in directory.facilities {
            let names = [facility.name] + [facility.shortName].compactMap { $0 } + facility.formerNames
            if names.contains(where: { Self.properName(of: $0) == wanted }) { candidates.append(facility) }
        }
        if candidates.count > 1, let level { candidates = candidates.filter { $0.level == level } }
        return candidates.count == 1 ? candidates[0].id : nil
    }

    /// A facility's name without its kind and administrative words, folded.
    static func properName(of name: String) -> String {
        let words = NarrativeText.words(name, line: 0, style: .bare)
        var i = 0
        if let (keys, _) = kinds.first(where: { words.has($0.0, at: 0) }) { i = keys.count }
        while let admin = adminWords.first(where: { words.has($0, at: i) }) { i += admin.count }
        return TextFolding.fold((i..<words.count).map { words[$0].text }.joined(separator: " "))
    }
}
