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

    public init(format: OutputFormat = .table, color: Bool = false, maxRows: Int? = nil, width: Int? = nil) {
        self.format = format
        self.color = color
        self.maxRows = maxRows
        self.width = width
    }

    /// The result as text, ending with a newline.
    public func render(_ table: ResultTable) -> String {
        if let text = table.text {
            switch format {
            case .json: return JSONWriter.object([("text", .string(text))]) + "\n"
            case .markdown: return "```\n" + text + "\n```\n"
            default: return text + "\n"
            }
        }
        if table.chart != nil, format == .table || format == .markdown {
            // The chart, then what the table would say under it.
            let writer = TableWriter(table: table, color: color && format == .table)
            let chart = ChartWriter(table: table).lines()
            let footer = writer.footerLines()
            if format == .markdown {
                return "```text\n" + chart.joined(separator: "\n") + "\n```\n"
                    + (footer.isEmpty ? "" : "\n" + footer.map { $0.hasPrefix("  ") ? "  " + $0.trimmingLeadingSpaces : "- " + $0 }.joined(separator: "\n") + "\n")
            }
            return (chart + footer).joined(separator: "\n") + "\n"
        }
        switch format {
        case .table: return TableWriter(table: table, color: color, maxRows: maxRows, width: width).text()
        case .markdown: return TableWriter(table: table, color: false).markdown()
        case .csv: return CSVWriter.write(table)
        case .json: return JSONWriter.write(table)
        }
    }
}

/// Display width of a text in terminal columns: one per grapheme.
func displayWidth(_ text: String) -> Int { text.count }

/// Aligned text tables and Markdown tables, with the markers' legend and the notes.
struct TableWriter {
    let table: ResultTable
    let color: Bool
    var maxRows: Int? = nil
    var width: Int? = nil

    private func cellText(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): return text
        case .measure(let measure): return CellText.measure(measure)
        case .missing: return "—"
        }
    }

    func text() -> String {
        let headers = table.columns.map(\.header)
        var body = table.rows.map { $0.map(cellText) }
        var widths = headers.map(displayWidth)
        for row in body {
            for (i, text) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], displayWidth(text)) }
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
            body = body.map { row in
                row.enumerated().map { i, text in
                    i < widths.count && displayWidth(text) > widths[i] ? String(text.prefix(widths[i] - 1)) + "…" : text
                }
            }
        }
        func line(_ cells: [String], header: Bool) -> String {
            var parts: [String] = []
            for (i, text) in cells.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[i] - displayWidth(text)))
                let right = table.columns[i].role == .measure && !header
                let shown = header ? text : colored(text, column: i)
                parts.append(right ? pad + shown : shown + pad)
            }
            var result = parts.joined(separator: "  ")
            while result.hasSuffix(" ") { result.removeLast() }
            return result
        }
        var out = [bold(line(headers, header: true)), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        if let maxRows, body.count > maxRows {
            // The first and last rows, as on a projector the ends matter most.
            let head = (maxRows + 1) / 2
            let tail = maxRows - head
            out += body.prefix(head).map { line($0, header: false) }
            let hidden = body.count - maxRows
            out.append("… \(hidden) more row\(hidden == 1 ? "" : "s") not shown (.maxrows \(maxRows); .maxrows 0 shows all) …")
            out += body.suffix(tail).map { line($0, header: false) }
        } else {
            out += body.map { line($0, header: false) }
        }
        if table.rows.isEmpty { out.append("(no rows)") }
        out += footer()
        return out.joined(separator: "\n") + "\n"
    }

    func markdown() -> String {
        func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        var out = ["| " + table.columns.map { escape($0.header) }.joined(separator: " | ") + " |"]
        out.append("|" + table.columns.map { $0.role == .measure ? " ---: |" : " --- |" }.joined())
        for row in table.rows {
            out.append("| " + row.map { escape(cellText($0)) }.joined(separator: " | ") + " |")
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
        var markers = Set<String>()
        for (r, row) in table.rows.enumerated() {
            for (c, cell) in row.enumerated() {
                guard let m = cell.measure else { continue }
                switch m.qualifier {
                case .atLeast: markers.insert("≥")
                case .atMost: markers.insert("≤")
                case .about: markers.insert("~")
                case .exact: break
                }
                if m.coverage != nil { markers.insert("mo") }
                if CellText.isMarkedDerived(m), let derivation = m.derivation {
                    derived.append((label: "\(table.rowLabel(r)), \(table.columns[c].header)", text: DerivationText.explain(derivation)))
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
            lines.append("* derived by chiso, not stated in a report:")
            for text in order.prefix(8) {
                let cells = labels[text] ?? []
                let who = cells.count <= 2 ? cells.joined(separator: "; ") : "\(cells[0]) and \(cells.count - 1) more cells"
                lines.append("  \(who): \(text)")
            }
            if order.count > 8 { lines.append("  … and \(order.count - 8) more (--format json shows each)") }
        }
        if markers.contains("≥") { lines.append("≥ lower bound: the report says \"more than\"") }
        if markers.contains("≤") { lines.append("≤ upper bound: the report says \"under\"") }
        if markers.contains("~") { lines.append("~ approximate: the report says \"about\", or a bound was combined with another") }
        if markers.contains("mo") { lines.append("(k/n mo) partial: the figures cover only k of the period's n months") }
        if color, table.columns.contains(where: { Self.changeKeys.contains($0.key) }) {
            lines.append("colours: \u{1B}[36mup\u{1B}[0m, \u{1B}[33mdown\u{1B}[0m (neither is good or bad by itself)")
        }
        lines += table.notes.map { "note: " + $0 }
        return lines
    }

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

    private func bold(_ text: String) -> String {
        color ? "\u{1B}[1m" + text + "\u{1B}[0m" : text
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
