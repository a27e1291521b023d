import ChisoExecutor
import ChisoModel

/// The output formats of `--format` and `.format`.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, json, markdown
}

/// Turns result tables into text in one of the output formats.
public struct Renderer: Sendable {
    public var format: OutputFormat
    /// Whether ANSI colours may be used (a terminal, and NO_COLOR unset).
    public var color: Bool
    /// The most rows a table shows; beyond it, the first and last rows and how many were
    /// hidden (`.maxrows`). Machine formats always carry every row.
    public var maxRows: Int?
    /// The terminal's width in columns: tables narrow their names to fit it. nil when the
    /// output is not a terminal (a file keeps every character).
    public var width: Int?
    /// The language of headers, markers, legends and notes, and of numbers in tables
    /// (`.lang`). CSV and JSON are the same in every language.
    public var language: DisplayLanguage

    public init(
        format: OutputFormat = .table, color: Bool = false, maxRows: Int? = nil, width: Int? = nil,
        language: DisplayLanguage = .en
    ) {
        self.format = format
        self.color = color
        self.maxRows = maxRows
        self.width = width
        self.language = language
    }

    /// The result as text, ending with a newline.
    public func render(_ table: ResultTable) -> String {
        if let text = table.text {
            switch format {
            case .json: return JSONWriter.object([("text", .string(text))]) + "\n"
            case .markdown: return "```\n" + text + "\n```\n"
            default: return Phrasebook.say(text, language) + "\n"
            }
        }
        if table.chart != nil, format == .table || format == .markdown {
            // The chart, then what the table would say under it.
            let writer = TableWriter(table: table, color: color && format == .table, language: language)
            let chart = ChartWriter(table: table, language: language).lines()
            let footer = writer.footerLines()
            if format == .markdown {
                return "```text\n" + chart.joined(separator: "\n") + "\n```\n"
                    + (footer.isEmpty ? "" : "\n" + footer.map { $0.hasPrefix("  ") ? "  " + $0.trimmingLeadingSpaces : "- " + $0 }.joined(separator: "\n") + "\n")
            }
            return (chart + footer).joined(separator: "\n") + "\n"
        }
        switch format {
        case .table: return TableWriter(table: table, color: color, maxRows: maxRows, width: width, language: language).text()
        case .markdown: return TableWriter(table: table, color: false, language: language).markdown()
        case .csv: return CSVWriter.write(table)
        case .json: return JSONWriter.write(table)
        }
    }
}

/// Display width of a text in terminal columns: one per grapheme. Figures are ASCII and
/// Vietnamese names precomposed (NFC), where a grapheme is one scalar; anything else
/// (combining marks, scripts past U+2000) is counted by graphemes.
func displayWidth(_ text: String) -> Int {
    // One pass over the bytes: each scalar decoded and counted, and at the first that is
    // not one column the count by graphemes.
    let counted = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
        var width = 0
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            if lead < 0x80 {
                width += 1
                i += 1
                continue
            }
            // A String's bytes are valid UTF-8: the lead byte gives the length.
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            var value = UInt32(lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07))
            for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
            guard isOneColumn(value) else { return nil }
            width += 1
            i += length
        }
        return width
    }
    if let counted { return counted ?? text.count }
    var scalars = 0
    for scalar in text.unicodeScalars {
        guard isOneColumn(scalar.value) else { return text.count }
        scalars += 1
    }
    return scalars
}

/// Whether a scalar is one column by itself: not a combining mark, and not past U+2000
/// except the punctuation, arrows, mathematical signs and box drawing that tables use.
func isOneColumn(_ value: UInt32) -> Bool {
    !((0x0300...0x036F).contains(value) || value >= 0x2000 && !(0x2010...0x2027).contains(value)
        && !(0x2190...0x21FF).contains(value) && !(0x2200...0x22FF).contains(value) && !(0x2500...0x259F).contains(value))
}

/// Aligned text tables and Markdown tables, with the markers' legend and the notes.
struct TableWriter {
    let table: ResultTable
    let color: Bool
    var maxRows: Int? = nil
    var width: Int? = nil
    var language: DisplayLanguage = .en

    private func cellText(_ cell: Cell, column: Int) -> String {
        switch cell {
        case .text(let text): return Phrasebook.cell(text, key: table.columns[column].key, language)
        case .measure(let measure): return CellText.measure(measure, language)
        case .missing: return "—"
        }
    }

    private func rowTexts() -> [[String]] {
        table.rows.map { row in row.enumerated().map { cellText($0.element, column: $0.offset) } }
    }

    private var headers: [String] { table.columns.map { Phrasebook.header($0, language) } }

    /// The body's cells as ranges of one byte array, with their widths: a table of
    /// thousands of rows is measured and written without a string per cell.
    private struct Body {
        var bytes: [UInt8] = []
        /// By row, where its cells start in `cells`.
        var rowStarts: [Int] = [0]
        /// By cell: where its bytes end, and its width.
        var ends: [Int] = []
        var widths: [Int] = []
        /// Cells cut to fit the terminal, in place of their bytes.
        var cut: [Int: [UInt8]] = [:]

