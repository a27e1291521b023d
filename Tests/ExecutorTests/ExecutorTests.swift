import ChisoExecutor
import ChisoModel
import ChisoParser
import ChisoPlanner
import ChisoReports
import Foundation
import Testing

/// Runs one statement against a store and gives access to cells by row label and column key.
struct Answer {
    let table: ResultTable

    init(_ text: String, store: ObservationStore, withSources: Bool = true) throws {
        let planner = Planner(catalog: store.catalog, facilities: store.facilities)
        var executor = Executor(store: store)
        executor.withSources = withSources
        table = try executor.run(try planner.plan(try Parser.parse(text)[0]))
    }

    var labels: [String] { table.rows.indices.map { table.rows[$0][0] }.map { if case .text(let t) = $0 { t } else { "" } } }

    func cell(_ label: String, _ key: String) -> Cell? {
        guard let row = table.rows.first(where: { $0.first == .text(label) }),
            let column = table.columns.firstIndex(where: { $0.key == key })
        else { return nil }
        return row[column]
    }

    func measure(_ label: String, _ key: String) -> Measure? { cell(label, key)?.measure }
}

@Suite struct SeedFigureTests {
    static let store: ObservationStore = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Datasets/seed").path
        return (try? DatasetLoader().load([path]).store)
            ?? ObservationStore.Builder(facilities: FacilityDirectory(), catalog: .builtin).build().store
    }()

    /// Without sources (every format but JSON) the cells are the same but for their list
    /// of lines.
    @Test func sourcesAreLookedUpOnlyWhenAsked() throws {
        let with = try Answer("compare visits 2024H1 2025H1 by facility", store: Self.store)
        let without = try Answer("compare visits 2024H1 2025H1 by facility", store: Self.store, withSources: false)
        let stated = try #require(with.measure("TTYT Lai Châu", "2025H1"))
        #expect(!stated.sources.isEmpty)
        #expect(without.table.rows.count == with.table.rows.count)
        for (a, b) in zip(with.table.rows, without.table.rows) {
            for (x, y) in zip(a, b) {
                guard var measure = x.measure else {
                    #expect(x == y)
                    continue
                }
                measure.sources = []
                #expect(y.measure == measure)
            }
        }
    }

    @Test func compareDerivesTheBaselineFromTheStatedChange() throws {
        let answer = try Answer("compare visits 2024H1 2025H1 by facility", store: Self.store)
        let before = try #require(answer.measure("TTYT Lai Châu", "2024H1"))
        #expect(before.value == 27_524)  // 27,662 − 138
        #expect(before.isDerived)
        let after = try #require(answer.measure("TTYT Lai Châu", "2025H1"))
        #expect(after.value == 27_662)
        #expect(!after.isDerived)
        let change = try #require(answer.measure("TTYT Lai Châu", "change"))
        #expect(change.value == 138)
        #expect(!change.isDerived)  // the report states it
        let growth = try #require(answer.measure("TTYT Lai Châu", "growth_pct"))
        #expect(abs(growth.value - 0.501381) < 1e-6)  // 138 ÷ 27,524 × 100
        #expect(growth.isDerived)
    }

    @Test func compareSaysWhenItsPeriodsComeFromDifferentFacilities() throws {
        // R2 gives the province's 2022H1 total; R1 the centre's 2025H1: not like for like.
        let answer = try Answer("compare visits 2022H1 2025H1 for \"lai chau\"", store: Self.store)
        #expect(answer.table.notes.contains {
            $0.hasSuffix("2022H1 from SYT Lai Châu; 2025H1 from TTYT Lai Châu")
        })
    }

    @Test func lowerBoundsPullingTheSameWayLeaveNoBound() throws {
        // ≥ 63,000 visits − ≥ 7,400 inpatients (R4) could be above or below 55,600.
        let answer = try Answer("show visits - inpatient 2025 for \"binh xuyen\"", store: Self.store)
        guard case .missing(let reason) = answer.cell("TTYT Bình Xuyên", "value") else {
            Issue.record("\(answer.table)")
            return
        }
        #expect(reason?.contains("has no bound") == true)
        let sum = try #require(try Answer("show visits + inpatient 2025 for \"binh xuyen\"", store: Self.store)
            .measure("TTYT Bình Xuyên", "value"))
        #expect(sum.value == 70_400)
        #expect(sum.qualifier == .atLeast)
    }

    @Test func tienDuNineMonths() throws {
        let show = try Answer("show visits 9M2023 for \"tien du\"", store: Self.store)
        #expect(show.measure("TTYT Tiên Du", "value")?.value == 157_627)
        let compare = try Answer("compare visits 9M2022 9M2023 for \"Tiên Du\"", store: Self.store)
        #expect(compare.measure("TTYT Tiên Du", "9M2022")?.value == 141_303)  // 157,627 − 16,324
        #expect(compare.measure("TTYT Tiên Du", "9M2022")?.isDerived == true)
        #expect(compare.measure("TTYT Tiên Du", "9M2023")?.value == 157_627)
    }

    @Test func immunisationRateIsNumeratorOverDenominator() throws {
        let answer = try Answer("show epi_full_u1 2025H1", store: Self.store)
        let rate = try #require(answer.measure("all facilities", "value"))
        #expect(abs(rate.value - 35.050251) < 1e-6)  // 279 ÷ 796 × 100
        #expect(rate.numerator == 279)
        #expect(rate.denominator == 796)
        #expect(answer.measure("all facilities", "plan_share")?.value == 35)
    }

    @Test func rateChangesAreInPoints() throws {
        let answer = try Answer("compare epi_full_u1 2024H1 2025H1 by facility", store: Self.store)
        let change = try #require(answer.measure("TTYT Lai Châu", "change_points"))
        #expect(change.unit == .points)
        #expect(abs(change.value - 5.6) < 1e-9)
        #expect(answer.table.columns.map(\.key).contains("growth_pct") == false)
    }

    @Test func lowerBoundsStayLowerBounds() throws {
        let answer = try Answer("show visits 2025 by facility", store: Self.store)
        let binhXuyen = try #require(answer.measure("TTYT Bình Xuyên", "value"))
        #expect(binhXuyen.value == 63_000)
        #expect(binhXuyen.qualifier == .atLeast)
        let laiChau = try #require(answer.measure("TTYT Lai Châu", "value"))
        #expect(laiChau.coverage == Coverage(covered: 6, total: 12))
        let total = try #require(try Answer("show visits 2025", store: Self.store).measure("all facilities", "value"))
        #expect(total.value == 90_662)  // ≥ 63,000 + 27,662 (H1 only)
        #expect(total.qualifier == .atLeast)
        #expect(total.coverage == Coverage(covered: 6, total: 12))
    }

    @Test func planIsDerivedFromTheShareOfPlan() throws {
        let answer = try Answer("show visits 2025H1 by facility", store: Self.store)
        let plan = try #require(answer.measure("TTYT Lai Châu", "plan"))
        #expect(abs(plan.value - 27_662 / 0.576) < 1e-6)
        #expect(plan.isDerived)
        #expect(answer.measure("TTYT Lai Châu", "plan_share")?.value == 57.6)
    }

    @Test func aFigureIsNeverSplit() throws {
        let answer = try Answer("show visits 2025Q1 for \"lai chau\"", store: Self.store)
        guard case .missing(let reason) = answer.cell("SYT Lai Châu", "value") else {
            Issue.record("expected a missing cell: \(answer.table)")
            return
        }
        #expect(reason == "reported only for 2025H1, which cannot be split")
    }

    @Test func provinceGroupUsesItsOwnTotal() throws {
        let answer = try Answer("show visits 2022H1 by province", store: Self.store)
        #expect(answer.measure("SYT Lai Châu", "value")?.value == 443_805)
    }
}

