import ChisoModel
import Testing

@testable import ChisoReports

/// One expected figure of a sentence.
struct SentenceCase: CustomTestStringConvertible, Sendable {
    var sentence: String
    var indicator: String
    var value: Double?
    var qualifier: Qualifier = .exact
    var numerator: Double? = nil
    var denominator: Double? = nil
    var change: Double? = nil
    var growth = false
    var plan: Double? = nil

    var testDescription: String { sentence }
}

@Suite struct FigureFinderTests {
    static let cases: [SentenceCase] = [
        // Number writing.
        SentenceCase(sentence: "Khám bệnh cho 27.662 lượt người.", indicator: "visits", value: 27662),
        SentenceCase(sentence: "Số lượt khám bệnh là 27,662.", indicator: "visits", value: 27662),
        SentenceCase(sentence: "Tỷ lệ người bệnh hài lòng đạt 57.6%.", indicator: "patient_satisfaction", value: 57.6),
        SentenceCase(sentence: "Tỷ lệ bao phủ bảo hiểm y tế đạt 11,6%.", indicator: "health_insurance_coverage", value: 11.6),
        SentenceCase(sentence: "Khám bệnh hơn 63 nghìn lượt.", indicator: "visits", value: 63000, qualifier: .atLeast),
        SentenceCase(sentence: "Toàn tỉnh khám bệnh cho gần 1,2 triệu lượt người.", indicator: "visits", value: 1_200_000, qualifier: .about),
        SentenceCase(sentence: "Ghi nhận hai ca sởi.", indicator: "measles_cases", value: 2),
        SentenceCase(sentence: "Tổ chức mười hai buổi truyền thông trực tiếp.", indicator: "health_talks", value: 12),
        // Qualifiers.
        SentenceCase(sentence: "Điều trị nội trú trên 7.400 lượt.", indicator: "inpatient", value: 7400, qualifier: .atLeast),
        SentenceCase(sentence: "Thực hiện khoảng 1.850 ca phẫu thuật.", indicator: "surgeries", value: 1850, qualifier: .about),
        SentenceCase(sentence: "Tỷ lệ hài lòng vượt 95%.", indicator: "patient_satisfaction", value: 95, qualifier: .atLeast),
        SentenceCase(sentence: "Số ca mắc sốt xuất huyết là 36.", indicator: "dengue_cases", value: 36),
        // Comparisons.
        SentenceCase(
            sentence: "Khám bệnh cho 27.662 lượt người, tăng 138 lượt so với cùng kỳ, đạt 57,6% kế hoạch năm.",
            indicator: "visits", value: 27662, change: 138, plan: 57.6),
        SentenceCase(
            sentence: "Điều trị nội trú 3.415 lượt (giảm 52 lượt so với cùng kỳ năm 2024).", indicator: "inpatient", value: 3415,
            change: -52),
        SentenceCase(sentence: "Cấp cứu 2.104 lượt, tăng 7,2% so với cùng kỳ.", indicator: "emergency_visits", value: 2104, change: 7.2, growth: true),
        SentenceCase(sentence: "Khám bệnh 52.400 lượt, vượt 4,8% kế hoạch.", indicator: "visits", value: 52400, plan: 104.8),
        SentenceCase(sentence: "Công suất sử dụng giường bệnh đạt 91,4% kế hoạch.", indicator: "bed_occupancy", value: nil, plan: 91.4),
        SentenceCase(
            sentence: "Trẻ dưới 1 tuổi được tiêm chủng đầy đủ: 279/796 trẻ, đạt 35% kế hoạch, tăng 5,6% so với cùng kỳ.",
            indicator: "epi_full_u1", value: nil, numerator: 279, denominator: 796, change: 5.6, plan: 35),
        SentenceCase(sentence: "106/106 xã, phường, thị trấn triển khai tiêm chủng mở rộng.", indicator: "epi_communes", value: nil, numerator: 106, denominator: 106),
        // Lists.
        SentenceCase(sentence: "Bệnh truyền nhiễm: cúm (218 ca), tiêu chảy (167 ca).", indicator: "diarrhoea_cases", value: 167),
        SentenceCase(sentence: "Ghi nhận 1.010 ca cúm, 86 ca tiêu chảy và 21 ca COVID-19.", indicator: "covid_cases", value: 21),
        SentenceCase(sentence: "Tặng giấy khen cho 5 tập thể và 23 cá nhân.", indicator: "awards_individual", value: 23),
        SentenceCase(sentence: "Tổ chức 158 buổi truyền thông với 18.710 lượt người nghe.", indicator: "health_talk_attendance", value: 18710),
    ]

