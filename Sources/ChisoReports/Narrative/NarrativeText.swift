import Foundation

/// A word, number or mark of a narrative report, with where it stands.
struct Word: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case word, number, mark
    }

    var kind: Kind
    /// As written, after normalisation (NFC, plain spaces).
    var text: String
    /// What phrases are matched against: lower case, without tone marks (or without any
    /// diacritics for a report typed without them).
    var key: String
    /// Without any diacritics, for the words chiso itself looks for (tăng, so với, tháng).
    var plain: String
    var line: Int
    /// 1-based, in characters of the normalised line.
    var column: Int
    /// Whether a space stood right before it.
    var spaced: Bool
    /// How its key was made: a line typed without diacritics keys its words bare.
    var style: KeyStyle = .toneless
    /// Joined to the word before by a hyphen (QĐ-UBND, vắc-xin): two words, one written form.
    var hyphenated = false

    func isMark(_ mark: String) -> Bool { kind == .mark && text == mark }
}

/// How words are compared.
enum KeyStyle: Sendable, Hashable, CaseIterable {
    /// Diacritics kept except tone marks: hòa = hoà, but sởi ≠ soi.
    case toneless
    /// For a report typed without diacritics: every mark dropped, đ = d.
    case bare

    /// The style for a text: bare when almost no letter carries a Vietnamese mark.
    static func of(_ text: String) -> KeyStyle {
        var letters = 0
        var marked = 0
        for scalar in text.unicodeScalars where isLetter(scalar) {
            letters += 1
            if scalar.value > 0x7F { marked += 1 }
        }
        return letters > 0 && marked * 200 < letters ? .bare : .toneless
    }

    /// Alphabetic, with a quick answer for ASCII.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A : scalar.properties.isAlphabetic
    }

    /// The key of a word. `spellings` also makes tỷ = tỉ (a final y after a consonant is
    /// an i), for matching phrases; chiso's own probes ("cung ky") want the letters as
    /// typed.
    func key(_ text: String, spellings: Bool = true) -> String {
        var key = text.utf8.allSatisfy { $0 < 0x80 } ? asciiKey(text) : markedKey(text)
        // tỷ = tỉ, kỹ = kĩ, lý = lí: a syllable whose only vowel is y after a consonant.
        if spellings, key.count >= 2, key.last == "y", let before = key.dropLast().last, !"aeiouyâêôơưăư".contains(before) {
            key = String(key.dropLast()) + "i"
        }
        return key
    }

    /// The key of a word typed without diacritics, byte by byte.
    private func asciiKey(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 where byte != UInt8(ascii: "-") {
            bytes.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The key of a word with letters beyond ASCII: Latin letters, the Vietnamese ones
    /// among them, from a table of each letter's key; anything else letter by letter
    /// through Unicode's decomposition.
    private func markedKey(_ text: String) -> String {
        let table = self == .toneless ? KeyTable.toneless : KeyTable.bare
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                switch scalar.value {
                case 0x2D: continue
                case 0x41...0x5A: result.unicodeScalars.append(Unicode.Scalar(scalar.value + 0x20) ?? scalar)
                default: result.unicodeScalars.append(scalar)
                }
            } else if let key = table[scalar.value] {
                result += key
            } else {
                return decomposedKey(text)
            }
        }
        return result
    }

    /// The keys of single Latin letters (U+00C0 to U+024F and U+1E00 to U+1EFF), worked
    /// out once by `decomposedKey`. A word of such letters keys letter by letter: each
    /// key starts with a letter that composes with nothing before it.
    enum KeyTable {
        static let toneless = make(.toneless)
        static let bare = make(.bare)

        static func make(_ style: KeyStyle) -> [UInt32: String] {
            var table: [UInt32: String] = [:]
            for value in Array(UInt32(0xC0)...0x24F) + Array(UInt32(0x1E00)...0x1EFF) {
                guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { continue }
                table[value] = style.decomposedKey(String(scalar))
            }
            return table
        }
    }

    func decomposedKey(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300, 0x0301, 0x0303, 0x0309, 0x0323: continue  // tone marks
            case 0x0302, 0x0306, 0x031B: if self == .toneless { result.append(scalar) }  // â ê ô, ă, ơ ư
            case 0x0111: result.append(self == .toneless ? scalar : "d")
            case 0x0300...0x036F: continue
            case 0x2D: continue  // COVID-19 = COVID19
            default: result.append(scalar)
            }
        }
        return String(result).precomposedStringWithCanonicalMapping
    }
}

/// The text of a narrative report, cleaned and cut into words.
public struct NarrativeText {
    /// Lines as normalised, 1-based by index + 1.
    var lines: [String]
    /// The whole text's style, for lines too short to judge alone.
    var style: KeyStyle

    /// A report file's text: UTF-8, or UTF-16 behind its byte-order mark (Word's "Unicode
    /// text").
    public static func decode(_ data: Data) -> String? {
        if data.starts(with: [0xFF, 0xFE]) { return String(data: data, encoding: .utf16LittleEndian).map { String($0.drop { $0 == "\u{FEFF}" }) } }
        if data.starts(with: [0xFE, 0xFF]) { return String(data: data, encoding: .utf16BigEndian).map { String($0.drop { $0 == "\u{FEFF}" }) } }
        return String(data: data, encoding: .utf8)
    }

