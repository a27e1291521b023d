import ChisoModel

/// The bulk CSV layouts, recognised by their header.
enum CSVLayout {
    static let observationsRequired = ["facility", "period", "indicator", "value"]
    static let observationsOptional = ["qualifier", "numerator", "denominator", "change", "plan_share", "plan", "note"]
    static let facilitiesRequired = ["facility", "name", "level", "parent"]
    static let facilitiesOptional = ["short_name", "former_names", "former_parents", "closed"]
    static let plansRequired = ["facility", "indicator", "year", "plan"]
    static let indicatorsRequired = ["indicator", "name_vi", "name_en", "kind", "unit"]
    static let indicatorsOptional = ["aliases", "summary"]

    static func kind(of header: [String]) -> DataFileKind? {
        let names = Set(header)
        if names.isSuperset(of: observationsRequired) { return .observations }
        if names.isSuperset(of: facilitiesRequired) { return .facilities }
        if names.isSuperset(of: indicatorsRequired) { return .indicators }
        if names.isSuperset(of: plansRequired) { return .plans }
        return nil
    }
}

/// A CSV row's fields by column name, with their columns for messages.
struct CSVRow {
    var record: CSVRecord
    var columnIndex: [String: Int]
    /// The column where each field starts, counting separators (quoted fields count as
    /// their content, which is close enough for a caret).
    private var columns: [Int]

    init(record: CSVRecord, columnIndex: [String: Int]) {
        self.record = record
        self.columnIndex = columnIndex
        var columns: [Int] = []
        columns.reserveCapacity(record.fields.count)
        var column = 1
        for field in record.fields {
            columns.append(column)
            column += field.unicodeScalars.count + 1
        }
        self.columns = columns
    }

    func field(_ name: String) -> Field? {
        guard let index = columnIndex[name], index < record.fields.count else { return nil }
        return Field(text: record.fields[index], column: columns[index])
    }

    func text(_ name: String) -> String {
        field(name)?.text.trimmingSpaces ?? ""
    }
}

extension LoadState {
    /// Rows of a CSV file after its header, checking each row's width.
    mutating func rows(of records: [CSVRecord], file: String) -> [CSVRow] {
        guard let header = records.first else { return [] }
        let names = header.fields.map { $0.trimmingSpaces.lowercased() }
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        return records.dropFirst().map { CSVRow(record: $0, columnIndex: index) }
    }

    /// Checks a row's width; rejects it with file:line when it has too few fields.
    mutating func wellFormed(_ row: CSVRow, width: Int, file: String) -> Bool {
        if let problem = row.record.problem {
            reject(problem.message, id: "bad-record", file: file, line: row.record.line, column: problem.column,
                   hint: problem.message.contains("quote") ? "close it, or write a quote inside a field as \"\"" : "save the file as text")
            return false
        }
        // Fields past the header's are data that would be dropped: refused, unless empty.
        if row.record.fields.count > width, row.record.fields[width...].contains(where: { !$0.trimmingSpaces.isEmpty }) {
            reject(
                "expected \(width) fields, found \(row.record.fields.count)", id: "long-row", file: file,
                line: row.record.line, hint: "a field containing a comma must be quoted: \"1,234\"")
            return false
        }
        guard row.record.fields.count >= width else {
            reject(
                "expected \(width) fields, found \(row.record.fields.count)", id: "short-row", file: file,
                line: row.record.line, hint: "a field containing a comma must be quoted")
            return false
        }
        return true
    }

    /// Runs `load` on each well-formed row and counts what it kept and rejected.
    mutating func eachRow(
        of records: [CSVRecord], file: String, kind: DataFileKind, _ load: (inout LoadState, CSVRow) -> Bool
    ) -> FileSummary {
        var summary = FileSummary(file: file, kind: kind, loaded: 0, rejected: 0)
        let width = records.first?.fields.count ?? 0
        for row in rows(of: records, file: file) {
            if wellFormed(row, width: width, file: file) && load(&self, row) {
                summary.loaded += 1
            } else {
                summary.rejected += 1
            }
        }
        return summary
    }

    mutating func loadFacilities(_ records: [CSVRecord], file: String, dataset: String?) -> FileSummary {
        eachRow(of: records, file: file, kind: .facilities) { state, row in
            state.loadFacility(row, file: file, dataset: dataset)
        }
    }

    private mutating func loadFacility(_ row: CSVRow, file: String, dataset: String?) -> Bool {
        let id = row.text("facility")
        let name = row.text("name")
        let level = row.text("level")
        guard !id.isEmpty, !name.isEmpty, !level.isEmpty else {
            let missing = id.isEmpty ? "facility" : name.isEmpty ? "name" : "level"
            reject("the \(missing) field is empty", id: "missing-field", file: file, line: row.record.line,
                   column: row.field(missing)?.column ?? 1)
            return false
        }
        guard facilities.count < ObservationStore.facilityLimit else {
            reject("more than \(ObservationStore.facilityLimit) facilities are not supported yet; '\(id)' was not loaded",
                   id: "too-many-facilities", file: file, line: row.record.line)
            return false
        }
        if let existing = facilities.code(of: id) {
            reject("facility '\(id)' is declared twice; kept '\(facilities[existing].name)'", id: "duplicate-facility",
                   file: file, line: row.record.line)
            return false
        }
        let parent = row.text("parent")
        let formerNames = row.text("former_names").split(separator: "|").map { String($0).trimmingSpaces }
            .filter { !$0.isEmpty }
        let short = row.text("short_name")
        var formerParents: [FormerParent] = []
        for entry in row.text("former_parents").split(separator: "|") {
            // "vinhphuc until 2025M06": the parent, and the last month under it.
            let words = entry.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard words.count == 3, words[1].lowercased() == "until",
                case .success(let period) = Period.parse(words[2])
            else {
                reject(
                    "former parent '\(String(entry).trimmingSpaces)' is not '<parent> until <period>'", id: "bad-former-parent",
                    file: file, line: row.record.line, column: row.field("former_parents")?.column ?? 1,
                    hint: "for example: vinhphuc until 2025M06")
                return false
            }
            formerParents.append(FormerParent(parentID: words[0], until: period.interval.end))
        }
        var closed: Month?
        let closedText = row.text("closed")
        if !closedText.isEmpty {
            guard case .success(let period) = Period.parse(closedText) else {
                reject(
                    "closed '\(closedText)' is not a period", id: "bad-period", file: file, line: row.record.line,
                    column: row.field("closed")?.column ?? 1, hint: "the last month the facility existed: 2025M06")
                return false
            }
            closed = period.interval.end
        }
        facilities.insert(
            Facility(id: id, name: name, shortName: short.isEmpty ? nil : short, formerNames: formerNames,
                     level: level, parentID: parent.isEmpty ? nil : parent, formerParents: formerParents,
                     dataset: dataset, closed: closed))
        return true
    }