        var count: Int { rowStarts.count - 1 }

        func cells(ofRow row: Int) -> Range<Int> { rowStarts[row]..<rowStarts[row + 1] }

        func bytes(ofCell cell: Int) -> ArraySlice<UInt8> {
            if let cut = cut[cell] { return cut[...] }
            return bytes[(cell == 0 ? 0 : ends[cell - 1])..<ends[cell]]
        }
    }

    private func body() -> Body {
        var body = Body()
        body.bytes.reserveCapacity(table.rows.count * table.columns.count * 12)
        body.ends.reserveCapacity(table.rows.count * table.columns.count)
        body.widths.reserveCapacity(table.rows.count * table.columns.count)
        for row in table.rows {
            for (column, cell) in row.enumerated() {
                let start = body.bytes.count
                var width = 0
                if case .measure(let measure) = cell {
                    CellText.append(measure, language, to: &body.bytes)
                    // A measure's text is ASCII and precomposed signs and letters: one
                    // column per scalar, that is per byte that does not continue one.
                    for byte in body.bytes[start...] where byte & 0xC0 != 0x80 { width += 1 }
                } else {
                    let shown = cellText(cell, column: column)
                    body.bytes.append(contentsOf: shown.utf8)
                    width = displayWidth(shown)
                }
                body.ends.append(body.bytes.count)
                body.widths.append(width)
            }
            body.rowStarts.append(body.ends.count)
        }
        return body
    }

    func text() -> String {
        let headers = headers
        var body = body()
        var widths = headers.map(displayWidth)
        for row in 0..<body.count {
            for (i, cell) in body.cells(ofRow: row).enumerated() where i < widths.count {
                widths[i] = max(widths[i], body.widths[cell])
            }
        }
        // Too wide for the terminal: shorten the widest name column, a step at a time,
        // with an ellipsis, rather than wrap every row. Figures are never cut.
        if let width {
            func total() -> Int { widths.reduce(0, +) + 2 * max(0, widths.count - 1) }
            while total() > width {
                let floors = widths.indices.map { max(12, displayWidth(headers[$0])) }
                let shrinkable = widths.indices.filter { table.columns[$0].role == .label && widths[$0] > floors[$0] }
                guard let widest = shrinkable.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] = max(floors[widest], widths[widest] - (total() - width))
            }
            for row in 0..<body.count {
                for (i, cell) in body.cells(ofRow: row).enumerated() where i < widths.count && body.widths[cell] > widths[i] {
                    let text = String(decoding: body.bytes(ofCell: cell), as: UTF8.self)
                    body.cut[cell] = Array((String(text.prefix(widths[i] - 1)) + "…").utf8)
                    body.widths[cell] = widths[i]
                }
            }
        }
        // The whole table as bytes, made into one text at the end.
        var out: [UInt8] = []
        let shownRows = min(body.count, maxRows ?? body.count)
        out.reserveCapacity((widths.reduce(0, +) + 2 * widths.count + 1) * (shownRows + 3) * 2)
        let rightAligned = table.columns.map { $0.role == .measure }
        let isChange = color ? table.columns.map { Self.changeKeys.contains($0.key) } : []
        func addCells(_ count: Int, header: Bool, width: (Int) -> Int, bytes: (Int) -> ArraySlice<UInt8>) {
            if header && color { out.append(contentsOf: "\u{1B}[1m".utf8) }
            for i in 0..<count {
                if i > 0 { out.append(contentsOf: [0x20, 0x20]) }
                let pad = max(0, widths[i] - width(i))
                let right = rightAligned[i] && !header
                if right { out.append(contentsOf: repeatElement(0x20, count: pad)) }
                if !header && color && isChange[i] {
                    out.append(contentsOf: self.colored(String(decoding: bytes(i), as: UTF8.self), column: i).utf8)
                } else {
                    out.append(contentsOf: bytes(i))
                }
                if !right { out.append(contentsOf: repeatElement(0x20, count: pad)) }
            }
            while out.last == 0x20 { out.removeLast() }
            if header && color { out.append(contentsOf: "\u{1B}[0m".utf8) }
            out.append(0x0A)
        }
        func addRow(_ row: Int) {
            let cells = body.cells(ofRow: row)
            addCells(cells.count, header: false, width: { body.widths[cells.lowerBound + $0] }) {
                body.bytes(ofCell: cells.lowerBound + $0)
            }
        }
        func add(_ text: String) {
            out.append(contentsOf: text.utf8)
            out.append(0x0A)
        }
        let headerBytes = headers.map { Array($0.utf8)[...] }
        addCells(headers.count, header: true, width: { displayWidth(headers[$0]) }) { headerBytes[$0] }
        add(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        if let maxRows, body.count > maxRows {
            // The first and last rows, as on a projector the ends matter most.
            let head = (maxRows + 1) / 2
            let tail = maxRows - head
            for row in 0..<head { addRow(row) }
            let hidden = body.count - maxRows
            add(
                language == .vi
                    ? "… còn \(hidden) dòng không hiển thị (.maxrows \(maxRows); .maxrows 0 để xem tất cả) …"
                    : "… \(hidden) more row\(hidden == 1 ? "" : "s") not shown (.maxrows \(maxRows); .maxrows 0 shows all) …")
            for row in body.count - tail..<body.count { addRow(row) }
        } else {
            for row in 0..<body.count { addRow(row) }
        }
        if table.rows.isEmpty { add(Phrasebook.say("(no rows)", language)) }
        for text in footer() { add(text) }
        return String(decoding: out, as: UTF8.self)
    }

