import ChisoModel

/// The change from a first to a last figure, in the three ways reports state it.
struct ChangeCalculator {
    let first: Measure?
    let last: Measure?
    /// The later period, to recognise a change the report itself stated.
    let laterPeriod: MonthInterval?

    /// The narrower coverage of the two figures: a change from a partial period is partial.
    private var coverage: Coverage? {
        switch (first?.coverage, last?.coverage) {
        case (nil, let c), (let c, nil): return c
        case (let a?, let b?): return a.covered * b.total <= b.covered * a.total ? a : b
        }
    }

    private var derived: MeasureDerivation? {
        (first?.isMarkedDerived ?? false) || (last?.isMarkedDerived ?? false) ? .fromDerived : nil
    }

    /// b − a: a signed difference of counts, or percentage points for rates.
    func difference(inPoints: Bool) -> Cell {
        guard let a = first, let b = last else { return .missing(reason: nil) }
        let difference = b.value - a.value
        // When the earlier figure was derived from the later one's stated change, the
        // difference is that stated change, not a derived figure.
        var derivation = derived
        if case .baseline(_, let change, let statedPeriod, _) = a.derivation, statedPeriod == laterPeriod,
            !b.isMarkedDerived, abs(change - difference) < 1e-9
        {
            derivation = nil
        }
        return .measure(
            Measure(value: difference, unit: inPoints ? .points : .difference, qualifier: b.qualifier.subtracting(a.qualifier),
                    derivation: derivation, coverage: coverage, sources: b.sources.isEmpty ? a.sources : a.sources + b.sources.filter { !a.sources.contains($0) }))
    }

    /// (b − a) ÷ a × 100. For rates this is asked for explicitly and is a relative change.
    func growth(ofPoints: Bool = false) -> Cell {
        guard !ofPoints else { return .missing(reason: nil) }
        guard let a = first, let b = last, a.value != 0 else { return .missing(reason: nil) }
        return .measure(
            Measure(value: (b.value - a.value) / a.value * 100, unit: .growth,
                    qualifier: b.qualifier.adding(a.qualifier.flipped), derivation: derived, coverage: coverage))
    }

    /// b × 100 ÷ a: the later figure as a share of the earlier one.
    func ratio() -> Cell {
        guard let a = first, let b = last, a.value != 0 else { return .missing(reason: nil) }
        return .measure(
            Measure(value: b.value * 100 / a.value, unit: .percent, qualifier: b.qualifier.adding(a.qualifier.flipped),
                    derivation: derived))
    }
}
