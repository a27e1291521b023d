import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Memory a load needs stays within a few pieces of the file and the figures kept, not
/// the file's size. The peak resident size is measured (a size, not a time).
@Suite struct BoundedMemoryTests {
    /// 200 MB of one row: read whole, the file alone would need 200 MB.
    @Test func aFileOfOneRowRepeatedLoadsInBoundedMemory() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/observations.csv"
        let rows = try Self.write(path, header: "facility,period,indicator,value\n", megabytes: 200)
        let facilities = Binary.repository.appendingPathComponent("Datasets/seed/facilities.csv").path

        // The answer and the messages from a plain run; the peak from a measured one.
        let plain = try Binary.spawned(["--data", facilities, "--data", path, "-c", "show visits 2025M01"])
        #expect(plain.status == 0)
        #expect(plain.output.contains("2025M01    100"))
        #expect(plain.errors.contains("\(grouped(rows - 1)) rows repeat a figure of an earlier row exactly; each figure is kept once"))
        #expect(plain.errors.contains("Loaded 1 figure from 2 files."))
        let run = try Binary.measured(["--data", facilities, "--data", path], statement: "show visits 2025M01")
        #expect(run.status == 0)
        #expect(run.output.contains("\t1\n"))  // one figure loaded
        #expect(run.peakKilobytes > 0)
        #expect(run.peakKilobytes < 128 * 1024, "peak resident size \(run.peakKilobytes) KB")
    }

    /// Writes a header, then a megabyte at a time of one row repeated; returns the rows.
    @discardableResult
    static func write(_ path: String, header: String, megabytes: Int) throws -> Int {
        let row = Data("ttyt-laichau,2025M01,visits,100\n".utf8)
        let block = Data([Data](repeating: row, count: (1 << 20) / row.count).joined())
        try Data(header.utf8).write(to: URL(fileURLWithPath: path))
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try file.seekToEnd()
        for _ in 0..<megabytes { file.write(block) }
        try file.close()
        return megabytes * ((1 << 20) / row.count)
    }

    private func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        return String(digits.enumerated().flatMap { i, c in (i > 0 && (digits.count - i) % 3 == 0) ? [",", c] : [c] })
    }
}

extension Binary {
    /// A run, and the peak resident size of the chiso process alone.
    struct MeasuredRun {
        var output: String
        var errors: String
        var status: Int32
        var peakKilobytes: Int
    }

    /// Loads with `--bench`, which prints the peak resident size of the load (not of the
    /// statement) as the process itself sees it (`VmHWM`), then runs one statement once.
    /// The peak `wait4` reports
    /// is no use here: a process started with `posix_spawn` shares the test runner's
    /// memory until it executes chiso, and the kernel counts the runner's peak as the
    /// child's, so it grew with whatever other tests had loaded.
    static func measured(_ arguments: [String], statement: String) throws -> MeasuredRun {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = folder + "/statement.chiso"
        try Data((statement + "\n").utf8).write(to: URL(fileURLWithPath: script))
        var run = try spawned(arguments + ["--bench", script, "--runs", "1"])
        // memory <resident after load> <peak>, in bytes.
        let memory = run.output.split(separator: "\n").first { $0.hasPrefix("memory\t") }
        run.peakKilobytes = (memory?.split(separator: "\t").last.flatMap { Int($0) } ?? 0) / 1024
        return run
    }

    static func spawned(_ arguments: [String]) throws -> MeasuredRun {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outPath = folder + "/out", errPath = folder + "/err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["CHISO_DATA"] = repository.appendingPathComponent("Datasets/seed").path
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard spawned == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        // Exited normally: the exit code; otherwise 128 + the signal, as a shell says.
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return MeasuredRun(output: output, errors: errors, status: exitCode, peakKilobytes: 0)
    }
}

extension BoundedMemoryTests {
    /// A large CSV file of no known layout is refused from its first line, without
    /// reading the rest (it used to be read whole into records: 1.4 GB for 200 MB).
    @Test func aLargeFileOfNoLayoutIsNotReadWhole() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/export.csv"
        try Self.write(path, header: "", megabytes: 50)
        let run = try Binary.measured(["--data", path], statement: "list facilities")
        #expect(run.status == 0)
        #expect(run.peakKilobytes > 0)
        #expect(run.errors.contains("error: unknown CSV layout\n --> \(path):1:1"))
        #expect(run.peakKilobytes < 128 * 1024, "peak resident size \(run.peakKilobytes) KB")
    }
}
