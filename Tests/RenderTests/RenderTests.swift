import ChisoExecutor
import ChisoModel
import Testing

@testable import ChisoRender

@Suite struct RenderTests {
    @Test(arguments: [
        (27662.0, "27,662"), (1234567.0, "1,234,567"), (0.0, "0"), (12.25, "12.3"), (-1528.0, "−1,528"), (999.0, "999"),
    ])
    func groupsThousands(_ value: Double, _ text: String) {
        #expect(NumberFormat.grouped(value) == text)
    }

    @Test(arguments: [(27524.0, "27524"), (0.5013808, "0.501381"), (-2.5, "-2.5"), (35.05025125628141, "35.050251"), (1e-9, "0")])
    func plainNumbersForMachines(_ value: Double, _ text: String) {
        #expect(NumberFormat.plain(value) == text)
    }

    static let table = ResultTable(
        columns: [
            ResultColumn("facility", key: "facility", role: .label), ResultColumn("2024H1", key: "2024H1"),
            ResultColumn("2025H1", key: "2025H1"),
        ],
        rows: [
            [
                .text("TTYT Lai Châu"),
                .measure(Measure(value: 27524, unit: .count, derivation: .baseline(statedValue: 27662, change: 138, statedPeriod: MonthInterval(Month(year: 2025, month: 1), Month(year: 2025, month: 6)), source: nil))),
                .measure(Measure(value: 27662, unit: .count)),
            ],
            [.text("TTYT Bình Xuyên, \"BX\""), .missing(reason: nil), .measure(Measure(value: 63000, unit: .count, qualifier: .atLeast))],
        ])

    @Test func tableAlignsVietnameseNamesAndExplainsMarkers() {
        let text = Renderer(format: .table).render(Self.table)
        #expect(
            text == """
                facility               2024H1    2025H1
                ─────────────────────  ────────  ────────
                TTYT Lai Châu          27,524 *    27,662
                TTYT Bình Xuyên, "BX"         —  ≥ 63,000
                * derived by chiso, not stated in a report:
                  TTYT Lai Châu, 2024H1: 27,662 − 138: the 2025H1 figure less its stated change against the same period
                ≥ lower bound: the report says "more than"

                """)
    }

    @Test func csvCarriesTheMarkersAsColumns() {
        let text = Renderer(format: .csv).render(Self.table)
        let lines = [
            "facility,2024H1,2024H1_qualifier,2024H1_derived,2024H1_months,2025H1,2025H1_qualifier,2025H1_derived,2025H1_months",
            "TTYT Lai Châu,27524,exact,true,,27662,exact,false,",
            #""TTYT Bình Xuyên, ""BX""",,,,,63000,at_least,false,"#,
        ]
        #expect(text == lines.joined(separator: "\n") + "\n")
    }

    /// A column of reports' figures has its marker columns even when every cell is a plain
    /// exact count (a sum of many rows has no list of sources), so a script's CSV has the
    /// same columns every period; a tally column has them only when a cell needs them.
    @Test func reportFiguresAlwaysHaveMarkerColumnsAndTalliesOnlyWhenNeeded() {
        let plain = Measure(value: 942, unit: .count)
        let table = ResultTable(
            columns: [
                ResultColumn("facility", key: "facility", role: .label), ResultColumn("2025", key: "2025"),
                ResultColumn("figures", key: "figures", isTally: true),
            ],
            rows: [[.text("A"), .measure(plain), .measure(Measure(value: 12, unit: .count))]])
        #expect(Renderer(format: .csv).render(table) == "facility,2025,2025_qualifier,2025_derived,2025_months,figures\nA,942,exact,false,,12\n")
        var bounded = table
        bounded.rows[0][2] = .measure(Measure(value: 12, unit: .count, qualifier: .atLeast))
        #expect(Renderer(format: .csv).render(bounded).hasPrefix("facility,2025,2025_qualifier,2025_derived,2025_months,figures,figures_qualifier,"))
    }

    @Test func jsonIsPlainAndOrdered() {
        let text = Renderer(format: .json).render(Self.table)
        #expect(text.hasPrefix("{\"columns\":[\"facility\",\"2024H1\",\"2025H1\"],\"rows\":[{\"facility\":\"TTYT Lai Châu\",\"2024H1\":{\"value\":27524,\"qualifier\":\"exact\",\"derived\":true,\"derivation\":\"baseline_from_change\""))
        #expect(text.contains("\"2025H1\":{\"value\":63000,\"qualifier\":\"at_least\",\"derived\":false}"))
    }

    @Test func markdownEscapesPipes() {
        let table = ResultTable(columns: [ResultColumn("a|b", key: "a", role: .label)], rows: [[.text("x|y")]])
        #expect(Renderer(format: .markdown).render(table) == "| a\\|b |\n| --- |\n| x\\|y |\n")
    }

    @Test func diagnosticsPointAtTheColumn() {
        let diagnostic = Diagnostic(id: "unknown-indicator", "unknown indicator 'vists'", range: SourceRange(5, 10), hint: "did you mean 'visits'?")
            .located(in: "show vists 2025H1", file: nil, firstLine: 1)
        #expect(
            DiagnosticFormat.render(diagnostic) == """
                error: unknown indicator 'vists'
                 --> 1:6
                1 | show vists 2025H1
                  |      ^^^^^ did you mean 'visits'?

                """)
        let second = Diagnostic(id: "x", "bad", range: SourceRange(9, 11)).located(in: "show a\n  bc", file: "s.chiso", firstLine: 4)
        #expect(second.location == SourceLocation(file: "s.chiso", line: 5, column: 3))
        #expect(second.sourceLine == "  bc")
    }
}

