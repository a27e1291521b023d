import ChisoModel

/// Reads the prose of a review report into figures, each traced to its line and sentence.
///
/// The text is cleaned (`NarrativeText`), page furniture is dropped, lines are joined into
/// paragraphs and cut into sentences; the facility and period come from the first lines
/// (or are given), and each sentence's numbers are given to the indicators its phrases
/// name (`FigureFinder`).
public struct NarrativeReader: Sendable {
    public let phrases: PhraseBook
    public var facilities: FacilityDirectory
    public var catalog: IndicatorCatalog
    /// The phrases compiled for matching, once per reader.
    let matcher: PhraseMatcher

    public init(phrases: PhraseBook, facilities: FacilityDirectory, catalog: IndicatorCatalog) {
        self.phrases = phrases
        self.facilities = facilities
        self.catalog = catalog
        self.matcher = PhraseMatcher(phrases)
    }

    /// How many of the first paragraphs may name the facility and the period.
    static let openingParagraphs = 8

    /// Reads a report. `facility` (an id or a name) and `period` win over what the text
    /// says. Throws when the facility or the period is neither given nor written.
    public func read(_ raw: String, file: String, facility: String? = nil, period: Period? = nil) throws(Diagnostic)
        -> NarrativeReport
    {
        let text = NarrativeText(raw)
        guard text.lines.contains(where: { $0.contains(where: \.isLetter) }) else {
            throw Diagnostic(
                id: "empty-report", "\(file) has no text to read", location: SourceLocation(file: file, line: 1, column: 1),
                hint: "a narrative report is a UTF-8 text file of the review's prose")
        }
        try checkPhrases()
        var report = NarrativeReport(file: file)
        let tables = Self.tables(of: text)
        let firstParagraphs = Self.paragraphs(of: text).prefix(Self.openingParagraphs)
        let opening = Array(firstParagraphs.joined())
        report.title = firstParagraphs.first.map { Self.sentenceText(Array($0.prefix(40))) }

        if let given = facility {
            report.facility = try resolve(facility: given)
        } else if let named = reportingFacility(FacilityPhrase.find(in: opening)) {
            report.facility = FacilityFinding(id: named.match(in: facilities), written: named.written, line: named.line)
        }
        if let period {
            report.period = PeriodFinding(period: period, written: period.description, line: nil)
        } else {
            report.period = PeriodPhrase.reviewed(in: opening)
        }
        guard let reviewed = report.period?.period else {
            throw Diagnostic(
                id: "no-period", "\(file) does not say which period it reviews",
                location: SourceLocation(file: file, line: 1, column: 1),
                hint: "give it: --period 2025H1 (or 2025, 2025Q1, 9M2025, 2025M06)")
        }
        guard report.facility != nil else {
            throw Diagnostic(
                id: "no-facility", "\(file) does not say which facility it reports on",
                location: SourceLocation(file: file, line: 1, column: 1), hint: "give it: --facility ID (list facilities)")
        }

        var found = SentenceFigures()
        var targets = SentenceFigures()
        // Tables whose columns chiso can tell apart are read as tables; other tab-parted
        // lines stay prose.
        var tableLines = Set<Int>()
        for table in tables {
            let tableReader = TableReader(
                matcher: matcher, catalog: catalog, period: reviewed, style: text.style(ofLine: table.header))
            guard let roles = tableReader.roles(of: table.headerCells) else { continue }
            tableLines.formUnion(table.rows.map(\.line) + [table.header])
            let heading = table.header > 1 ? text.words(ofLine: table.header - 1) : []
            let read = tableReader.read(rows: table.rows, roles: roles, header: table.headerCells, heading: heading)
            found.figures += read.figures
            found.skipped += read.skipped
            targets.figures += read.plans
        }
        var heading: [Word] = []
        var planSection = false
        for paragraph in Self.paragraphs(of: text, skipping: tableLines) {
            if Self.isHeading(paragraph) {
                heading = paragraph
                planSection = Self.namesPlans(paragraph)
            }
            for sentence in Self.sentences(of: paragraph) {
                let periods = PeriodPhrase.find(in: sentence)
                var finder = FigureFinder(
                    matcher: matcher, catalog: catalog, words: sentence, heading: heading, period: reviewed)
                let targetsFrom = Self.targetStart(sentence)
                var into = SentenceFigures()
                finder.read(into: &into)
                for i in into.figures.indices {
                    into.figures[i].period = Self.period(
                        of: into.figures[i], in: sentence, phrases: periods, segments: finder.segment, reviewed: reviewed)
                }
                // A figure for a period after the one reviewed is a plan, whatever the words.
                let (plans, results) = (
                    into.figures.filter { $0.period.interval.start > reviewed.interval.end },
                    into.figures.filter { $0.period.interval.start <= reviewed.interval.end }
                )
                targets.figures += plans
                // "…đạt 74,5%, phấn đấu đến hết năm đạt trên 95%": only what follows the
                // words of a plan is a target, up to a clause of results ("thực hiện …");
                // under a heading of plans ("PHƯƠNG HƯỚNG NĂM 2025") everything is.
                for var figure in results {
                    let at = sentence.firstIndex { $0.line == figure.line && $0.column == figure.column } ?? 0
                    let isPlan = planSection || targetsFrom.map { from in
                        at > from && !(from..<at).contains { Self.startsResults(sentence, at: $0) }
                    } ?? false
                    guard isPlan else {
                        found.figures.append(figure)
                        continue
                    }
                    figure.period = .year(Self.planYear(sentence: sentence, heading: planSection ? heading : [], reviewed: reviewed))
                    targets.figures.append(figure)
                }
                found.skipped += into.skipped
            }
        }
        report.figures = Self.merged(found.figures, skipped: &found.skipped)
        report.targets = targets.figures
        report.notUnderstood = found.skipped + targets.skipped
        return report
    }