    @Test(arguments: cases)
    func readsTheFigure(_ c: SentenceCase) throws {
        let report = try NarrativeFixture.figures(c.sentence)
        let figure = try #require(report.figures.first { $0.indicator == c.indicator }, "\(report.figures)")
        #expect(figure.value == c.value)
        #expect(figure.qualifier == c.qualifier)
        #expect(figure.numerator == c.numerator)
        #expect(figure.denominator == c.denominator)
        #expect(figure.change == c.change)
        #expect(figure.changeIsGrowth == c.growth)
        #expect(figure.planShare == c.plan)
        #expect(figure.line == 1)
    }

    /// Numbers that are not indicator figures: nothing is taken from them.
    @Test(arguments: [
        "Ngày 21/7, Trung tâm tổ chức hội nghị sơ kết; dự có 45 đại biểu.",
        "Ông sinh ngày 27/02/1955 tại Lai Châu.",
        "Thực hiện Đề án 1816 và Đề án 06 của Chính phủ.",
        "Theo Quyết định số 1234/QĐ-UBND, Kế hoạch số 45/KH-TTYT ngày 15/01/2025.",
        "Liên hệ đường dây nóng 0912.345.678 hoặc 1900 9095.",
        "Giai đoạn 2021-2025, ngành y tế đề ra 5 nhóm giải pháp và 3 nhiệm vụ trọng tâm.",
        "Tiêm vắc xin sởi cho trẻ từ 1 đến 10 tuổi.",
        "Hội nghị lúc 8h30, kéo dài đến 11:30.",
    ])
    func numbersThatAreNotFigures(_ sentence: String) throws {
        let report = try NarrativeFixture.figures(sentence)
        #expect(report.figures.isEmpty, "\(report.figures.map(\.written))")
    }

    /// What looks like a figure but names no indicator is listed, not attached to a guess.
    @Test func unnamedFiguresAreListedNotGuessed() throws {
        let report = try NarrativeFixture.figures("Khám sức khỏe định kỳ cho 1.150 học sinh; 7/7 xã đã hoàn thành rà soát.")
        #expect(report.figures.isEmpty)
        #expect(report.notUnderstood.map(\.written) == ["1.150 học sinh", "7/7 xã"])
        #expect(report.notUnderstood.allSatisfy { $0.line == 1 && !$0.reason.isEmpty })
    }

    /// Sentences where a careless reading gives a figure to the wrong indicator.
    @Test func nothingIsGivenToTheWrongIndicator() throws {
        // The change is of measles, which has no figure here: not of the visits.
        var report = try NarrativeFixture.figures("Khám bệnh 27.662 lượt; số ca mắc sởi giảm 12 ca so với cùng kỳ.")
        #expect(report.figures.map(\.indicator) == ["visits"])
        #expect(report.figures.first?.change == nil)
        #expect(report.notUnderstood.map(\.written) == ["giảm 12 ca"])
        // A share of plan of something outside the catalog is not the visits'.
        report = try NarrativeFixture.figures("Khám bệnh 27.662 lượt; khám sức khỏe đạt 95% kế hoạch.")
        #expect(report.figures.first?.planShare == nil)
        // A month's clause with a unit the indicator is not counted in.
        report = try NarrativeFixture.figures("Khám bệnh 27.662 lượt; trong tháng 6 có 15 xã hoàn thành.")
        #expect(report.figures.map(\.period) == [.half(2025, 1)])
        // "năm" is a year, not five; "(27/2)" is a date.
        report = try NarrativeFixture.figures("Trong năm bệnh nhân điều trị nội trú là 7.400 lượt; khám bệnh (27/2) cho 500 lượt.")
        #expect(report.figures.map(\.value) == [7400, 500])
        // A share of a nine-month plan is not a share of the annual plan.
        report = try NarrativeFixture.figures("Khám bệnh hơn 95 nghìn lượt, vượt 3,2% kế hoạch 9 tháng.")
        #expect(report.figures.first?.planShare == nil)
        #expect(report.figures.first?.notes == ["103.2 % of the kế hoạch 9 tháng"])
        // A rejected number leaves its phrase for the right one.
        report = try NarrativeFixture.figures("Trẻ dưới 1 tuổi được tiêm chủng đầy đủ 1.214 trẻ, đạt 96,5%.")
        #expect(report.figures.map(\.value) == [96.5])
    }

