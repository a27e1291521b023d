import ChisoModel

/// The kinds of token of chiso's query language.
public enum TokenKind: Sendable, Hashable {
    /// A name or keyword; may start with a digit (`2025H1`) or hold Vietnamese letters.
    case word
    /// Digits, with at most one decimal point: `2025`, `10`, `1.5`.
    case number
    /// A double-quoted string; `text` holds its content without the quotes.
    case string
    case comma, leftParen, rightParen, dotDot, semicolon
    case star, slash, plus, minus, equals, tilde, percent
    /// `$name`; `text` holds the name.
    case variable
    case end
}

/// A token with the range of characters it came from.
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    public var text: String
    public var range: SourceRange

    public init(_ kind: TokenKind, _ text: String, _ range: SourceRange) {
        self.kind = kind
        self.text = text
        self.range = range
    }

    /// Whether this is the keyword `word`, ignoring case.
    public func isKeyword(_ word: String) -> Bool {
        kind == .word && text.lowercased() == word
    }

    /// Whether the token can start a period: `2025`, `2025H1`, `9M2023`, `$cur`.
    public var startsPeriod: Bool {
        switch kind {
        case .number: return true
        case .word: return text.first?.isNumber ?? false
        case .variable: return true
        default: return false
        }
    }
}

/// Splits a statement into tokens. Problems (an unterminated string, a stray character)
/// are diagnostics with the range of the offending text.
public struct Lexer {
    private let characters: [Character]
    private var position = 0

    public init(_ text: String) {
        self.characters = Array(text)
    }

    /// All tokens, ending with `.end`.
    public static func tokenize(_ text: String) throws(Diagnostic) -> [Token] {
        var lexer = Lexer(text)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    /// Tokens up to the first problem, without throwing: what completion needs for
    /// a half-typed line.
    public static func tokenizePrefix(_ text: String) -> [Token] {
        var lexer = Lexer(text)
        var tokens: [Token] = []
        while let token = try? lexer.next(), token.kind != .end { tokens.append(token) }
        return tokens
    }

    private func peek(_ offset: Int = 0) -> Character? {
        position + offset < characters.count ? characters[position + offset] : nil
    }

    private static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c.unicodeScalars.allSatisfy { $0.properties.generalCategory == .nonspacingMark }
    }

    public mutating func next() throws(Diagnostic) -> Token {
        // Skip blanks and `--` comments.
        while let c = peek() {
            if c.isWhitespace {
                position += 1
            } else if c == "-", peek(1) == "-" {
                while let c = peek(), c != "\n" { position += 1 }
            } else {
                break
            }
        }
        let start = position
        guard let c = peek() else { return Token(.end, "", SourceRange(start, start)) }
        func single(_ kind: TokenKind) -> Token {
            position += 1
            return Token(kind, String(c), SourceRange(start, position))
        }
        switch c {
        case ",": return single(.comma)
        case "(": return single(.leftParen)
        case ")": return single(.rightParen)
        case ";": return single(.semicolon)
        case "*": return single(.star)
        case "/": return single(.slash)
        case "+": return single(.plus)
        case "-": return single(.minus)
        case "=": return single(.equals)
        case "~": return single(.tilde)
        case "%": return single(.percent)
        case "." where peek(1) == ".":
            position += 2
            return Token(.dotDot, "..", SourceRange(start, position))
        case "\"", "“", "”":
            position += 1
            var content = ""
            while let d = peek(), d != "\"", d != "”", d != "“", d != "\n" {
                content.append(d)
                position += 1
            }
            guard let close = peek(), close != "\n" else {
                throw Diagnostic(
                    id: "unterminated-string", "unterminated string", range: SourceRange(start, position),
                    hint: "close it with \"")
            }
            _ = close
            position += 1
            return Token(.string, content, SourceRange(start, position))
        case "$":
            position += 1
            while let d = peek(), Lexer.isWordCharacter(d) { position += 1 }
            let name = String(characters[(start + 1)..<position])
            guard !name.isEmpty else {
                throw Diagnostic(id: "empty-variable", "'$' must be followed by a variable name", range: SourceRange(start, position))
            }
            return Token(.variable, name, SourceRange(start, position))
        default:
            break
        }
        if c.isNumber {
            while let d = peek(), d.isNumber { position += 1 }
            if peek() == ".", let d = peek(1), d.isNumber {
                position += 1
                while let d = peek(), d.isNumber { position += 1 }
            }
            if let d = peek(), Lexer.isWordCharacter(d) {
                while let d = peek(), Lexer.isWordCharacter(d) { position += 1 }
                return Token(.word, String(characters[start..<position]), SourceRange(start, position))
            }
            return Token(.number, String(characters[start..<position]), SourceRange(start, position))
        }
        if Lexer.isWordCharacter(c) {
            while let d = peek(), Lexer.isWordCharacter(d) { position += 1 }
            return Token(.word, String(characters[start..<position]), SourceRange(start, position))
        }
        position += 1
        if (c == "!" && peek() == "=") || (c == "<" && peek() == ">") {
            throw Diagnostic(
                id: "unsupported", "'\(c)\(peek() ?? " ")' is not supported: there is no negation yet", range: SourceRange(start, position + 1),
                hint: "list what to keep: where level in (district, hospital)")
        }
        throw Diagnostic(
            id: "unexpected-character", "unexpected character '\(c)'", range: SourceRange(start, position))
    }
}
