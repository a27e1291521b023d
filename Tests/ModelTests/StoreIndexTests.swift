import ChisoModel
import Testing

/// The store's layout: rows by indicator and first month, facilities in order within a
/// month, so a few facilities' rows are found by search. The search must find exactly the
/// rows that reading the whole slice would.
@Suite struct StoreIndexTests {
    /// Twelve facilities, each with monthly figures for 2024, a quarterly one for some and
    /// a yearly one for one; added in a scrambled order, partly in bulk.
    static func store() -> ObservationStore {
        var facilities = FacilityDirectory()
        facilities.insert(Facility(id: "p", name: "Province", level: "province"))
        for i in 0..<12 { facilities.insert(Facility(id: "c\(i)", name: "Commune \(i)", level: "commune", parentID: "p")) }
        _ = facilities.link()
        var builder = ObservationStore.Builder(facilities: facilities, catalog: .builtin)
        let visits = UInt16(IndicatorCatalog.builtin.code(of: "visits") ?? 0)
        var bulk = BulkRows(file: "bulk.csv")
        for i in [7, 3, 11, 0, 5, 9, 1, 10, 2, 8, 4, 6] {
            for month in 1...12 where (i + month) % 5 != 0 {
                bulk.facility.append(UInt16(facilities.code(of: "c\(i)") ?? 0))
                bulk.indicator.append(visits)
                bulk.month.append(Int16(Month(year: 2024, month: month).index))
                bulk.value.append(Double(i * 100 + month))
                bulk.line.append(Int32(bulk.count + 2))
            }
        }
        builder.add(bulk)
        for i in [4, 1, 9] {
            builder.add(Observation(facility: "c\(i)", indicator: "visits", interval: interval("2024Q2"), value: Double(i)))
        }
        builder.add(Observation(facility: "c6", indicator: "visits", interval: interval("2024"), value: 6000))
        return builder.build().store
    }

    static func interval(_ text: String) -> MonthInterval {
        (try? Period.parse(text).get().interval) ?? MonthInterval(Month(year: 2000, month: 1), Month(year: 2000, month: 1))
    }

    @Test(arguments: [
        ("2024M05", ["c1"]), ("2024Q2", ["c4", "c9"]), ("2024H1", ["c6", "c0", "c11"]), ("2024", ["c1", "c2", "c3", "c4", "c5"]),
        ("2024M12", ["c6"]), ("2025M01", ["c1"]),
    ])
    func searchFindsWhatTheSliceHas(_ period: String, _ ids: [String]) throws {
        let store = Self.store()
        let visits = try #require(store.catalog.code(of: "visits"))
        let span = Self.interval(period)
        let codes = ids.compactMap { store.facilities.code(of: $0) }
        let expected = store.rows(of: visits, overlapping: span).filter { row in
            let rowInterval = store.interval(at: row)
            return codes.contains(store.facility(at: row)) && rowInterval.start <= span.end && rowInterval.end >= span.start
        }
        #expect(store.rows(of: visits, facilities: codes, overlapping: span) == expected)
    }

    @Test func rowsOfAMonthAreInFacilityOrder() throws {
        let store = Self.store()
        let visits = try #require(store.catalog.code(of: "visits"))
        let may = Array(store.rows(of: visits, overlapping: Self.interval("2024M05")))
            .filter { store.interval(at: $0) == Self.interval("2024M05") }
        let facilities = may.map { store.facility(at: $0) }
        #expect(facilities == facilities.sorted())
        // Communes 0, 5 and 10 have no figure for May ((i + 5) % 5 == 0); nine have one.
        #expect(facilities.count == 9)
        // Its source line is the one it was read from: c7's 12 months less one, then c3's.
        let c3 = try #require(store.facilities.code(of: "c3"))
        let row = try #require(may.first { store.facility(at: $0) == c3 })
        #expect(store.provenance(at: row)?.line == 2 + 10 + 4)
        #expect(store.value(at: row) == 305)
    }

    /// A row's months, qualifier and derived flag share two bytes: each reads back as
    /// written, from one month to the longest period a file can state (1900 to 2200).
    @Test(arguments: Qualifier.allCases)
    func monthsQualifierAndDerivationShareTheirBits(_ qualifier: Qualifier) throws {
        var facilities = FacilityDirectory()
        facilities.insert(Facility(id: "a", name: "A", level: "commune"))
        var builder = ObservationStore.Builder(facilities: facilities, catalog: .builtin)
        let spans = ["2024M03", "2024", "1900..2200", "2001..2010"].map(Self.interval)
        #expect(spans[2].count == 3_612)
        for (index, span) in spans.enumerated() {
            let derived = index.isMultiple(of: 2)
            builder.add(Observation(
                facility: "a", indicator: "visits", interval: span, value: Double(index), qualifier: qualifier,
                derivation: derived ? .baseline(statedValue: 10, change: 1, statedPeriod: span) : nil))
        }
        let store = builder.build().store
        let rows = store.rows(of: try #require(IndicatorCatalog.builtin.code(of: "visits")))
        #expect(rows.count == 4)
        for row in rows {
            let index = Int(store.value(at: row))
            #expect(store.interval(at: row) == spans[index])
            #expect(store.qualifier(at: row) == qualifier)
            #expect(store.isDerived(at: row) == index.isMultiple(of: 2))
        }
        // Longer than the bits hold: refused, not cut short.
        let long = MonthInterval(Month(year: 1000, month: 1), Month(year: 1700, month: 1))
        let refused = builder.add(Observation(facility: "a", indicator: "visits", interval: long, value: 1))
        #expect(refused?.id == "period-too-long")
    }
}