    mutating func loadPlans(_ records: [CSVRecord], file: String) -> FileSummary {
        eachRow(of: records, file: file, kind: .plans) { state, row in
            let facility = row.text("facility")
            guard state.facilities.code(of: facility) != nil else {
                state.reject(
                    "unknown facility '\(facility)'", id: "unknown-facility", file: file, line: row.record.line,
                    column: row.field("facility")?.column ?? 1, hint: state.facilityHint(facility))
                return false
            }
            let yearText = row.text("year")
            guard let year = Int(yearText), Period.acceptedYears.contains(year) else {
                state.reject(
                    "'\(yearText)' is not a year", id: "bad-period", file: file, line: row.record.line,
                    column: row.field("year")?.column ?? 1)
                return false
            }
            let planText = row.text("plan")
            guard case .success(let value) = ReportedNumber.parse(planText) else {
                state.reject(
                    "plan '\(planText)' is not a number", id: "bad-number", file: file, line: row.record.line,
                    column: row.field("plan")?.column ?? 1)
                return false
            }
            guard value.value >= 0 else {
                state.reject(
                    "a plan cannot be below zero (\(planText))", id: "invalid-figure", file: file, line: row.record.line,
                    column: row.field("plan")?.column ?? 1)
                return false
            }
            let indicator = row.field("indicator") ?? Field(text: "", column: 1)
            guard let code = state.indicatorCode(for: indicator, file: file, line: row.record.line) else {
                let refusal = state.tooManyUndeclared(indicator)
                state.reject(refusal.message, id: refusal.id, file: file, line: row.record.line, column: indicator.column,
                             hint: refusal.hint)
                return false
            }
            state.plans.append(
                PlanEntry(facility: facility, indicator: state.catalog[code].id, year: year, value: value.value,
                          provenance: Provenance(file: file, line: row.record.line)))
            return true
        }
    }

    mutating func loadIndicators(_ records: [CSVRecord], file: String) -> FileSummary {
        eachRow(of: records, file: file, kind: .indicators) { state, row in
            state.loadIndicator(row, file: file)
        }
    }

    private mutating func loadIndicator(_ row: CSVRow, file: String) -> Bool {
        let id = row.text("indicator")
        let kindText = row.text("kind").lowercased()
        guard !id.isEmpty else {
            reject("the indicator field is empty", id: "missing-field", file: file, line: row.record.line)
            return false
        }
        guard let kind = IndicatorKind(rawValue: kindText) else {
            let kinds = IndicatorKind.allCases.map(\.rawValue)
            let close = TextFolding.suggestion(for: kindText, among: kinds).map { "did you mean '\($0)'?" }
            reject("'\(kindText)' is not an indicator kind", id: "bad-kind", file: file, line: row.record.line,
                   column: row.field("kind")?.column ?? 1, hint: close ?? "kinds: \(kinds.joined(separator: ", "))")
            return false
        }
        guard catalog.count < ObservationStore.indicatorLimit || catalog.code(of: id) != nil else {
            reject("more than \(ObservationStore.indicatorLimit) indicators are not supported yet; '\(id)' was not loaded",
                   id: "too-many-indicators", file: file, line: row.record.line)
            return false
        }
        let aliases = row.text("aliases").split(separator: "|").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        let vi = row.text("name_vi")
        let en = row.text("name_en")
        catalog.insert(
            Indicator(id: id, vi: vi.isEmpty ? id : vi, en: en.isEmpty ? id : en, aliases: aliases,
                      unit: row.text("unit"), kind: kind, summary: row.text("summary")))
        return true
    }

    mutating func loadObservations(_ records: [CSVRecord], file: String) -> FileSummary {
        eachRow(of: records, file: file, kind: .observations) { state, row in
            guard let facility = row.field("facility"), let indicator = row.field("indicator"),
                let period = row.field("period")
            else { return false }
            let fields = FigureFields(
                facility: facility, indicator: indicator, period: period, value: row.field("value"),
                qualifier: row.field("qualifier"), numerator: row.field("numerator"),
                denominator: row.field("denominator"), change: row.field("change"),
                planShare: row.field("plan_share"), plan: row.field("plan"),
                note: row.field("note").map(\.text).flatMap { $0.isEmpty ? nil : $0 }, file: file,
                line: row.record.line)
            return state.addFigure(fields)
        }
    }
}
