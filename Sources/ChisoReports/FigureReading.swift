import ChisoModel

/// A field's text and the column it starts at, for messages.
struct Field {
    var text: String
    var column: Int
    /// The field's own line, when it differs from the record's (YAML).
    var line: Int? = nil
}

/// The fields of one figure, from a CSV row or a YAML report entry.
struct FigureFields {
    var facility: Field
    var indicator: Field
    var period: Field
    var value: Field?
    var qualifier: Field?
    var numerator: Field?
    var denominator: Field?
    var change: Field?
    var planShare: Field?
    var plan: Field?
    var note: String?
    var file: String
    var line: Int
}

/// Why a figure was rejected: a message, the column of the bad field, a hint.
struct FigureProblem: Error {
    var message: String
    var column: Int
    var hint: String?
    var id = "invalid-figure"
    var line: Int? = nil
}

extension LoadState {
    /// Reads a figure's fields into an observation and keeps it, or records why not.
    /// Returns whether it was kept.
    @discardableResult
    mutating func addFigure(_ fields: FigureFields) -> Bool {
        switch observation(from: fields) {
        case .success(let observation):
            let key = FigureKey(facility: observation.facility, indicator: observation.indicator, interval: observation.interval)
            if let earlier = figureIndex[key] {
                var kept = observations[earlier].0
                kept.provenance = observation.provenance
                if kept == observation {
                    let seen = observationRepeats[earlier]
                    observationRepeats[earlier] = ((seen?.count ?? 0) + 1, seen?.firstLine ?? fields.line)
                    return true
                }
            } else {
                figureIndex[key] = observations.count
            }
            observations.append((observation, SourceLocation(file: fields.file, line: fields.line, column: 1)))
            return true
        case .failure(let problem):
            reject(
                problem.message, id: problem.id, file: fields.file, line: problem.line ?? fields.line, column: problem.column,
                hint: problem.hint)
            return false
        }
    }

    private mutating func observation(from f: FigureFields) -> Result<Observation, FigureProblem> {
        let facilityID = f.facility.text.trimmingSpaces
        guard facilities.code(of: facilityID) != nil else {
            return .failure(
                FigureProblem(
                    message: "unknown facility '\(facilityID)'", column: f.facility.column, hint: facilityHint(facilityID),
                    id: "unknown-facility"))
        }
        let interval: MonthInterval
        switch period(f.period.text) {
        case .success(let value): interval = value
        case .failure(let error):
            return .failure(FigureProblem(message: error.message, column: f.period.column, hint: error.hint, id: "bad-period"))
        }
        guard let indicatorID = indicatorCode(for: f.indicator, file: f.file, line: f.line) else {
            let refusal = tooManyUndeclared(f.indicator)
            return .failure(FigureProblem(message: refusal.message, column: f.indicator.column, hint: refusal.hint, id: refusal.id))
        }
        let indicator = catalog[indicatorID]

        func number(_ field: Field?, _ what: String) -> Result<ReportedNumber?, FigureProblem> {
            guard let field, !field.text.trimmingSpaces.isEmpty else { return .success(nil) }
            let shown = field.text.count > 40 ? String(field.text.prefix(40)) + "…" : field.text
            switch ReportedNumber.figure(field.text) {
            case .success(let n): return .success(n)
            case .failure(let error) where error.tooLarge:
                return .failure(
                    FigureProblem(
                        message: "\(what) '\(shown)' is too large to be a figure", column: field.column,
                        hint: "figures up to 10^15 are read", id: "bad-number", line: field.line))
            case .failure:
                return .failure(
                    FigureProblem(
                        message: "\(what) '\(shown)' is not a number", column: field.column,
                        hint: "write figures as 27662, 27.662, 11,6% or 'hơn 63 nghìn'", id: "bad-number", line: field.line))
            }
        }
        let value: ReportedNumber?
        let numerator: ReportedNumber?
        let denominator: ReportedNumber?
        let change: ReportedNumber?
        let share: ReportedNumber?
        let plan: ReportedNumber?
        do {
            value = try number(f.value, "value").get()
            numerator = try number(f.numerator, "numerator").get()
            denominator = try number(f.denominator, "denominator").get()
            change = try number(f.change, "change").get()
            share = try number(f.planShare, "plan share").get()
            plan = try number(f.plan, "plan").get()
        } catch {
            return .failure(error)
        }
        var observation = Observation(
            facility: facilityID, indicator: indicator.id, interval: interval, value: 0, note: f.note,
            provenance: Provenance(file: f.file, line: f.line))
        observation.numerator = numerator?.value ?? (value?.denominator != nil ? value?.value : nil)
        observation.denominator = denominator?.value ?? value?.denominator
        if let n = observation.numerator, let d = observation.denominator, d > 0 {
            observation.value = n / d * 100
        } else if observation.numerator != nil, observation.denominator == 0 {
            // 0 of 0 (no child expected that month) is a real figure: it adds nothing to
            // either side of a sum, and alone it has no rate. n of 0 is refused below.
            observation.value = 0
        } else if let value, value.denominator == nil {
            if value.isPercent && !(indicator.kind == .ratio || indicator.kind == .percentage) {
                return .failure(
                    FigureProblem(
                        message: "\(indicator.id) is a \(indicator.kind.rawValue), not a percentage: '\(f.value?.text ?? "")'",
                        column: f.value?.column ?? 1, hint: nil))
            }
            observation.value = value.value
        } else if observation.numerator != nil || observation.denominator != nil {
            return .failure(
                FigureProblem(
                    message: "a rate needs both numerator and denominator", column: (f.numerator ?? f.denominator)?.column ?? 1,
                    hint: "or give the rate itself as value: 47.2%"))
        } else if f.planShare != nil {
            observation.value = .nan  // the report states only the share of plan reached
        } else {
            return .failure(FigureProblem(message: "the figure has no value", column: f.indicator.column, hint: "add value: …"))
        }
        observation.qualifier = value?.qualifier ?? numerator?.qualifier ?? .exact
        if let q = f.qualifier, !q.text.trimmingSpaces.isEmpty {
            let names = Qualifier.allCases.map(\.name)
            guard let qualifier = Qualifier.allCases.first(where: { $0.name == TextFolding.fold(q.text).replacingOccurrences(of: " ", with: "_") })
            else {
                let close = TextFolding.suggestion(for: q.text, among: names).map { "did you mean '\($0)'?" }
                return .failure(
                    FigureProblem(
                        message: "'\(q.text)' is not a qualifier", column: q.column,
                        hint: close ?? "qualifiers: \(names.joined(separator: ", "))"))
            }
            observation.qualifier = qualifier
        }
        if let change {
            if change.isPercent && !indicator.kind.changesInPoints {
                return .failure(
                    FigureProblem(
                        message: "the change of \(indicator.id) is a number of \(indicator.unit), not a percentage",
                        column: f.change?.column ?? 1, hint: "write the difference: change: +138"))
            }
            observation.change = change.value
        }
        observation.planShare = share?.value
        observation.plan = plan?.value
        if let reason = problem(with: observation, kind: indicator.kind, maximum: indicator.maximum) {
            return .failure(FigureProblem(message: reason, column: f.value?.column ?? f.indicator.column, hint: nil))
        }
        // More done than the denominator: possible when N is a target (children expected),
        // so loaded, but said.
        if let n = observation.numerator, let d = observation.denominator, d > 0, n > d {
            warn(
                "\(indicator.id): the numerator \(formatPlain(n)) is above the denominator \(formatPlain(d)) (\(formatPlain((n / d * 1000).rounded() / 10)) %)",
                id: "numerator-above-denominator", file: f.file, line: f.line, column: (f.numerator ?? f.value)?.column ?? 1,
                hint: "check both; n of N is at most N unless N is a target")
        }
        return .success(observation)
    }

