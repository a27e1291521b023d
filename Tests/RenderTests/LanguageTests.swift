import ChisoExecutor
import ChisoModel
import Testing

@testable import ChisoRender

/// `.lang vi`: numbers written the Vietnamese way, and chiso's words translated, while
/// names, periods and machine formats stay as they are.
@Suite struct LanguageTests {
    @Test(arguments: [
        (27662.0, "27.662"), (1234567.0, "1.234.567"), (12.25, "12,3"), (-1528.0, "−1.528"), (999.0, "999"),
    ])
    func vietnameseGroupsWithDotsAndDecimalsWithCommas(_ value: Double, _ text: String) {
        #expect(NumberFormat.grouped(value, language: .vi) == text)
    }

    @Test(arguments: [
        (Measure(value: 35.05025, unit: .percent, numerator: 279, denominator: 796), "35,1 % (279/796)", "35.1 % (279/796)"),
        (Measure(value: 27662, unit: .count, coverage: Coverage(covered: 6, total: 12)), "27.662 (6/12 th)", "27,662 (6/12 mo)"),
        (Measure(value: -5, unit: .points), "−5,0 điểm", "−5.0 pts"),
        (Measure(value: 0.5, unit: .growth), "+0,5 %", "+0.5 %"),
        (Measure(value: 63000, unit: .count, qualifier: .atLeast), "≥ 63.000", "≥ 63,000"),
        (Measure(value: 0.04, unit: .growth), "±0,0 %", "±0.0 %"),
    ])
    func cellsFollowTheLanguage(_ measure: Measure, _ vietnamese: String, _ english: String) {
        #expect(CellText.measure(measure, .vi) == vietnamese)
        #expect(CellText.measure(measure, .en) == english)
    }

    @Test(arguments: [
        ("top 3: 6 more rows not shown", "top 3: còn 6 dòng không hiển thị"),
        ("TTYT Bình Xuyên, visits: reported only for 2025, which cannot be split",
         "TTYT Bình Xuyên, visits: chỉ có số liệu cả kỳ 2025, không chia nhỏ được"),
        ("SYT Demo, dengue_cases and 2 more rows: 2025H1 is partial because of TYT Demo Cao Xá (5 of 6 months)",
         "SYT Demo, dengue_cases và 2 dòng khác: 2025H1 chưa đủ kỳ do TYT Demo Cao Xá (5/6 tháng)"),
        ("all facilities (demo), visits: no annual plan for 2025", "toàn bộ cơ sở (demo), visits: không có kế hoạch năm 2025"),
        ("unknown indicator 'vists'", "không có chỉ số 'vists'"),
        ("did you mean 'visits'?", "có phải là 'visits'?"),
        ("'2025H3' is not a period: a half-year is H1 or H2", "'2025H3' không phải là kỳ: nửa năm là H1 hoặc H2"),
        ("partial (5 of 6 months)", "chưa đủ kỳ (5/6 tháng)"),
        ("on track", "đạt tiến độ"),
    ])
    func messagesAreTranslatedWithTheirParts(_ english: String, _ vietnamese: String) {
        #expect(Phrasebook.say(english, .vi) == vietnamese)
        #expect(Phrasebook.say(english, .en) == english)
    }

    @Test func aMessageWithoutATranslationIsShownAsWritten() {
        let text = "weekly periods ('2025W03') are not supported yet"
        #expect(Phrasebook.say(text, .vi) == text)
        // Prose is not matched line across line.
        let prose = "plan:\n  2025H1 is partial because of nothing"
        #expect(Phrasebook.say(prose, .vi) == prose)
    }

