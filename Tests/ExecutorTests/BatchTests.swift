import ChisoModel
import ChisoParser
import ChisoPlanner
import Testing

@testable import ChisoExecutor

/// A count's figures for many groups are made in one pass over the period's figures
/// (`CellAggregator.batched`). Whole tables must be the same made that way and group by
/// group: values, markers, notes and row order.
@Suite struct BatchTests {
    /// SmallProvince with C3 (closed after 2025M04) and C4 under D2, no merger. Visits have
    /// gaps, a lower bound and an approximate figure; inpatient has D2's own figure for
    /// 2025M02 (a parent's total: no batch for the months around it); surgeries have a plan
    /// for 2025 (no batch within 2025); emergency visits only the communes' plain figures.
    static let store: ObservationStore = {
        let facilities = SmallProvince.facilities(adding: [
            Facility(id: "C3", name: "Commune Three", level: "commune", parentID: "D2", closed: Month(year: 2025, month: 4)),
            Facility(id: "C4", name: "Commune Four", level: "commune", parentID: "D2"),
            // A hospital at the district level with no children: in no group by commune.
            Facility(id: "H", name: "Hospital", level: "district", parentID: "P"),
            // A commune of another dataset: totals are given per dataset.
            Facility(id: "X1", name: "Commune X", level: "commune", parentID: "D1", dataset: "extra"),
        ])
        var builder = ObservationStore.Builder(facilities: facilities, catalog: .builtin)
        func add(_ facility: String, _ indicator: String, _ month: Int, _ value: Double, _ qualifier: Qualifier = .exact) {
            let months = MonthInterval(Month(year: 2025, month: month), Month(year: 2025, month: month))
            builder.add(Observation(facility: facility, indicator: indicator, interval: months, value: value, qualifier: qualifier))
        }
        for (id, base) in [("C1", 100.0), ("C2", 200.0), ("C3", 300.0), ("C4", 400.0)] {
            for month in 1...6 {
                if id == "C2" && month == 5 { continue }  // a gap
                if id == "C3" && month > 4 { continue }  // closed
                if id == "C4" && month == 6 { continue }  // a gap
                let qualifier: Qualifier = id == "C1" && month == 2 ? .atLeast : id == "C4" && month == 3 ? .about : .exact
                add(id, "visits", month, base + Double(month) + 0.25, qualifier)
                add(id, "inpatient", month, base / 10 + Double(month))
                add(id, "surgeries", month, Double(month))
                add(id, "emergency_visits", month, base / 100)
            }
        }
        add("D2", "inpatient", 2, 500)
        for month in 1...3 {
            add("H", "visits", month, 50 + Double(month))
            add("X1", "visits", month, 7)
            add("X1", "emergency_visits", month, 1)
        }
        // Surgeries in December 2024: a period across two years has no plan share, so it
        // is batched though 2025 has a plan.
        builder.add(Observation(
            facility: "C1", indicator: "surgeries", interval: MonthInterval(Month(year: 2024, month: 12), Month(year: 2024, month: 12)),
            value: 3))
        _ = builder.addPlan(PlanEntry(facility: "C2", indicator: "surgeries", year: 2025, value: 40))
        return builder.build().store
    }()

    static let queries = [
        "compare visits 2025Q1 2025Q2 by facility",
        "compare visits, inpatient, surgeries 2025Q1 2025Q2 by district",
        "compare emergency_visits 2025M05 2025M06 by commune",
        "trend visits 2025M01..2025M06 by month",
        "trend visits 2025 by quarter by facility",
        "rank facilities by visits 2025H1 top 3",
        "rank facilities by emergency_visits 2025Q2",
        "show visits 2025H1 by commune where district = \"District Two\"",
        "show visits / emergency_visits as per_case 2025H1 by district",
        "show visits, inpatient 2025H1",
        "progress surgeries 2025H1 by facility",
        "compare visits 2025Q1 2025Q2 by commune",
        "show surgeries 2024M12..2025M02 by facility",
        "compare visits 2025M01 2025M02",
    ]

    func table(_ query: String, batches: Bool, withSources: Bool) throws -> ResultTable {
        let planner = Planner(catalog: Self.store.catalog, facilities: Self.store.facilities)
        var executor = Executor(store: Self.store)
        executor.batches = batches
        executor.withSources = withSources
        return try executor.run(try planner.plan(try Parser.parse(query)[0]))
    }

