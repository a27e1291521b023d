import ChisoDemo
import ChisoModel
import ChisoReports
import ChisoShell
import Foundation

/// What the fuzzers feed arbitrary bytes to. Each target reads the bytes the way chiso reads
/// that kind of input; a crash, a trap, a hang or a leak is what fuzzing looks for, so a
/// target returns nothing.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Statements: lexer, parser, planner, executor and renderer, on the seed data.
    case query
    /// A bulk observations CSV, through the loader (fast and full readers).
    case csv
    /// A YAML report file, through the loader.
    case yaml
    /// Facilities and indicator catalogs (CSV), through the loader.
    case catalog
    /// A narrative report: reading, then its CSV and YAML.
    case narrative

    public func run(_ bytes: [UInt8]) {
        switch self {
        case .query: FuzzWorld.query(bytes)
        case .csv: FuzzWorld.load(bytes, as: "observations.csv")
        case .yaml: FuzzWorld.load(bytes, as: "report.yaml")
        case .catalog:
            // The first half as facilities, the second as indicators.
            let half = bytes.count / 2
            FuzzWorld.load(Array(bytes[..<half]), as: "facilities.csv", and: (Array(bytes[half...]), "indicators.csv"))
        case .narrative: FuzzWorld.narrative(bytes)
        }
    }
}

/// The fixed world the targets run in: the seed data and the demo's facilities, loaded
/// once; a private folder for files the loader reads.
enum FuzzWorld {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let store: ObservationStore? = try? DatasetLoader().load([
        root.appendingPathComponent("Datasets/seed").path, root.appendingPathComponent("Datasets/demo/facilities.csv").path,
    ]).store

    static let folder: String = {
        // In memory where there is a tmpfs: a fuzzer writes a file per input.
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()
        let path = base + "chiso-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static let reader: NarrativeReader? = {
        guard let store, let phrases = try? PhraseBook.bundled() else { return nil }
        return NarrativeReader(phrases: phrases, facilities: store.facilities, catalog: store.catalog)
    }()

    /// Statements only: meta commands (`.output`, `.load`, `.read`) touch files, which a
    /// fuzzer must not steer.
    static func query(_ bytes: [UInt8]) {
        guard let store else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        var session = Session(store: store)
        for statement in ScriptRunner.statements(in: text) {
            if statement.text.trimmingCharacters(in: .whitespaces).hasPrefix(".") { continue }
            _ = session.run(statement.text, file: "fuzz", line: statement.line)
        }
    }

    /// The bytes as a data file beside the seed's facilities, loaded.
    static func load(_ bytes: [UInt8], as name: String, and other: ([UInt8], String)? = nil) {
        let facilities = root.appendingPathComponent("Datasets/seed/facilities.csv").path
        let path = folder + "/" + name
        guard write(bytes, to: path) else { return }
        var paths = name == "facilities.csv" ? [path] : [facilities, path]
        if let (data, otherName) = other {
            let otherPath = folder + "/" + otherName
            if write(data, to: otherPath) { paths.append(otherPath) }
        }
        _ = try? DatasetLoader().load(paths)
    }

    /// Writes without the sync a safe write makes: the file lives for one input.
    static func write(_ bytes: [UInt8], to path: String) -> Bool {
        guard let file = fopen(path, "wb") else { return false }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        return fclose(file) == 0 && written == bytes.count
    }

    static func narrative(_ bytes: [UInt8]) {
        guard let reader else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let report = try? reader.read(text, file: "fuzz.txt", facility: "ttyt-laichau", period: .half(2025, 1)) else {
            return
        }
        _ = report.csv()
        _ = report.yaml()
    }
}

/// A deterministic stream of inputs for a target: its seeds, then mutations of them (bytes
/// flipped, inserted, repeated, spliced). For the fuzz smoke in `swift test` and for
/// `chiso-fuzz --random`.
public struct FuzzInputs: Sequence, IteratorProtocol {
    var seeds: [[UInt8]]
    var generator: SplitMix64
    var remaining: Int
    var index = 0

    public init(seeds: [[UInt8]], count: Int, seed: UInt64 = 0x5EED) {
        self.seeds = seeds.isEmpty ? [[]] : seeds
        self.generator = SplitMix64(seed: seed)
        self.remaining = count
    }

    /// The demo's generator: the same stream on every machine.
    mutating func random() -> UInt64 { generator.next() }

    public mutating func next() -> [UInt8]? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        defer { index += 1 }
        if index < seeds.count { return seeds[index] }
        var bytes = seeds[Int(random() % UInt64(seeds.count))]
        let interesting: [UInt8] = [0, 0x22, 0x2C, 0x0A, 0x0D, 0x3A, 0x2D, 0x28, 0x29, 0x25, 0x2F, 0x2E, 0xFF, 0xC3, 0xE1, 0x20]
        for _ in 0..<(1 + Int(random() % 8)) {
            let position = bytes.isEmpty ? 0 : Int(random() % UInt64(bytes.count + 1))
            switch random() % 6 {
            case 0 where !bytes.isEmpty: bytes[Swift.min(position, bytes.count - 1)] ^= UInt8(truncatingIfNeeded: random())
            case 1: bytes.insert(interesting[Int(random() % UInt64(interesting.count))], at: position)
            case 2 where position < bytes.count: bytes.remove(at: position)
            case 3:
                let piece = bytes[position..<Swift.min(bytes.count, position + Int(random() % 16))]
                bytes.insert(contentsOf: Array(repeating: Array(piece), count: 1 + Int(random() % 4)).joined(), at: position)
            case 4:
                let other = seeds[Int(random() % UInt64(seeds.count))]
                let cut = other.isEmpty ? 0 : Int(random() % UInt64(other.count))
                bytes.insert(contentsOf: other[cut...], at: position)
            default:
                bytes.insert(UInt8(truncatingIfNeeded: random()), at: position)
            }
        }
        return bytes
    }
}

extension FuzzTarget {
    /// The committed seed corpus of the target (`Fuzz/corpus/<target>/`).
    public var seeds: [[UInt8]] {
        let folder = FuzzWorld.root.appendingPathComponent("Fuzz/corpus/\(rawValue)").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().compactMap { FileManager.default.contents(atPath: folder + "/" + $0).map { Array($0) } }
    }
}
