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

/// With many groups, each group's rows come from an index of the slice by facility and are
/// put back in store order; the figures must equal reading the whole slice, bit for bit
/// (decimal figures added in another order can differ in the last bit).
@Suite struct ManyGroupsTests {
    @Test(arguments: ["2025H1", "2025Q2", "2025M03", "2025"])
    func indexedGroupsEqualTheWholeSlice(_ period: String) throws {
        var facilities = FacilityDirectory()
        facilities.insert(Facility(id: "P", name: "Province", level: "province"))
        for d in 0..<5 { facilities.insert(Facility(id: "D\(d)", name: "District \(d)", level: "district", parentID: "P")) }
        // Communes of the districts interleaved: a district's rows are scattered in the slice.
        for c in 0..<40 { facilities.insert(Facility(id: "C\(c)", name: "Commune \(c)", level: "commune", parentID: "D\(c % 5)")) }
        _ = facilities.link()
        var builder = ObservationStore.Builder(facilities: facilities, catalog: .builtin)
        for c in 0..<40 {
            for month in 1...6 where (c + month) % 7 != 0 {
                // Large and small decimals: their sum depends on the order they are added in.
                let value = Double(c % 3) * 1e7 + Double(c * month) * 0.1 + 0.07
                builder.add(Observation(
                    facility: "C\(c)", indicator: "visits",
                    interval: MonthInterval(Month(year: 2025, month: month), Month(year: 2025, month: month)), value: value))
            }
        }
        let store = builder.build().store
        let visits = try #require(store.catalog.code(of: "visits"))
        let interval = SmallProvince.interval(period)
        var indexed = CellAggregator(store: store)
        indexed.manyGroups = true
        let whole = CellAggregator(store: store)
        var compared = 0
        for d in 0..<5 {
            let district = try #require(store.facilities.code(of: "D\(d)"))
            let members = Set((0..<40).filter { $0 % 5 == d }.compactMap { store.facilities.code(of: "C\($0)") })
            let admits: (FacilityCode, Month) -> Bool = { code, month in
                store.facilities.ancestor(of: code, atLevel: "district", in: month) == district
            }
            let a = indexed.figures(of: visits, in: interval, members: admits, candidates: members)
            let b = whole.figures(of: visits, in: interval, members: admits)
            #expect(a.value == b.value)
            #expect(a.notes == b.notes)
            #expect(a.contributors == b.contributors)
            if a.value.measure != nil { compared += 1 }
        }
        #expect(compared == 5)
    }
}

@Suite struct HierarchyOrderTests {
    /// Each facility after its parent, siblings in the order declared: the same order as
    /// sorting by the path from the root, on a hierarchy declared out of order.
    @Test func depthFirstOrderEqualsSortingByPath() {
        var facilities = FacilityDirectory()
        // Children declared before their parents, roots interleaved.
        let declared: [(String, String?)] = [
            ("c7", "d2"), ("d2", "p1"), ("c1", "d1"), ("p2", nil), ("d3", "p2"), ("c9", "d3"), ("d1", "p1"),
            ("c2", "d1"), ("p1", nil), ("c8", "d2"), ("x", nil), ("c0", "d3"), ("h", "d1"),
        ]
        for (id, parent) in declared {
            facilities.insert(Facility(id: id, name: id, level: parent == nil ? "province" : "commune", parentID: parent))
        }
        _ = facilities.link()
        let paths = (0..<facilities.count).map { code in
            facilities.ancestors(of: FacilityCode(code)).reversed() + [FacilityCode(code)]
        }
        let bySorting = (0..<facilities.count).map { FacilityCode($0) }
            .sorted { paths[Int($0)].lexicographicallyPrecedes(paths[Int($1)]) }
        #expect(facilities.hierarchyOrder == bySorting)
        // By hand: roots p2, p1, x in the order declared, each followed by its subtree.
        #expect(
            facilities.hierarchyOrder.map { facilities[$0].id }
                == ["p2", "d3", "c9", "c0", "p1", "d2", "c7", "c8", "d1", "c1", "c2", "h", "x"])
        // The order, the levels and a level's ancestors are kept, and made again when the
        // directory changes: a new hamlet under c9 comes after it, at a new, deepest level.
        #expect(facilities.levels == ["province", "commune"])
        #expect(facilities.eras(atLevel: "province").ancestors[0][Int(facilities.code(of: "c9") ?? -1)] == facilities.code(of: "p2"))
        facilities.insert(Facility(id: "t1", name: "t1", level: "hamlet", parentID: "c9"))
        _ = facilities.link()
        #expect(
            facilities.hierarchyOrder.map { facilities[$0].id }
                == ["p2", "d3", "c9", "t1", "c0", "p1", "d2", "c7", "c8", "d1", "c1", "c2", "h", "x"])
        #expect(facilities.levels == ["province", "commune", "hamlet"])
        #expect(facilities.eras(atLevel: "province").ancestors[0].count == 14)
        #expect(facilities.eras(atLevel: "commune").ancestor(of: facilities.code(of: "t1") ?? -1, in: Month(year: 2025, month: 1)) == facilities.code(of: "c9"))
    }
}