    /// Reads a report as it arrives: a byte-order mark, Windows or old Mac line ends,
    /// decomposed diacritics (NFD), non-breaking and other odd spaces, zero-width marks.
    init(_ raw: String) {
        var text = raw
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var cleaned = String.UnicodeScalarView()
        var afterReturn = false
        for scalar in text.unicodeScalars {
            defer { afterReturn = scalar == "\r" }
            switch scalar.value {
            case 0x0D: cleaned.append("\n")  // Windows (CR LF) and old Mac (CR) line ends
            case 0x0A where afterReturn: continue
            case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: cleaned.append(" ")  // tabs stay: they part table cells
            case 0x200B...0x200D, 0xFEFF, 0x00AD: continue
            case 0x2018, 0x2019: cleaned.append("'")
            case 0x201C, 0x201D: cleaned.append("\"")
            case 0x2212: cleaned.append("-")
            default: cleaned.append(scalar)
            }
        }
        let normalised = String(cleaned).precomposedStringWithCanonicalMapping
        // By bytes: a line feed is a character of its own.
        lines = normalised.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(Substring($0)) }
        style = KeyStyle.of(normalised)
    }

    /// The words of one line, keyed in the line's own style: a report may have its title
    /// with diacritics and its body without.
    func words(ofLine number: Int) -> [Word] {
        Self.words(lines[number - 1], line: number, style: style(ofLine: number))
    }

    func style(ofLine number: Int) -> KeyStyle {
        let line = lines[number - 1]
        var letters = 0
        for scalar in line.unicodeScalars where KeyStyle.isLetter(scalar) {
            letters += 1
            if letters == 12 { return KeyStyle.of(line) }
        }
        return style
    }

    private enum CharacterClass { case digit, letter, space, other }

    /// Cuts a line into words, numbers and marks. A number keeps its separators
    /// (`27.662`, `11,6`) when a digit follows them; a number glued to letters (`8h30`,
    /// `5km`) and letters glued to digits (`COVID-19`, `UV2+`) are words.
    static func words(_ line: String, line number: Int, style: KeyStyle) -> [Word] {
        // Each character's place in the line, its ASCII byte (0 for any other) and its
        // class, worked out once: most characters of a report are ASCII, answered
        // without Unicode's property tables.
        var places: [String.Index] = []
        var bytes: [UInt8] = []
        var classes: [CharacterClass] = []
        var place = line.startIndex
        while place < line.endIndex {
            let c = line[place]
            places.append(place)
            if let ascii = c.asciiValue {
                bytes.append(ascii)
                classes.append(
                    ascii >= 0x30 && ascii <= 0x39 ? .digit
                        : (ascii | 0x20) >= 0x61 && (ascii | 0x20) <= 0x7A ? .letter
                        : ascii == 0x20 || (ascii >= 0x09 && ascii <= 0x0D) ? .space : .other)
            } else {
                bytes.append(0)
                classes.append(c.isLetter ? .letter : c.isWhitespace ? .space : .other)
            }
            place = line.index(after: place)
        }
        places.append(line.endIndex)
        let count = classes.count
        func isDigit(_ i: Int) -> Bool { classes[i] == .digit }
        func isLetter(_ i: Int) -> Bool { classes[i] == .letter }
        var words: [Word] = []
        var index = 0
        var spaced = true
        var hyphenated = false
        while index < count {
            if classes[index] == .space {
                spaced = true
                index += 1
                continue
            }
            // vắc-xin is two words, like vắc xin.
            if bytes[index] == UInt8(ascii: "-"), index > 0, index + 1 < count, isLetter(index - 1), isLetter(index + 1) {
                hyphenated = true
                index += 1
                continue
            }
            let start = index
            var kind = Word.Kind.mark
            if isDigit(index) {
                kind = .number
                while index < count {
                    if isDigit(index) {
                        index += 1
                    } else if bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ","), index + 1 < count,
                        isDigit(index + 1)
                    {
                        index += 1
                    } else {
                        break
                    }
                }
                if index < count, isLetter(index) {
                    kind = .word
                    while index < count, isLetter(index) || isDigit(index) { index += 1 }
                }
            } else if isLetter(index) {
                kind = .word
                while index < count {
                    if isLetter(index) || isDigit(index) {
                        index += 1
                    } else if bytes[index] == UInt8(ascii: "-"), index + 1 < count, isDigit(index + 1) {
                        index += 1  // COVID-19
                    } else if bytes[index] == UInt8(ascii: "+"), index > start, isDigit(index - 1) {
                        index += 1  // UV2+
                    } else {
                        break
                    }
                }
            } else {
                index += 1
            }
            let text = String(line[places[start]..<places[index]])
            words.append(
                Word(
                    kind: kind, text: text, key: kind == .word ? style.key(text) : text,
                    plain: kind == .word ? KeyStyle.bare.key(text, spellings: false) : text,
                    line: number, column: start + 1, spaced: spaced || hyphenated, style: style, hyphenated: hyphenated))
            spaced = false
            hyphenated = false
        }
        return words
    }
}