@Suite struct TerminalFitTests {
    static let wide = ResultTable(
        columns: [
            ResultColumn("facility", key: "facility", role: .label), ResultColumn("indicator", key: "indicator", role: .label),
            ResultColumn("2025", key: "2025"), ResultColumn("change", key: "change"),
        ],
        rows: [
            [
                .text("Bệnh viện Đa khoa tỉnh Lai Châu và các trạm"), .text("visits"),
                .measure(Measure(value: 27662, unit: .count)), .measure(Measure(value: 138, unit: .difference)),
            ],
            [
                .text("TTYT Tiên Du"), .text("visits"), .measure(Measure(value: 157627, unit: .count)),
                .measure(Measure(value: -16324, unit: .difference)),
            ],
        ])

    @Test func longNamesAreCutToFitTheTerminalAndFiguresAreNot() {
        let text = Renderer(format: .table, width: 50).render(Self.wide)
        let lines = text.split(separator: "\n")
        // The table lines fit in 50 columns; the cut name ends with an ellipsis.
        for line in lines.prefix(4) { #expect(line.count <= 50, "\(line)") }
        #expect(text.contains("Bệnh viện Đa khoa tỉ…  visits"))  // 21 columns: 50 less the rest
        #expect(text.contains("157,627"))
        #expect(text.contains("−16,324"))
        // Without a width (a file, a pipe) nothing is cut.
        #expect(Renderer(format: .table).render(Self.wide).contains("Bệnh viện Đa khoa tỉnh Lai Châu và các trạm"))
    }

    @Test func changesAreColouredUpAndDownOnlyWithColour() {
        let coloured = Renderer(format: .table, color: true).render(Self.wide)
        #expect(coloured.contains("\u{1B}[36m+138\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[33m−16,324\u{1B}[0m"))
        #expect(coloured.contains("colours:"))
        let plain = Renderer(format: .table, color: false).render(Self.wide)
        #expect(!plain.contains("\u{1B}["))
    }

    @Test func maxRowsShowsTheEndsAndCountsTheRest() {
        var long = Self.wide
        long.rows = (1...7).map { i in [.text("F\(i)"), .text("visits"), .measure(Measure(value: Double(i), unit: .count)), .missing(reason: nil)] }
        let text = Renderer(format: .table, maxRows: 4).render(long)
        #expect(text.contains("F1"))
        #expect(text.contains("F2"))
        #expect(!text.contains("F3"))
        #expect(text.contains("… 3 more rows not shown"))
        #expect(text.contains("F6"))
        #expect(text.contains("F7"))
    }
}

@Suite struct ChartTests {
    static func ranked(_ values: [Double]) -> ResultTable {
        var table = ResultTable(
            columns: [
                ResultColumn("rank", key: "rank"), ResultColumn("district", key: "district", role: .label),
                ResultColumn("indicator", key: "indicator", role: .label), ResultColumn("value", key: "value"),
            ],
            rows: values.enumerated().map { i, v in
                [.measure(Measure(value: Double(i + 1), unit: .count)), .text("D\(i + 1)"), .text("cases"),
                 .measure(Measure(value: v, unit: .count))]
            })
        table.chart = .bars
        return table
    }

