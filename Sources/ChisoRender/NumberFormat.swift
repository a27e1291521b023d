import ChisoExecutor
import ChisoModel

/// Writes numbers for people (grouped, rounded) and for machines (plain).
public enum NumberFormat {
    /// `27662` → `27,662`; `12.25` → `12.3` (one decimal unless whole). In Vietnamese,
    /// `27.662` and `12,3`.
    public static func grouped(_ value: Double, decimals: Int = 1, language: DisplayLanguage = .en) -> String {
        guard let digits = Digits(grouped: value, decimals: decimals) else { return special(value) }
        return digits.text(language)
    }

    /// `12.25` → `12.3` with one decimal, `7` → `7.0`: always that many decimals.
    public static func fixed(_ value: Double, decimals: Int, language: DisplayLanguage = .en) -> String {
        guard let digits = Digits(fixed: value, decimals: decimals) else { return special(value) }
        return digits.text(language)
    }

    /// What a number too large for its digits, or not a number, is written as.
    static func special(_ value: Double) -> String { value.isFinite ? "\(value)" : "—" }

    /// A number as a sign, a whole part written in groups of three, and decimals padded
    /// with zeros to a count; written in place, into a string or a table's bytes.
    struct Digits {
        var negative: Bool
        var whole: UInt64
        var fraction: UInt64
        var decimals: Int

        /// `grouped`'s digits; nil when the number is not finite or past 10¹⁸.
        init?(grouped value: Double, decimals: Int) {
            // Past what 64 bits hold in digits, the plain form (1e+25) rather than a trap.
            guard value.isFinite, abs(value) < 1e18 else { return nil }
            let rounded = (abs(value) * NumberFormat.pow10(decimals)).rounded() / NumberFormat.pow10(decimals)
            let whole = rounded.rounded(.towardZero)
            let fraction = rounded - whole
            var fractionValue: UInt64 = 0
            var fractionDigits = 0
            if decimals > 0 && fraction > 0 {
                // The decimals without their trailing zeros: 12.50 → 12.5, 3.0 → 3.
                fractionValue = UInt64((fraction * NumberFormat.pow10(decimals)).rounded())
                fractionDigits = max(decimals, NumberFormat.digitCount(fractionValue))
                while fractionDigits > 0 && fractionValue % 10 == 0 {
                    fractionValue /= 10
                    fractionDigits -= 1
                }
            }
            self.init(negative: value < 0 && rounded != 0, whole: UInt64(whole), fraction: fractionValue, decimals: fractionDigits)
        }

        /// `fixed`'s digits; nil when the number is not finite or past 10¹⁵.
        init?(fixed value: Double, decimals: Int) {
            guard value.isFinite, abs(value) < 1e15 else { return nil }
            let scaled = UInt64((abs(value) * NumberFormat.pow10(decimals)).rounded())
            let unit = UInt64(NumberFormat.pow10(decimals))
            self.init(negative: value < 0 && scaled != 0, whole: scaled / unit, fraction: scaled % unit, decimals: decimals)
        }

        init(negative: Bool, whole: UInt64, fraction: UInt64, decimals: Int) {
            self.negative = negative
            self.whole = whole
            self.fraction = fraction
            self.decimals = decimals
        }

        /// Whether every digit is 0.
        var isZero: Bool { whole == 0 && fraction == 0 }

        private var wholeLength: Int {
            let digits = NumberFormat.digitCount(whole)
            return digits + (digits - 1) / 3
        }

        /// Bytes written: "−" is three.
        var length: Int { (negative ? 3 : 0) + wholeLength + (decimals > 0 ? 1 + decimals : 0) }

        func text(_ language: DisplayLanguage) -> String {
            String(unsafeUninitializedCapacity: length) { write(language, into: $0) }
        }

        /// Appends the digits to bytes.
        func append(_ language: DisplayLanguage, to bytes: inout [UInt8]) {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: length))
            bytes.withUnsafeMutableBufferPointer { all in
                _ = write(language, into: UnsafeMutableBufferPointer(rebasing: all[start...]))
            }
        }

        /// Writes `length` bytes at the start of the buffer; returns how many.
        private func write(_ language: DisplayLanguage, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
            let separator = language.groupSeparatorByte
            let mark = language.decimalMarkByte
            let sign = negative ? 3 : 0
            let wholeLength = wholeLength
            let length = length
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
            if decimals > 0 {
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

    fileprivate static func digitCount(_ number: UInt64) -> Int {
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

    fileprivate static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= 10 }
        return result
    }
}

/// How a measure is written in a table cell, markers included.
enum CellText {
    static func measure(_ m: Measure, _ language: DisplayLanguage = .en) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        append(m, language, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends a measure's text to bytes: a table of thousands of cells is written
    /// without a string per cell.
    static func append(_ m: Measure, _ language: DisplayLanguage, to bytes: inout [UInt8]) {
        func add(_ text: String) { bytes.append(contentsOf: text.utf8) }
        func number(_ digits: NumberFormat.Digits?, _ value: Double) {
            if let digits { digits.append(language, to: &bytes) } else { add(NumberFormat.special(value)) }
        }
        func grouped(_ value: Double, decimals: Int = 1) {
            number(NumberFormat.Digits(grouped: value, decimals: decimals), value)
        }
        func fixed(_ value: Double) { number(NumberFormat.Digits(fixed: value, decimals: 1), value) }
        /// A change: its sign, or ± when it rounds to zero.
        func signed(_ value: Double, _ digits: NumberFormat.Digits?) {
            if let digits {
                add(digits.isZero ? "±" : value < 0 ? "−" : "+")
                digits.append(language, to: &bytes)
            } else {
                add(value < 0 ? "−" : "+")
                add(NumberFormat.special(abs(value)))
            }
        }
        switch m.qualifier {
        case .exact: break
        case .atLeast: add("≥ ")
        case .atMost: add("≤ ")
        case .about: add("~ ")
        }
        switch m.unit {
        case .count:
            // A plan implied by a share is an estimate of a whole number: no decimals.
            if case .planFromShare = m.derivation { grouped(m.value, decimals: 0) } else { grouped(m.value) }
        case .percent:
            fixed(m.value)
            add(" %")
            if let n = m.numerator, let d = m.denominator {
                add(" (")
                grouped(n)
                add("/")
                grouped(d)
                add(")")
            }
        case .points:
            signed(m.value, NumberFormat.Digits(fixed: abs(m.value), decimals: 1))
            add(language == .vi ? " điểm" : " pts")
        case .growth:
            signed(m.value, NumberFormat.Digits(fixed: abs(m.value), decimals: 1))
            add(" %")
        case .difference:
            signed(m.value, NumberFormat.Digits(grouped: abs(m.value), decimals: 1))
        }
        if let coverage = m.coverage {
            add(" (\(coverage.covered)/\(coverage.total) \(language == .vi ? "th" : "mo"))")
        }
        if Self.isMarkedDerived(m) { add(" *") }
    }

    /// Rates computed from n/N show their parts inline, so they carry no star.
    static func isMarkedDerived(_ m: Measure) -> Bool { m.isMarkedDerived }
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
