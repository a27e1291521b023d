import ChisoModel
import Dispatch
import Foundation

/// The fast path for bulk observations (`facility,period,indicator,value`, with any of
/// the optional columns, in any order), read as bytes, one half per core.
///
/// A line is read here only when nothing about it can be in doubt: its optional fields
/// empty, a known facility id,
/// a declared indicator that is not a rate, a month (`2025M03`), and a plain
/// non-negative number. Any other line (spaces, quotes, a name to look up, another
/// period, `27.662`, `hơn 63 nghìn`, an error) goes to the full reader with its line
/// number, so figures and messages are the same whichever path read them.
enum BulkReader {
    struct Result {
        /// The rows, a chunk per core, in reading order.
        var chunks: [BulkRows]
        /// Lines for the full reader: their number and text (nil when not UTF-8).
        var others: [(line: Int, text: String?)]
        /// Lines read, empty ones included.
        var lines = 0
        /// Lines that repeat the line before them byte for byte: their figure is read once
        /// (`rows.repeats` says after which row).
        var repeats = 0

        var rowCount: Int { chunks.reduce(0) { $0 + $1.count } }
    }

    /// What a file's header says about its lines, and the names to code them with.
    struct Layout: Sendable {
        fileprivate var columns: Columns
        fileprivate var facilities: NameTable
        fileprivate var indicators: NameTable
        fileprivate var isRate: [Bool]
        fileprivate var maximum: [Double]
    }

