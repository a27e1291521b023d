import ChisoModel
import Testing

@testable import ChisoReports

@Suite struct ReportHeadingTests {
    @Test(arguments: [
        ("Hội nghị sơ kết công tác y tế 6 tháng đầu năm 2025", "2025H1"),
        ("Sơ kết 9 tháng đầu năm, triển khai nhiệm vụ 3 tháng cuối năm 2023", "9M2023"),
        ("Báo cáo kết quả hoạt động quý I/2025", "2025Q1"),
        ("Sơ kết công tác 3 tháng đầu năm 2025", "2025Q1"),
        ("Tổng kết công tác năm 2024, triển khai nhiệm vụ năm 2025", "2024"),
        ("Bản tin y tế tháng 6/2025", "2025M06"),
        ("Báo cáo 6 tháng cuối năm 2024", "2024H2"),
        ("Tổng kết công tác y tế năm\nLai Châu, ngày 10/01/2026", "2025"),
    ])
    func thePeriodReviewed(_ title: String, _ expected: String) throws {
        let report = try NarrativeFixture.reader.read(title + "\nKhám bệnh 100 lượt.", file: "t.txt", facility: "ttyt-laichau")
        #expect(report.period?.period.description == expected)
    }

    @Test(arguments: [
        ("Trung tâm Y tế huyện Tiên Du tổ chức hội nghị", "ttyt-tiendu"),
        ("TTYT Demo Bắc Sơn sơ kết 6 tháng", "demo-bacson"),
        ("Trung tâm Y tế huyện Bình Xuyên tổng kết năm", "ttyt-binhxuyen"),  // its former name
        ("SỞ Y TẾ LAI CHÂU\nBỆNH VIỆN ĐA KHOA TỈNH\nSố: 27/BC-BVĐK", "bvdk-laichau"),  // a letterhead
        ("UBND TỈNH LAI CHÂU\nSỞ Y TẾ", "laichau"),
        ("Đoàn công tác Bộ Y tế làm việc với Sở Y tế Lai Châu", "laichau"),
        ("Trung tâm Y tế huyện Mường Tè sơ kết", "Trung tâm Y tế huyện Mường Tè"),  // not in the catalog: as written
    ])
    func theFacility(_ title: String, _ expected: String) throws {
        let report = try NarrativeFixture.reader.read(title + "\nKhám bệnh 100 lượt.", file: "t.txt", period: .year(2025))
        #expect(report.facility?.shown == expected)
    }

    @Test func withNeitherTextNorFlagImportAsks() {
        #expect {
            try NarrativeFixture.reader.read("Khám bệnh 100 lượt.", file: "t.txt", facility: "ttyt-laichau")
        } throws: { error in
            (error as? Diagnostic)?.id == "no-period" && (error as? Diagnostic)?.hint?.contains("--period") == true
        }
        #expect {
            try NarrativeFixture.reader.read("Sơ kết 6 tháng đầu năm 2025. Khám bệnh 100 lượt.", file: "t.txt")
        } throws: { error in
            (error as? Diagnostic)?.id == "no-facility" && (error as? Diagnostic)?.hint?.contains("--facility") == true
        }
    }

    @Test func anEmptyReportIsCalledEmpty() {
        #expect {
            try NarrativeFixture.reader.read(" \n\n", file: "e.txt", facility: "ttyt-laichau", period: .year(2025))
        } throws: { error in
            (error as? Diagnostic)?.id == "empty-report"
        }
    }

    @Test func aNameOfSeveralFacilitiesListsThem() {
        #expect {
            try NarrativeFixture.reader.read("Khám bệnh 100 lượt.", file: "t.txt", facility: "Lai Châu", period: .year(2025))
        } throws: { error in
            let message = (error as? Diagnostic)?.message ?? ""
            return message.hasPrefix("'Lai Châu' names 3 facilities: ") && message.contains("ttyt-laichau (Trung tâm Y tế Lai Châu)")
        }
    }

    @Test func aPhraseFileNamingAnUnknownIndicatorIsRefused() throws {
        var book = try PhraseBook.bundled()
        try book.add("indicators:\n  vists:\n    phrases: [tiếp đón]\n", file: "mine.yaml")
        let reader = NarrativeReader(phrases: book, facilities: NarrativeFixture.facilities, catalog: .builtin)
        #expect {
            try reader.read("Khám bệnh 100 lượt.", file: "t.txt", facility: "ttyt-laichau", period: .year(2025))
        } throws: { error in
            let diagnostic = error as? Diagnostic
            return diagnostic?.hint == "did you mean 'visits'?" && diagnostic?.location?.file == "mine.yaml"
                && diagnostic?.location?.line == 2
        }
    }

    @Test func anUnknownFacilityFlagSuggestsOne() {
        #expect {
            try NarrativeFixture.reader.read("Khám bệnh 100 lượt.", file: "t.txt", facility: "Tien Dux", period: .year(2025))
        } throws: { error in
            (error as? Diagnostic)?.hint == "did you mean 'Tiên Du'?"
        }
    }
}
