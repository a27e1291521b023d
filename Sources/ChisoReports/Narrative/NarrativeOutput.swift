import ChisoModel

extension NarrativeReport {
    /// One row per figure: `facility,period,indicator,value,qualifier,change,plan_pct,
    /// numerator,denominator,line`, empty where the report does not say.
    public func csv() -> String {
        var text = "facility,period,indicator,value,qualifier,change,plan_pct,numerator,denominator,line\n"
        for figure in figures {
            let fields = [
                facility?.shown ?? "", figure.period.description, figure.indicator, figure.valueText ?? "",
                figure.qualifier.name, figure.changeText ?? "", figure.planShare.map(NarrativeFormat.number) ?? "",
                figure.numerator.map(NarrativeFormat.number) ?? "", figure.denominator.map(NarrativeFormat.number) ?? "",
                String(figure.line),
            ]
            text += fields.map(Self.csvField).joined(separator: ",") + "\n"
        }
        return text
    }

    static func csvField(_ text: String) -> String {
        // By bytes: a quote followed by a combining mark is still a quote to the reader.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A }) else {
            return text
        }
        return "\"" + text.replacing(byte: UInt8(ascii: "\""), with: "\"\"") + "\""
    }

    /// A report file in chiso's YAML layout, each figure under a comment with its line and
    /// sentence, and what was not understood listed at the end for the reviewer.
    public func yaml() -> String {
        var text = "# Imported by chiso from \(file): \(count(figures.count, "figure"))"
        if !targets.isEmpty { text += ", \(count(targets.count, "target"))" }
        text += ", \(count(notUnderstood.count, "number")) not understood (listed at the end).\n"
        text += "# Check each figure against its sentence before relying on it.\n"
        if let facility {
            if facility.id == nil {
                text += "# '\(facility.written)' is not among the facilities loaded: add it to a facilities.csv,\n"
                text += "# or import again with --facility ID.\n"
            }
            text += "facility: \(Self.scalar(facility.shown))\n"
        }
        if let period { text += "period: \(period.period)\n" }
        if let title { text += "title: \(Self.scalar(title))\n" }
        text += "source: \(Self.scalar(file))\n"
        text += figures.isEmpty ? "figures: []\n" : "figures:\n"
        for figure in figures {
            text += "  # line \(figure.line): \(Self.comment(figure.sentence))\n"
            text += "  - indicator: \(figure.indicator)\n"
            if figure.period != period?.period { text += "    period: \(figure.period)\n" }
            if let value = figure.valueText { text += "    value: \(value)\(figure.isPercent ? "%" : "")\n" }
            if figure.qualifier != .exact { text += "    qualifier: \(figure.qualifier.name)\n" }
            if let n = figure.numerator, let d = figure.denominator {
                text += "    numerator: \(NarrativeFormat.number(n))\n    denominator: \(NarrativeFormat.number(d))\n"
            }
            if let change = figure.changeText, !figure.changeIsGrowth { text += "    change: \"\(change)\"\n" }
            let notes = figure.notes + [figure.growthNote].compactMap { $0 }
            if let share = figure.planShare { text += "    plan_share: \(NarrativeFormat.number(share))%\n" }
            if !notes.isEmpty { text += "    note: \(Self.scalar(notes.joined(separator: "; ")))\n" }
        }
        if !targets.isEmpty {
            text += "targets:\n"
            for target in targets {
                guard let value = target.valueText ?? target.numerator.map(NarrativeFormat.number) else { continue }
                text += "  # line \(target.line): \(Self.comment(target.sentence))\n"
                text += "  - indicator: \(target.indicator)\n"
                text += "    value: \(value)\(target.isPercent ? "%" : "")\n"
                text += "    year: \(target.period.interval.end.year)\n"
            }
        }
        if !notUnderstood.isEmpty {
            text += "# Not understood:\n"
            for skip in notUnderstood {
                text += "# line \(skip.line): \(Self.comment("\"\(skip.written)\" — \(skip.reason)"))\n"
            }
        }
        return text
    }

    private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// A YAML scalar, quoted when it would not read back as the same string.
    static func scalar(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || " -_.()/".contains($0) }
        if plain, let first = text.first, first.isLetter, !text.hasSuffix(" ") { return text }
        let escaped = text.replacing(byte: UInt8(ascii: "\\"), with: "\\\\").replacing(byte: UInt8(ascii: "\""), with: "\\\"")
        return "\"\(escaped)\""
    }

    static func comment(_ text: String) -> String {
        let line = text.replacing(byte: 0x0A, with: " ")
        return line.count > 160 ? String(line.prefix(157)) + "…" : line
    }
}

