import ChisoModel

extension CellAggregator {
    /// Share of the annual plan and the plan itself, when every part has one.
    ///
    /// Each figure is measured against its own facility's plan; a facility without one is
    /// covered by the nearest plan above it inside the group, which then stands for that
    /// whole subtree. Each plan is counted once, in the group its facility belongs to at
    /// the end of the period: a station that moved in a merger brings its plan along.
    func planFigures(
        _ rows: [Int], indicator: IndicatorCode, total: Measure, kind: IndicatorKind, interval: MonthInterval,
        members: (FacilityCode, Month) -> Bool, notes: inout [String]
    ) -> (Cell?, Cell?) {
        guard interval.start.year == interval.end.year else { return (nil, nil) }
        // Nothing to measure against: no plan stated apart, and no row with its own.
        guard store.hasPlans(indicator: indicator, year: interval.end.year) || store.hasDetails else { return (nil, nil) }
        if rows.count == 1, let share = store.details(at: rows[0])?.planShare {
            let shareCell = Cell.measure(Measure(value: share, unit: .percent, sources: sources(rows)))
            guard kind == .count, share > 0 else { return (shareCell, nil) }
            let value = store.value(at: rows[0])
            // A plan stated apart wins over one derived from the share; when they disagree
            // beyond rounding, the cell says so.
            if let stated = store.plan(facility: store.facility(at: rows[0]), indicator: indicator, year: interval.end.year) {
                let implied = value / share * 100
                if abs(implied - stated.value) > max(1, stated.value * 0.01) {
                    notes.append(
                        "the report's share of plan (\(PlainNumber.text(share)) %) implies a plan of "
                            + "\(PlainNumber.text(implied.rounded())), but the plan stated is \(PlainNumber.text(stated.value))")
                }
                let plan = Measure(value: stated.value, unit: .count, sources: stated.provenance.map { [$0] } ?? [])
                return (shareCell, .measure(plan))
            }
            let plan = Measure(
                value: value / share * 100, unit: .count, qualifier: store.qualifier(at: rows[0]),
                derivation: .planFromShare(value: value, share: share), sources: sources(rows))
            return (shareCell, .measure(plan))
        }
        // A count against its plan; a rate n/N by its n: an immunisation plan is a number
        // of children to immunise in the year.
        let achieved: Double
        switch kind {
        case .count: achieved = total.value
        case .ratio:
            guard let n = total.numerator else { return (nil, nil) }
            achieved = n
        default: return (nil, nil)
        }
        var plan = 0.0
        var derived = false
        var holders = Set<FacilityCode>()
        let year = interval.end.year
        for row in rows {
            let facility = store.facility(at: row)
            let end = interval.end
            let chain = [facility] + store.facilities.ancestors(of: facility, in: end)
            let holder = chain.first { code in
                members(code, end) && store.plan(facility: code, indicator: indicator, year: year) != nil
            }
            if holder == nil, store.plan(facility: facility, indicator: indicator, year: year) != nil {
                let name = store.facilities[facility].displayName
                notes.append(
                    "\(name)'s annual plan counts where it belonged at the end of \(Period(interval: interval)), "
                        + "so this group has no share of plan")
                return (nil, nil)
            }
            if let stated = store.details(at: row)?.plan {
                plan += stated
            } else if let holder {
                if holders.insert(holder).inserted {
                    plan += store.plan(facility: holder, indicator: indicator, year: year)?.value ?? 0
                }
            } else if kind == .count, let share = store.details(at: row)?.planShare, share > 0 {
                plan += store.value(at: row) / share * 100
                derived = true
            } else {
                return (nil, nil)
            }
        }
        guard plan > 0 else { return (nil, nil) }
        let share = Measure(
            value: achieved / plan * 100, unit: .percent, qualifier: total.qualifier,
            derivation: derived ? .fromDerived : nil)
        let planMeasure = Measure(value: plan, unit: .count, derivation: derived ? .includesDerived(parts: rows.count) : nil)
        return (.measure(share), .measure(planMeasure))
    }
}