@Suite struct AggregationSemanticsTests {
    /// P → D1 → (C1, C2); P → D2. Figures chosen so that wrong rules give other answers.
    static let store: ObservationStore = {
        var builder = ObservationStore.Builder(facilities: SmallProvince.facilities(), catalog: .builtin)
        let interval = SmallProvince.interval
        for month in 1...6 {
            builder.add(Observation(facility: "C1", indicator: "visits", interval: interval("2025M\(month)"), value: 10))
            builder.add(Observation(facility: "C2", indicator: "visits", interval: interval("2025M\(month)"), value: 5))
        }
        builder.add(Observation(facility: "D1", indicator: "visits", interval: interval("2025H1"), value: 100))
        builder.add(Observation(facility: "D2", indicator: "visits", interval: interval("2025H1"), value: 50))
        builder.add(Observation(facility: "D1", indicator: "epi_full_u1", interval: interval("2025H1"), value: 30, numerator: 30, denominator: 100))
        builder.add(Observation(facility: "D2", indicator: "epi_full_u1", interval: interval("2025H1"), value: 90, numerator: 45, denominator: 50))
        builder.add(Observation(facility: "D1", indicator: "bed_occupancy", interval: interval("2025H1"), value: 80))
        builder.add(Observation(facility: "D2", indicator: "bed_occupancy", interval: interval("2025H1"), value: 90))
        builder.add(Observation(facility: "D1", indicator: "opioid_treatment_patients", interval: interval("2025M03"), value: 10))
        builder.add(Observation(facility: "D1", indicator: "opioid_treatment_patients", interval: interval("2025M06"), value: 12))
        builder.add(Observation(facility: "D2", indicator: "opioid_treatment_patients", interval: interval("2025M06"), value: 7))
        builder.add(Observation(facility: "D1", indicator: "inpatient", interval: interval("2025H1"), value: 50))
        builder.add(Observation(facility: "D2", indicator: "inpatient", interval: interval("2025H1"), value: 100, qualifier: .atLeast))
        return builder.build().store
    }()

