/// Writes the demo's records in the CSV layouts chiso's loader reads.
///
/// Numbers are written so that a Vietnamese reading cannot misread them: whole numbers
/// without grouping (`27662`, never `27.662`, which the loader reads as 27662 too but a
/// person might not), and percentages with exactly one decimal (`87.5`), never three.
enum DemoCSV {
    static func facilities(_ facilities: [DemoFacility]) -> String {
        lines(["facility", "name", "level", "parent", "short_name", "former_names", "former_parents", "closed"]) {
            facilities.map { facility in
                [
                    facility.id, facility.name, facility.level.rawValue, facility.parent ?? "", facility.shortName,
                    facility.formerNames.joined(separator: "|"),
                    facility.formerParent.map { "\($0.id) until \($0.until)" } ?? "",
                    // The absorbed district centre ends with the merger.
                    facility.id == DemoGeography.mergedDistrict ? "\(DemoGeography.lastMonthBeforeMerger)" : "",
                ]
            }
        }
    }

    /// A rate's row gives numerator and denominator and leaves `value` empty: the loader
    /// computes the rate, so the file cannot state one that disagrees with its parts.
    static func observations(_ observations: [DemoObservation]) -> String {
        lines(["facility", "period", "indicator", "value", "numerator", "denominator"]) {
            observations.map { row in
                var fields = [row.facility, row.period.description, row.indicator]
                switch row.figure {
                case .whole(let n): fields += [String(n), "", ""]
                case .tenths(let t): fields += [oneDecimal(t), "", ""]
                case .rate(let n, let d): fields += ["", String(n), String(d)]
                }
                return fields
            }
        }
    }

    static func plans(_ plans: [DemoPlan]) -> String {
        lines(["facility", "indicator", "year", "plan"]) {
            plans.map { [$0.facility, $0.indicator, String($0.year), String($0.plan)] }
        }
    }

    /// Tenths as a number with one decimal: 875 → `87.5`, 1004 → `100.4`.
    static func oneDecimal(_ tenths: Int) -> String {
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    /// A header and rows, one line each, every line ending in `\n`.
    private static func lines(_ header: [String], _ rows: () -> [[String]]) -> String {
        var text = header.joined(separator: ",") + "\n"
        for row in rows() {
            text += row.map(escaped).joined(separator: ",") + "\n"
        }
        return text
    }

    /// A field quoted when it holds a comma, a quote or a line break (RFC 4180).
    private static func escaped(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        var quoted = "\""
        for character in field {
            quoted += character == "\"" ? "\"\"" : String(character)
        }
        return quoted + "\""
    }
}