    @Test(arguments: queries, [false, true])
    func batchedAndGroupByGroupTablesAgree(_ query: String, withSources: Bool) throws {
        let batched = try table(query, batches: true, withSources: withSources)
        let single = try table(query, batches: false, withSources: withSources)
        #expect(batched.columns.map(\.key) == single.columns.map(\.key))
        #expect(batched.rows == single.rows)
        #expect(batched.notes == single.notes)
        #expect(!batched.rows.isEmpty)
    }

    /// Contributors are kept in code order; a union merges two such lists.
    @Test func contributorsMergeInCodeOrder() {
        var a = Contributors([5, 1, 3, 3])
        a.formUnion(Contributors(sorted: [2, 3, 6][...]))
        #expect(Array(a) == [1, 2, 3, 5, 6])
        #expect(a == Contributors([6, 5, 3, 2, 1]))
        #expect(a != Contributors([1, 2, 3, 5]))
        var empty = Contributors()
        empty.formUnion(a)
        #expect(empty == a && empty.count == 5)
    }

    /// The batch is used where it can be, so the test above compares two ways.
    @Test func theBatchIsMadeForCountsOfPlainFigures() throws {
        let planner = Planner(catalog: Self.store.catalog, facilities: Self.store.facilities)
        func context(_ query: String) throws -> QueryContext {
            guard case .query(let plan) = try planner.plan(try Parser.parse(query)[0]) else {
                throw Diagnostic(id: "test", "not a query")
            }
            return QueryContext(store: Self.store, plan: plan, withSources: false)
        }
        func batch(_ context: QueryContext, _ indicator: String, _ period: String) throws -> [CellFigures?]? {
            let code = try #require(Self.store.catalog.code(of: indicator))
            return context.aggregator.batches.cells[.init(indicator: code, interval: SmallProvince.interval(period))]
        }
        let visits = try context("compare visits, inpatient, surgeries 2025Q1 2025Q2 by district")
        _ = visits.compare(mode: nil)
        // District One, District Two and the hospital; C4 is short of 2025M06 and C3
        // closed after 2025M04.
        let q2 = try #require(try batch(visits, "visits", "2025Q2"))
        #expect(visits.groups.map(\.label) == ["District One", "District Two", "Hospital"])
        #expect(q2.count == 3)
        let districtTwo = try #require(q2[1])
        // C3: 304.25 (M04); C4: 404.25 + 405.25 (M04, M05).
        #expect(districtTwo.value.measure?.value == 304.25 + 404.25 + 405.25)
        #expect(districtTwo.value.measure?.coverage == Coverage(covered: 2, total: 3))
        #expect(districtTwo.notes == ["2025Q2 is partial because of Commune Four (2 of 3 months)"])
        // C1's lower bound in 2025M02 makes District One's 2025Q1 a lower bound.
        #expect(try batch(visits, "visits", "2025Q1")?[0]?.value.measure?.qualifier == .atLeast)
        // D2's own inpatient figure in 2025M02 and the plan for surgeries: group by group.
        #expect(try batch(visits, "inpatient", "2025Q1")?.isEmpty == true)
        #expect(try batch(visits, "inpatient", "2025Q2")?.isEmpty == false)
        #expect(try batch(visits, "surgeries", "2025Q1")?.isEmpty == true)
        // Across two years the plan does not apply: C1's 3 + 1 + 2 in 2024M12..2025M02.
        let across = try context("show surgeries 2024M12..2025M02 by facility")
        _ = across.show()
        let surgeries = try #require(try batch(across, "surgeries", "2024M12..2025M02"))
        let communeOne = try #require(across.groups.firstIndex { $0.label == "Commune One" })
        #expect(surgeries[communeOne]?.value.measure?.value == 6)
        // The total is one row per dataset: X1's three months of 7 visits are apart.
        let total = try context("show visits 2025Q1")
        _ = total.show()
        let datasets = try #require(try batch(total, "visits", "2025Q1"))
        #expect(datasets.count == 2)
        #expect(datasets[1]?.value.measure?.value == 21)
    }
}