/// What a narrative report's text may not say: its facility and period.
public struct NarrativeOptions: Sendable, Hashable {
    public var facility: String?
    public var period: Period?

    public init(facility: String? = nil, period: Period? = nil) {
        self.facility = facility
        self.period = period
    }
}

extension LoadState {
    /// Reads a narrative report and loads its figures.
    mutating func loadNarrative(_ text: String, file: String, reader: NarrativeReader, options: NarrativeOptions) -> FileSummary {
        do {
            let narrative = try reader.read(text, file: file, facility: options.facility, period: options.period)
            return loadNarrative(narrative, file: file)
        } catch {
            var diagnostic = error
            if diagnostic.location == nil { diagnostic.location = SourceLocation(file: file, line: 1, column: 1) }
            if diagnostic.id == "no-period" { diagnostic.hint = "give it: .load \(file) --period 2025H1" }
            if diagnostic.id == "no-facility" { diagnostic.hint = "give it: .load \(file) --facility ID" }
            report.diagnostics.append(diagnostic)
            return FileSummary(file: file, kind: .report, loaded: 0, rejected: 1)
        }
    }

    /// Loads the figures of a narrative report as the import reads them, each traced to
    /// its line of the text.
    mutating func loadNarrative(_ narrative: NarrativeReport, file: String) -> FileSummary {
        var summary = FileSummary(file: file, kind: .report, loaded: 0, rejected: 0)
        guard let facility = narrative.facility else { return summary }
        guard let id = facility.id, facilities.code(of: id) != nil else {
            reject(
                "the report names '\(facility.written)', which is not among the facilities loaded", id: "unknown-facility",
                file: file, line: facility.line ?? 1,
                hint: "give it: .load \(file) --facility ID, or add it to a facilities.csv")
            summary.rejected = narrative.figures.count
            return summary
        }
        for figure in narrative.figures {
            let column = figure.column
            func field(_ text: String?) -> Field? { text.map { Field(text: $0, column: column) } }
            let notes = figure.notes + [figure.growthNote].compactMap { $0 }
            let fields = FigureFields(
                facility: Field(text: id, column: 1), indicator: Field(text: figure.indicator, column: column),
                period: Field(text: figure.period.description, column: column),
                value: field(figure.valueText.map { $0 + (figure.isPercent ? "%" : "") }),
                qualifier: field(figure.qualifier.name), numerator: field(figure.numerator.map(NarrativeFormat.number)),
                denominator: field(figure.denominator.map(NarrativeFormat.number)),
                change: figure.changeIsGrowth ? nil : field(figure.changeText),
                planShare: field(figure.planShare.map { NarrativeFormat.number($0) + "%" }), plan: nil,
                note: notes.isEmpty ? nil : notes.joined(separator: "; "), file: file, line: figure.line)
            if addFigure(fields) { summary.loaded += 1 } else { summary.rejected += 1 }
        }
        for target in narrative.targets {
            guard let value = target.value ?? target.numerator else { continue }
            plans.append(
                PlanEntry(
                    facility: id, indicator: target.indicator, year: target.period.interval.end.year, value: value,
                    provenance: Provenance(file: file, line: target.line)))
            summary.loaded += 1
        }
        return summary
    }
}
