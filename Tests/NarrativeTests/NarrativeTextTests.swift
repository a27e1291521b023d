import ChisoModel
import Foundation
import Testing

@testable import ChisoReports

/// Text as it arrives: marks, spaces and line ends that must not change what is read.
@Suite struct NarrativeTextTests {
    @Test func tonePositionAndSpellingVariantsCompareEqual() {
        let key = { KeyStyle.toneless.key($0) }
        #expect(key("hòa") == key("hoà"))
        #expect(key("Tỷ") == key("tỉ"))
        #expect(key("khỏe") == key("khoẻ"))
        // Only tone marks are dropped: sởi (measles) is not soi.
        #expect(key("sởi") != key("soi"))
        #expect(KeyStyle.bare.key("sởi") == "soi")
    }

    /// Keys are made letter by letter from a table; the table must give what Unicode's
    /// decomposition of the whole word gives, for every letter in it and for words of the
    /// corpus, upper case and hyphens included.
    @Test(arguments: KeyStyle.allCases)
    func keysFromTheTableEqualKeysFromDecomposition(_ style: KeyStyle) throws {
        let letters = (Array(UInt32(0xC0)...0x24F) + Array(UInt32(0x1E00)...0x1EFF)).compactMap(Unicode.Scalar.init).map { String($0) }
        var words = letters + ["Đắk", "NGƯỜI", "vắc-xin", "COVID-19", "Tỷ", "khoẻ", "Ưu", "ĐƯỢC", "Quảng", "ΣΟΦΊΑ", "é\u{301}"]
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
        for name in try FileManager.default.subpathsOfDirectory(atPath: corpus.path) where name.hasSuffix(".txt") {
            let text = try String(contentsOf: corpus.appendingPathComponent(name), encoding: .utf8)
            words += text.split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init)
        }
        #expect(words.count > 2_000)
        let differing = words.filter { style.key($0, spellings: false) != style.decomposedKey($0) }
        #expect(differing.isEmpty)
        #expect(style.key("Đắk", spellings: false) == (style == .toneless ? "đăk" : "dak"))
    }

    /// Photo captions and bylines are page furniture, with or without a parenthesis; a
    /// sentence in parentheses is not.
    @Test(arguments: [
        ("(Ảnh: Minh Hòa)", true), ("Ảnh: Minh Hòa", true), ("Ảnh : Minh Hòa", true), ("Nguồn: Sở Y tế", true),
        ("(Khám bệnh cho 27.662 lượt người)", false), ("Khám bệnh cho 27.662 lượt người", false),
    ])
    func captionsAreFurniture(_ line: String, _ furniture: Bool) {
        #expect(NarrativeReader.isFurniture(NarrativeText.words(line, line: 1, style: .toneless)) == furniture)
    }

    @Test func aReportTypedWithoutDiacriticsIsMatchedWithoutThem() {
        #expect(KeyStyle.of("Kham benh cho 27.662 luot nguoi, tang 138 luot") == .bare)
        #expect(KeyStyle.of("Khám bệnh cho 27.662 lượt người") == .toneless)
    }

    @Test func numbersWordsAndMarks() {
        let words = NarrativeText.words("cúm (1.010 ca), 11,6%; COVID-19 vắc-xin 8h30 UV2+", line: 3, style: .toneless)
        #expect(words.map(\.text) == ["cúm", "(", "1.010", "ca", ")", ",", "11,6", "%", ";", "COVID-19", "vắc", "xin", "8h30", "UV2+"])
        #expect(words.map(\.kind) == [.word, .mark, .number, .word, .mark, .mark, .number, .mark, .mark, .word, .word, .word, .word, .word])
        #expect(words[2].column == 6)
        #expect(words.allSatisfy { $0.line == 3 })
    }

    /// The same report as NFC with LF, as NFD, with CRLF and a byte-order mark, and with
    /// non-breaking spaces, gives the same figures.
    @Test(arguments: ["nfc", "nfd", "crlf+bom", "nbsp", "zero-width"])
    func textAsItArrives(_ variant: String) throws {
        let clean = "Trung tâm Y tế Lai Châu sơ kết 6 tháng đầu năm 2025\nKhám bệnh cho 27.662 lượt người, tăng 138 lượt so với cùng kỳ.\nGhi nhận 141 ca sởi.\n"
        var text = clean
        switch variant {
        case "nfd": text = clean.decomposedStringWithCanonicalMapping
        case "crlf+bom": text = "\u{FEFF}" + clean.replacingOccurrences(of: "\n", with: "\r\n")
        case "nbsp": text = clean.replacingOccurrences(of: " lượt", with: "\u{00A0}lượt").replacingOccurrences(of: " ca", with: "\u{00A0}ca")
        case "zero-width": text = clean.replacingOccurrences(of: "sởi", with: "s\u{200B}ởi")
        default: break
        }
        let report = try NarrativeFixture.reader.read(text, file: "r.txt")
        #expect(report.figures.map(\.indicator) == ["visits", "measles_cases"])
        #expect(report.figures.map(\.value) == [27662, 141])
        #expect(report.figures.map(\.line) == [2, 3])
        #expect(report.figures.first?.change == 138)
        #expect(report.facility?.id == "ttyt-laichau")
        #expect(report.period?.period == .half(2025, 1))
    }

    @Test func pageFurnitureIsIgnoredAndRelatedArticlesEndTheReport() throws {
        let text = """
            Trang chủ | Tin tức | Sự kiện | Liên hệ
            Trung tâm Y tế Lai Châu sơ kết 6 tháng đầu năm 2025
            Lượt xem: 1.234
            Khám bệnh cho 27.662 lượt người.
            Chia sẻ Facebook Zalo
            Ảnh: 3 bác sĩ khám cho 12 người bệnh
            Bài viết liên quan
            Trung tâm Y tế Lai Châu điều trị nội trú 434 lượt
            """
        let report = try NarrativeFixture.reader.read(text, file: "r.txt")
        #expect(report.figures.map(\.indicator) == ["visits"])
        #expect(report.notUnderstood.isEmpty)
    }
}

