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
        if let source = diagnostic.sourceLine, let location = diagnostic.location {
            let number = String(location.line)
            let gutter = String(repeating: " ", count: number.count)
            let prefix = source.prefix(max(0, location.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            let marker = String(repeating: "^", count: max(1, diagnostic.width))
            lines.append("\(number) | \(source)")
            lines.append("\(gutter) | \(prefix)\(marker)" + (hint.map { " \($0)" } ?? ""))
        } else if let hint {
            lines.append("  = \(hint)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static let severityVI: [Diagnostic.Severity: String] = [.error: "lỗi", .warning: "cảnh báo", .note: "ghi chú"]
}
