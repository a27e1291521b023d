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
        let fraction = rounded - whole
        var fractionValue: UInt64 = 0
        var fractionDigits = 0
        if decimals > 0 && fraction > 0 {
            // The decimals without their trailing zeros: 12.50 → 12.5, 3.0 → 3.
            fractionValue = UInt64((fraction * pow10(decimals)).rounded())
            fractionDigits = max(decimals, digitCount(fractionValue))
            while fractionDigits > 0 && fractionValue % 10 == 0 {
                fractionValue /= 10
                fractionDigits -= 1
            }
        }
        return compose(
            negative: negative && rounded != 0, whole: UInt64(whole), fraction: fractionValue, digits: fractionDigits,
            language: language)
    }

    /// `12.25` → `12.3` with one decimal, `7` → `7.0`: always that many decimals.
    public static func fixed(_ value: Double, decimals: Int, language: DisplayLanguage = .en) -> String {
        guard value.isFinite else { return "—" }
        guard abs(value) < 1e15 else { return "\(value)" }
        let scaled = UInt64((abs(value) * pow10(decimals)).rounded())
        let unit = UInt64(pow10(decimals))
        return compose(
            negative: value < 0 && scaled != 0, whole: scaled / unit, fraction: scaled % unit, digits: decimals,
            language: language)
    }

    /// A sign, the whole part in groups of three and the decimals, padded with zeros to
    /// `digits`, written in place: a number of up to 15 bytes stays inside its string.
    private static func compose(negative: Bool, whole: UInt64, fraction: UInt64, digits: Int, language: DisplayLanguage)
        -> String
    {
        let separator = language.groupSeparator.utf8.first ?? UInt8(ascii: ",")
        let mark = language.decimalMark.utf8.first ?? UInt8(ascii: ".")
        let wholeDigits = digitCount(whole)
        let sign = negative ? 3 : 0  // "−" is three bytes
        let wholeLength = wholeDigits + (wholeDigits - 1) / 3
        let length = sign + wholeLength + (digits > 0 ? 1 + digits : 0)
        return String(unsafeUninitializedCapacity: length) { buffer in
            if negative {
                buffer[0] = 0xE2
                buffer[1] = 0x88
                buffer[2] = 0x92
            }
            var rest = whole
            var position = sign + wholeLength - 1
            var count = 0
            repeat {
                if count > 0 && count % 3 == 0 {
                    buffer[position] = separator
                    position -= 1
                }
                buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                position -= 1
                rest /= 10
                count += 1
            } while rest > 0
            if digits > 0 {
                buffer[sign + wholeLength] = mark
                var rest = fraction
                for i in stride(from: length - 1, to: sign + wholeLength, by: -1) {
                    buffer[i] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            return length
        }
    }

    private static func digitCount(_ number: UInt64) -> Int {
        var digits = 1
        var power = number
        while power >= 10 {
            power /= 10
            digits += 1
        }
        return digits
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
        // Zero in either language's digits: only 0, "." and ",".
        if magnitude.utf8.allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }) {
            return "±" + magnitude
        }
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