/// A reader over the bundled phrases and the facilities of the bundled datasets.
enum NarrativeFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let facilities: FacilityDirectory = {
        let loaded = try? DatasetLoader().load([
            root.appendingPathComponent("Datasets/seed/facilities.csv").path,
            root.appendingPathComponent("Datasets/demo/facilities.csv").path,
        ])
        return loaded?.store.facilities ?? FacilityDirectory()
    }()

    static let reader: NarrativeReader = {
        let phrases = (try? PhraseBook.bundled()) ?? PhraseBook()
        return NarrativeReader(phrases: phrases, facilities: facilities, catalog: .builtin)
    }()

    /// The figures of one sentence, in a report of Trung tâm Y tế Lai Châu for 2025H1.
    static func figures(_ sentence: String) throws -> NarrativeReport {
        try reader.read(sentence, file: "s.txt", facility: "ttyt-laichau", period: .half(2025, 1))
    }
}

/// Input no report has: it must be read in time, without a crash.
@Suite struct NarrativeLimitsTests {
    /// A text of one endless line is read in sentences of at most 400 words, which keeps
    /// every step of reading linear in the text's length.
    @Test func anEndlessLineIsReadInBoundedPieces() throws {
        let clause = "khám bệnh 27.662 lượt (cúm 12 ca), ngày 21/7 "
        let line = String(repeating: clause, count: 60_000 / clause.utf8.count)
        let words = NarrativeText.words(line, line: 2, style: .toneless)
        let pieces = NarrativeReader.sentences(of: words)
        #expect(pieces.allSatisfy { $0.count <= NarrativeReader.maxSentence })
        #expect(pieces.map(\.count).reduce(0, +) == words.count)
        let report = try NarrativeFixture.reader.read("Trung tâm Y tế Lai Châu sơ kết 6 tháng đầu năm 2025\n" + line, file: "big.txt")
        // One figure per indicator and period; the repeats are listed only when they differ.
        #expect(report.figures.map(\.indicator) == ["visits", "influenza_cases"])
    }

    @Test(arguments: ["Khám bệnh 99999999999999999999999999 lượt.", "Khám bệnh 1.000.000.000.000.000.000.000 lượt.", "Khám bệnh 0,0000000001 lượt."])
    func hugeAndTinyNumbersDoNotTrap(_ sentence: String) throws {
        let report = try NarrativeFixture.figures(sentence)
        let csv = report.csv()
        #expect(csv.hasPrefix("facility,"))
        _ = report.yaml()
    }
}
