import ChisoModel
import ChisoPlanner

/// Runs logical plans against a store and returns result tables. It reads no names: the
/// plan carries codes and month intervals.
public struct Executor: Sendable {
    public let store: ObservationStore

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

/// Notes under a table, without repeats, in the order found.
struct Notes {
    private(set) var lines: [String] = []

    mutating func add(_ line: String) {
        if !lines.contains(line) { lines.append(line) }
    }

    mutating func record(_ figures: CellFigures, label: String, store: ObservationStore) {
        if case .missing(let reason?) = figures.value { add("\(label): \(reason)") }
        for note in figures.notes { add("\(label): \(note)") }
        if !figures.coveredByParent.isEmpty {
            let covered = figures.coveredByParent
            let names = covered.count <= 3
                ? covered.map { store.facilities[$0].displayName }.joined(separator: ", ")
                : "\(covered.count) facilities below it"
            add("\(label): a parent's own total was used; the figures of \(names) are in it and were not added again")
        }
    }
}
