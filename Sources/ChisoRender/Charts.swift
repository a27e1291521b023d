import ChisoExecutor

/// Draws a result with Unicode block characters: horizontal bars for a ranking or a
/// comparison, a sparkline per group for a trend. Every bar and line carries its figure,
/// as it would be written in the table, so the chart loses nothing the table says.
struct ChartWriter {
    let table: ResultTable
    /// The longest bar, in characters.
    var barWidth = 40
    var language: DisplayLanguage = .en

    init(table: ResultTable, language: DisplayLanguage = .en) {
        self.table = table
        self.language = language
    }

    private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    private static let levels = Array("▁▂▃▄▅▆▇█")

    func lines() -> [String] {
        switch table.chart {
        case .series?: return series()
        default: return bars()
        }
    }

    /// The row's name: its label columns, without the period and status, and without the
    /// indicator when every row has the same one.
    private func labels() -> [String] {
        let indicators = Set(table.rows.map { cell($0, key: "indicator") })
        let keep = table.columns.indices.filter { i in
            let key = table.columns[i].key
            return table.columns[i].role == .label && key != "period" && key != "status"
                && !(key == "indicator" && indicators.count == 1)
        }
        return table.rows.map { row in
            keep.compactMap { i -> String? in
                if case .text(let text) = row[i] { return Phrasebook.cell(text, key: table.columns[i].key, language) }
                return nil
            }.joined(separator: ", ")
        }
    }

    private func cell(_ row: [Cell], key: String) -> String {
        guard let i = table.columns.firstIndex(where: { $0.key == key }), case .text(let text) = row[i] else { return "" }
        return text
    }

    private func bar(_ value: Double, scale: Double) -> String {
        guard value > 0, scale > 0 else { return "" }
        let eighthsTotal = Int((value / scale * Double(barWidth) * 8).rounded())
        return String(repeating: "█", count: eighthsTotal / 8) + Self.eighths[eighthsTotal % 8]
    }

    private func bars() -> [String] {
        // The figures drawn: the value, or each compared period.
        let drawn = table.columns.indices.filter { i in
            table.columns[i].role == .measure && table.columns[i].carriesCoverage
                && !["rank", "change", "change_points", "growth_pct", "ratio_pct"].contains(table.columns[i].key)
        }
        let names = labels()
        let values = table.rows.flatMap { row in drawn.compactMap { row[$0].measure?.value } }
        let scale = values.map(abs).max() ?? 0
        let nameWidth = names.map(\.count).max() ?? 0
        let seriesWidth = drawn.count > 1 ? drawn.map { Phrasebook.header(table.columns[$0], language).count }.max() ?? 0 : 0
        // A comparison's change is written after its last bar.
        let changes = table.columns.indices.filter { i in
            ["change", "change_points", "growth_pct", "ratio_pct"].contains(table.columns[i].key)
        }
        var out: [String] = []
        for (row, name) in zip(table.rows, names) {
            for (n, column) in drawn.enumerated() {
                let label = (n == 0 ? name : "").padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                let series = drawn.count > 1
                    ? " " + Phrasebook.header(table.columns[column], language).padding(toLength: seriesWidth, withPad: " ", startingAt: 0) : ""
                let cell = row[column]
                let text: String
                let drawnBar: String
                switch cell {
                case .measure(let m):
                    text = CellText.measure(m, language)
                    drawnBar = m.value < 0 ? Phrasebook.say("(below zero)", language) : bar(m.value, scale: scale)
                default:
                    text = "—"
                    drawnBar = ""
                }
                var change = ""
                if n == drawn.count - 1, drawn.count > 1 {
                    let parts = changes.compactMap { row[$0].measure.map { CellText.measure($0, language) } }
                    if !parts.isEmpty { change = "  (" + parts.joined(separator: ", ") + ")" }
                }
                out.append("\(label)\(series)  \(drawnBar) \(text)\(change)")
            }
        }
        if table.rows.isEmpty { out.append(Phrasebook.say("(no rows)", language)) }
        return out
    }

    private func series() -> [String] {
        // Rows come grouped: group and indicator, then one row per period, in order.
        var keys: [String] = []
        var points: [String: [(period: String, value: Double?, text: String)]] = [:]
        for (row, name) in zip(table.rows, labels()) {
            let valueIndex = table.columns.firstIndex { $0.key == "value" } ?? (row.count - 1)
            let period = cell(row, key: "period")
            let measure = row[valueIndex].measure
            if points[name] == nil { keys.append(name) }
            points[name, default: []].append((period, measure?.value, measure.map { CellText.measure($0, language) } ?? "—"))
        }
        let nameWidth = keys.map(\.count).max() ?? 0
        var out: [String] = []
        for key in keys {
            let line = points[key] ?? []
            let present = line.compactMap(\.value)
            let low = present.min() ?? 0
            let high = present.max() ?? 0
            let spark = String(line.map { point -> Character in
                guard let value = point.value else { return "·" }
                guard high > low else { return Self.levels[0] }
                let level = Int(((value - low) / (high - low) * Double(Self.levels.count - 1)).rounded())
                return Self.levels[max(0, min(Self.levels.count - 1, level))]
            })
            var summary = ""
            if let first = line.first, let last = line.last {
                summary = "\(first.period) \(first.text) → \(last.period) \(last.text)"
            }
            if let peak = line.first(where: { $0.value == high && !present.isEmpty }) {
                summary += language == .vi ? "; cao nhất \(peak.text) vào \(peak.period)" : "; highest \(peak.text) in \(peak.period)"
            }
            out.append("\(key.padding(toLength: nameWidth, withPad: " ", startingAt: 0))  \(spark)  \(summary)")
        }
        if line(forMissing: points) { out.append(Phrasebook.say("· a period with no figure", language)) }
        if table.rows.isEmpty { out.append(Phrasebook.say("(no rows)", language)) }
        return out
    }

    private func line(forMissing points: [String: [(period: String, value: Double?, text: String)]]) -> Bool {
        points.values.contains { $0.contains { $0.value == nil } }
    }
}
