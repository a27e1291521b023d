import ChisoModel
import Yams

/// The fields of a report file (one facility's review of one period).
enum ReportLayout {
    static let topKeys = ["facility", "period", "date", "title", "source", "note", "figures", "targets"]
    static let figureKeys = [
        "indicator", "value", "qualifier", "numerator", "denominator", "change", "plan_share", "plan", "note",
        "period", "facility",
    ]
    static let targetKeys = ["indicator", "value", "year", "facility", "note"]
}

extension LoadState {
    mutating func loadReport(_ text: String, file: String) -> FileSummary {
        var summary = FileSummary(file: file, kind: .report, loaded: 0, rejected: 0)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let (line, column, problem) = yamlProblem(error)
            reject("not valid YAML: \(problem)", id: "bad-yaml", file: file, line: line, column: column)
            summary.rejected += 1
            return summary
        } catch {
            reject("not valid YAML: \(error)", id: "bad-yaml", file: file, line: 1)
            summary.rejected += 1
            return summary
        }
        guard let root, case .mapping(let top) = root else {
            reject("a report file is a mapping with facility, period and figures", id: "bad-report", file: file, line: 1)
            summary.rejected += 1
            return summary
        }
        checkKeys(of: top, allowed: ReportLayout.topKeys, file: file)
        guard let facility = scalarField(top, "facility"), let period = scalarField(top, "period") else {
            reject("a report needs 'facility' and 'period' at the top", id: "bad-report", file: file, line: 1,
                   hint: "facility: ttyt-laichau\nperiod: 2025H1")
            summary.rejected += 1
            return summary
        }
        if let figures = top["figures"] {
            guard case .sequence(let entries) = figures else {
                reject("'figures' must be a list of entries starting with '- indicator:'", id: "bad-report", file: file,
                       line: figures.mark?.line ?? 1)
                summary.rejected += 1
                return summary
            }
            for entry in entries {
                let line = entry.mark?.line ?? 1
                guard case .mapping(let figure) = entry, let indicator = scalarField(figure, "indicator") else {
                    reject("a figure needs an 'indicator'", id: "bad-report", file: file, line: line)
                    summary.rejected += 1
                    continue
                }
                checkKeys(of: figure, allowed: ReportLayout.figureKeys, file: file)
                let fields = FigureFields(
                    facility: scalarField(figure, "facility") ?? facility, indicator: indicator,
                    period: scalarField(figure, "period") ?? period, value: scalarField(figure, "value"),
                    qualifier: scalarField(figure, "qualifier"), numerator: scalarField(figure, "numerator"),
                    denominator: scalarField(figure, "denominator"), change: scalarField(figure, "change"),
                    planShare: scalarField(figure, "plan_share"), plan: scalarField(figure, "plan"),
                    note: scalarField(figure, "note")?.text, file: file, line: line)
                if addFigure(fields) { summary.loaded += 1 } else { summary.rejected += 1 }
            }
        }
        if let targets = top["targets"], case .sequence(let entries) = targets {
            for entry in entries {
                if addTarget(entry, facility: facility, period: period, file: file) {
                    summary.loaded += 1
                } else {
                    summary.rejected += 1
                }
            }
        }
        return summary
    }

    /// A target line: an annual plan, not a result.
    private mutating func addTarget(_ entry: Node, facility: Field, period: Field, file: String) -> Bool {
        let line = entry.mark?.line ?? 1
        guard case .mapping(let target) = entry, let indicator = scalarField(target, "indicator"),
            let valueField = scalarField(target, "value")
        else {
            reject("a target needs 'indicator' and 'value'", id: "bad-report", file: file, line: line)
            return false
        }
        checkKeys(of: target, allowed: ReportLayout.targetKeys, file: file)
        let facilityID = (scalarField(target, "facility") ?? facility).text.trimmingSpaces
        guard facilities.code(of: facilityID) != nil else {
            reject("unknown facility '\(facilityID)'", id: "unknown-facility", file: file, line: line, hint: facilityHint(facilityID))
            return false
        }
        let year: Int
        if let yearField = scalarField(target, "year") {
            guard let y = Int(yearField.text), Period.acceptedYears.contains(y) else {
                reject("'\(yearField.text)' is not a year", id: "bad-period", file: file, line: line, column: yearField.column)
                return false
            }
            year = y
        } else if case .success(let interval) = self.period(period.text) {
            year = interval.end.year
        } else {
            reject("the report's period is not a period", id: "bad-period", file: file, line: line)
            return false
        }
        guard case .success(let value) = ReportedNumber.parse(valueField.text) else {
            reject("value '\(valueField.text)' is not a number", id: "bad-number", file: file, line: line, column: valueField.column)
            return false
        }
        guard let code = indicatorCode(for: indicator, file: file, line: line) else {
            let refusal = tooManyUndeclared(indicator)
            reject(refusal.message, id: refusal.id, file: file, line: line, column: indicator.column, hint: refusal.hint)
            return false
        }
        plans.append(
            PlanEntry(facility: facilityID, indicator: catalog[code].id, year: year, value: value.value,
                      provenance: Provenance(file: file, line: line)))
        return true
    }

    private func scalarField(_ mapping: Node.Mapping, _ key: String) -> Field? {
        guard let node = mapping[key], case .scalar(let scalar) = node else { return nil }
        return Field(text: scalar.string, column: scalar.mark?.column ?? 1, line: scalar.mark?.line)
    }

    private mutating func checkKeys(of mapping: Node.Mapping, allowed: [String], file: String) {
        for key in mapping.keys {
            guard case .scalar(let scalar) = key, !allowed.contains(scalar.string) else { continue }
            let close = TextFolding.suggestion(for: scalar.string, among: allowed)
            warn("unknown field '\(scalar.string)' is ignored", id: "unknown-field", file: file,
                 line: scalar.mark?.line ?? 1, column: scalar.mark?.column ?? 1,
                 hint: close.map { "did you mean '\($0)'?" } ?? "fields: \(allowed.joined(separator: ", "))")
        }
    }

    private func yamlProblem(_ error: YamlError) -> (Int, Int, String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return (mark.line, mark.column, problem)
        default:
            return (1, 1, "\(error)")
        }
    }
}