    /// A period given by a user: chiso's notation (2025H1), or as a report writes it
    /// ("6 tháng đầu năm 2025").
    public static func period(_ text: String) -> Result<Period, PeriodSyntaxError> {
        let parsed = Period.parse(text)
        guard case .failure = parsed else { return parsed }
        let words = NarrativeText.words(text, line: 1, style: .toneless)
        if let phrase = PeriodPhrase.find(in: words).first, phrase.end == words.count, let year = phrase.year,
            let period = phrase.period(year: year)
        {
            return .success(period)
        }
        return parsed
    }

    /// The facility that reports: the first one named that chiso knows, else the first
    /// named. In a letterhead the issuer stands under its superior ("SỞ Y TẾ LAI CHÂU /
    /// TRUNG TÂM Y TẾ LAI CHÂU"), so of two names on the first lines, the second.
    private func reportingFacility(_ named: [FacilityPhrase]) -> FacilityPhrase? {
        var candidates = named
        if candidates.count >= 2, candidates[1].line == candidates[0].line + 1, candidates[1].line <= 4 {
            candidates.removeFirst()
        }
        return candidates.first { $0.match(in: facilities) != nil } ?? candidates.first
    }

    private func resolve(facility given: String) throws(Diagnostic) -> FacilityFinding {
        if let code = facilities.code(of: given) { return FacilityFinding(id: given, written: facilities[code].name, line: nil) }
        let matches = facilities.match(given)
        if matches.count == 1 {
            let match = facilities[matches[0]]
            return FacilityFinding(id: match.id, written: match.name, line: nil)
        }
        if facilities.count == 0 { return FacilityFinding(id: nil, written: given, line: nil) }
        if matches.count > 1 {
            let named = matches.prefix(6).map { "\(facilities[$0].id) (\(facilities[$0].name))" }.joined(separator: ", ")
            throw Diagnostic(
                id: "unknown-facility", "'\(given)' names \(matches.count) facilities: \(named)", hint: "give one of the ids")
        }
        let hint = facilities.suggestion(for: given).map { "did you mean '\($0)'?" }
            ?? "the ids: chiso -c 'list facilities' (or list facilities at the prompt)"
        throw Diagnostic(id: "unknown-facility", "unknown facility '\(given)'", hint: hint)
    }

    /// Phrase files name indicators of the catalog, and refine into indicators of it.
    private func checkPhrases() throws(Diagnostic) {
        for (id, entry) in phrases.indicators {
            for name in [id] + entry.refine.map(\.id) where catalog.code(of: name) == nil {
                let hint = catalog.suggestion(for: name).map { "did you mean '\($0)'?" } ?? "list indicators shows the ids"
                throw Diagnostic(
                    id: "bad-phrases", "the phrase file names '\(name)', which is not an indicator of the catalog",
                    location: entry.file.map { SourceLocation(file: $0, line: entry.line, column: 1) }, hint: hint)
            }
        }
    }