    @Test func barsScaleToTheLargestAndKeepTheirFigures() {
        let text = Renderer(format: .table).render(Self.ranked([473, 77]))
        let lines = text.split(separator: "\n").map(String.init)
        // 473 fills 40 columns; 77 is 77/473 × 40 × 8 = 52 eighths: 6 full blocks and a half.
        #expect(lines[0] == "D1  " + String(repeating: "█", count: 40) + " 473")
        #expect(lines[1] == "D2  ██████▌ 77")
        // CSV and JSON keep the rows.
        #expect(Renderer(format: .csv).render(Self.ranked([473, 77])).hasPrefix("rank,"))
        #expect(Renderer(format: .markdown).render(Self.ranked([473, 77])).hasPrefix("```text\nD1  "))
    }

    @Test func sparklinesSpanLowToHighAndMarkGaps() {
        var table = ResultTable(
            columns: [
                ResultColumn("district", key: "district", role: .label), ResultColumn("indicator", key: "indicator", role: .label),
                ResultColumn("period", key: "period", role: .label), ResultColumn("value", key: "value"),
            ],
            rows: [0.0, 7, nil, 14].enumerated().map { i, v in
                [.text("D1"), .text("cases"), .text("2024M0\(i + 1)"),
                 v.map { .measure(Measure(value: $0, unit: .count)) } ?? .missing(reason: nil)]
            })
        table.chart = .series
        let text = Renderer(format: .table).render(table)
        #expect(text.hasPrefix("D1  ▁▅·█  2024M01 0 → 2024M04 14; highest 14 in 2024M04\n"))
        #expect(text.contains("· a period with no figure"))
    }
}

/// The number formats write their bytes in place; they must give what building the text
/// piece by piece gives (the way they were first written, kept here as the reference).
@Suite struct NumberBytesTests {
    static func referenceGrouped(_ value: Double, decimals: Int, language: DisplayLanguage) -> String {
        guard value.isFinite else { return "—" }
        guard abs(value) < 1e18 else { return "\(value)" }
        let scale = [1.0, 10, 100, 1000][decimals]
        let rounded = (abs(value) * scale).rounded() / scale
        let whole = rounded.rounded(.towardZero)
        var digits = Array(String(UInt64(whole)))
        var grouped = ""
        while digits.count > 3 {
            grouped = language.groupSeparator + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        var text = (value < 0 && rounded != 0 ? "−" : "") + String(digits) + grouped
        let fraction = rounded - whole
        if decimals > 0 && fraction > 0 {
            var fractionDigits = String(Int64((fraction * scale).rounded()))
            fractionDigits = String(repeating: "0", count: max(0, decimals - fractionDigits.count)) + fractionDigits
            while fractionDigits.hasSuffix("0") { fractionDigits.removeLast() }
            if !fractionDigits.isEmpty { text += language.decimalMark + fractionDigits }
        }
        return text
    }

    static func referenceFixed(_ value: Double, decimals: Int, language: DisplayLanguage) -> String {
        guard value.isFinite else { return "—" }
        guard abs(value) < 1e15 else { return "\(value)" }
        let scale = [1.0, 10, 100, 1000][decimals]
        let scaled = Int64((abs(value) * scale).rounded())
        var text = referenceGrouped(Double(scaled / Int64(scale)), decimals: 0, language: language)
        if decimals > 0 {
            let fraction = String(scaled % Int64(scale))
            text += language.decimalMark + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return (value < 0 && scaled != 0 ? "−" : "") + text
    }

    /// Whole numbers, halves, near-halves, tiny and huge figures, both signs.
    static let values: [Double] = {
        var values: [Double] = [0, -0.0, 0.05, 0.049999, 0.95, 0.9999, 999.95, 999_999.96, 1e15 - 0.5, 1e17, 1e18, -1e18, .nan, .infinity]
        var state: UInt64 = 0x5EED
        for _ in 0..<3000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let magnitude = (0..<Int(state >> 60)).reduce(0.001) { power, _ in power * 10 }
            let value = Double(state >> 11 & 0xFFFFF) / Double(0xFFFFF) * magnitude
            values.append(state & 1 == 0 ? value : -value)
            values.append((value * 20).rounded() / 20)
        }
        return values
    }()

    @Test(arguments: [0, 1, 2, 3], [DisplayLanguage.en, .vi])
    func bytesInPlaceEqualPieceByPiece(_ decimals: Int, _ language: DisplayLanguage) {
        var differences: [String] = []
        for value in Self.values {
            let grouped = NumberFormat.grouped(value, decimals: decimals, language: language)
            let expected = Self.referenceGrouped(value, decimals: decimals, language: language)
            if grouped != expected { differences.append("grouped \(value): \(grouped) ≠ \(expected)") }
            guard abs(value) < 1e14 || !value.isFinite else { continue }
            let fixed = NumberFormat.fixed(value, decimals: decimals, language: language)
            let expectedFixed = Self.referenceFixed(value, decimals: decimals, language: language)
            if fixed != expectedFixed { differences.append("fixed \(value): \(fixed) ≠ \(expectedFixed)") }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
        // By hand: the separators and the mark of each language.
        if decimals == 2 {
            #expect(NumberFormat.grouped(-1234567.125, decimals: 2, language: language) == (language == .vi ? "−1.234.567,13" : "−1,234,567.13"))
            #expect(NumberFormat.fixed(0.5, decimals: 2, language: language) == (language == .vi ? "0,50" : "0.50"))
        }
    }
}

/// A measure's cell text is appended to a table's bytes; it must read as building it
/// piece by piece did (kept here as the reference), for every unit and marker.
@Suite struct CellBytesTests {
    static func reference(_ m: Measure, _ language: DisplayLanguage) -> String {
        func grouped(_ value: Double, decimals: Int = 1) -> String {
            NumberBytesTests.referenceGrouped(value, decimals: decimals, language: language)
        }
        func fixed(_ value: Double) -> String { NumberBytesTests.referenceFixed(value, decimals: 1, language: language) }
        func signed(_ value: Double, _ magnitude: String) -> String {
            if magnitude.allSatisfy({ $0 == "0" || $0 == "." || $0 == "," }) { return "±" + magnitude }
            return (value < 0 ? "−" : "+") + magnitude
        }
        var text: String
        switch m.unit {
        case .count:
            if case .planFromShare = m.derivation { text = grouped(m.value, decimals: 0) } else { text = grouped(m.value) }
        case .percent:
            text = fixed(m.value) + " %"
            if let n = m.numerator, let d = m.denominator { text += " (\(grouped(n))/\(grouped(d)))" }
        case .points: text = signed(m.value, fixed(abs(m.value))) + (language == .vi ? " điểm" : " pts")
        case .growth: text = signed(m.value, fixed(abs(m.value))) + " %"
        case .difference: text = signed(m.value, grouped(abs(m.value)))
        }
        switch m.qualifier {
        case .exact: break
        case .atLeast: text = "≥ " + text
        case .atMost: text = "≤ " + text
        case .about: text = "~ " + text
        }
        if let coverage = m.coverage { text += " (\(coverage.covered)/\(coverage.total) \(language == .vi ? "th" : "mo"))" }
        if m.isMarkedDerived { text += " *" }
        return text
    }

    static let units: [MeasureUnit] = [.count, .percent, .points, .growth, .difference]
    /// Made per use: a global holding boxed derivations reads as a leak to LeakSanitizer
    /// (the box pointers carry the enum's tag bits).
    static var derivations: [MeasureDerivation?] { [
        nil, .planFromShare(value: 10, share: 50), .rate(numerator: 1, denominator: 2), .fromDerived,
    ] }

    @Test(arguments: units, [DisplayLanguage.en, .vi])
    func bytesReadAsPieceByPiece(_ unit: MeasureUnit, _ language: DisplayLanguage) {
        var differences: [String] = []
        let derivations = Self.derivations
        let values: [Double] = [0, -0.0, 0.04, -0.04, 0.05, 12.25, -1528, 27662.5, 1e17, 1e20, -1e20, .nan, .infinity, -.infinity]
        for value in values {
            for qualifier in Qualifier.allCases {
                for derivation in derivations {
                    for (coverage, parts) in [(nil, false), (Coverage(covered: 5, total: 6), true)] {
                        let m = Measure(
                            value: value, unit: unit, qualifier: qualifier, derivation: derivation, coverage: coverage,
                            numerator: parts ? 279 : nil, denominator: parts ? 796.5 : nil)
                        let text = CellText.measure(m, language)
                        let expected = Self.reference(m, language)
                        if text != expected { differences.append("\(m): \(text) ≠ \(expected)") }
                    }
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(3))")
    }
}
