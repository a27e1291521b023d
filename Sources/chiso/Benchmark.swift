import ChisoShell
import Foundation

/// `--bench FILE`: timings taken inside the process, so that starting a process does not
/// blur queries of a millisecond. Prints tab-separated lines for Benchmarks/run.py:
///
///     load    <ms>    <rows>
///     phase   <name>  <ms>          (the load's parts: read, seal)
///     memory  <resident bytes after load>  <peak resident bytes>
///     query   <line>  <median ms>  <min ms>  <statement>
enum Benchmark {
    static func run(
        queries path: String, runs: Int, load: Duration, rows: Int, phases: [(name: String, time: Duration)], session: inout Session
    ) -> Int32 {
        guard let data = FileManager.default.contents(atPath: path) else {
            printError("error: cannot read \(path)\n")
            return ExitStatus.usageOrData
        }
        var out = "load\t\(load.milliseconds)\t\(rows)\n"
        for phase in phases { out += "phase\t\(phase.name)\t\(phase.time.milliseconds)\n" }
        let status = residentMemory()
        out += "memory\t\(status.current)\t\(status.peak)\n"
        let clock = ContinuousClock()
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, !text.hasPrefix("--") else { continue }
            let warmUp = session.run(text)
            if warmUp.failed {
                printError("\(path):\(index + 1): \(warmUp.errors)")
                return ExitStatus.statementFailed
            }
            var times: [Double] = []
            for _ in 0..<runs {
                let start = clock.now
                _ = session.run(text)
                times.append((clock.now - start).milliseconds)
            }
            times.sort()
            out += "query\t\(index + 1)\t\(times[times.count / 2])\t\(times[0])\t\(text)\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
        return ExitStatus.success
    }

    /// VmRSS and VmHWM of this process, in bytes (0 where /proc is not there).
    static func residentMemory() -> (current: Int, peak: Int) {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
        func field(_ name: String) -> Int {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            return (Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "") ?? 0) * 1024
        }
        return (field("VmRSS"), field("VmHWM"))
    }
}