    // MARK: - Paragraphs and sentences

    /// Lines that are the page around an article, not the report.
    static func isFurniture(_ words: [Word]) -> Bool {
        let count = words.filter { $0.kind == .word }.count
        guard count <= 30 else { return words.contains { $0.text == "©" } }
        let plain = words.map(\.plain).joined(separator: " ")
        let marks = words.filter { $0.kind == .mark && ["|", "›", "»", ">", "/"].contains($0.text) }.count
        let hasNumber = words.contains { $0.kind == .number }
        if count <= 20 && marks >= 2 && !hasNumber { return true }  // menus
        // At the start or after a space: " " + plain holds " " + phrase. Bytes, not
        // characters: a phrase followed by a mark that joins its last letter (outside the
        // diacritics that plain words drop) also matches; such lines are menus anyway.
        let spaced = Array((" " + plain).utf8)
        func mentions(_ phrase: [UInt8]) -> Bool {
            guard spaced.count >= phrase.count else { return false }
            return (0...(spaced.count - phrase.count)).contains { start in
                phrase.indices.allSatisfy { spaced[start + $0] == phrase[$0] }
            }
        }
        if count <= 15, Furniture.counters.contains(where: mentions) { return true }
        // A short line that shares, follows or comments holds no figure ("Chia sẻ");
        // one with a number may ("Theo dõi 45 bệnh nhân lao").
        if count <= 15, !hasNumber, Furniture.markers.contains(where: mentions) { return true }
        // A page footer: "Trang 1/3".
        if count <= 2, plain.hasPrefix("trang "), hasNumber { return true }
        // The first three words, a colon kept against the word before it ("Ảnh :" is "anh:")
        // and an opening parenthesis against the word after it ("(Ảnh" is "(anh").
        var lead = ""
        for (index, word) in words.prefix(3).enumerated() {
            if index > 0, word.plain != ":", lead != "(" { lead += " " }
            lead += word.plain
        }
        if Furniture.starts.contains(where: { lead.hasPrefix($0) }) { return true }
        return words.contains { $0.text == "©" }
    }

    /// What marks a line of a web page around the article, as plain words.
    enum Furniture {
        static let markers: [[UInt8]] = [
            "luot xem", "luot doc", "luot truy cap", "truy cap", "chia se", "in bai", "gui bai", "binh luan", "facebook",
            "zalo", "twitter", "copyright", "ban quyen", "trang chu", "dang nhap", "tim kiem", "dien thoai", "hotline",
            "email", "fax", "dang ky", "theo doi", "luot thich", "dang luc", "cap nhat luc", "thong ke truy cap",
            "dang truc tuyen", "so nguoi truy cap", "tong truy cap", "tai ung dung", "quang cao",
        ].map { Array(" \($0)".utf8) }
        static let counters: [[UInt8]] = ["luot xem", "luot doc", "luot truy cap", "truy cap", "luot thich", "dang truc tuyen"]
            .map { Array(" \($0)".utf8) }
        static let starts = [
            "anh:", "nguon:", "tac gia:", "bien tap", "(anh", "video:", "clip:", "cong thong tin", "trang thong tin",
            "trang tin", "bao dien tu",
        ]
    }

    /// Headings after which a page lists other articles: the report has ended.
    static func endsArticle(_ words: [Word]) -> Bool {
        let plain = words.map(\.plain).joined(separator: " ")
        let endings = [
            "bai viet lien quan", "tin lien quan", "tin cung chuyen muc", "cac tin khac", "tin khac", "bai lien quan",
            "xem them", "tin moi", "tin doc nhieu", "bai viet khac", "cac bai viet khac", "tin bai lien quan",
        ]
        return words.count <= 6 && endings.contains { plain.hasPrefix($0) }
    }

    /// Runs of table rows whose first row names a column of results.
    static func tables(of text: NarrativeText) -> [(header: Int, headerCells: [(text: String, column: Int)], rows: [(line: Int, cells: [(text: String, column: Int)])])] {
        var tables: [(header: Int, headerCells: [(text: String, column: Int)], rows: [(line: Int, cells: [(text: String, column: Int)])])] = []
        var number = 1
        while number <= text.lines.count {
            guard let header = TableReader.cells(of: text.lines[number - 1]), !header.isEmpty else {
                number += 1
                continue
            }
            var rows: [(line: Int, cells: [(text: String, column: Int)])] = []
            var next = number + 1
            while next <= text.lines.count, let cells = TableReader.cells(of: text.lines[next - 1]) {
                if !cells.isEmpty { rows.append((next, cells)) }
                next += 1
            }
            let roles = header.map(\.text).joined().contains(where: \.isLetter)
            if roles, !rows.isEmpty { tables.append((number, header, rows)) }
            number = next
        }
        return tables
    }