    func value(_ text: String, _ label: String) throws -> Measure? {
        try Answer(text, store: Self.store).measure(label, "value")
    }

    @Test func parentTotalIsNotAddedToItsChildren() throws {
        #expect(try value("show visits 2025H1 by district", "District One")?.value == 100)  // not 100 + 90
        #expect(try value("show visits 2025H1", "all facilities")?.value == 150)  // 100 + 50
        let answer = try Answer("show visits 2025H1 by district", store: Self.store)
        #expect(answer.table.notes.contains { $0.contains("a parent's own total was used; the figures of Commune One, Commune Two are in it") })
    }

    @Test func childrenAnswerWhereTheParentTotalDoesNotFit() throws {
        #expect(try value("show visits 2025Q1 by district", "District One")?.value == 45)  // 3 × 10 + 3 × 5
        #expect(try value("show visits 2025Q1 by commune", "Commune One")?.value == 30)
    }

    @Test func partialPeriodsSaySo() throws {
        let year = try #require(try value("show visits 2025 by district", "District Two"))
        #expect(year.value == 50)
        #expect(year.coverage == Coverage(covered: 6, total: 12))
    }

    @Test func ratesAreARatioOfSums() throws {
        let rate = try #require(try value("show epi_full_u1 2025H1", "all facilities"))
        #expect(rate.value == 50)  // (30 + 45) ÷ (100 + 50); the mean of 30 % and 90 % would be 60 %
        #expect(rate.numerator == 75)
        #expect(rate.denominator == 150)
    }

    @Test func percentagesAreNeverSummed() throws {
        let answer = try Answer("show bed_occupancy 2025H1", store: Self.store)
        guard case .missing(let reason) = answer.cell("all facilities", "value") else {
            Issue.record("percentages were combined: \(answer.table)")
            return
        }
        #expect(reason?.contains("not added up") == true)
        #expect(try value("show bed_occupancy 2025H1 by district", "District Two")?.value == 90)
    }

    @Test func stocksTakeTheLatestValue() throws {
        #expect(try value("show opioid_treatment_patients 2025H1", "all facilities")?.value == 19)  // 12 + 7
        #expect(try value("show opioid_treatment_patients 2025Q1", "all facilities")?.value == 10)
    }

    @Test func aSumWithALowerBoundIsALowerBound() throws {
        let total = try #require(try value("show inpatient 2025H1", "all facilities"))
        #expect(total.value == 150)
        #expect(total.qualifier == .atLeast)
    }

    @Test func rowsFollowTheHierarchy() throws {
        let answer = try Answer("show visits 2025Q1 by facility", store: Self.store)
        #expect(answer.labels == ["District One", "Commune One", "Commune Two", "District Two"])  // districts say why they are empty
        let all = try Answer("list facilities", store: Self.store)
        #expect(all.labels == ["P", "D1", "C1", "C2", "D2"])
    }
}
