import ChisoExecutor
import ChisoModel

/// CSV with plain numbers; every number column is followed by its facts as columns:
/// `_qualifier`, `_derived`, `_months` (covered months when partial), and for rates
/// `_numerator` and `_denominator`.
enum CSVWriter {
    static func write(_ table: ResultTable) -> String {
        var header: [String] = []
        var extractors: [(([Cell]) -> String)] = []
        for (i, column) in table.columns.enumerated() {
            header.append(column.key)
            extractors.append { row in value(row[i]) }
            guard column.role == .measure, annotated(table, column: i) else { continue }
            header += [column.key + "_qualifier", column.key + "_derived"]
            extractors.append { $0[i].measure?.qualifier.name ?? "" }
            extractors.append { row in row[i].measure.map { $0.isDerived ? "true" : "false" } ?? "" }
            if column.carriesCoverage {
                header.append(column.key + "_months")
                extractors.append { row in row[i].measure?.coverage.map { "\($0.covered)/\($0.total)" } ?? "" }
            }
            if table.rows.contains(where: { $0[i].measure?.denominator != nil }) {
                header += [column.key + "_numerator", column.key + "_denominator"]
                extractors.append { row in row[i].measure?.numerator.map(NumberFormat.plain) ?? "" }
                extractors.append { row in row[i].measure?.denominator.map(NumberFormat.plain) ?? "" }
            }
        }
        var lines = [header.map(escape).joined(separator: ",")]
        for row in table.rows {
            lines.append(extractors.map { escape($0(row)) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A column of reports' figures always has its annotation columns, whatever the rows,
    /// so a script's file has the same columns every period; a column of plain tallies
    /// (`figures` in listings) has them only when a cell needs them.
    static func annotated(_ table: ResultTable, column: Int) -> Bool {
        guard table.columns[column].isTally else { return true }
        return table.rows.contains { row in
            guard let m = row[column].measure else { if case .missing = row[column] { return true }; return false }
            return m.unit != .count || m.qualifier != .exact || m.isDerived || m.coverage != nil
        } || table.rows.isEmpty
    }

    static func value(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): return text.trimmingLeadingSpaces
        case .measure(let m): return NumberFormat.plain(m.value)
        case .missing: return ""
        }
    }

    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A JSON value with ordered keys, so output is deterministic.
indirect enum JSONValue {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])
}

enum JSONWriter {
    static func write(_ table: ResultTable) -> String {
        let rows: [JSONValue] = table.rows.map { row in
            .object(zip(table.columns, row).map { column, cell in (column.key, json(cell)) })
        }
        return object([
            ("columns", .array(table.columns.map { .string($0.key) })), ("rows", .array(rows)),
            ("notes", .array(table.notes.map { .string($0) })),
        ]) + "\n"
    }

    static func json(_ cell: Cell) -> JSONValue {
        switch cell {
        case .text(let text): return .string(text.trimmingLeadingSpaces)
        case .missing(let reason):
            return reason.map { .object([("value", .null), ("missing", .string($0))]) } ?? .null
        case .measure(let m):
            var fields: [(String, JSONValue)] = [("value", .number(m.value)), ("qualifier", .string(m.qualifier.name))]
            fields.append(("derived", .bool(m.isDerived)))
            if let derivation = m.derivation {
                fields.append(("derivation", .string(DerivationText.kind(derivation))))
                fields.append(("how", .string(DerivationText.explain(derivation, plain: true))))
            }
            if let coverage = m.coverage {
                fields.append(("months_covered", .number(Double(coverage.covered))))
                fields.append(("months_in_period", .number(Double(coverage.total))))
            }
            if let n = m.numerator { fields.append(("numerator", .number(n))) }
            if let d = m.denominator { fields.append(("denominator", .number(d))) }
            if !m.sources.isEmpty { fields.append(("sources", .array(m.sources.map { .string($0.description) }))) }
            return .object(fields)
        }
    }

    static func object(_ fields: [(String, JSONValue)]) -> String { encode(.object(fields)) }

    static func encode(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return quote(s)
        case .number(let n): return n.isFinite ? NumberFormat.plain(n) : "null"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(encode).joined(separator: ",") + "]"
        case .object(let fields): return "{" + fields.map { quote($0.0) + ":" + encode($0.1) }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
