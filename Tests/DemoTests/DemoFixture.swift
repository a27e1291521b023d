import ChisoDemo
import ChisoRender
import ChisoReports
import ChisoShell
import Foundation

/// The committed demo dataset, the generator's data, and a session over the loaded files,
/// each made once for all tests (loading takes seconds in a debug build).
enum DemoFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(DemoProvince.defaultFolder).path

    static let data = DemoProvince.generate()

    /// The load of the committed folder; nil when it cannot be read at all.
    static let load: LoadResult? = try? DatasetLoader().load([folder])

    /// A session that prints CSV.
    static func session() -> Session? {
        load.map { Session(store: $0.store, renderer: Renderer(format: .csv)) }
    }
}

/// Splits CSV text into records.
///
/// Commas, double quotes with `""` escapes, `\n` or `\r\n` line ends (one `Character`
/// in Swift). Enough for chiso's and sqlite3's output, which never break a field across lines.
func csvRecords(_ text: String) -> [[String]] {
    text.split(whereSeparator: \.isNewline).map { line in
        var fields: [String] = []
        var field = ""
        var quoted = false
        var previousWasQuote = false
        for character in line {
            if quoted {
                if character == "\"" {
                    quoted = false
                    previousWasQuote = true
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                if previousWasQuote { field.append("\"") }
                quoted = true
            case ",":
                fields.append(field)
                field = ""
            default:
                field.append(character)
            }
            previousWasQuote = false
        }
        fields.append(field)
        return fields
    }
}
