import Foundation
import Testing

/// The prompt in a real terminal: tmux runs chiso, the test types keys and reads the
/// screen, as a user would. `INPUTRC=/dev/null`, a plain `TERM` and a temporary history
/// file keep the screen free of anyone's settings. `.ci/run` installs tmux.
@Suite(.serialized) struct TerminalTests {
    struct Terminal {
        let name = "chiso-test-" + UUID().uuidString.prefix(8)
        let history: String

        init() throws {
            history = try Binary.temporaryFolder() + "/history"
            let command = "INPUTRC=/dev/null TERM=xterm NO_COLOR=1 CHISO_HISTORY=\(history) CHISO_INIT=/nonexistent "
                + "CHISO_DATA=\(Binary.repository.path)/Datasets/seed \(Binary.path)"
            try tmux(["new-session", "-d", "-s", name, "-x", "160", "-y", "50", command], capture: false)
        }

        /// Runs tmux through the shell with posix_spawn and waitpid. Foundation's Process
        /// can miss the exit of a short-lived child while other tests spawn theirs, and a
        /// test must never hang; a capture goes through a file, as the server that
        /// `new-session` starts would hold a pipe open for ever.
        @discardableResult
        func tmux(_ arguments: [String], capture: Bool = false) throws -> String {
            let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            let output = NSTemporaryDirectory() + "chiso-tmux-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: output) }
            let command = "tmux " + quoted.joined(separator: " ") + " </dev/null >'\(output)' 2>/dev/null"
            _ = Self.shell(command)
            return capture ? ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "") : ""
        }

        /// Runs a shell command and returns its exit status.
        static func shell(_ command: String) -> Int32 {
            var pid: pid_t = 0
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(command), nil]
            defer { argv.forEach { free($0) } }
            guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return -1 }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            return (status >> 8) & 0xff
        }

        func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

        var screen: String { (try? tmux(["capture-pane", "-p", "-t", name], capture: true)) ?? "" }

        /// Waits up to ten seconds for the screen to show a text (tmux trims trailing spaces).
        func waitFor(_ text: String) -> Bool {
            for _ in 0..<100 {
                if screen.contains(text) { return true }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return false
        }

        var sessionExists: Bool { Self.shell("tmux has-session -t '\(name)' 2>/dev/null") == 0 }

        func close() { _ = try? tmux(["kill-session", "-t", name]) }
    }

    @Test func tabCtrlCContinuationHistoryAndCtrlD() throws {
        let terminal = try Terminal()
        defer { terminal.close() }
        try #require(terminal.waitFor("chiso>"), "\(terminal.screen)")
        // Tab completes a verb, then a keyword.
        try terminal.keys("compa", "Tab")
        #expect(terminal.waitFor("chiso> compare"), "\(terminal.screen)")
        try terminal.keys("visits 2025H1 yo", "Tab")
        #expect(terminal.waitFor("compare visits 2025H1 yoy"), "\(terminal.screen)")
        try terminal.keys("Enter")
        #expect(terminal.waitFor("27,524 *  27,662"), "\(terminal.screen)")
        // A facility typed without diacritics gets them, and its closing quote.
        try terminal.keys("show visits 9M2023 for \"ttyt tien", "Tab")
        #expect(terminal.waitFor("for \"TTYT Tiên Du\""), "\(terminal.screen)")
        try terminal.keys("Enter")
        #expect(terminal.waitFor("157,627"), "\(terminal.screen)")
        // Ctrl-C clears a half-typed line and the shell stays.
        try terminal.keys("show vis")
        #expect(terminal.waitFor("chiso> show vis"))
        try terminal.keys("C-c")
        #expect(terminal.waitFor("show vis^C"), "\(terminal.screen)")
        // A trailing backslash continues the statement on a ...> prompt.
        try terminal.keys("list \\", "Enter")
        #expect(terminal.waitFor("...>"), "\(terminal.screen)")
        try terminal.keys("levels", "Enter")
        #expect(terminal.waitFor("province"), "\(terminal.screen)")
        // Ctrl-D on an empty line leaves, and the history keeps each statement once.
        try terminal.keys("C-d")
        var left = false
        for _ in 0..<100 where !left {
            left = !terminal.sessionExists
            if !left { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(left)
        let history = (try? String(contentsOfFile: terminal.history, encoding: .utf8)) ?? ""
        #expect(history.contains("compare visits 2025H1 yoy"))
        #expect(history.contains("show visits 9M2023 for \"TTYT Tiên Du\""))
        #expect(history.contains("list \nlevels"), "\(history)")
        #expect(!history.contains("show vis\n"), "\(history)")
    }
}
