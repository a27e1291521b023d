import ChisoModel

/// Tables of a report saved as text from Word: rows of tab-separated cells (or cells
/// between `|`), a header row naming the columns. The column of results is found by its
/// header ("Thực hiện", "Kết quả"), the share of plan by "Tỷ lệ % KH", the same period
/// last year by "Cùng kỳ"; a plan column ("KH năm 2025") is never a figure.
struct TableReader {
    enum Role: Equatable {
        case name, unit, actual, plan, planShare, samePeriod, other
    }

    var matcher: PhraseMatcher
    var catalog: IndicatorCatalog
    var period: Period
    var style: KeyStyle

    /// A line's cells, when it is a table row.
    static func cells(of line: String) -> [(text: String, column: Int)]? {
        let separator: Character
        if line.filter({ $0 == "\t" }).count >= 2 {
            separator = "\t"
        } else if line.filter({ $0 == "|" }).count >= 3 {
            separator = "|"
        } else {
            return nil
        }
        var cells: [(String, Int)] = []
        var column = 1
        for part in line.split(separator: separator, omittingEmptySubsequences: false) {
            cells.append((String(part).trimmingSpaces, column))
            column += part.count + 1
        }
        if separator == "|" {
            if cells.first?.0.isEmpty == true { cells.removeFirst() }
            if cells.last?.0.isEmpty == true { cells.removeLast() }
            // A Markdown rule: |---|---|
            if cells.allSatisfy({ $0.0.allSatisfy { "-: ".contains($0) } }) { return [] }
        }
        return cells
    }

    /// The role of each column, from the header's words; nil when no column holds results.
    func roles(of header: [(text: String, column: Int)]) -> [Role]? {
        var roles: [Role] = header.map { cell in
            let plain = " " + KeyStyle.bare.key(cell.text, spellings: false).replacing(byte: UInt8(ascii: "%"), with: " % ") + " "
            // Bytes, not Foundation's search nor the generic `firstRange(of:)` (both were
            // most of reading a table): the key is plain letters, the words ASCII.
            let bytes = Array(plain.utf8)
            func has(_ word: String) -> Bool {
                let needle = Array(" \(word) ".utf8)
                guard needle.count <= bytes.count else { return false }
                return (0...(bytes.count - needle.count)).contains { start in
                    bytes[start] == needle[0] && bytes[start..<(start + needle.count)].elementsEqual(needle)
                }
            }
            if has("tt") || has("stt") { return .other }
            if has("don vi") || has("dvt") || has("don vi tinh") { return .unit }
            if (has("ty le") || has("%") || has("dat")) && (has("kh") || has("ke hoach") || has("chi tieu")) { return .planShare }
            // "So sánh cùng kỳ (%)" compares; "Cùng kỳ 2024" is last year's figure.
            if has("so sanh") || has("ty le") || has("%") { return .other }
            if has("cung ky") { return .samePeriod }
            if has("thuc hien") || has("ket qua") || has("th") || has("uoc th") || has("uoc thuc hien") { return .actual }
            if has("ke hoach") || has("kh") || has("chi tieu giao") { return .plan }
            if has("chi tieu") || has("noi dung") || has("ten") || has("hoat dong") || has("danh muc") { return .name }
            return .other
        }
        // Of several result columns ("TH 2024", "TH 2025"), the one of the reviewed year.
        let actuals = roles.indices.filter { roles[$0] == .actual }
        if actuals.count > 1 {
            let year = String(period.interval.end.year)
            let keep = actuals.last { header[$0].text.contains(year) } ?? actuals.last
            for index in actuals where index != keep { roles[index] = .other }
        }
        if !roles.contains(.name), let first = roles.firstIndex(of: .other) { roles[first] = .name }
        return roles.contains(.actual) && roles.contains(.name) ? roles : nil
    }

