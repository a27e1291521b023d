import ChisoModel
import Testing

@testable import ChisoExecutor

/// Cells whose figures are all stated one-month figures of facilities that are nobody's
/// parent take a short way; it must give what the general way gives, markers and notes
/// included.
@Suite struct PlainPathTests {
    /// Four communes under two districts; C3 closed after 2025M04, C4 moved from D1 to D2
    /// after 2025M03; a few months missing.
    static func store() -> ObservationStore {
        let facilities = SmallProvince.facilities(adding: [
            Facility(id: "C3", name: "Commune Three", level: "commune", parentID: "D2", closed: Month(year: 2025, month: 4)),
            Facility(id: "C4", name: "Commune Four", level: "commune", parentID: "D2",
                     formerParents: [FormerParent(parentID: "D1", until: Month(year: 2025, month: 3))]),
        ])
        var builder = ObservationStore.Builder(facilities: facilities, catalog: .builtin)
        for (id, base) in [("C1", 100.0), ("C2", 200.0), ("C3", 300.0), ("C4", 400.0)] {
            for month in 1...6 {
                if id == "C2" && month == 5 { continue }  // a gap
                if id == "C3" && month > 4 { continue }  // closed
                builder.add(Observation(
                    facility: id, indicator: "visits", interval: MonthInterval(Month(year: 2025, month: month), Month(year: 2025, month: month)),
                    value: base + Double(month) + 0.25))
            }
        }
        return builder.build().store
    }

    @Test(arguments: ["2025H1", "2025Q1", "2025Q2", "2025M05", "2025"])
    func plainAndGeneralWaysAgree(_ period: String) throws {
        let store = Self.store()
        let facilities = store.facilities
        let visits = try #require(store.catalog.code(of: "visits"))
        let interval = SmallProvince.interval(period)
        var general = CellAggregator(store: store)
        general.plainPath = false
        let plain = CellAggregator(store: store)
        let d1 = try #require(facilities.code(of: "D1"))
        let c2 = try #require(facilities.code(of: "C2"))
        let groups: [(FacilityCode, Month) -> Bool] = [
            { _, _ in true },
            { code, month in facilities.ancestor(of: code, atLevel: "district", in: month) == d1 },
            { code, _ in code == c2 },
        ]
        for members in groups {
            let a = plain.figures(of: visits, in: interval, members: members)
            let b = general.figures(of: visits, in: interval, members: members)
            #expect(a.value == b.value)
            #expect(a.notes == b.notes)
            #expect(a.contributors == b.contributors)
            #expect(a.coveredByParent == b.coveredByParent)
        }
        // D1 in 2025H1: C1, six months: 600 + (1+…+6) + 6 × 0.25 = 622.5; C2, M05 missing:
        // 1,000 + 16 + 1.25 = 1,017.25; C4 until 2025M03: 1,200 + 6 + 0.75 = 1,206.75.
        if period == "2025H1" {
            let d1Cell = plain.figures(of: visits, in: interval, members: groups[1])
            #expect(d1Cell.value.measure?.value == 2846.5)
            #expect(d1Cell.value.measure?.coverage == Coverage(covered: 5, total: 6))
        }
    }
}
