import ChisoModel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The store and the report of a load.
public struct LoadResult: Sendable {
    public var store: ObservationStore
    public var report: LoadReport
}

/// How far the reading of a bulk file has got.
public struct LoadProgress: Sendable {
    public var file: String
    public var bytesRead: Int
    public var bytesTotal: Int
    public var rows: Int
}

/// Reads data files and folders into a store.
///
/// Facilities are read first, then indicator catalogs, then figures, so files may come in
/// any order. A folder is read recursively in name order; `README.md` and hidden files
/// are skipped.
public struct DatasetLoader: Sendable {
    public var catalog: IndicatorCatalog
    /// For narrative reports (`.txt`), by path as given: the facility and period to use
    /// when the text does not say (or says wrongly).
    public var narrativeOptions: [String: NarrativeOptions] = [:]
    /// Phrase files beyond the bundled one and those in data folders.
    public var phraseFiles: [String] = []
    /// Read only facilities and indicator catalogs (what `chiso import` matches names to).
    public var catalogsOnly = false
    /// Told now and then how far the reading of a large bulk file has got (from a worker
    /// thread); for a progress bar at the prompt.
    public var progress: (@Sendable (LoadProgress) -> Void)?
    /// Asked between files and between pieces of a large file; when it answers true the
    /// load stops with a `cancelled` diagnostic and nothing of it is kept.
    public var isCancelled: @Sendable () -> Bool = { false }
    /// How much of an observations file is read at a time: memory stays within a few
    /// pieces, whatever the file's size.
    var pieceSize = 8 << 20

    public init(
        catalog: IndicatorCatalog = .builtin, progress: (@Sendable (LoadProgress) -> Void)? = nil,
        narrativeOptions: [String: NarrativeOptions] = [:], phraseFiles: [String] = []
    ) {
        self.catalog = catalog
        self.progress = progress
        self.narrativeOptions = narrativeOptions
        self.phraseFiles = phraseFiles
    }

    /// Loads paths (files or folders). Throws only when a path cannot be read at all;
    /// problems inside files are in the report.
    public func load(_ paths: [String]) throws(Diagnostic) -> LoadResult {
        let result = try read(paths)
        Self.releaseFreedMemory()
        return result
    }

