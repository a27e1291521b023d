import ChisoModel

extension LogicalPlan {
    /// The plan as indented text, as `explain` prints it. Deterministic, for tests.
    public func dump(facilities: FacilityDirectory) -> String {
        var lines: [String] = []
        write(into: &lines, facilities: facilities)
        return lines.joined(separator: "\n")
    }

    private func write(into lines: inout [String], facilities: FacilityDirectory) {
        switch self {
        case .aggregate(let plan):
            lines.append("Aggregate")
            plan.indicators.forEach { lines.append("  indicator: " + $0.explained) }
            lines.append("  period: " + plan.period.explained)
            lines.append("  group by: " + plan.grouping.explained)
            lines.append("  facilities: " + plan.scope.explained(facilities))
        case .compare(let plan):
            lines.append("Compare")
            plan.indicators.forEach { lines.append("  indicator: " + $0.explained) }
            plan.periods.forEach { lines.append("  period: " + $0.explained) }
            lines.append("  change: last period against the first; growth % for counts, percentage points for rates")
            lines.append("  group by: " + plan.grouping.explained)
            lines.append("  facilities: " + plan.scope.explained(facilities))
        case .list(let subject):
            switch subject {
            case .indicators: lines.append("List indicators")
            case .facilities: lines.append("List facilities")
            case .levels: lines.append("List levels")
            case .periods(let indicator): lines.append("List periods" + (indicator.map { " of \($0.indicator.id)" } ?? ""))
            }
        case .describeIndicator(let indicator):
            lines.append("Describe indicator \(indicator.indicator.id)")
        case .describeFacility(let code):
            lines.append("Describe facility \(facilities[code].id)")
        case .explain(let inner):
            lines.append("Explain")
            var innerLines: [String] = []
            inner.write(into: &innerLines, facilities: facilities)
            lines += innerLines.map { "  " + $0 }
        }
    }
}

extension BoundIndicator {
    var explained: String { "\(indicator.id) (\(indicator.kind.rawValue): \(indicator.kind.aggregationRule))" }
}

extension BoundPeriod {
    var explained: String {
        let months = interval.count
        return "\(period) = months \(Period.month(interval.start.year, interval.start.month))"
            + "..\(Period.month(interval.end.year, interval.end.month)) (\(months) month\(months == 1 ? "" : "s"))"
    }
}

extension BoundGrouping {
    var explained: String {
        switch self {
        case .total: return "none (one total row)"
        case .facility: return "facility"
        case .level(let level): return "\(level) (each facility rolled up to its ancestor at that level)"
        }
    }
}

extension BoundScope {
    func explained(_ facilities: FacilityDirectory) -> String {
        guard let roots, let members else { return "all (\(facilities.count))" }
        let names = roots.map { facilities[$0].id }.joined(separator: ", ")
        return "\(names) and below (\(members.count)); a parent's own total is used instead of its children's where both exist"
    }
}
