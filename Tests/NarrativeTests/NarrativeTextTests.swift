import ChisoModel
import Testing

@testable import ChisoReports

@Suite struct NarrativeTextTests {
    @Test func placeholder() {
        #expect(KeyStyle.toneless.key("Tỷ") == KeyStyle.toneless.key("tỉ"))
    }
}