    /// Reads a whole file's bytes, or returns nil when the file is not for the fast path.
    static func read(
        _ data: Data, file: String, facilities: FacilityDirectory, catalog: IndicatorCatalog,
        progress: (@Sendable (LoadProgress) -> Void)? = nil
    ) -> Result? {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            // Quotes can hide separators and line breaks: the full reader handles them.
            guard let base = bytes.baseAddress, memchr(base, Int32(UInt8(ascii: "\"")), bytes.count) == nil else { return nil }
            let position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            guard let headerEnd = bytes[position...].firstIndex(of: newline),
                let layout = layout(
                    header: String(decoding: bytes[position..<headerEnd], as: UTF8.self), facilities: facilities, catalog: catalog)
            else { return nil }
            let size = bytes.count
            let report = progress.map { progress in
                { @Sendable (done: Int, rows: Int) in
                    progress(LoadProgress(file: file, bytesRead: headerEnd + 1 + done, bytesTotal: size, rows: rows))
                }
            }
            return read(bytes, body: headerEnd + 1..<bytes.count, layout: layout, file: file, firstLine: 2, report: report)
        }
    }

    /// The layout of a header line, or nil when the fast path cannot read its files: a
    /// column it does not know, one named twice, or one of the four missing.
    static func layout(header line: String, facilities: FacilityDirectory, catalog: IndicatorCatalog) -> Layout? {
        let header = line.split(separator: ",", omittingEmptySubsequences: false)
            .map { String($0).trimmingSpaces.lowercased() }
        // The four columns, and optional ones (qualifier, numerator…) that must be empty
        // on a line for the fast path to read it.
        let known = Set(CSVLayout.observationsRequired + CSVLayout.observationsOptional)
        guard Set(header).count == header.count, header.allSatisfy(known.contains),
            let facilityColumn = header.firstIndex(of: "facility"), let periodColumn = header.firstIndex(of: "period"),
            let indicatorColumn = header.firstIndex(of: "indicator"), let valueColumn = header.firstIndex(of: "value")
        else { return nil }
        let columns = Columns(
            facility: facilityColumn, period: periodColumn, indicator: indicatorColumn, value: valueColumn,
            numerator: header.firstIndex(of: "numerator") ?? -1, denominator: header.firstIndex(of: "denominator") ?? -1,
            count: header.count)
        let facilityTable = NameTable(facilities.facilities.enumerated().map { ($0.element.id, $0.offset) })
        let indicatorTable = NameTable(
            catalog.indicators.enumerated().compactMap { code, indicator in
                catalog.undeclared.contains(indicator.id) ? nil : (indicator.id, code)
            })
        // A value past its indicator's maximum, or n above N, goes to the full reader, which
        // refuses or warns.
        return Layout(
            columns: columns, facilities: facilityTable, indicators: indicatorTable,
            isRate: catalog.indicators.map { $0.kind == .ratio }, maximum: catalog.indicators.map { $0.maximum ?? .infinity })
    }

    /// Reads whole lines (`body` ends after a line break, or at the file's end), one half
    /// per core. `firstLine` is the number of the body's first line; `report` is told the
    /// bytes and rows done so far, now and then.
    static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, body: Range<Int>, layout: Layout, file: String, firstLine: Int,
        report: (@Sendable (_ done: Int, _ rows: Int) -> Void)? = nil
    ) -> Result {
        // Two halves, split at a line break.
        var middle = body.lowerBound + body.count / 2
        while middle < body.upperBound && middle > body.lowerBound && bytes[middle - 1] != newline { middle += 1 }
        let ranges = [body.lowerBound..<middle, middle..<body.upperBound]
        let parts = UnsafeMutableBufferPointer<Part>.allocate(capacity: ranges.count)
        _ = parts.initialize(from: ranges.map { _ in Part() })
        defer {
            parts.deinitialize()
            parts.deallocate()
        }
        let shared = Shared(bytes: bytes, parts: parts)
        let halves = ranges.count
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            // The first half tells how far it has got, for both: they go at one pace.
            let told: ((Int, Int) -> Void)? = index == 0 ? report.map { report in { done, rows in report(done * halves, rows * halves) } } : nil
            shared.parts[index] = readPart(shared.bytes, ranges[index], layout: layout, report: told)
        }
        // Line numbers: each half starts after the lines before. The halves' columns are
        // handed on as they are, not copied into one.
        var result = Result(chunks: [], others: [])
        var lineNumber = firstLine
        for index in parts.indices {
            var part = Part()
            swap(&part, &parts[index])
            part.rows.file = file
            part.rows.firstLine = Int32(lineNumber)
            result.repeats += part.rows.repeats.values.reduce(0) { $0 + Int($1) }
            result.chunks.append(part.rows)
            result.others += part.others.map { (line: $0.line + lineNumber, text: $0.text) }
            lineNumber += part.lines
        }
        result.lines = lineNumber - firstLine
        return result
    }

    private static let newline = UInt8(ascii: "\n")

    fileprivate struct Columns {
        var facility, period, indicator, value: Int
        /// A rate's parts, or -1 when the file has no such column.
        var numerator, denominator: Int
        /// Fields on a line; those not named above must be empty.
        var count: Int
    }

    /// What one half of the file gave. Lines count from 0 at the half's start.
    private struct Part {
        /// The rows read, their lines counted from the half's start.
        var rows = BulkRows(file: "")
        var others: [(line: Int, text: String?)] = []
        var lines = 0
    }

    /// The file's bytes, read by both workers, and the halves' results, each written by
    /// its own worker only; both outlive the workers.
    private final class Shared: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
        let parts: UnsafeMutableBufferPointer<Part>
        init(bytes: UnsafeBufferPointer<UInt8>, parts: UnsafeMutableBufferPointer<Part>) {
            self.bytes = bytes
            self.parts = parts
        }
    }

    private static func readPart(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, layout: Layout, report: ((Int, Int) -> Void)? = nil
    ) -> Part {
        let columns = layout.columns
        let facilities = layout.facilities
        let indicators = layout.indicators
        let isRate = layout.isRate
        let maximum = layout.maximum
        var part = Part()
        guard let base = bytes.baseAddress else { return part }
        let estimate = range.count / 28
        part.rows.facility.reserveCapacity(estimate)
        part.rows.indicator.reserveCapacity(estimate)
        part.rows.month.reserveCapacity(estimate)
        part.rows.value.reserveCapacity(estimate)
        part.rows.line.reserveCapacity(estimate)
        var lineStart = range.lowerBound
        var fields = [Range<Int>](repeating: 0..<0, count: columns.count)
        // Files usually list one facility's rows together: the last facility read is
        // compared first, before a look-up.
        var lastFacility: (field: Range<Int>, code: Int)? = nil
        var lastRead: Range<Int>? = nil
        func sameFacility(_ field: Range<Int>) -> Int? {
            guard let last = lastFacility, last.field.count == field.count,
                memcmp(base + last.field.lowerBound, base + field.lowerBound, field.count) == 0
            else { return nil }
            return last.code
        }
        while lineStart < range.upperBound {
            let lineEnd = firstIndex(of: newline, base, lineStart..<range.upperBound)
            let line = part.lines
            part.lines += 1
            if let report, line & 0xFFFF == 0 { report(lineStart - range.lowerBound, part.rows.value.count) }
            var contentEnd = lineEnd
            if contentEnd > lineStart && bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            defer { lineStart = lineEnd + 1 }
            if contentEnd == lineStart { continue }  // an empty line, as the full reader skips it
            // A line that repeats the one before byte for byte, read fast, is its figure again:
            // a file of one row repeated loads in the memory of one row.
            if let last = lastRead, last.count == contentEnd - lineStart,
                memcmp(base + last.lowerBound, base + lineStart, last.count) == 0
            {
                part.rows.repeats[part.rows.value.count - 1, default: 0] += 1
                continue
            }
            lastRead = nil
            // Split into exactly the header's number of fields (a line with more is not
            // split further: it goes to the full reader).
            var count = 0
            var fieldStart = lineStart
            var extra = 0
            while count <= columns.count {
                let fieldEnd = firstIndex(of: UInt8(ascii: ","), base, fieldStart..<contentEnd)
                if count < columns.count { fields[count] = fieldStart..<fieldEnd }
                count += 1
                if fieldEnd == contentEnd { break }
                fieldStart = fieldEnd + 1
            }
            if count == columns.count {
                for (i, field) in fields.enumerated()
                where i != columns.facility && i != columns.period && i != columns.indicator && i != columns.value
                    && i != columns.numerator && i != columns.denominator
                {
                    extra += field.count
                }
            }
            // A count, stock or percentage: a value and no parts. A rate: its parts and no
            // value; 0 of 0 is a figure (nothing expected), n of 0 the full reader refuses.
            var read: (value: Double, parts: (Double, Double)?)? = nil
            if count == columns.count, extra == 0,
                let facility = sameFacility(fields[columns.facility]) ?? facilities.code(bytes, fields[columns.facility]),
                let indicator = indicators.code(bytes, fields[columns.indicator]),
                let month = month(bytes, fields[columns.period])
            {
                let numeratorField = columns.numerator >= 0 ? fields[columns.numerator] : 0..<0
                let denominatorField = columns.denominator >= 0 ? fields[columns.denominator] : 0..<0
                if !isRate[indicator], numeratorField.isEmpty, denominatorField.isEmpty,
                    let value = number(bytes, fields[columns.value]), value <= maximum[indicator]
                {
                    read = (value, nil)
                } else if isRate[indicator], fields[columns.value].isEmpty,
                    let n = number(bytes, numeratorField), let d = number(bytes, denominatorField), d > 0 || n == 0, n <= d
                {
                    read = (d > 0 ? n / d * 100 : 0, (n, d))
                }
                if let read {
                    lastFacility = (fields[columns.facility], facility)
                    lastRead = lineStart..<contentEnd
                    if let parts = read.parts { part.rows.parts[part.rows.value.count] = parts }
                    part.rows.facility.append(UInt16(facility))
                    part.rows.indicator.append(UInt16(indicator))
                    part.rows.month.append(month)
                    part.rows.value.append(read.value)
                    part.rows.line.append(Int32(line))
                }
            }
            if read == nil {
                part.others.append((line, String(validating: UnsafeBufferPointer(rebasing: bytes[lineStart..<contentEnd]), as: UTF8.self)))
            }
        }
        return part
    }

    /// Where a byte first comes in a range, or the range's end: eight bytes at a time (a
    /// call to `memchr` costs more than the few bytes of a field).
    @inline(__always)
    private static func firstIndex(of byte: UInt8, _ base: UnsafePointer<UInt8>, _ range: Range<Int>) -> Int {
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let pattern = ones &* UInt64(byte)
        var index = range.lowerBound
        while index + 8 <= range.upperBound {
            // A zero byte of `word` marks the byte; the lowest flag is exact.
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ pattern
            let flags = (word &- ones) & ~word & (ones << 7)
            if flags != 0 { return index + flags.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < range.upperBound, base[index] != byte { index += 1 }
        return index
    }

    /// `2025M03` as a month index; nil for anything else.
    private static func month(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Int16? {
        guard field.count == 7, bytes[field.lowerBound + 4] == UInt8(ascii: "M") else { return nil }
        var year = 0
        for i in field.lowerBound..<field.lowerBound + 4 {
            let digit = Int(bytes[i]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            year = year * 10 + digit
        }
        let tens = Int(bytes[field.lowerBound + 5]) - 48
        let ones = Int(bytes[field.lowerBound + 6]) - 48
        guard (0...9).contains(tens), (0...9).contains(ones) else { return nil }
        let month = tens * 10 + ones
        guard (1...12).contains(month), Period.acceptedYears.contains(year) else { return nil }
        return Int16(year * 12 + month - 1)
    }

    /// A plain non-negative number: digits, with a decimal point and other than three
    /// digits after it (`27.662` groups thousands, which the full reader decides).
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Double? {
        guard !field.isEmpty else { return nil }
        var whole: Int64 = 0
        var digits = 0
        var index = field.lowerBound
        while index < field.upperBound, bytes[index] >= 48, bytes[index] <= 57 {
            whole = whole * 10 + Int64(bytes[index] - 48)
            digits += 1
            index += 1
            if digits > 15 { return nil }
        }
        guard digits > 0 else { return nil }
        if index == field.upperBound { return Double(whole) }
        guard bytes[index] == UInt8(ascii: ".") else { return nil }
        let fractionStart = index + 1
        index = fractionStart
        var mantissa = whole
        while index < field.upperBound, bytes[index] >= 48, bytes[index] <= 57 {
            if digits < 15 { mantissa = mantissa * 10 + Int64(bytes[index] - 48) }
            digits += 1
            index += 1
        }
        let fractionDigits = index - fractionStart
        guard index == field.upperBound, fractionDigits > 0, fractionDigits != 3 else { return nil }
        // Fifteen digits or fewer: both the digits and the power of ten are exact doubles, so
        // one division rounds once, to the double the standard conversion gives.
        if digits <= 15 { return Double(mantissa) / powersOfTen[fractionDigits] }
        // The standard conversion, so a decimal reads exactly as the full reader reads it.
        return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[field]), as: UTF8.self))
    }

    /// 10⁰ to 10¹⁵, each exact.
    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]
}

