import ChisoModel

/// What a data file holds, decided by its extension and header.
public enum DataFileKind: String, Sendable, Hashable {
    case facilities, indicators, observations, plans, report
}

/// How one file loaded.
public struct FileSummary: Sendable, Hashable {
    public var file: String
    public var kind: DataFileKind
    public var loaded: Int
    public var rejected: Int
}

/// An indicator id that no catalog declares; it was loaded as a count.
public struct UndeclaredIndicator: Sendable, Hashable {
    public var id: String
    public var rows: Int
    public var firstSeen: SourceLocation
    public var suggestion: String?
}

/// Everything the user should know about a load: counts, rejected records, warnings.
public struct LoadReport: Sendable {
    public var datasets: [String] = []
    public var files: [FileSummary] = []
    /// Rejected records (errors) and doubts (warnings), each with file:line.
    public var diagnostics: [Diagnostic] = []
    /// Problems found beyond the first `problemsKept`: counted, not kept, so that a file of
    /// one bad row repeated loads in bounded memory.
    public var omitted = 0
    public var undeclared: [UndeclaredIndicator] = []
    /// How long the load's phases took, in order: reading the files, then sealing the store.
    public var phases: [(name: String, time: Duration)] = []

    /// The most problems a load keeps to list.
    public static let problemsKept = 10_000

    /// Keeps a problem, or only counts it once `problemsKept` are kept.
    mutating func add(_ diagnostic: Diagnostic) {
        if diagnostics.count < Self.problemsKept { diagnostics.append(diagnostic) } else { omitted += 1 }
    }

    public init() {}

    public var loaded: Int { files.reduce(0) { $0 + $1.loaded } }
    public var rejected: Int { files.reduce(0) { $0 + $1.rejected } }
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// Whether `--strict` refuses this load: a rejected record or an undeclared indicator.
    public var failsStrict: Bool { rejected > 0 || !undeclared.isEmpty || !errors.isEmpty }

    /// One line: "Loaded 42 figures from 6 files (datasets: seed); 1 rejected."
    public var summary: String {
        let figures = files.filter { $0.kind == .observations || $0.kind == .report }.reduce(0) { $0 + $1.loaded }
        var text = "Loaded \(Self.grouped(figures)) figure\(figures == 1 ? "" : "s") from \(files.count) file\(files.count == 1 ? "" : "s")"
        if !datasets.isEmpty { text += " (dataset\(datasets.count == 1 ? "" : "s"): \(datasets.joined(separator: ", ")))" }
        if rejected > 0 { text += "; \(Self.grouped(rejected)) record\(rejected == 1 ? "" : "s") rejected" }
        if !undeclared.isEmpty {
            text += "; \(undeclared.count) undeclared indicator\(undeclared.count == 1 ? "" : "s") loaded as counts"
        }
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        if warnings > 0 { text += "; \(warnings) warning\(warnings == 1 ? "" : "s")" }
        return text + "."
    }

    /// 80145 → 80,145, as tables write counts.
    public static func grouped(_ n: Int) -> String {
        var digits = String(n)
        var result = ""
        while digits.count > 3 {
            result = "," + digits.suffix(3) + result
            digits.removeLast(3)
        }
        return digits + result
    }
}
