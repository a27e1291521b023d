import ChisoModel

/// One record of a CSV file, with the line it starts on.
struct CSVRecord {
    var fields: [String]
    var line: Int
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
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        if let first = iterator.next(), first != "\u{FEFF}" { pending = first }
        func finishRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(CSVRecord(fields: fields, line: recordLine))
            }
            fields = []
            field = ""
            fieldStarted = false
        }
        while let scalar = pending ?? iterator.next() {
            pending = nil
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
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where !fieldStarted:
                inQuotes = true
                fieldStarted = true
            case ",":
                fields.append(field)
                field = ""
                fieldStarted = false
            case "\r":
                continue
            case "\n":
                finishRecord()
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(scalar)
                fieldStarted = true
            }
        }
        if !field.isEmpty || !fields.isEmpty { finishRecord() }
        return records
    }
}