/// Ids to codes, looked up by their bytes without making strings: open addressing on a
/// power-of-two table, hashed eight bytes at a time.
struct NameTable: Sendable {
    private var slots: [Int32]
    private var keys: [[UInt8]] = []
    private var codes: [Int] = []
    private let mask: Int

    init(_ entries: [(String, Int)]) {
        var size = 16
        while size < entries.count * 2 { size *= 2 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for (name, code) in entries {
            let key = Array(name.utf8)
            var slot = key.withUnsafeBytes { Self.hash($0) } & mask
            while slots[slot] >= 0 {
                if keys[Int(slots[slot])] == key { break }
                slot = (slot + 1) & mask
            }
            guard slots[slot] < 0 else { continue }
            slots[slot] = Int32(keys.count)
            keys.append(key)
            codes.append(code)
        }
    }

    func code(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let field = UnsafeBufferPointer(rebasing: bytes[range])
        var slot = Self.hash(UnsafeRawBufferPointer(field)) & mask
        while true {
            let entry = Int(slots[slot])
            guard entry >= 0 else { return nil }
            let matches = keys[entry].count == field.count
                && keys[entry].withUnsafeBufferPointer { key in
                    guard let a = key.baseAddress, let b = field.baseAddress else { return field.isEmpty }
                    return memcmp(a, b, field.count) == 0
                }
            if matches { return codes[entry] }
            slot = (slot + 1) & mask
        }
    }

    /// Eight bytes at a time, then the rest one by one, each step a multiply; the length
    /// is mixed in first and the bits spread at the end.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        var h = UInt64(truncatingIfNeeded: bytes.count) &* 0x9E37_79B9_7F4A_7C15
        var i = 0
        while i + 8 <= bytes.count {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            h ^= h >> 29
            i += 8
        }
        while i < bytes.count {
            h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01B3
            i += 1
        }
        h ^= h >> 32
        h = h &* 0xD6E8_FEB8_6659_FD93
        h ^= h >> 32
        return Int(truncatingIfNeeded: h >> 1)
    }
}
