import ChisoModel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Observations files, streamed: read a piece at a time, whole lines, so memory stays
/// within a few pieces and the rows kept, whatever the file's size.
extension DatasetLoader {
    /// The fast reader takes each piece on both cores and the full reader the lines it
    /// declines. A piece with a quote in it goes to the full reader whole, cut where a
    /// record ends (a quoted field can hold line breaks).
    static func loadBulk(
        _ path: String, file: String, state: inout LoadState, builder: inout ObservationStore.Builder,
        progress: (@Sendable (LoadProgress) -> Void)?, pieceSize: Int, isCancelled: @Sendable () -> Bool = { false }
    ) throws(Diagnostic) -> FileSummary {
        var stream = try PieceStream(path: path, file: file, pieceSize: pieceSize)
        var summary = FileSummary(file: file, kind: .observations, loaded: 0, rejected: 0)
        // The header: the first line, read on until it ends.
        try stream.read { $0.firstIndex(of: newline).map { $0 + 1 } }
        let headerBytes = stream.pending.prefix { $0 != newline }
        guard var header = String(validating: headerBytes, as: UTF8.self) else {
            throw Diagnostic(id: "unreadable-data", "\(file):1 is not UTF-8 text", hint: "save the file as UTF-8")
        }
        if header.hasPrefix("\u{FEFF}") { header.removeFirst() }
        if header.hasSuffix("\r") { header.removeLast() }
        stream.consume(min(headerBytes.count + 1, stream.pending.count))
        let layout = BulkReader.layout(header: header, facilities: state.facilities, catalog: state.catalog)
        // The full reader takes each piece's lines behind the header's record.
        let headerRecord = Array(CSVReader.records(header).prefix(1))
        var line = 2
        var rowsSeen = 0
        while true {
            if isCancelled() { throw cancelled }
            // Where the piece ends, and whether it may hold a quote: the scan of all the
            // bytes read answers for the piece unless it found one.
            var quoted = true
            try stream.read { bytes in
                quoted = layout == nil || hasQuote(bytes, 0..<bytes.count)
                return quoted ? CSVReader.lastRecordEnd(bytes, 0..<bytes.count) : bytes.lastIndex(of: newline).map { $0 + 1 }
            }
            let end = stream.pieceEnd
            if end == 0 { break }
            if quoted, layout != nil { quoted = stream.withPending { hasQuote($0, 0..<end) } }
            if let layout, !quoted {
                let base = stream.consumed
                let rowsBefore = summary.loaded
                let total = stream.size
                let report = progress.map { progress in
                    { @Sendable (done: Int, rows: Int) in
                        progress(LoadProgress(file: file, bytesRead: base + done, bytesTotal: total, rows: rowsBefore + rows))
                    }
                }
                let piece = stream.withPending {
                    BulkReader.read($0, body: 0..<end, layout: layout, file: file, firstLine: line, report: report)
                }
                for chunk in piece.chunks { builder.add(chunk) }
                summary.loaded += piece.rowCount + piece.repeats
                rowsSeen += piece.rowCount + piece.repeats + piece.others.count
                var records = headerRecord
                for other in piece.others {
                    guard let text = other.text else {
                        throw Diagnostic(id: "unreadable-data", "\(file):\(other.line) is not UTF-8 text", hint: "save the file as UTF-8")
                    }
                    records += CSVReader.records(text).map { CSVRecord(fields: $0.fields, line: other.line, problem: $0.problem) }
                }
                if records.count > 1 { summary.add(state.loadObservations(records, file: file)) }
                line += piece.lines
            } else {
                let bytes = stream.pending.prefix(end)
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw Diagnostic(
                        id: "unreadable-data", "\(file):\(line + firstInvalidLine(bytes)) is not UTF-8 text",
                        hint: "save the file as UTF-8")
                }
                let records = headerRecord + CSVReader.records(text, firstLine: line)
                rowsSeen += records.count - 1
                summary.add(state.loadObservations(records, file: file))
                line += bytes.reduce(0) { $0 + ($1 == newline ? 1 : 0) }
            }
            stream.consume(end)
            progress?(LoadProgress(file: file, bytesRead: stream.consumed, bytesTotal: stream.size, rows: summary.loaded))
        }
        if rowsSeen == 0 {
            state.report.add(
                Diagnostic(
                    .note, id: "no-rows", "\(file) has a header line and no rows",
                    location: SourceLocation(file: file, line: 1, column: 1), hint: "rows go below the header: facility,period,indicator,value"))
        }
        return summary
    }

    private static let newline = UInt8(ascii: "\n")
    private static let quote = UInt8(ascii: "\"")

    private static func hasQuote(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let base = bytes.baseAddress, !range.isEmpty else { return false }
        return memchr(base + range.lowerBound, Int32(quote), range.count) != nil
    }

    /// The line, counted from 0, of the first bytes that are not UTF-8.
    private static func firstInvalidLine(_ bytes: ArraySlice<UInt8>) -> Int {
        for (number, line) in bytes.split(separator: newline, omittingEmptySubsequences: false).enumerated()
        where String(validating: line, as: UTF8.self) == nil {
            return number
        }
        return 0
    }
}