    func markdown() -> String {
        func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        var out = ["| " + headers.map(escape).joined(separator: " | ") + " |"]
        out.append("|" + table.columns.map { $0.role == .measure ? " ---: |" : " --- |" }.joined())
        for row in rowTexts() {
            out.append("| " + row.map(escape).joined(separator: " | ") + " |")
        }
        let notes = footer()
        if !notes.isEmpty {
            out.append("")
            out += notes.map { $0.hasPrefix("  ") ? "  " + $0.trimmingLeadingSpaces : "- " + $0 }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The legend, footnotes and notes, for a chart drawn in place of the table.
    func footerLines() -> [String] { footer() }

    /// The legend of the markers used, footnotes for derived cells, then the notes.
    private func footer() -> [String] {
        var lines: [String] = []
        var derived: [(label: String, text: String)] = []
        var lowerBound = false, upperBound = false, approximate = false, partial = false
        for (r, row) in table.rows.enumerated() {
            for (c, cell) in row.enumerated() {
                guard let m = cell.measure else { continue }
                switch m.qualifier {
                case .atLeast: lowerBound = true
                case .atMost: upperBound = true
                case .about: approximate = true
                case .exact: break
                }
                if m.coverage != nil { partial = true }
                if CellText.isMarkedDerived(m), let derivation = m.derivation {
                    derived.append((
                        label: Phrasebook.say("\(table.rowLabel(r)), \(headers[c])", language),
                        text: DerivationText.explain(derivation, language: language)))
                }
            }
        }
        if !derived.isEmpty {
            // Cells explained the same way share one line.
            var order: [String] = []
            var labels: [String: [String]] = [:]
            for (label, text) in derived {
                if labels[text] == nil { order.append(text) }
                labels[text, default: []].append(label)
            }
            lines.append(say("* derived by chiso, not stated in a report:"))
            for text in order.prefix(8) {
                let cells = labels[text] ?? []
                let more = language == .vi ? "\(cells.count - 1) ô khác" : "\(cells.count - 1) more cells"
                let who = cells.count <= 2 ? cells.joined(separator: "; ") : "\(cells[0]) \(language == .vi ? "và" : "and") \(more)"
                lines.append("  \(who): \(text)")
            }
            if order.count > 8 {
                lines.append(
                    language == .vi
                        ? "  … và \(order.count - 8) dòng khác (--format json cho xem từng ô)"
                        : "  … and \(order.count - 8) more (--format json shows each)")
            }
        }
        if lowerBound { lines.append(say("≥ lower bound: the report says \"more than\"")) }
        if upperBound { lines.append(say("≤ upper bound: the report says \"under\"")) }
        if approximate { lines.append(say("~ approximate: the report says \"about\", or a bound was combined with another")) }
        if partial { lines.append(say("(k/n mo) partial: the figures cover only k of the period's n months")) }
        if color, table.columns.contains(where: { Self.changeKeys.contains($0.key) }) {
            lines.append(say("colours: \u{1B}[36mup\u{1B}[0m, \u{1B}[33mdown\u{1B}[0m (neither is good or bad by itself)"))
        }
        lines += table.notes.map { (language == .vi ? "ghi chú: " : "note: ") + say($0) }
        return lines
    }

    private func say(_ text: String) -> String { Phrasebook.say(text, language) }

    /// The columns whose figures are changes, coloured up and down when colour is on.
    static let changeKeys: Set<String> = ["change", "change_points", "growth_pct", "gap_points"]

    /// A change in cyan when up and yellow when down: neither means good or bad, which
    /// depends on the indicator (more visits, fewer cases).
    private func colored(_ text: String, column: Int) -> String {
        guard color, Self.changeKeys.contains(table.columns[column].key) else { return text }
        let bare = text.drop { $0 == "≥" || $0 == "≤" || $0 == "~" || $0 == " " }
        if bare.hasPrefix("+") { return "\u{1B}[36m" + text + "\u{1B}[0m" }
        if bare.hasPrefix("−") { return "\u{1B}[33m" + text + "\u{1B}[0m" }
        return text
    }
}


extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