    @Test func aBreakdownDoesNotTakeTheTotalsPhrase() throws {
        let report = try NarrativeFixture.figures("Phẫu thuật 418 ca, trong đó phẫu thuật nội soi 96 ca.")
        #expect(report.figures.map(\.indicator) == ["surgeries"])
        #expect(report.figures.first?.value == 418)
    }

    @Test func aClauseNamingAnotherPeriodGivesThatPeriod() throws {
        let report = try NarrativeFixture.figures("Cấp cứu: tiếp nhận 14.380 lượt, riêng tháng 6 là 2.296 lượt.")
        #expect(report.figures.map(\.period) == [.half(2025, 1), .month(2025, 6)])
        #expect(report.figures.map(\.value) == [14380, 2296])
    }

    @Test func plansAreTargetsNotResults() throws {
        let report = try NarrativeFixture.figures("Năm 2026, phấn đấu tỷ lệ bao phủ bảo hiểm y tế đạt 96,5%.")
        #expect(report.figures.isEmpty)
        #expect(report.targets.map(\.indicator) == ["health_insurance_coverage"])
        #expect(report.targets.first?.period == .year(2026))
    }

    @Test func aHeadingOfPlansMakesTargetsForTheYearItNames() throws {
        let text = """
            Trung tâm Y tế Demo Nam Giang tổng kết công tác năm 2024
            I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ
            Khám bệnh cho 126.840 lượt người, trong đó chỉ tiêu giao 130.000 lượt.
            Chỉ tiêu giao 52.000 lượt điều trị nội trú, thực hiện 50.100 lượt.
            II. PHƯƠNG HƯỚNG NĂM 2025
            Phấn đấu khám bệnh cho 135.000 lượt người; tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt trên 98%.
            """
        let report = try NarrativeFixture.reader.read(text, file: "p.txt")
        #expect(report.figures.map(\.indicator) == ["visits", "inpatient"])
        #expect(report.figures.map(\.value) == [126840, 50100])
        #expect(report.targets.map(\.indicator) == ["inpatient", "visits", "epi_full_u1"])
        #expect(report.targets.map(\.period) == [.year(2024), .year(2025), .year(2025)])
    }

    @Test func aShortLineWithAFigureIsNotPageFurniture() throws {
        let report = try NarrativeFixture.figures("Theo dõi 45 bệnh nhân lao.\nChia sẻ\nTrang 1/3")
        #expect(report.figures.map(\.indicator) == ["tb_cases"])
        #expect(report.notUnderstood.isEmpty)
    }

    @Test func aTableSavedFromWord() throws {
        let text = """
            Trung tâm Y tế Lai Châu sơ kết 6 tháng đầu năm 2025
            TT\tChỉ tiêu\tĐơn vị\tKH năm 2025\tThực hiện 6 tháng\tTỷ lệ % KH\tCùng kỳ 2024
            1\tKhám bệnh\tlượt\t48.000\t27.662\t57,6\t27.524
            2\tĐiều trị nội trú\tlượt\t900\t434\t48,2\t68
            3\tKhám sức khỏe học sinh\tngười\t3.000\t1.642\t54,7\t1.500
            """
        let report = try NarrativeFixture.reader.read(text, file: "t.txt")
        #expect(report.figures.map(\.indicator) == ["visits", "inpatient"])
        #expect(report.figures.map(\.value) == [27662, 434])
        #expect(report.figures.map(\.planShare) == [57.6, 48.2])
        #expect(report.figures.map(\.change) == [138, 366])
        #expect(report.figures.map(\.line) == [3, 4])
        #expect(report.notUnderstood.map(\.line) == [5])
        // Its plan column gives the year's plans of counts.
        #expect(report.targets.map(\.value) == [48000, 900])
        #expect(report.targets.map(\.period) == [.year(2025), .year(2025)])
    }
}