    private func read(_ paths: [String]) throws(Diagnostic) -> LoadResult {
        var files: [(path: String, shown: String, dataset: String?)] = []
        var datasets: [String] = []
        var folderNotes: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw Diagnostic(id: "missing-data", "no such file or folder: \(path)", hint: "check the path")
            }
            if isDirectory.boolValue {
                let dataset = URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
                datasets.append(dataset)
                let scanned = Self.scan(path)
                files += scanned.files.map { ($0, Self.shown($0), dataset) }
                let groups = Dictionary(grouping: scanned.skipped, by: \.reason)
                for reason in groups.keys.sorted() {
                    let paths = groups[reason] ?? []
                    let names = paths.prefix(5).map { Self.shown($0.path) }.joined(separator: ", ")
                    let more = paths.count > 5 ? " and \(paths.count - 5) more" : ""
                    let outside = reason.hasPrefix("a link")
                    folderNotes.append(
                        Diagnostic(
                            .note, id: "file-skipped", "skipped in \(Self.shown(path)) (\(reason)): \(names)\(more)",
                            hint: outside
                                ? "name the file itself with --data to load it" : "data files are .csv, .yaml or .yml"))
                }
                let prose = Self.narrativeFiles(in: path)
                if !prose.isEmpty {
                    folderNotes.append(
                        Diagnostic(
                            .note, id: "narrative-not-read",
                            "\(prose.count) narrative report\(prose.count == 1 ? "" : "s") (.txt) in \(Self.shown(path)) \(prose.count == 1 ? "was" : "were") not read: prose wants a review first",
                            hint: "load one with .load \(Self.shown(prose[0])) (or --data), which lists its figures"))
                }
            } else {
                files.append((path, Self.shown(path), nil))
            }
        }
        var texts: [(shown: String, kind: DataFileKind?, text: String, records: [CSVRecord], dataset: String?)] = []
        var narratives: [Int: String] = [:]  // index in texts → the path as given
        var book: PhraseBook?  // made when the first narrative report comes
        // Bulk observation files are streamed through the fast reader; their text is made
        // only for the lines it declines.
        var bulkFiles: [Int: String] = [:]
        for file in files {
            if catalogsOnly, !file.path.hasSuffix(".csv") { continue }
            // An observations file is read later, a piece at a time; its first line says so.
            // A file whose first line is no layout is not read further.
            // (A first line that is not UTF-8 is left to the whole read, which says so.)
            if file.path.hasSuffix(".csv"), let head = Self.contents(of: file.path, upTo: 1 << 16),
                String(validating: head.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self) != nil
            {
                let first = CSVReader.records(String(decoding: head, as: UTF8.self)).prefix(1)
                let header = first.first?.fields.map { $0.trimmingSpaces.lowercased() } ?? []
                let kind = CSVLayout.kind(of: header)
                if kind == .observations {
                    if catalogsOnly { continue }
                    bulkFiles[texts.count] = file.path
                    texts.append((file.shown, .observations, "", [], file.dataset))
                    continue
                }
                if kind == nil, header.count > 1 || !(header.first ?? "").isEmpty {
                    if !catalogsOnly { texts.append((file.shown, nil, "", Array(first), file.dataset)) }
                    continue
                }
            }
            // Read, not mapped: a mapped file cut short by another program while it loads
            // would stop chiso with a bus error.
            guard let data = Self.contents(of: file.path) else {
                throw Diagnostic(id: "unreadable-data", "cannot read \(file.shown)")
            }
            // A narrative report may also come as UTF-16 from Word, as `chiso import` reads it.
            let decoded = file.path.hasSuffix(".txt") ? NarrativeText.decode(data) : String(data: data, encoding: .utf8)
            guard let text = decoded else {
                throw Diagnostic(id: "unreadable-data", "\(file.shown) is not UTF-8 text", hint: "save it as UTF-8")
            }
            if (file.path as NSString).lastPathComponent == "phrases.yaml" { continue }  // see phraseBook(for:)
            if file.path.hasSuffix(".txt") {
                narratives[texts.count] = file.path
                texts.append((file.shown, .report, text, [], file.dataset))
                continue
            }
            if file.path.hasSuffix(".csv") {
                let records = CSVReader.records(text)
                let header = records.first?.fields.map { $0.trimmingSpaces.lowercased() } ?? []
                let kind = CSVLayout.kind(of: header)
                if catalogsOnly, kind != .facilities, kind != .indicators { continue }
                texts.append((file.shown, kind, text, records, file.dataset))
            } else {
                texts.append((file.shown, .report, text, [], file.dataset))
            }
        }
        var state = LoadState(catalog: catalog)
        state.report.datasets = datasets
        state.report.diagnostics += folderNotes
        for file in texts where file.kind == nil && file.records.isEmpty {
            state.reject("the file is empty", id: "empty-file", file: file.shown, line: 1, hint: "a CSV file starts with its header line")
        }
        for file in texts where file.kind == nil && !file.records.isEmpty {
            state.reject(
                "unknown CSV layout", id: "unknown-layout", file: file.shown, line: 1,
                hint: "observations: facility,period,indicator,value; facilities: facility,name,level,parent; "
                    + "indicators: indicator,name_vi,name_en,kind,unit")
        }
        for file in texts where file.kind == .facilities {
            state.report.files.append(state.loadFacilities(file.records, file: file.shown, dataset: file.dataset))
        }
        for missing in state.facilities.link() {
            state.report.diagnostics.append(
                Diagnostic(.warning, id: "unknown-parent", "facility '\(missing.facility)' names an unknown parent '\(missing.missingParent)'; it is kept without one"))
        }
        for facility in state.facilities.cycles {
            state.report.diagnostics.append(
                Diagnostic(
                    .error, id: "parent-cycle", "facility '\(facility)' is its own ancestor: its parents lead back to it; it is kept without a parent",
                    hint: "check the parent column of the facilities file"))
        }
        for file in texts where file.kind == .indicators {
            state.report.files.append(state.loadIndicators(file.records, file: file.shown))
        }
        var builder = ObservationStore.Builder(facilities: state.facilities, catalog: state.catalog)
        let clock = ContinuousClock()
        let readStart = clock.now
        for (index, file) in texts.enumerated() where file.kind == .observations || file.kind == .report || file.kind == .plans {
            if isCancelled() { throw Self.cancelled }
            if let path = narratives[index] {
                if book == nil { book = try Self.phraseBook(for: paths, adding: phraseFiles) }
                let reader = NarrativeReader(phrases: book ?? PhraseBook(), facilities: state.facilities, catalog: state.catalog)
                state.report.files.append(state.loadNarrative(file.text, file: file.shown, reader: reader,
                    options: narrativeOptions[path] ?? NarrativeOptions()))
                continue
            }
            switch file.kind {
            case .report: state.report.files.append(state.loadReport(file.text, file: file.shown))
            case .plans: state.report.files.append(state.loadPlans(file.records, file: file.shown))
            default:
                if let path = bulkFiles[index] {
                    state.report.files.append(
                        try Self.loadBulk(path, file: file.shown, state: &state, builder: &builder, progress: progress,
                                          pieceSize: pieceSize, isCancelled: isCancelled))
                } else {
                    state.report.files.append(state.loadObservations(file.records, file: file.shown))
                }
            }
        }
        if isCancelled() { throw Self.cancelled }
        builder.fileOrder = texts.map(\.shown)
        // Undeclared indicators met by the full reader joined the catalog.
        builder.catalog = state.catalog
        // Rows repeating a figure exactly, by file: how many and the first's line.
        var repeated: [String: (count: Int, firstLine: Int)] = [:]
        func noteRepeats(_ file: String, _ count: Int, _ firstLine: Int) {
            let seen = repeated[file]
            repeated[file] = ((seen?.count ?? 0) + count, min(seen?.firstLine ?? firstLine, firstLine))
        }
        func charge(_ file: String?, conflicting: Int) {
            guard let index = state.report.files.lastIndex(where: { $0.file == file }) else { return }
            state.report.files[index].loaded -= conflicting
            state.report.files[index].rejected += conflicting
        }
        for (index, (observation, _)) in state.observations.enumerated() {
            let repeats = state.observationRepeats[index]
            switch builder.add(observation, repeats: repeats) {
            case .added: break
            case .repeated:
                // It and the rows repeating it repeat a figure added before.
                if let place = observation.provenance { noteRepeats(place.file, 1 + (repeats?.count ?? 0), place.line) }
            case .conflict(let conflict):
                state.report.add(conflict)
                charge(observation.provenance?.file, conflicting: 1 + (repeats?.count ?? 0))
            }
        }
        for plan in state.plans {
            if let conflict = builder.addPlan(plan) { state.report.add(conflict) }
        }
        let sealStart = clock.now
        let (store, warnings, counts) = builder.buildCounting()
        state.report.phases = [("read", sealStart - readStart), ("seal", clock.now - sealStart)]
        for warning in warnings { state.report.add(warning) }
        // Conflicts among bulk rows are found as the store is built, and rows repeating a
        // figure exactly; only the first conflicts are messages, all are counted.
        for found in counts {
            charge(found.file, conflicting: found.conflicting)
            if found.repeated > 0 { noteRepeats(found.file, found.repeated, found.firstRepeated) }
            let messages = warnings.filter { $0.id == "conflicting-value" && $0.location?.file == found.file }.count
            state.report.omitted += max(0, found.conflicting - messages)
        }
        for file in Set(state.report.files.map(\.file)).sorted() {
            guard let (count, firstLine) = repeated[file],
                let index = state.report.files.lastIndex(where: { $0.file == file })
            else { continue }
            state.report.files[index].loaded -= count
            let rows = count == 1 ? "1 row repeats" : "\(LoadReport.grouped(count)) rows repeat"
            // One per file, kept past the limit on problems: it accounts for rows.
            state.report.diagnostics.append(
                Diagnostic(
                    .note, id: "repeated-row", "\(rows) a figure of an earlier row exactly; each figure is kept once",
                    location: SourceLocation(file: file, line: firstLine, column: 1)))
        }
        for undeclared in state.report.undeclared {
            state.report.add(
                Diagnostic(
                    .warning, id: "undeclared-indicator",
                    "indicator '\(undeclared.id)' is in no catalog; its \(undeclared.rows) row\(undeclared.rows == 1 ? "" : "s") loaded as a count",
                    location: undeclared.firstSeen,
                    hint: undeclared.suggestion.map { "did you mean '\($0)'?" } ?? "declare it in an indicators.csv"))
        }
        return LoadResult(store: store, report: state.report)
    }

    static let cancelled = Diagnostic(
        id: "cancelled", "load cancelled (Ctrl-C); the data loaded before is unchanged",
        hint: "nothing of the files was loaded: load them again to have them")

    /// The phrases narrative reports are read with: the bundled ones, every `phrases.yaml`
    /// under the data folders, and the files added.
    public static func phraseBook(for paths: [String], adding extra: [String] = []) throws(Diagnostic) -> PhraseBook {
        var book = try PhraseBook.bundled()
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            files += dataFiles(in: path).filter { ($0 as NSString).lastPathComponent == "phrases.yaml" }
        }
        for file in files + extra {
            guard let data = contents(of: file) else {
                throw Diagnostic(id: "missing-data", "cannot read phrase file \(file)", hint: "check the path")
            }
            try book.add(String(decoding: data, as: UTF8.self), file: shown(file))
        }
        return book
    }

    /// Gives back to the system what reading the files used and freed, so the resident
    /// size after a load is the store's. glibc's `malloc_trim`, found at run time (its
    /// header is not in Swift's Glibc module).
    static func releaseFreedMemory() {
        #if canImport(Glibc)
            typealias Trim = @convention(c) (Int) -> Int32
            guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }

    /// A file's first bytes, to tell its kind by its first line.
    static func contents(of path: String, upTo limit: Int) -> Data? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: limit)) ?? Data()
    }

    /// A file's bytes. An empty file is answered without reading it: Foundation's reader
    /// leaks its 4 KB buffer on one (found by the fuzzer's leak checker).
    static func contents(of path: String) -> Data? {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size == 0 {
            return Data()
        }
        return FileManager.default.contents(atPath: path)
    }

    /// Narrative reports under a folder, which are read only when named.
    static func narrativeFiles(in folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if !name.hasPrefix("."), name.hasSuffix(".txt") { result.append((folder as NSString).appendingPathComponent(relative)) }
        }
        return result.sorted()
    }

    /// Data files under a folder, in name order.
    static func dataFiles(in folder: String) -> [String] { scan(folder).files }

    /// A folder's data files, and what was passed over: files of no known kind, and links
    /// that lead out of the folder (a folder's data stays in the folder).
    static func scan(_ folder: String) -> (files: [String], skipped: [(path: String, reason: String)]) {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return ([], []) }
        let root = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path + "/"
        var files: [String] = []
        var skipped: [(String, String)] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") { continue }
            let path = (folder as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            if !target.hasPrefix(root) {
                skipped.append((path, "a link out of the folder"))
                continue
            }
            // A narrative report (.txt) is read only when named: its figures want a review.
            if name.hasSuffix(".csv") || name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                files.append(path)
            } else if !name.hasSuffix(".txt") && !name.hasSuffix(".md") {
                skipped.append((path, "not a kind of data file chiso reads"))
            }
        }
        return (files.sorted(), skipped.sorted { $0.0 < $1.0 })
    }

    /// A path as shown in messages: relative to the working folder when inside it.
    static func shown(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath
        if absolute.hasPrefix(cwd + "/") { return String(absolute.dropFirst(cwd.count + 1)) }
        return path
    }
}
