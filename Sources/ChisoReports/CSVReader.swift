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
    static func records(_ text: String) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var fieldStarted = false
        var column = 0
        var quoteColumn = 0
        var problem: (String, Int)?
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        if let first = iterator.next(), first != "\u{FEFF}" { pending = first }
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
