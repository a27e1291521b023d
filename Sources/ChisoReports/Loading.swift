import ChisoModel
import Foundation

/// The state shared by the loaders while a set of files is read.
struct LoadState {
    var facilities = FacilityDirectory()
    var catalog: IndicatorCatalog
    var observations: [(Observation, SourceLocation)] = []
    var plans: [PlanEntry] = []
    var report = LoadReport()
    /// Periods and indicator ids already read: bulk files repeat a few of each.
    var periodCache: [String: Result<MonthInterval, PeriodSyntaxError>] = [:]
    var indicatorCache: [String: IndicatorCode] = [:]
    /// Where each undeclared indicator is in `report.undeclared`.
    var undeclaredIndex: [String: Int] = [:]
    /// Where each figure kept so far is in `observations`, so that a row repeating one
    /// exactly is not kept twice: a file of one row repeated loads in the memory of one.
    var figureIndex: [FigureKey: Int] = [:]
    /// By index in `observations`: the rows that repeated that figure exactly (how many,
    /// the first's line), which share its fate when the store is built.
    var observationRepeats: [Int: (count: Int, firstLine: Int)] = [:]
    var facilityHints: [String: String] = [:]

    struct FigureKey: Hashable {
        var facility: String
        var indicator: String
        var interval: MonthInterval
    }

    init(catalog: IndicatorCatalog) {
        self.catalog = catalog
    }

    mutating func reject(_ message: String, id: String, file: String, line: Int, column: Int = 1, hint: String? = nil) {
        report.add(
            Diagnostic(.error, id: id, message, location: SourceLocation(file: file, line: line, column: column), hint: hint))
    }

    mutating func warn(_ message: String, id: String, file: String, line: Int, column: Int = 1, hint: String? = nil) {
        report.add(
            Diagnostic(.warning, id: id, message, location: SourceLocation(file: file, line: line, column: column), hint: hint))
    }

    /// A period field, or the reason it is not one.
    mutating func period(_ text: String) -> Result<MonthInterval, PeriodSyntaxError> {
        if let known = periodCache[text] { return known }
        let result = Period.parse(text.trimmingSpaces).map(\.interval)
        periodCache[text] = result
        return result
    }

    /// "did you mean" for a facility id, found once per id: a file may name an unknown
    /// facility on every line.
    mutating func facilityHint(_ id: String) -> String {
        if let known = facilityHints[id] { return known }
        let hint = TextFolding.suggestion(for: id, among: facilities.facilities.map(\.id)).map { "did you mean '\($0)'?" }
            ?? "facilities are declared in a facilities.csv (facility,name,level,parent)"
        if facilityHints.count < 10_000 { facilityHints[id] = hint }
        return hint
    }

    /// Checks a figure against its indicator's kind; returns a reason to reject it.
    func problem(with observation: Observation, kind: IndicatorKind, maximum: Double? = nil) -> String? {
        switch kind {
        case .count, .stock:
            if observation.value < 0 { return "a \(kind.rawValue) cannot be below zero (\(formatPlain(observation.value)))" }
        case .ratio:
            if let n = observation.numerator, n < 0 { return "a numerator cannot be below zero" }
            if let d = observation.denominator, d < 0 { return "a denominator cannot be below zero" }
            if observation.denominator == 0, let n = observation.numerator, n > 0 {
                return "a numerator of \(formatPlain(n)) over a denominator of 0"
            }
        case .percentage:
            if observation.value < 0 { return "a percentage cannot be below zero" }
            if let maximum, observation.value > maximum {
                return "\(observation.indicator) cannot be above \(formatPlain(maximum)) % (\(formatPlain(observation.value)) %)"
            }
        }
        return nil
    }
}