    /// The most indicators a load declares by itself: a file of made-up ids must not
    /// grow the catalog (and the time to suggest a name) without end.
    static let undeclaredLimit = 1_000

    /// Why a row of an unknown indicator is refused: past `undeclaredLimit`, or the
    /// catalog is full.
    func tooManyUndeclared(_ field: Field) -> (message: String, hint: String, id: String) {
        let id = field.text.trimmingSpaces
        guard report.undeclared.count >= Self.undeclaredLimit else {
            return ("more than \(ObservationStore.indicatorLimit) indicators are not supported yet; '\(id)' was not loaded",
                    "the catalog is full", "too-many-indicators")
        }
        return ("more than \(Self.undeclaredLimit) undeclared indicators; '\(id)' was not loaded",
                "declare indicators in an indicators.csv (indicator,name_vi,name_en,kind,unit)", "too-many-undeclared")
    }

    /// The catalog code for an indicator field, declaring unknown ids as counts; nil past
    /// `undeclaredLimit` such ids.
    mutating func indicatorCode(for field: Field, file: String, line: Int) -> IndicatorCode? {
        if let known = indicatorCache[field.text] { return known }
        let id = field.text.trimmingSpaces
        if let code = catalog.code(of: id) ?? catalog.lookup(id) {
            if catalog.undeclared.contains(catalog[code].id), let index = undeclaredIndex[catalog[code].id] {
                report.undeclared[index].rows += 1
            } else {
                indicatorCache[field.text] = code
            }
            return code
        }
        guard report.undeclared.count < Self.undeclaredLimit,
            catalog.count < ObservationStore.indicatorLimit
        else { return nil }
        let suggestion = catalog.suggestion(for: id, declaredOnly: true)
        undeclaredIndex[id] = report.undeclared.count
        report.undeclared.append(
            UndeclaredIndicator(
                id: id, rows: 1, firstSeen: SourceLocation(file: file, line: line, column: field.column),
                suggestion: suggestion))
        return catalog.insert(Indicator(id: id, vi: id, en: id, unit: "", kind: .count), undeclared: true)
    }
}
