import ChisoModel
import ChisoPlanner

/// Runs logical plans against a store and returns result tables. It reads no names: the
/// plan carries codes and month intervals.
public struct Executor: Sendable {
    public let store: ObservationStore
    /// Polled while a query runs; when it turns true the query stops and says so.
    public var isCancelled: @Sendable () -> Bool = { false }

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
    private var order: [String] = []
    private var labels: [String: [String]] = [:]

    var lines: [String] {
        order.map { message in
            let rows = labels[message] ?? []
            switch rows.count {
            case 0: return message
            case 1, 2: return rows.joined(separator: "; ") + ": " + message
            default: return "\(rows[0]) and \(rows.count - 1) more rows: \(message)"
            }
        }
    }

    /// A note about the whole table.
    mutating func add(_ line: String) {
        if labels[line] == nil && !order.contains(line) { order.append(line) }
    }

    /// A note about one row.
    mutating func add(_ message: String, about label: String) {
        if labels[message] == nil { order.append(message) }
        if !(labels[message]?.contains(label) ?? false) { labels[message, default: []].append(label) }
    }
}
