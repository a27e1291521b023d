import ChisoModel
import ChisoRender
import ChisoReports
import Foundation

/// What `chiso import` and `.load report.txt` show a reviewer: the facility and period
/// read, each figure beside its line and its words as written, the targets, and the
/// numbers that were not understood.
public enum NarrativeReview {
    /// Reads a narrative report file against the facilities and catalog given. UTF-8, or
    /// UTF-16 with its byte-order mark (Word's "Unicode text").
    public static func read(
        path: String, options: NarrativeOptions, facilities: FacilityDirectory, catalog: IndicatorCatalog,
        phrases: PhraseBook
    ) throws(Diagnostic) -> NarrativeReport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Diagnostic(id: "missing-data", "no such file: \(path)", hint: "check the path")
        }
        guard !isDirectory.boolValue else {
            throw Diagnostic(id: "usage", "\(path) is a folder", hint: "give one report: a .txt file")
        }
        if [".yaml", ".yml", ".csv"].contains(where: path.lowercased().hasSuffix) {
            throw Diagnostic(
                id: "usage", "\(path) is a data file, not a narrative report", hint: "load it with --data \(path) or .load \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic(id: "unreadable-data", "cannot read \(path)", hint: "check its permissions")
        }
        guard let text = NarrativeText.decode(data) else {
            throw Diagnostic(
                id: "unreadable-data", "\(path) is not UTF-8 text",
                hint: "save it as UTF-8 (in Word: Save As → Plain Text → Unicode (UTF-8))")
        }
        let reader = NarrativeReader(phrases: phrases, facilities: facilities, catalog: catalog)
        return try reader.read(text, file: path, facility: options.facility, period: options.period)
    }

    /// The review list, as text for a terminal.
    public static func text(_ report: NarrativeReport, catalog: IndicatorCatalog) -> String {
        var text = "\(report.file): "
        if let facility = report.facility {
            text += facility.id.map { id in facility.written == id ? id : "\(facility.written) (\(id))" }
                ?? "\(facility.written) (not among the facilities loaded)"
            if let line = facility.line { text += ", line \(line)" }
        }
        if let period = report.period {
            text += " · \(period.period)"
            if let line = period.line { text += " (\"\(period.written)\", line \(line))" }
        }
        text += "\n"
        text += table(report.figures, title: count(report.figures.count, "figure"), catalog: catalog)
        if !report.targets.isEmpty {
            text += table(
                report.targets, title: count(report.targets.count, "target") + " (plans, not results)", catalog: catalog,
                yearsOnly: true)
        }
        if !report.notUnderstood.isEmpty {
            text += "\(count(report.notUnderstood.count, "number")) not understood:\n"
            for skip in report.notUnderstood {
                text += pad(String(skip.line), 6, right: true) + "  \"\(skip.written)\" — \(skip.reason)\n"
            }
        }
        return text
    }

    private static func table(
        _ figures: [NarrativeFigure], title: String, catalog: IndicatorCatalog, yearsOnly: Bool = false
    ) -> String {
        guard !figures.isEmpty else { return "no figure found\n" }
        var rows: [[String]] = [["line", "indicator", "period", "value", "change", "plan", "as written"]]
        for figure in figures {
            var value = ""
            if let n = figure.numerator, let d = figure.denominator {
                value = "\(number(n))/\(number(d))"
            } else if let v = figure.value {
                value = number(v) + (figure.isPercent ? " %" : "")
            }
            if !value.isEmpty {
                switch figure.qualifier {
                case .atLeast: value = "≥ " + value
                case .atMost: value = "≤ " + value
                case .about: value = "≈ " + value
                case .exact: break
                }
            }
            var change = ""
            if let c = figure.change {
                let kind = catalog.lookup(figure.indicator).map { catalog[$0].kind } ?? .count
                change = (c >= 0 ? "+" : "−") + number(abs(c))
                    + (figure.changeIsGrowth ? " %" : kind.changesInPoints ? " pts" : "")
            }
            rows.append([
                String(figure.line), figure.indicator,
                yearsOnly ? String(figure.period.interval.end.year) : figure.period.description, value, change,
                figure.planShare.map { number($0) + " %" } ?? "", "\"\(figure.written)\"",
            ])
        }
        var widths = Array(repeating: 0, count: rows[0].count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var text = "\(title):\n"
        for row in rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                let right = i == 0 || i == 3 || i == 4 || i == 5
                line += (i == 0 ? "" : "  ") + (i == row.count - 1 ? cell : pad(cell, widths[i], right: right))
            }
            text += "  " + line + "\n"
        }
        return text
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    private static func pad(_ text: String, _ width: Int, right: Bool) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }

    /// 27,662 and 57.6: grouped, at most two decimals.
    static func number(_ value: Double) -> String {
        NumberFormat.grouped(value, decimals: 2).replacingOccurrences(of: "−", with: "-")
    }
}
