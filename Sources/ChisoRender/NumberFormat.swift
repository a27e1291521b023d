import ChisoExecutor
import ChisoModel

/// Writes numbers for people (grouped, rounded) and for machines (plain).
public enum NumberFormat {
    /// `27662` → `27,662`; `12.25` → `12.3` (one decimal unless whole). In Vietnamese,
    /// `27.662` and `12,3`.
    public static func grouped(_ value: Double, decimals: Int = 1, language: DisplayLanguage = .en) -> String {
        guard value.isFinite else { return "—" }
        // Past what 64 bits hold in digits, the plain form (1e+25) rather than a trap.
        guard abs(value) < 1e18 else { return "\(value)" }
        let negative = value < 0
        let rounded = (abs(value) * pow10(decimals)).rounded() / pow10(decimals)
        let whole = rounded.rounded(.towardZero)
        var text = negative && rounded != 0 ? "−" : ""
        text += groupedDigits(UInt64(whole), separator: language.groupSeparator)
        let fraction = rounded - whole
        if decimals > 0 && fraction > 0 {
            var fractionDigits = String(Int64((fraction * pow10(decimals)).rounded()))
            fractionDigits = String(repeating: "0", count: max(0, decimals - fractionDigits.count)) + fractionDigits
            while fractionDigits.hasSuffix("0") { fractionDigits.removeLast() }
            if !fractionDigits.isEmpty { text += language.decimalMark + fractionDigits }
        }
        return text
    }

    /// The digits of a whole number in groups of three: 27662 → "27,662".
    private static func groupedDigits(_ number: UInt64, separator: String) -> String {
        let separatorByte = separator.utf8.first ?? UInt8(ascii: ",")
        var digits = 1
        var power = number
        while power >= 10 {
            power /= 10
            digits += 1
        }
        let length = digits + (digits - 1) / 3
        // Written in place, from the last digit: up to 15 bytes stay inside the string.
        return String(unsafeUninitializedCapacity: length) { buffer in
            var rest = number
            var position = length - 1
            var count = 0
            repeat {
                if count > 0 && count % 3 == 0 {
                    buffer[position] = separatorByte
                    position -= 1
                }
                buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                position -= 1
                rest /= 10
                count += 1
            } while rest > 0
            return length
        }
    }

    /// A fixed number of decimals, grouped: `35.05` → `35.1` (`35,1` in Vietnamese).
    public static func fixed(_ value: Double, decimals: Int, language: DisplayLanguage = .en) -> String {
        guard value.isFinite else { return "—" }
        guard abs(value) < 1e15 else { return "\(value)" }
        let negative = value < 0
        let scaled = Int64((abs(value) * pow10(decimals)).rounded())
        let whole = scaled / Int64(pow10(decimals))
        var text = grouped(Double(whole), decimals: 0, language: language)
        if decimals > 0 {
            let fraction = String(scaled % Int64(pow10(decimals)))
            text += language.decimalMark + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return (negative && scaled != 0 ? "−" : "") + text
    }

    /// Plain text for CSV and JSON: no grouping, `.` for decimals, at most six decimals.
    public static func plain(_ value: Double) -> String {
        PlainNumber.text(value)
    }

    private static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= 10 }
        return result
    }
}

