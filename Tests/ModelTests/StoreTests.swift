import ChisoModel
import Testing

@Suite struct StoreTests {
    static func directory() -> FacilityDirectory {
        var facilities = FacilityDirectory()
        facilities.insert(Facility(id: "p", name: "Province", level: "province"))
        facilities.insert(Facility(id: "d", name: "District", level: "district", parentID: "p"))
        _ = facilities.link()
        return facilities
    }

    static func interval(_ text: String) -> MonthInterval {
        (try? Period.parse(text).get().interval) ?? MonthInterval(Month(year: 2000, month: 1), Month(year: 2000, month: 1))
    }

    @Test func derivesBaselineFromStatedChange() {
        var builder = ObservationStore.Builder(facilities: Self.directory(), catalog: .builtin)
        builder.add(Observation(facility: "d", indicator: "visits", interval: Self.interval("2025H1"), value: 27662, change: 138))
        let (store, warnings) = builder.build()
        #expect(warnings.isEmpty)
        let visits = store.catalog.code(of: "visits") ?? -1
        let rows = store.rows(of: visits, overlapping: Self.interval("2024H1"))
        #expect(rows.count == 1)
        let row = rows.lowerBound
        #expect(store.value(at: row) == 27524)
        #expect(store.isDerived(at: row))
        #expect(store.interval(at: row) == Self.interval("2024H1"))
    }

    @Test func statedFigureWinsOverDerivedAndDisagreementIsReported() {
        var builder = ObservationStore.Builder(facilities: Self.directory(), catalog: .builtin)
        builder.add(Observation(facility: "d", indicator: "visits", interval: Self.interval("2025H1"), value: 100, change: 10))
        builder.add(Observation(facility: "d", indicator: "visits", interval: Self.interval("2024H1"), value: 95))
        let (store, warnings) = builder.build()
        #expect(warnings.map(\.id) == ["change-disagrees"])
        let visits = store.catalog.code(of: "visits") ?? -1
        let rows = store.rows(of: visits, overlapping: Self.interval("2024H1"))
        #expect(rows.map { store.value(at: $0) } == [95])
    }

    @Test func conflictingValuesAreReportedAndFirstKept() {
        var builder = ObservationStore.Builder(facilities: Self.directory(), catalog: .builtin)
        #expect(builder.add(Observation(facility: "d", indicator: "visits", interval: Self.interval("2025"), value: 1)) == nil)
        #expect(builder.add(Observation(facility: "d", indicator: "visits", interval: Self.interval("2025"), value: 1)) == nil)
        let conflict = builder.add(Observation(facility: "d", indicator: "visits", interval: Self.interval("2025"), value: 2))
        #expect(conflict?.id == "conflicting-value")
        #expect(builder.build().store.count == 1)
    }

    @Test func overlapSearchFindsLongRowsThatStartEarlier() {
        var builder = ObservationStore.Builder(facilities: Self.directory(), catalog: .builtin)
        builder.add(Observation(facility: "d", indicator: "visits", interval: Self.interval("2025"), value: 12))
        for month in 1...12 {
            builder.add(Observation(facility: "p", indicator: "visits", interval: Self.interval("2025M\(month)"), value: 1))
        }
        builder.add(Observation(facility: "p", indicator: "inpatient", interval: Self.interval("2025M07"), value: 5))
        let (store, _) = builder.build()
        let visits = store.catalog.code(of: "visits") ?? -1
        // 2025Q3 overlaps the yearly row (starting in January) and three monthly rows.
        let q3 = Self.interval("2025Q3")
        let slice = store.rows(of: visits, overlapping: q3)
        #expect(slice.filter { store.interval(at: $0).overlaps(q3) }.count == 4)
        #expect(!slice.contains { store.interval(at: $0).start > q3.end })
        #expect(store.rows(of: visits).count == 13)
        #expect(store.intervals(of: visits).count == 13)
    }

    @Test func hierarchyAndMatching() {
        var facilities = Self.directory()
        facilities.insert(Facility(id: "tiendu", name: "Trung tâm Y tế huyện Tiên Du", level: "district", parentID: "p"))
        _ = facilities.link()
        #expect(facilities.match("tien du").map { facilities[$0].id } == ["tiendu"])
        #expect(facilities.match("TIÊN DU").count == 1)
        #expect(facilities.match("du").count == 1)
        #expect(facilities.match("tie").isEmpty)
        let district = facilities.code(of: "d") ?? -1
        #expect(facilities.ancestor(of: district, atLevel: "province") == facilities.code(of: "p"))
        #expect(facilities.levels == ["province", "district"])
    }

    /// Folded names are made on first use: a directory matched, then copied and added to,
    /// must match and suggest the new facility in the copy only, and a replaced facility
    /// must be found by its new name.
    @Test func foldedNamesFollowEveryChangeAndCopy() {
        var original = Self.directory()
        original.insert(Facility(id: "tiendu", name: "Trung tâm Y tế huyện Tiên Du", level: "district", parentID: "p"))
        #expect(original.match("tien du").count == 1)
        #expect(original.suggestion(for: "Tien Dux") == "Tiên Du")
        var copy = original
        copy.insert(Facility(id: "quevo", name: "Trung tâm Y tế huyện Quế Võ", level: "district", parentID: "p"))
        #expect(copy.match("que vo").map { copy[$0].id } == ["quevo"])
        #expect(copy.suggestion(for: "Que Vox") == "Quế Võ")
        #expect(original.match("que vo").isEmpty)
        #expect(original.suggestion(for: "Que Vox") != "Quế Võ")
        copy.insert(Facility(id: "tiendu", name: "Trung tâm Y tế thị xã Từ Sơn", level: "district", parentID: "p"))
        #expect(copy.match("tien du").isEmpty)
        #expect(copy.match("tu son").map { copy[$0].id } == ["tiendu"])
        #expect(original.match("tien du").count == 1)
    }

    @Test func qualifierArithmetic() {
        #expect(Qualifier.atLeast.adding(.exact) == .atLeast)
        #expect(Qualifier.exact.subtracting(.atLeast) == .atMost)
        #expect(Qualifier.atLeast.subtracting(.exact) == .atLeast)
        #expect(Qualifier.atLeast.adding(.atMost) == .about)
    }
}
