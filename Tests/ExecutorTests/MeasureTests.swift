import ChisoModel
import Testing

@testable import ChisoExecutor

/// A measure keeps its rare facts in a shared box: what it says, and whether two are
/// equal, must not depend on whether a box was made.
@Suite struct MeasureTests {
    @Test func factsReadBackAsSet() {
        let source = Provenance(file: "a.yaml", line: 3)
        var m = Measure(value: 35.1, unit: .percent, coverage: Coverage(covered: 5, total: 6), numerator: 279, denominator: 796)
        #expect(m.coverage == Coverage(covered: 5, total: 6))
        #expect(m.numerator == 279)
        #expect(m.denominator == 796)
        #expect(m.derivation == nil)
        #expect(m.sources.isEmpty)
        m.sources.append(source)
        m.derivation = .fromDerived
        #expect(m.sources == [source])
        #expect(m.derivation == .fromDerived)
        m.coverage = nil
        #expect(m.coverage == nil)
        // A whole period's coverage is kept, not taken for none.
        m.coverage = Coverage(covered: 6, total: 6)
        #expect(m.coverage == Coverage(covered: 6, total: 6))
    }

    @Test func equalWhetherOrNotABoxWasMade() {
        let plain = Measure(value: 27_662, unit: .count)
        var emptied = Measure(value: 27_662, unit: .count, numerator: 1, sources: [Provenance(file: "b.yaml", line: 9)])
        #expect(emptied != plain)
        emptied.numerator = nil
        emptied.sources = []
        #expect(emptied == plain)
        #expect(emptied.hashValue == plain.hashValue)
        // A copy is apart from its original once either changes.
        var copy = emptied
        copy.derivation = .computed(formula: "a / b")
        #expect(emptied.derivation == nil)
        #expect(copy != emptied)
    }
}
