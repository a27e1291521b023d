import ChisoModel
import Testing

@testable import ChisoReports

@Suite struct ReportedNumberTests {
    @Test(arguments: [
        ("27662", 27662.0, Qualifier.exact, false), ("27.662", 27662, .exact, false), ("27,662", 27662, .exact, false),
        ("443.805", 443805, .exact, false), ("1.234.567", 1_234_567, .exact, false), ("1,234,567.5", 1_234_567.5, .exact, false),
        ("1.234,5", 1234.5, .exact, false), ("11,6%", 11.6, .exact, true), ("57.6%", 57.6, .exact, true),
        ("57.6 %", 57.6, .exact, true), ("47,2%", 47.2, .exact, true), ("hơn 63 nghìn", 63000, .atLeast, false),
        (">= 7400", 7400, .atLeast, false), ("≥ 63.000", 63000, .atLeast, false), ("trên 95%", 95, .atLeast, true),
        ("khoảng 1,5 triệu", 1_500_000, .about, false), ("dưới 5%", 5, .atMost, true), ("+138", 138, .exact, false),
        ("-1528", -1528, .exact, false), ("0", 0, .exact, false),
    ])
    func reads(_ text: String, _ value: Double, _ qualifier: Qualifier, _ percent: Bool) throws {
        let number = try ReportedNumber.parse(text).get()
        #expect(number.value == value)
        #expect(number.qualifier == qualifier)
        #expect(number.isPercent == percent)
    }

    @Test func readsFractions() throws {
        let number = try ReportedNumber.parse("279/796").get()
        #expect(number.value == 279)
        #expect(number.denominator == 796)
    }

    @Test(arguments: ["12a", "", "abc", "1,2,3", "1.23.4", "%", "1..2"])
    func rejects(_ text: String) {
        #expect(throws: NumberError.self) { try ReportedNumber.parse(text).get() }
    }

    @Test func csvReaderHandlesQuotesAndLineBreaks() {
        let text = "\u{FEFF}a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",z\n\n3,,\n"
        let records = CSVReader.records(text)
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["2", "two\nlines", "z"], ["3", "", ""]])
        #expect(records.map(\.line) == [1, 2, 3, 6])
    }
}
