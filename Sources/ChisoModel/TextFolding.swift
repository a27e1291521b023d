import Foundation

/// Name matching that ignores case and Vietnamese diacritics ("tien du" finds "Tiên Du").
public enum TextFolding {
    /// Lower-cases, strips diacritics (`đ` becomes `d`), and collapses whitespace.
    public static func fold(_ text: String) -> String {
        if let ascii = foldASCII(text) { return ascii }
        if let latin = foldLatin(text) { return latin }
        return foldDecomposing(text)
    }

    /// `fold` of a text of ASCII and single Latin letters (Vietnamese among them), each
    /// letter from a table; nil when another character is in it.
    private static func foldLatin(_ text: String) -> String? {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            if let folded = latinTable[scalar.value] {
                result += folded
                lastWasSpace = false
                continue
            }
            guard scalar.isASCII else { return nil }
            switch scalar.value {
            case 0x09...0x0D, 0x20, 0x5F, 0x2D:  // whitespace, _ and -
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            case 0x41...0x5A:
                result.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value + 0x20)))
                lastWasSpace = false
            default:
                result.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        if result.hasSuffix(" ") { result.removeLast() }
        return result
    }

    /// The fold of each Latin letter beyond ASCII (U+00C0 to U+024F, U+1E00 to U+1EFF), made
    /// once by `foldDecomposing`. Each folds to letters, so folding letter by letter gives
    /// the fold of the word.
    static let latinTable: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        for value in Array(UInt32(0xC0)...0x24F) + Array(UInt32(0x1E00)...0x1EFF) {
            guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { continue }
            let folded = foldDecomposing(String(scalar))
            if !folded.isEmpty, folded.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) { table[value] = folded }
        }
        return table
    }()

    /// `fold` through Unicode's lower-casing and decomposition: any text.
    static func foldDecomposing(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var lastWasSpace = true
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F:
                continue  // combining marks: the accents and tone marks
            case 0x0111, 0x0110:
                result.unicodeScalars.append("d")
                lastWasSpace = false
            default:
                if scalar.properties.isWhitespace || scalar == "_" || scalar == "-" {
                    if !lastWasSpace { result.append(" ") }
                    lastWasSpace = true
                } else {
                    result.unicodeScalars.append(scalar)
                    lastWasSpace = false
                }
            }
        }
        if result.hasSuffix(" ") { result.removeLast() }
        return result
    }

    /// `fold` of an ASCII text (most ids), byte by byte; nil when the text is not ASCII.
    private static func foldASCII(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var lastWasSpace = true
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return nil
            case 0x09...0x0D, 0x20, UInt8(ascii: "_"), UInt8(ascii: "-"):
                if !lastWasSpace { bytes.append(0x20) }
                lastWasSpace = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                bytes.append(byte + 0x20)
                lastWasSpace = false
            default:
                bytes.append(byte)
                lastWasSpace = false
            }
        }
        if bytes.last == 0x20 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Edit distance over characters where swapping two neighbours counts as one edit
    /// (optimal string alignment), so `vaule` is one edit from `value`.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: Int.max)
    }

    /// The distance of `a` and `b`, or a number over `limit` as soon as it must exceed it.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if abs(a.count - b.count) > limit { return abs(a.count - b.count) }
        // Three rows of the table: two back (for a swap), one back, and the current.
        let width = b.count + 1
        var older = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            var rowBest = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, older[j - 2] + 1) }
                current[j] = value
                rowBest = min(rowBest, value)
            }
            // Every later row grows from this one, so it can only be as good as this row's best.
            if rowBest > limit, i > 1 { return rowBest }
            (older, previous, current) = (previous, current, older)
        }
        return previous[b.count]
    }

    /// The candidate closest to `text` (folded), if it is close enough to be a likely typo.
    public static func suggestion(for text: String, among candidates: [String]) -> String? {
        suggestion(for: text, among: candidates.lazy.map(Candidate.init))
    }

    /// A name with its folded form, for lists searched again and again.
    public struct Candidate: Sendable {
        public var name: String
        var folded: [Unicode.Scalar]

        public init(_ name: String) {
            self.name = name
            self.folded = Array(TextFolding.fold(name).unicodeScalars)
        }
    }

    public static func suggestion(for text: String, among candidates: some Sequence<Candidate>) -> String? {
        let folded = Array(fold(text).unicodeScalars)
        guard !folded.isEmpty else { return nil }
        let limit = folded.count <= 4 ? 1 : folded.count <= 8 ? 2 : 3
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(folded, candidate.folded, limit: min(limit, (best?.1 ?? Int.max) - 1))
            if distance < (best?.1 ?? Int.max), distance <= limit { best = (candidate.name, distance) }
        }
        return best?.0
    }
}
