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
        case .query(let plan):
            plan.write(into: &lines, facilities: facilities)
        case .list(let subject):
            switch subject {
            case .indicators: lines.append("List indicators")
            case .facilities: lines.append("List facilities")
            case .levels: lines.append("List levels")
            case .datasets: lines.append("List datasets")
            case .periods(let indicator): lines.append("List periods" + (indicator.map { " of \($0.indicator.id)" } ?? ""))
            }
        case .describeDefinition(let definition):
            lines.append("Describe definition \(definition.name) = \(definition.expression)")
        case .define(let definition):
            lines.append("Define \(definition.name) = \(definition.expression) (unit: \(definition.unit.explained))")
        case .setVariable(let name, let value):
            lines.append("Let $\(name) = \(value)")
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

extension QueryPlan {
    func write(into lines: inout [String], facilities: FacilityDirectory) {
        switch kind {
        case .show: lines.append("Show")
        case .compare: lines.append("Compare")
        case .trend(let grain): lines.append("Trend by \(grain.rawValue)")
        case .rank(let descending): lines.append("Rank, \(descending ? "largest" : "smallest") first")
        case .progress: lines.append("Progress against the annual plan")
        }
        for measure in measures {
            if let indicator = measure.indicator {
                lines.append("  indicator: " + indicator.explained)
            } else {
                lines.append("  expression: \(measure.label) = \(measure.expression) (unit: \(measure.unit.explained))")
                for indicator in measure.expression.indicators { lines.append("    each part first: " + indicator.explained) }
                lines.append("    then the arithmetic on the totals; a missing part or a zero divisor leaves the cell empty")
            }
        }
        if let span { lines.append("  span: " + span.explained) }
        if case .trend = kind {
            lines.append("  buckets: \(periods.count) (\(periods.map(\.period.description).joined(separator: ", ")))")
        } else {
            periods.forEach { lines.append("  period: " + $0.explained) }
        }
        switch kind {
        case .compare(let mode):
            let shown: String
            switch mode {
            case nil: shown = "growth % (b − a) ÷ a for counts, percentage points for rates and percentages"
            case .growth: shown = "growth % (b − a) ÷ a"
            case .ratio: shown = "ratio % b × 100 ÷ a"
            case .points: shown = "percentage points b − a"
            }
            lines.append("  change: the last period against the first, as \(shown)")
        case .progress:
            lines.append("  plan: share of the annual plan reached, beside the share of the year the period covers;")
            lines.append("    each figure against its own facility's plan, or the nearest plan above it in the group")
        default: break
        }
        lines.append("  group by: " + grouping.explained)
        lines.append("  facilities: " + scope.explained(facilities))
        lines.append("  overlap: where a facility and one above it both report, the one above is taken as the total")
        if let weight {
            lines.append("  percentages: averaged over facilities, each weighted by its \(weight.indicator.id) in the same period")
        }
        // Mergers inside the asked periods change which group a facility's figures go to.
        if let first = periods.map(\.interval.start).min(), let last = periods.map(\.interval.end).max() {
            var moved = 0
            var when = Set<String>()
            for code in 0..<facilities.count {
                for former in facilities.formerParents(of: FacilityCode(code)) where former.until >= first && former.until < last {
                    moved += 1
                    let after = former.until.advanced(by: 1)
                    when.insert(Period.month(after.year, after.month).description)
                }
            }
            if moved > 0 {
                lines.append(
                    "  mergers: \(moved) facilit\(moved == 1 ? "y" : "ies") changed parent from \(when.sorted().joined(separator: ", ")); "
                        + "each figure counts under the parent in force in its last month")
            }
        }
        if let order { lines.append("  order by: \(order.key) \(order.descending ? "desc" : "asc")") }
        if let limit { lines.append("  top: \(limit)") }
    }
}

extension ExpressionUnit {
    var explained: String {
        switch self {
        case .count: return "count"
        case .percent: return "%"
        case .number(let name): return name ?? "number"
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
        case .level(let level):
            return "\(level) (each figure rolled up to the \(level) its facility was in, in the figure's last month)"
        }
    }
}

extension BoundScope {
    func explained(_ facilities: FacilityDirectory) -> String {
        guard !conditions.isEmpty else { return "all (\(facilities.count))" }
        let tests = conditions.map(\.text).joined(separator: " and ")
        return "\(tests) (\(candidates?.count ?? facilities.count) facilities); levels and areas follow the hierarchy "
            + "in force for each figure"
    }
}
