/// A span of a statement's text, as character (grapheme) offsets, end exclusive.
public struct SourceRange: Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(end, start)
    }

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }
}

/// A place in a file: 1-based line and column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String?
    public var line: Int
    public var column: Int

    public init(file: String?, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        if let file { return "\(file):\(line):\(column)" }
        return "\(line):\(column)"
    }
}

/// A problem found in a query or a data file. Found anywhere, printed only by Render.
public struct Diagnostic: Error, Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable {
        case error, warning, note
    }

    public var severity: Severity
    /// A stable identifier such as `unknown-indicator`, for tests and documentation.
    public var id: String
    public var message: String
    /// Where in the statement text the problem is (queries).
    public var range: SourceRange?
    /// Where in a file the problem is (data files, scripts once bound).
    public var location: SourceLocation?
    /// The source line shown under the message, when known.
    public var sourceLine: String?
    /// Width of the marker under the source line, in characters.
    public var width: Int
    /// A short hint shown beside the marker: "did you mean 'visits'?".
    public var hint: String?

    public init(
        _ severity: Severity = .error, id: String, _ message: String,
        range: SourceRange? = nil, location: SourceLocation? = nil,
        sourceLine: String? = nil, width: Int = 1, hint: String? = nil
    ) {
        self.severity = severity
        self.id = id
        self.message = message
        self.range = range
        self.location = location
        self.sourceLine = sourceLine
        self.width = range.map { max(1, $0.end - $0.start) } ?? width
        self.hint = hint
    }

    /// Binds a statement-relative range to a place in a file, keeping the line's text.
    ///
    /// `text` is the statement; `file` and `firstLine` say where it started.
    public func located(in text: String, file: String?, firstLine: Int) -> Diagnostic {
        guard let range else {
            var copy = self
            // A script's line is worth naming; a statement typed at the prompt with nothing
            // to point at is not ("--> 1:1" says nothing).
            if copy.location == nil, file != nil { copy.location = SourceLocation(file: file, line: firstLine, column: 1) }
            return copy
        }
        let characters = Array(text)
        var line = 0
        var lineStart = 0
        for (offset, character) in characters.enumerated() where offset < range.start {
            if character == "\n" {
                line += 1
                lineStart = offset + 1
            }
        }
        var lineEnd = lineStart
        while lineEnd < characters.count, characters[lineEnd] != "\n" { lineEnd += 1 }
        var copy = self
        copy.location = SourceLocation(
            file: file, line: firstLine + line, column: range.start - lineStart + 1)
        copy.sourceLine = String(characters[lineStart..<lineEnd])
        copy.width = max(1, min(range.end, lineEnd) - range.start)
        return copy
    }
}

/// More than one diagnostic, reported together (a statement with several problems).
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}