/// How a measure is written in a table cell, markers included.
enum CellText {
    static func measure(_ m: Measure, _ language: DisplayLanguage = .en) -> String {
        func grouped(_ value: Double, decimals: Int = 1) -> String {
            NumberFormat.grouped(value, decimals: decimals, language: language)
        }
        func fixed(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 1, language: language) }
        var text: String
        switch m.unit {
        case .count:
            // A plan implied by a share is an estimate of a whole number: no decimals.
            if case .planFromShare = m.derivation {
                text = grouped(m.value, decimals: 0)
            } else {
                text = grouped(m.value)
            }
        case .percent:
            text = fixed(m.value) + " %"
            if let n = m.numerator, let d = m.denominator {
                text += " (\(grouped(n))/\(grouped(d)))"
            }
        case .points:
            text = signed(m.value, fixed(abs(m.value))) + (language == .vi ? " điểm" : " pts")
        case .growth:
            text = signed(m.value, fixed(abs(m.value))) + " %"
        case .difference:
            text = signed(m.value, grouped(abs(m.value)))
        }
        switch m.qualifier {
        case .exact: break
        case .atLeast: text = "≥ " + text
        case .atMost: text = "≤ " + text
        case .about: text = "~ " + text
        }
        if let coverage = m.coverage {
            text += " (\(coverage.covered)/\(coverage.total) \(language == .vi ? "th" : "mo"))"
        }
        if Self.isMarkedDerived(m) { text += " *" }
        return text
    }

    /// Rates computed from n/N show their parts inline, so they carry no star.
    static func isMarkedDerived(_ m: Measure) -> Bool { m.isMarkedDerived }

    private static func signed(_ value: Double, _ magnitude: String) -> String {
        if magnitude.allSatisfy({ $0 == "0" || $0 == "." || $0 == "," }) { return "±" + magnitude }
        return (value < 0 ? "−" : "+") + magnitude
    }
}

/// The sentence that explains a derived figure, for legends and JSON.
enum DerivationText {
    static func explain(_ derivation: MeasureDerivation, plain: Bool = false, language: DisplayLanguage = .en) -> String {
        func number(_ value: Double) -> String {
            plain ? NumberFormat.plain(value) : NumberFormat.grouped(value, language: language)
        }
        if language == .vi { return vietnamese(derivation, number: number) }
        switch derivation {
        case .baseline(let value, let change, let period, let source):
            let sign = change < 0 ? "+" : "−"
            return "\(number(value)) \(sign) \(number(abs(change))): the \(period) figure less its stated change against the same period"
                + (source.map { " (\($0))" } ?? "")
        case .rate(let n, let d):
            return "\(number(n)) ÷ \(number(d)) × 100"
        case .planFromShare(let value, let share):
            return "\(number(value)) ÷ \(NumberFormat.plain(share)) %: the figure divided by its stated share of plan"
        case .includesDerived(let parts):
            return "a total including \(parts) derived figure\(parts == 1 ? "" : "s")"
        case .fromDerived:
            return "computed from a derived figure"
        case .computed(let formula):
            return "computed: \(formula), on the totals of its parts"
        case .weightedAverage(let weight, let parts):
            return "the average of \(parts) percentages, each weighted by its facility's \(weight) for the same months"
        }
    }

    private static func vietnamese(_ derivation: MeasureDerivation, number: (Double) -> String) -> String {
        switch derivation {
        case .baseline(let value, let change, let period, let source):
            let sign = change < 0 ? "+" : "−"
            return "\(number(value)) \(sign) \(number(abs(change))): số liệu \(period) trừ mức tăng giảm so với cùng kỳ đã nêu"
                + (source.map { " (\($0))" } ?? "")
        case .rate(let n, let d):
            return "\(number(n)) ÷ \(number(d)) × 100"
        case .planFromShare(let value, let share):
            return "\(number(value)) ÷ \(number(share)) %: số liệu chia cho tỷ lệ % kế hoạch đã nêu"
        case .includesDerived(let parts):
            return "tổng có \(parts) số liệu do chiso suy ra"
        case .fromDerived:
            return "tính từ một số liệu do chiso suy ra"
        case .computed(let formula):
            return "tính theo \(formula), trên tổng của từng thành phần"
        case .weightedAverage(let weight, let parts):
            return "trung bình của \(parts) tỷ lệ %, mỗi tỷ lệ có trọng số là \(weight) của cơ sở trong cùng các tháng"
        }
    }

    /// A short machine-readable name of the derivation kind.
    static func kind(_ derivation: MeasureDerivation) -> String {
        switch derivation {
        case .baseline: return "baseline_from_change"
        case .rate: return "rate_from_parts"
        case .planFromShare: return "plan_from_share"
        case .includesDerived: return "sum_with_derived_parts"
        case .fromDerived: return "computed_from_derived"
        case .computed: return "expression"
        case .weightedAverage: return "weighted_average"
        }
    }
}
