import Foundation

/// Name matching that ignores case and Vietnamese diacritics ("tien du" finds "Tiên Du").
public enum TextFolding {
    /// Lower-cases, strips diacritics (`đ` becomes `d`), and collapses whitespace.
    public static func fold(_ text: String) -> String {
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

    /// Levenshtein distance over characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `text` (folded), if it is close enough to be a likely typo.
    public static func suggestion(for text: String, among candidates: [String]) -> String? {
        let folded = fold(text)
        guard !folded.isEmpty else { return nil }
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(folded, fold(candidate))
            if distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best else { return nil }
        let limit = max(1, min(3, folded.count / 3))
        return distance <= limit ? candidate : nil
    }
}
