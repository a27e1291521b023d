import ChisoModel

/// One record of a CSV file, with the line it starts on.
struct CSVRecord {
    var fields: [String]
    var line: Int
    /// What makes the record unreadable, and the column: a NUL byte, a quote never closed.
    var problem: (message: String, column: Int)? = nil
}

/// A small RFC 4180 reader: commas, double-quoted fields with `""` escapes and line
/// breaks, `\r\n` or `\n` endings, an optional byte-order mark.
enum CSVReader {
    /// The records of a text whose first line is line `firstLine` of its file.
    static func records(_ text: String, firstLine: Int = 1) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = firstLine
        var recordLine = firstLine
        var fieldStarted = false
        var column = 0
        var quoteColumn = 0
        var problem: (String, Int)?
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        // A byte-order mark opens a file, not a piece of one.
        if let first = iterator.next(), first != "\u{FEFF}" || firstLine != 1 { pending = first }
        func finishRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) || problem != nil {
                records.append(CSVRecord(fields: fields, line: recordLine, problem: problem))
            }
            problem = nil
            fields = []
            field = ""
            fieldStarted = false
        }
        while let scalar = pending ?? iterator.next() {
            pending = nil
            column += 1
            if scalar == "\u{0}", problem == nil { problem = ("a NUL byte stands in the record", column) }
            if inQuotes {
                if scalar == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else {
                            inQuotes = false
                            pending = next
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" {
                        line += 1
                        column = 0
                    }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where !fieldStarted:
                inQuotes = true
                fieldStarted = true
                quoteColumn = column
            case ",":
                fields.append(field)
                field = ""
                fieldStarted = false
            case "\r":
                continue
            case "\n":
                finishRecord()
                line += 1
                column = 0
                recordLine = line
            default:
                field.unicodeScalars.append(scalar)
                fieldStarted = true
            }
        }
        if inQuotes, problem == nil {
            problem = ("a quote opened at line \(recordLine), column \(quoteColumn) is never closed", quoteColumn)
        }
        if !field.isEmpty || !fields.isEmpty || problem != nil { finishRecord() }
        return records
    }
}

extension CSVReader {
    /// Where the last record in `range` ends: just after its line break, or nil when no
    /// record ends there (a quoted field can hold line breaks). Decides quotes as
    /// `records` does, on bytes.
    static func lastRecordEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        var inQuotes = false
        var fieldStarted = false
        var end: Int? = nil
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                guard byte == quote else { continue }
                // `""` is a quote inside the field; a quote at the range's end is undecided,
                // and nothing after it is looked at.
                if index < range.upperBound, bytes[index] == quote {
                    index += 1
                } else {
                    inQuotes = false
                }
                continue
            }
            switch byte {
            case quote where !fieldStarted:
                inQuotes = true
                fieldStarted = true
            case comma: fieldStarted = false
            case carriageReturn: break
            case newline:
                end = index
                fieldStarted = false
            default: fieldStarted = true
            }
        }
        return end
    }
}
