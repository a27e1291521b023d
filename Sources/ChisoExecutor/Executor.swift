import ChisoModel
import ChisoPlanner

/// Runs logical plans against a store and returns result tables. It reads no names: the
/// plan carries codes and month intervals.
public struct Executor: Sendable {
    public let store: ObservationStore
    /// Polled while a query runs; when it turns true the query stops and says so.
    public var isCancelled: @Sendable () -> Bool = { false }
    /// Whether measures carry the lines they come from (`Measure.sources`). Only JSON
    /// shows them; finding them is a good part of a query of many cells.
    public var withSources = true
    /// Whether a count's figures for many groups are made in one pass; tests turn it off
    /// to check that group by group gives the same tables.
    var batches = true

    public init(store: ObservationStore) {
        self.store = store
    }

    /// Runs a plan. Throws only for what the plan could not know: an `order by` column
    /// that the result does not have.
    public func run(_ plan: LogicalPlan) throws(Diagnostic) -> ResultTable {
        switch plan {
        case .query(let query): return try self.query(query)
        case .list(let subject): return list(subject)
        case .describeIndicator(let indicator): return describe(indicator)
        case .describeDefinition(let definition): return describe(definition)
        case .describeFacility(let code): return describe(facility: code)
        case .define(let definition):
            return .prose("defined \(definition.name) = \(definition.expression) (unit: \(definition.unit.name))")
        case .setVariable(let name, let value): return .prose("$\(name) = \(value)")
        case .explain(let inner): return .prose(inner.dump(facilities: store.facilities))
        }
    }
}

extension ExpressionUnit {
    /// How the unit is written in messages.
    public var name: String {
        switch self {
        case .count: return "count"
        case .percent: return "%"
        case .number(let name): return name ?? "number"
        }
    }
}

/// Notes under a table, in the order found. Notes that say the same thing about several
/// rows share one line, so a table of nine districts does not repeat a sentence nine times.
struct Notes {
    /// Messages in the order first met, each with the labels of the rows it is about.
    private var messages: [(text: String, labels: [String])] = []
    private var index: [Key: Int] = [:]

    /// A message as its bytes. A `String` key hashes its Unicode normal form, which for
    /// notes full of Vietnamese names was a tenth of a query by district; notes are
    /// written by chiso from the same names, so equal notes have equal bytes.
    private struct Key: Hashable {
        let text: String

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }

        static func == (a: Key, b: Key) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
    }

    var lines: [String] {
        messages.map { message, rows in
            switch rows.count {
            case 0: return message
            case 1, 2: return rows.joined(separator: "; ") + ": " + message
            default: return "\(rows[0]) and \(rows.count - 1) more rows: \(message)"
            }
        }
    }

    /// A note about the whole table.
    mutating func add(_ line: String) {
        let next = messages.count
        if Self.found(&index[Key(text: line), default: next]) == next { messages.append((line, [])) }
    }

    /// Room for this many messages, so that hundreds of notes do not hash their texts
    /// again each time the index grows.
    init(capacity: Int = 0) {
        messages.reserveCapacity(capacity)
        index.reserveCapacity(capacity)
    }

    /// A note about one row.
    mutating func add(_ message: String, about label: String) {
        // One look-up that finds the message's place or gives it the next one: a note
        // text is hashed once, not once to look and again to insert.
        let next = messages.count
        let at = Self.found(&index[Key(text: message), default: next])
        if at == next {
            messages.append((message, [label]))
        } else if !messages[at].labels.contains(label) {
            messages[at].labels.append(label)
        }
    }

    private static func found(_ value: inout Int) -> Int { value }
}
