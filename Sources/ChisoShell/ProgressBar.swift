import ChisoModel
import ChisoRender
import ChisoReports
import Foundation

/// A one-line progress bar on stderr while a large bulk file loads at the prompt:
/// the file, a bar, the share read, rows, MB/s and the time left. Drawn at most ten times
/// a second, from the reader's worker thread, and erased when the load ends.
public final class LoadProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let clock = ContinuousClock()
    private var start: ContinuousClock.Instant?
    private var lastDrawn: ContinuousClock.Instant?
    private var drawn = false
    private let write: @Sendable (String) -> Void
    /// Files smaller than this load too fast to need a bar.
    static let smallest = 16 << 20

    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    public func update(_ progress: LoadProgress) {
        guard progress.bytesTotal >= Self.smallest else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = clock.now
        let began = start ?? now
        start = began
        if let lastDrawn, now - lastDrawn < .milliseconds(100) { return }
        lastDrawn = now
        drawn = true
        write("\r\u{1B}[2K" + Self.line(progress, elapsed: now - began))
    }

    /// Erases the bar, if one was drawn.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { write("\r\u{1B}[2K") }
        drawn = false
        start = nil
        lastDrawn = nil
    }

    /// "observations.csv  ███████░░░░░  58 %  5.4 M rows  164 MB/s  1.4 s left"
    static func line(_ progress: LoadProgress, elapsed: Duration) -> String {
        let share = min(1, Double(progress.bytesRead) / Double(max(1, progress.bytesTotal)))
        let width = 20
        let filled = Int((share * Double(width)).rounded())
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(progress.bytesRead) / seconds / 1e6 : 0
        let left = rate > 0 ? Double(progress.bytesTotal - progress.bytesRead) / 1e6 / rate : 0
        let rows = progress.rows >= 1_000_000
            ? String(format: "%.1f M", Double(progress.rows) / 1e6) : String(format: "%.0f k", Double(progress.rows) / 1e3)
        let name = (progress.file as NSString).lastPathComponent
        return "\(name)  \(bar)  \(Int(share * 100)) %  \(rows) rows  \(Int(rate)) MB/s  \(String(format: "%.1f", left)) s left"
    }
}

extension LoadReport {
    /// The most problems a load prints as it ends; `.errors` lists them all.
    public static let problemsShown = 20

    /// A load's problems as printed when it ends: the first twenty, then how many more
    /// there are and where to see them. `omitted` are those counted and not kept.
    public static func shownProblems(
        _ diagnostics: [Diagnostic], omitted: Int = 0, language: DisplayLanguage, color: Bool = false
    ) -> String {
        var text = diagnostics.prefix(problemsShown).map { DiagnosticFormat.render($0, color: color, language: language) }.joined()
        let more = max(0, diagnostics.count - problemsShown) + omitted
        if more > 0 {
            let count = grouped(more)
            if omitted > 0 {
                text += language == .vi
                    ? "… và \(count) vấn đề khác; .errors liệt kê những vấn đề được giữ lại\n"
                    : "… and \(count) more problems; .errors lists those kept\n"
            } else {
                text += language == .vi
                    ? "… và \(count) vấn đề khác; .errors liệt kê tất cả\n"
                    : "… and \(count) more problem\(more == 1 ? "" : "s"); .errors lists them all\n"
            }
        }
        return text
    }

    /// The line `.errors` ends its list with when problems were counted and not kept.
    public func omittedLine(language: DisplayLanguage) -> String {
        guard omitted > 0 else { return "" }
        let count = Self.grouped(omitted), kept = Self.grouped(Self.problemsKept)
        let conflicts = Self.grouped(ObservationStore.Builder.conflictsKept)
        return language == .vi
            ? "… và \(count) vấn đề khác, chỉ được đếm: một lần nạp giữ \(kept) vấn đề đầu tiên và \(conflicts) xung đột đầu tiên\n"
                .replacingOccurrences(of: ",", with: ".")
            : "… and \(count) more problems, counted and not kept: a load keeps its first \(kept) problems and first \(conflicts) conflicts\n"
    }
}
