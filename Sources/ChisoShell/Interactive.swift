import CReadline
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Set by the SIGINT handler, read by the prompt loop: the handler does nothing else.
private let interruptRequested = Atomic<Bool>(false)

/// Lines handed over by readline's callback; `nil` is end of input (Ctrl-D).
nonisolated(unsafe) private var receivedLines: [String?] = []
/// Candidates for the completion callback, which cannot capture Swift state.
nonisolated(unsafe) private var completionCandidates: [String] = []
nonisolated(unsafe) private var completionSession: Session?

/// The interactive prompt, over GNU readline's callback interface so that Ctrl-C can
/// clear the line without killing the shell.
public enum InteractiveShell {
    /// Runs the prompt until `.quit` or Ctrl-D. Returns the exit code (0).
    public static func run(session: inout Session, historyPath: String?, banner: String) -> Int32 {
        print(banner)
        installInterruptHandler()
        // readline keeps these pointers, so they must outlive the call: permanent copies.
        chiso_rl_set_readline_name(strdup("chiso"))
        chiso_rl_set_catch_signals(0)
        chiso_rl_set_basic_word_break(strdup(" \t\n,()"))
        chiso_rl_set_completer_quotes(strdup("\""))
        chiso_rl_set_completion { text, start, _ in
            chiso_rl_set_completion_over(1)
            guard let session = completionSession else { return nil }
            let line = String(cString: chiso_rl_line_buffer())
            let prefix = String(line.utf8.prefix(Int(start))) ?? ""
            completionCandidates = Completion.candidates(before: prefix, word: text.map { String(cString: $0) } ?? "", session: session)
            return rl_completion_matches(text) { _, state in
                let index = Int(state)
                guard index < completionCandidates.count else { return nil }
                return strdup(completionCandidates[index])
            }
        }
        completionSession = session
        let history = historyPath.map(History.init)
        history?.load()

        var pending: String?
        loop: while true {
            install(prompt: pending == nil ? "chiso> " : "  ...> ")
            guard let line = nextLine() else {
                print("")
                break
            }
            var text = line
            if text.hasSuffix("\\") {
                text.removeLast()
                pending = (pending.map { $0 + "\n" } ?? "") + text
                continue
            }
            if let earlier = pending {
                text = earlier + "\n" + text
                pending = nil
            }
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            history?.add(text)
            // Ctrl-C while the statement runs cancels it: the executor looks at the flag.
            interruptRequested.store(false, ordering: .relaxed)
            session.isCancelled = { interruptRequested.load(ordering: .relaxed) }
            let outcome = session.run(text)
            session.isCancelled = { false }
            interruptRequested.store(false, ordering: .relaxed)
            completionSession = session
            FileHandle.standardOutput.write(Data(outcome.output.utf8))
            FileHandle.standardError.write(Data(outcome.errors.utf8))
            if outcome.quit { break loop }
        }
        history?.save()
        return 0
    }

    private static func install(prompt: String) {
        rl_callback_handler_install(prompt) { line in
            if let line {
                receivedLines.append(String(cString: line))
                free(line)
            } else {
                receivedLines.append(nil)
            }
            // Stop reading until the line has been run, so the next prompt comes after its output.
            rl_callback_handler_remove()
        }
    }

    /// Reads characters until readline hands over a line. Ctrl-C clears the line being
    /// edited and starts a fresh prompt. Returns nil at end of input.
    private static func nextLine() -> String? {
        while receivedLines.isEmpty {
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, -1)
            if interruptRequested.exchange(false, ordering: .relaxed) {
                // Ctrl-C: leave the abandoned line visible, marked, and start a fresh prompt.
                _ = "^C\n".withCString { write(STDOUT_FILENO, $0, 3) }
                rl_free_line_state()
                rl_callback_sigcleanup()
                rl_replace_line("", 0)
                rl_on_new_line()
                rl_redisplay()
                continue
            }
            if ready > 0 {
                if descriptor.revents & Int16(POLLIN | POLLHUP) != 0 {
                    rl_callback_read_char()
                } else {
                    return nil
                }
            } else if ready < 0 && errno != EINTR {
                return nil
            }
        }
        return receivedLines.removeFirst()
    }

    private static func installInterruptHandler() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interruptRequested.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: poll returns at once with EINTR
        sigaction(SIGINT, &action, nil)
        // A parent may have blocked SIGINT (test runners and some launchers do), and the
        // mask is inherited: unblock it, or Ctrl-C would never arrive.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        sigprocmask(SIG_UNBLOCK, &interrupt, nil)
    }
}

/// The per-user history file: read at start, appended after each statement (so a crash
/// loses nothing), capped at exit.
struct History {
    static let limit: Int32 = 2000
    let path: String

    /// `CHISO_HISTORY`, else `$XDG_STATE_HOME/chiso/history`, else `~/.local/state/chiso/history`.
    static func defaultPath(environment: [String: String]) -> String? {
        if let path = environment["CHISO_HISTORY"], !path.isEmpty { return path }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/chiso/history" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/chiso/history"
    }

    func load() {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        using_history()
        stifle_history(History.limit)
        read_history(path)
    }

    func add(_ text: String) {
        add_history(text)
        append_history(1, path)
    }

    func save() {
        history_truncate_file(path, History.limit)
    }
}

extension InteractiveShell {
    /// Where the history file lives: see `History.defaultPath`.
    public static func historyPath(environment: [String: String]) -> String? {
        History.defaultPath(environment: environment)
    }
}
