import ChisoModel

/// Prints diagnostics in chiso's one format:
///
///     error: unknown indicator 'vists'
///      --> 1:6
///     1 | show vists 2025H1
///       |      ^^^^^ did you mean 'visits'?
public enum DiagnosticFormat {
    public static func render(_ diagnostic: Diagnostic, color: Bool = false, language: DisplayLanguage = .en) -> String {
        let severity = language == .vi ? severityVI[diagnostic.severity] ?? "lỗi" : diagnostic.severity.rawValue
        let hint = diagnostic.hint.map { Phrasebook.say($0, language) }
        let head = color ? "\u{1B}[1;\(diagnostic.severity == .error ? 31 : 33)m\(severity)\u{1B}[0m" : severity
        var lines = ["\(head): \(Phrasebook.say(diagnostic.message, language))"]
        if let location = diagnostic.location {
            lines.append(" --> \(location)")
        }
        if let fullSource = diagnostic.sourceLine, let location = diagnostic.location {
            let number = String(location.line)
            let gutter = String(repeating: " ", count: number.count)
            // A long line is shown as a window around the caret: "…(((visits…".
            let (source, column) = window(fullSource, column: location.column)
            let prefix = source.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            let marker = String(repeating: "^", count: max(1, min(diagnostic.width, source.count - column + 1)))
            lines.append("\(number) | \(source)")
            lines.append("\(gutter) | \(prefix)\(marker)" + (hint.map { " \($0)" } ?? ""))
        } else if let hint {
            lines.append("  = \(hint)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// At most `width` characters of a line around a column, with … where it was cut, and
    /// the column within what is shown.
    static func window(_ line: String, column: Int, width: Int = 100) -> (String, Int) {
        let characters = Array(line)
        guard characters.count > width else { return (line, column) }
        let start = max(0, min(column - 1 - width / 2, characters.count - width))
        let end = min(characters.count, start + width)
        let head = start > 0 ? "…" : ""
        let tail = end < characters.count ? "…" : ""
        return (head + String(characters[start..<end]) + tail, column - start + head.count)
    }

    private static let severityVI: [Diagnostic.Severity: String] = [.error: "lỗi", .warning: "cảnh báo", .note: "ghi chú"]
}
