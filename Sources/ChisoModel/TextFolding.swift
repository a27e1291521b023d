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

    /// Edit distance over characters where swapping two neighbours counts as one edit
    /// (optimal string alignment), so `vaule` is one edit from `value`.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
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
        let limit = folded.count <= 4 ? 1 : folded.count <= 8 ? 2 : 3
        return distance <= limit ? candidate : nil
    }
}