    /// Lines joined into paragraphs: a line continues the one before when that one does
    /// not end a sentence and it starts in lower case (a wrapped line). Table rows read
    /// as tables are left out.
    static func paragraphs(of text: NarrativeText, skipping tableLines: Set<Int> = []) -> [[Word]] {
        var paragraphs: [[Word]] = []
        var current: [Word] = []
        for number in text.lines.indices.map({ $0 + 1 }) where !tableLines.contains(number) {
            let words = text.words(ofLine: number)
            if words.isEmpty {
                if !current.isEmpty { paragraphs.append(current) }
                current = []
                continue
            }
            if endsArticle(words) { break }
            if isFurniture(words) { continue }
            let continues =
                !current.isEmpty && !(current.last.map { $0.kind == .mark && [".", ":", ";", "!", "?"].contains($0.text) } ?? true)
                && words[0].kind == .word && words[0].text.first?.isLowercase == true
            if continues {
                current += words
            } else {
                if !current.isEmpty { paragraphs.append(current) }
                current = words
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs
    }

    /// A paragraph's sentences: cut after . ! ? when what follows starts a new one.
    static func sentences(of paragraph: [Word]) -> [[Word]] {
        var sentences: [[Word]] = []
        var start = 0
        for (i, word) in paragraph.enumerated() where word.kind == .mark && [".", "!", "?"].contains(word.text) {
            let next = i + 1 < paragraph.count ? paragraph[i + 1] : nil
            let startsAnew =
                next == nil || next?.text.first?.isUppercase == true || next?.kind == .number
                || (next?.kind == .mark && ["-", "+", "•", "\"", "("].contains(next?.text ?? ""))
            if startsAnew {
                if i + 1 > start { sentences.append(Array(paragraph[start...i])) }
                start = i + 1
            }
        }
        if start < paragraph.count { sentences.append(Array(paragraph[start...])) }
        // No sentence of a report runs past a few hundred words; a text that does (a file
        // of one endless line) is read in pieces, so reading stays linear.
        return sentences.flatMap { sentence -> [[Word]] in
            guard sentence.count > maxSentence else { return [sentence] }
            var pieces: [[Word]] = []
            var start = 0
            while start < sentence.count {
                var end = min(sentence.count, start + maxSentence)
                if end < sentence.count, let cut = sentence[(start + maxSentence / 2)..<end].lastIndex(where: { $0.isMark(",") || $0.isMark(";") }) {
                    end = cut + 1
                }
                pieces.append(Array(sentence[start..<end]))
                start = end
            }
            return pieces
        }
    }

    static let maxSentence = 400

    static func sentenceText(_ words: [Word]) -> String { words.text(words.indices) }

    /// A section heading: short, and numbered, ending with a colon, or in capitals.
    static func isHeading(_ paragraph: [Word]) -> Bool {
        let letters = paragraph.filter { $0.kind == .word }
        guard !letters.isEmpty, letters.count <= 15 else { return false }
        if paragraph.last?.isMark(":") == true { return true }
        if letters.allSatisfy({ $0.text == $0.text.uppercased() }) { return true }
        let romans: Set<String> = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
        let first = paragraph[0]
        if paragraph.count > 1, paragraph[1].isMark(".") || paragraph[1].isMark(")"),
            first.kind == .number || romans.contains(first.plain) || first.text.count == 1
        {
            return true
        }
        return false
    }

    /// A heading of the coming period's plans: "PHƯƠNG HƯỚNG NĂM 2025", "III. NHIỆM VỤ 6
    /// THÁNG CUỐI NĂM" (not "KẾT QUẢ THỰC HIỆN NHIỆM VỤ").
    static func namesPlans(_ heading: [Word]) -> Bool {
        let plain = " " + heading.map(\.plain).joined(separator: " ") + " "
        let results = [" ket qua ", " thuc hien ", " danh gia ", " tinh hinh ", " han che ", " tong ket ", " so ket ", " bao cao "]
        if results.contains(where: plain.contains) { return false }
        return [" phuong huong ", " nhiem vu ", " muc tieu ", " ke hoach nam ", " chi tieu ke hoach "].contains(where: plain.contains)
    }

    /// Whether a clause of results starts here: "…, thực hiện 26.318 lượt".
    static func startsResults(_ sentence: [Word], at index: Int) -> Bool {
        guard index > 0, sentence[index - 1].isMark(",") || sentence[index - 1].isMark(";") else { return false }
        let next = sentence[index...].prefix(2).map(\.plain).joined(separator: " ")
        return ["thuc hien", "ket qua", "da thuc", "uoc thuc"].contains(next)
    }

    /// The year a plan is for: one named in its sentence or heading from the reviewed
    /// year on; else, under a heading of plans after an annual review, the next year;
    /// else the reviewed year.
    static func planYear(sentence: [Word], heading: [Word], reviewed: Period) -> Int {
        let year = reviewed.interval.end.year
        for words in [sentence, heading] {
            for phrase in PeriodPhrase.find(in: words) {
                if let y = phrase.year, y >= year { return y }
            }
        }
        if !heading.isEmpty, case .year = reviewed { return year + 1 }
        return year
    }

    /// Where the words of a plan start in a sentence ("phấn đấu", "mục tiêu"): figures
    /// after them are targets, not results.
    static func targetStart(_ sentence: [Word]) -> Int? {
        let markers: [[String]] = [
            ["phan", "dau"], ["muc", "tieu"], ["chi", "tieu", "giao"], ["giao", "chi", "tieu"], ["nam", "toi"], ["du", "kien"],
            ["can", "dat"], ["phai", "dat"], ["de", "ra"],
        ]
        return sentence.indices.first { start in markers.contains { sentence.has($0, at: start) } }
    }

    /// A figure's period: one named earlier in its clause or at the start of its sentence
    /// ("Riêng quý III, …", "Năm 2024, …"), else the report's.
    static func period(
        of figure: NarrativeFigure, in sentence: [Word], phrases: [PeriodPhrase], segments: [Int], reviewed: Period
    ) -> Period {
        guard let at = sentence.firstIndex(where: { $0.line == figure.line && $0.column == figure.column }) else {
            return reviewed
        }
        let candidates = phrases.filter { phrase in
            !phrase.elsewhere && phrase.end <= at && (segments[phrase.index] == segments[at] || phrase.index < 4)
        }
        guard let phrase = candidates.last else { return reviewed }
        let year = reviewed.interval.end.year
        guard let named = phrase.period(year: year) else { return reviewed }
        // "Trong 6 tháng đầu năm" inside a nine-month report is a part; a year named
        // alone inside a shorter review ("năm 2025") is the review's own year.
        if case .year = phrase.kind, phrase.year == year { return reviewed }
        return named
    }

    /// One figure per indicator and period: the same figure said again adds what it
    /// adds; a different value for it is listed, not taken.
    static func merged(_ figures: [NarrativeFigure], skipped: inout [NarrativeSkip]) -> [NarrativeFigure] {
        var result: [NarrativeFigure] = []
        var positions: [String: Int] = [:]
        for figure in figures {
            let key = "\(figure.indicator) \(figure.period)"
            guard let index = positions[key] else {
                positions[key] = result.count
                result.append(figure)
                continue
            }
            let first = result[index]
            let same =
                (first.value == nil || figure.value == nil || first.value == figure.value)
                && (first.numerator == nil || figure.numerator == nil || first.numerator == figure.numerator)
            if same {
                if result[index].value == nil { result[index].value = figure.value }
                if result[index].change == nil {
                    result[index].change = figure.change
                    result[index].changeIsGrowth = figure.changeIsGrowth
                }
                if result[index].planShare == nil { result[index].planShare = figure.planShare }
                if result[index].numerator == nil {
                    result[index].numerator = figure.numerator
                    result[index].denominator = figure.denominator
                }
            } else {
                skipped.append(
                    NarrativeSkip(
                        line: figure.line, column: figure.column, written: figure.written,
                        reason: "\(figure.indicator) \(figure.period) was already read at line \(first.line) as \(first.written)",
                        sentence: figure.sentence))
            }
        }
        return result
    }
}