    /// The figures of a table's rows, and the plans of its plan column.
    func read(
        rows: [(line: Int, cells: [(text: String, column: Int)])], roles: [Role], header: [(text: String, column: Int)],
        heading: [Word]
    ) -> SentenceFigures {
        var result = SentenceFigures()
        // The plan column's year: named in its header ("KH năm 2025"), else the review's.
        let planHeader = roles.firstIndex(of: .plan).map { header[$0].text } ?? ""
        let planYear = planHeader.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            .first { (1900...2100).contains($0) } ?? period.interval.end.year
        for row in rows {
            func cell(_ role: Role) -> (text: String, column: Int)? {
                guard let index = roles.firstIndex(of: role), index < row.cells.count else { return nil }
                let cell = row.cells[index]
                return cell.text.isEmpty ? nil : cell
            }
            guard let name = cell(.name), let actual = cell(.actual) else { continue }
            let words = NarrativeText.words(name.text, line: row.line, style: style)
            var finder = FigureFinder(matcher: matcher, catalog: catalog, words: words, heading: heading, period: period)
            let sentence = row.cells.map(\.text).filter { !$0.isEmpty }.joined(separator: " | ")
            guard let hit = finder.hits.first, case .indicator(let position) = hit.target else {
                if ReportedNumber.plainNumber(actual.text.replacing(byte: UInt8(ascii: "%"), with: "").trimmingSpaces) != nil {
                    result.skipped.append(
                        NarrativeSkip(
                            line: row.line, column: actual.column, written: "\(name.text): \(actual.text)",
                            reason: finder.hits.isEmpty ? "no indicator is named for it" : "'\(name.text)' is not an indicator of the catalog",
                            sentence: sentence))
                }
                continue
            }
            finder.hits[0].taken = true
            let id = matcher.indicators[position].id
            let kind = catalog.lookup(id).map { catalog[$0].kind } ?? .count
            let unit = cell(.unit).map { NarrativeText.words($0.text, line: 0, style: style).map(\.key).joined(separator: " ") }
            let isPercent = actual.text.contains("%") || unit == "%"
            let text = actual.text.replacing(byte: UInt8(ascii: "%"), with: "").trimmingSpaces
            var figure = NarrativeFigure(
                indicator: id, period: period, value: nil, isPercent: isPercent, line: row.line, column: actual.column,
                written: "\(name.text): \(actual.text)", sentence: sentence)
            if let slash = text.firstIndex(of: "/"), let n = ReportedNumber.plainNumber(String(text[..<slash]).trimmingSpaces),
                let d = ReportedNumber.plainNumber(String(text[text.index(after: slash)...]).trimmingSpaces), kind == .ratio
            {
                figure.numerator = n
                figure.denominator = d
            } else if let value = ReportedNumber.plainNumber(text) {
                guard isPercent || !(kind == .ratio || kind == .percentage) else { continue }
                figure.value = value
            } else {
                continue
            }
            if let unit, !isPercent, !matcher.indicators[position].units.isEmpty, !matcher.indicators[position].units.contains(unit) {
                result.skipped.append(
                    NarrativeSkip(
                        line: row.line, column: actual.column, written: figure.written,
                        reason: "\(id) is not counted in \(unit)", sentence: sentence))
                continue
            }
            if let share = cell(.planShare), let value = ReportedNumber.plainNumber(share.text.replacing(byte: UInt8(ascii: "%"), with: "").trimmingSpaces) {
                figure.planShare = value
            }
            if let same = cell(.samePeriod), let before = ReportedNumber.plainNumber(same.text.trimmingSpaces), let now = figure.value,
                !isPercent
            {
                figure.change = now - before
            }
            // The plan column: the year's plan of a count ("KH năm 2025 | 52.000").
            if let plan = cell(.plan), kind == .count || kind == .stock, !plan.text.contains("%"),
                let value = ReportedNumber.plainNumber(plan.text.trimmingSpaces)
            {
                var target = figure
                target.value = value
                target.planShare = nil
                target.change = nil
                target.column = plan.column
                target.written = "\(name.text): \(plan.text)"
                target.period = .year(planYear)
                result.plans.append(target)
            }
            result.figures.append(figure)
        }
        return result
    }
}
