import ChisoModel

/// A figure as a report writes it: `27.662`, `27,662`, `11,6%`, `57.6 %`, `hơn 63 nghìn`,
/// `≥ 63000`, `279/796`.
public struct ReportedNumber: Sendable, Hashable {
    public var value: Double
    public var qualifier: Qualifier
    public var isPercent: Bool
    /// Set for `n/N` writing: the numerator is `value`.
    public var denominator: Double?

    /// The common case of bulk files, read without folding: ASCII digits with an optional
    /// minus and an optional `.` followed by other than three digits (three would group
    /// thousands, which the full reading handles).
    static func plainDecimal(_ text: String) -> Double? {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count < 16 else { return nil }
        var digitsAfterPoint = -1
        var sawDigit = false
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                if digitsAfterPoint >= 0 { digitsAfterPoint += 1 }
            case UInt8(ascii: "-") where index == 0: continue
            case UInt8(ascii: ".") where digitsAfterPoint < 0 && sawDigit: digitsAfterPoint = 0
            default: return nil
            }
        }
        guard sawDigit, digitsAfterPoint != 0, digitsAfterPoint != 3 else { return nil }
        return Double(text)
    }

    /// Reads a figure. Separators follow the writing: with both `.` and `,` the last one is
    /// the decimal mark; a single separator followed by exactly three digits groups
    /// thousands (`27.662`, `27,662`); otherwise it is the decimal mark (`11,6`, `57.6`).
    public static func parse(_ text: String) -> Result<ReportedNumber, NumberError> {
        if let plain = plainDecimal(text) {
            return .success(ReportedNumber(value: plain, qualifier: .exact, isPercent: false, denominator: nil))
        }
        // The sign is read before folding, which treats '-' as a space.
        var signed = text.trimmingSpaces
        var sign = 1.0
        if let first = signed.first, first == "-" || first == "−" || first == "+" {
            sign = first == "+" ? 1 : -1
            signed.removeFirst()
        }
        var rest = TextFolding.fold(signed)
        var qualifier = Qualifier.exact
        let prefixes: [(String, Qualifier)] = [
            (">=", .atLeast), ("≥", .atLeast), (">", .atLeast), ("<=", .atMost), ("≤", .atMost), ("<", .atMost),
            ("~", .about), ("≈", .about), ("hon", .atLeast), ("tren", .atLeast), ("more than", .atLeast),
            ("over", .atLeast), ("at least", .atLeast), ("it nhat", .atLeast), ("duoi", .atMost),
            ("under", .atMost), ("less than", .atMost), ("khoang", .about), ("gan", .about), ("about", .about),
            ("nearly", .about), ("around", .about),
        ]
        for (prefix, q) in prefixes where rest.hasPrefix(prefix) {
            qualifier = q
            rest = String(rest.dropFirst(prefix.count)).trimmingSpaces
            break
        }
        var isPercent = false
        if rest.hasSuffix("%") {
            isPercent = true
            rest = String(rest.dropLast()).trimmingSpaces
        }
        var multiplier = 1.0
        let scales: [(String, Double)] = [
            ("nghin", 1e3), ("ngan", 1e3), ("thousand", 1e3), ("trieu", 1e6), ("million", 1e6), ("ty", 1e9),
            ("billion", 1e9),
        ]
        for (word, factor) in scales where rest.hasSuffix(" \(word)") || rest.hasSuffix(word) {
            multiplier = factor
            rest = String(rest.dropLast(word.count)).trimmingSpaces
            break
        }
        if let slash = rest.firstIndex(of: "/"), !isPercent, multiplier == 1 {
            let left = String(rest[..<slash]).trimmingSpaces
            let right = String(rest[rest.index(after: slash)...]).trimmingSpaces
            guard let n = plainNumber(left), let d = plainNumber(right) else {
                return .failure(NumberError(text: text))
            }
            return .success(ReportedNumber(value: sign * n, qualifier: qualifier, isPercent: false, denominator: d))
        }
        guard let number = plainNumber(rest) else { return .failure(NumberError(text: text)) }
        return .success(ReportedNumber(value: sign * number * multiplier, qualifier: qualifier, isPercent: isPercent))
    }

    /// Digits with an optional sign and separators, no words.
    static func plainNumber(_ text: String) -> Double? {
        var digits = text.replacing(byte: UInt8(ascii: " "), with: "")
        var sign = 1.0
        if digits.hasPrefix("+") {
            digits.removeFirst()
        } else if digits.hasPrefix("-") || digits.hasPrefix("−") {
            digits.removeFirst()
            sign = -1
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }),
            digits.first?.isNumber == true, digits.last?.isNumber == true
        else { return nil }
        let dots = digits.filter { $0 == "." }.count
        let commas = digits.filter { $0 == "," }.count
        var decimalMark: Character?
        if let lastDot = digits.lastIndex(of: "."), let lastComma = digits.lastIndex(of: ",") {
            decimalMark = lastDot > lastComma ? "." : ","
        } else if dots + commas == 1 {
            let mark: Character = dots == 1 ? "." : ","
            let after = digits.split(separator: mark, omittingEmptySubsequences: false)[1]
            decimalMark = after.count == 3 ? nil : mark
        }
        let grouping: Character? = decimalMark == "." ? "," : decimalMark == "," ? "." : nil
        let groups = digits.split(separator: decimalMark ?? "\u{0}", omittingEmptySubsequences: false)
        guard groups.count <= 2 else { return nil }
        let integerGroups = groups[0].split(separator: grouping ?? (dots > 0 ? "." : ","), omittingEmptySubsequences: false)
        if integerGroups.count > 1 {
            guard integerGroups.dropFirst().allSatisfy({ $0.count == 3 }), (1...3).contains(integerGroups[0].count)
            else { return nil }
        }
        var normalized = integerGroups.joined()
        if groups.count == 2 { normalized += "." + groups[1] }
        return Double(normalized).map { $0 * sign }
    }
}

/// A text that is not a number in any writing chiso reads, or one too large to be a figure.
public struct NumberError: Error, Sendable, Hashable {
    public var text: String
    public var tooLarge = false
}

extension ReportedNumber {
    /// No report counts to a million billion: past that a number is refused, not loaded
    /// as infinity.
    static let largest = 1e15

    /// `parse`, refusing numbers too large to be figures.
    public static func figure(_ text: String) -> Result<ReportedNumber, NumberError> {
        let parsed = parse(text)
        if case .success(let number) = parsed, !(abs(number.value) < largest) || !(abs(number.denominator ?? 0) < largest) {
            return .failure(NumberError(text: text, tooLarge: true))
        }
        return parsed
    }
}

extension String {
    var trimmingSpaces: String {
        var result = Substring(self)
        while result.first?.isWhitespace == true { result.removeFirst() }
        while result.last?.isWhitespace == true { result.removeLast() }
        return String(result)
    }
}