    static let progress = ResultTable(
        columns: [
            ResultColumn("district", key: "district", role: .label), ResultColumn("value", key: "value"),
            ResultColumn("gap (pts)", key: "gap_points", carriesCoverage: false),
            ResultColumn("status", key: "status", role: .label),
        ],
        rows: [
            [.text("TTYT Demo Mỹ Đức"), .measure(Measure(value: 58307, unit: .count)), .measure(Measure(value: -5, unit: .points)), .text("behind")],
            [.text("TTYT Demo Tây Hòa"), .measure(Measure(value: 61000.5, unit: .count, coverage: Coverage(covered: 5, total: 6))), .missing(reason: nil), .text("partial (5 of 6 months)")],
        ],
        notes: ["top 2: 7 more rows not shown"])

    @Test func aTableInVietnameseTranslatesHeadersStatusesLegendAndNotes() {
        let text = Renderer(format: .table, language: .vi).render(Self.progress)
        #expect(
            text == """
                huyện              giá trị            chênh lệch (điểm %)  tình trạng
                ─────────────────  ─────────────────  ───────────────────  ──────────────────────
                TTYT Demo Mỹ Đức              58.307            −5,0 điểm  chậm tiến độ
                TTYT Demo Tây Hòa  61.000,5 (5/6 th)                    —  chưa đủ kỳ (5/6 tháng)
                (k/n th) chưa đủ kỳ: số liệu chỉ có k trong n tháng của kỳ
                ghi chú: top 2: còn 7 dòng không hiển thị

                """)
    }

    @Test func machineFormatsDoNotChangeWithTheLanguage() {
        for format in [OutputFormat.csv, .json] {
            #expect(Renderer(format: format, language: .vi).render(Self.progress) == Renderer(format: format).render(Self.progress))
        }
    }

    @Test func diagnosticsInVietnamese() {
        let diagnostic = Diagnostic(
            id: "unknown-indicator", "unknown indicator 'vists'", location: SourceLocation(file: nil, line: 1, column: 6),
            sourceLine: "show vists 2025H1", width: 5, hint: "did you mean 'visits'?")
        #expect(
            DiagnosticFormat.render(diagnostic, language: .vi) == """
                lỗi: không có chỉ số 'vists'
                 --> 1:6
                1 | show vists 2025H1
                  |      ^^^^^ có phải là 'visits'?

                """)
    }
}

/// Terminal columns of a text: one per grapheme, however the text is written.
@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("27,662", 6), ("TTYT Lai Châu", 13), ("TTYT Lai Cha\u{0302}u", 13), ("Tiên Du ≥ 63.000 — ▁▂█", 22),
        ("Xã Hợp Tiến", 11), ("X\u{00E3} H\u{01A1}\u{0323}p", 6),
    ])
    func oneColumnPerGrapheme(_ text: String, _ width: Int) {
        #expect(displayWidth(text) == width)
        #expect(displayWidth(text) == text.count)
    }

    /// The width worked out from the bytes equals the width worked out scalar by scalar,
    /// for every scalar up to U+3000 and a sample past it, alone and between letters.
    @Test func bytesGiveTheSameWidthAsScalars() {
        func byScalars(_ text: String) -> Int {
            var scalars = 0
            for scalar in text.unicodeScalars {
                guard isOneColumn(scalar.value) else { return text.count }
                scalars += 1
            }
            return scalars
        }
        var checked = 0
        let values = Array(0x80..<0x3000) + [0xD7FF, 0xE000, 0xFEFF, 0xFFFD, 0x1_0000, 0x1_F44D, 0x1_F1FB, 0x10_FFFF]
        for value in values {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            for text in [String(Character(scalar)), "Trạm \(Character(scalar))x", "a\u{0301}\(Character(scalar))"] {
                #expect(displayWidth(text) == byScalars(text), "U+\(String(value, radix: 16))")
                checked += 1
            }
        }
        #expect(checked == (0x3000 - 0x80 + 8) * 3)
        // By hand: precomposed Vietnamese is one column a letter, a combining accent none,
        // an emoji one.
        #expect(displayWidth("Trạm Y tế xã Đại Phước") == 22)
        #expect(displayWidth("Ca\u{0302}u") == 3)
        #expect(displayWidth("👍 ok") == 4)
    }
}