extension FileSummary {
    mutating func add(_ other: FileSummary) {
        loaded += other.loaded
        rejected += other.rejected
    }
}

/// A file read a piece at a time: the bytes read and not yet used, and where the piece
/// to use now ends. The bytes are read into one buffer, kept from piece to piece.
struct PieceStream {
    let file: String
    let size: Int
    let pieceSize: Int
    private let handle: FileHandle
    /// The bytes read and not yet used are `buffer[head..<tail]`; past `tail` is room to
    /// read into.
    private var buffer: [UInt8] = []
    private var head = 0
    private var tail = 0
    /// Bytes of the file before `pending`.
    private(set) var consumed = 0
    /// The end of the piece in `pending`; 0 when the file is used up.
    private(set) var pieceEnd = 0
    private var atEnd = false

    init(path: String, file: String, pieceSize: Int) throws(Diagnostic) {
        // Read, not mapped: a mapped file cut short by another program while it loads
        // would stop chiso with a bus error.
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Diagnostic(id: "unreadable-data", "cannot read \(file)")
        }
        self.handle = handle
        self.file = file
        self.pieceSize = max(pieceSize, 1)
        self.size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0
    }

    /// The bytes read and not yet used (indexed as in the buffer: take them by `prefix`).
    var pending: ArraySlice<UInt8> { buffer[head..<tail] }

    /// Calls `body` with the bytes read and not yet used.
    func withPending<T, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> T) throws(E) -> T {
        try buffer.withUnsafeBufferPointer { bytes throws(E) in try body(UnsafeBufferPointer(rebasing: bytes[head..<tail])) }
    }

    /// Reads until `end` finds where the piece ends in the pending bytes, or to the
    /// file's end (then the piece is all that is left).
    mutating func read(until end: (UnsafeBufferPointer<UInt8>) -> Int?) throws(Diagnostic) {
        if tail - head < pieceSize { try readMore() }
        while true {
            if let found = withPending({ bytes in end(bytes) }), found > 0 {
                pieceEnd = found
                return
            }
            if atEnd {
                pieceEnd = tail - head
                return
            }
            try readMore()  // a line or record longer than a piece
        }
    }

    mutating func consume(_ count: Int) {
        head += count
        consumed += count
        pieceEnd = 0
        if head == tail, atEnd { try? handle.close() }
    }

    /// Reads up to a piece more, after the pending bytes moved to the buffer's start.
    private mutating func readMore() throws(Diagnostic) {
        guard !atEnd else { return }
        let pendingCount = tail - head
        if head > 0 {
            buffer.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return }
                memmove(base, base + head, pendingCount)
            }
            head = 0
            tail = pendingCount
        }
        // A piece, or what is left of the file when that is less (and a byte more, to see
        // its end); the buffer grows to hold it.
        let left = max(0, size - consumed - tail)
        let room = min(pieceSize, max(left + 1, 1 << 12))
        if buffer.count - tail < room {
            var grown = [UInt8](repeating: 0, count: tail + room)
            grown.withUnsafeMutableBytes { target in
                buffer.withUnsafeBytes { source in
                    guard let to = target.baseAddress, let from = source.baseAddress else { return }
                    memcpy(to, from, tail)
                }
            }
            buffer = grown
        }
        let descriptor = handle.fileDescriptor
        var filled = 0
        while filled < room {
            let start = tail + filled
            let wanted = room - filled
            let got = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return systemRead(descriptor, base + start, wanted)
            }
            if got == 0 {
                atEnd = true
                try? handle.close()
                break
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw Diagnostic(id: "unreadable-data", "cannot read \(file): \(String(cString: strerror(errno)))")
            }
            filled += got
        }
        tail += filled
    }
}

/// The system's `read`, by a name that the stream's own `read` does not hide.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
    #else
        Darwin.read(descriptor, buffer, count)
    #endif
}
