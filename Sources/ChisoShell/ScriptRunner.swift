import Foundation

/// Runs a script: one statement per line, `\` at the end of a line continues it, blank
/// lines and `--` comments are skipped. Stops at the first statement that fails, as a
/// script must: the caller exits non-zero and the message names file:line.
public struct ScriptRunner {
    /// Runs `text` and hands each outcome to `emit`. Returns whether every statement succeeded.
    /// Runs a script's statements in order. It stops at the first that fails, unless the
    /// session goes on past failures (`--continue`); either way it returns false when any
    /// statement failed.
    public static func run(
        _ text: String, file: String?, session: inout Session, emit: (Outcome) -> Void
    ) -> Bool {
        var succeeded = true
        for statement in statements(in: text) {
            let outcome = session.run(statement.text, file: file, line: statement.line)
            emit(outcome)
            if outcome.failed {
                succeeded = false
                if !session.continueOnFailure { return false }
            }
            if outcome.quit { return succeeded }
        }
        return succeeded
    }

    /// The statements of a script with the line each starts on.
    public static func statements(in text: String) -> [(text: String, line: Int)] {
        var result: [(String, Int)] = []
        var pending: String?
        var pendingLine = 0
        // "\r\n" is one Character in Swift, and a newline: splitting on isNewline handles both endings.
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var line = String(rawLine)
            let continues = line.hasSuffix("\\")
            if continues { line.removeLast() }
            if let earlier = pending {
                pending = earlier + "\n" + line
            } else {
                let stripped = line.trimmingCharacters(in: .whitespaces)
                if (stripped.isEmpty || stripped.hasPrefix("--")) && !continues { continue }
                pending = line
                pendingLine = index + 1
            }
            if !continues, let statement = pending {
                if !statement.trimmingCharacters(in: .whitespaces).isEmpty { result.append((statement, pendingLine)) }
                pending = nil
            }
        }
        if let statement = pending, !statement.trimmingCharacters(in: .whitespaces).isEmpty {
            result.append((statement, pendingLine))
        }
        return result
    }
}
