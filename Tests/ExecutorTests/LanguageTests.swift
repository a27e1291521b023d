import ChisoExecutor
import ChisoModel
import ChisoParser
import ChisoPlanner
import Testing

/// The verbs and clauses of the language on a small made-up province whose figures are
/// easy to add up by hand:
///
///     P ─ D1 ─ C1, C2
///       └ D2 ─ C3 (under D1 until 2024M12: a merger moved it)
///
/// visits: C1 10, C2 20 (no figure for 2024M03), C3 5 every month of 2024–2025; C1 also
/// states a 2024H1 total of 65 where its months add up to 60. Annual plan for D1's visits
/// in 2025: 600.
@Suite struct LanguageTests {
    static let store: ObservationStore = {
        let facilities = SmallProvince.facilities(adding: [
            Facility(id: "C3", name: "Commune Three", level: "commune", parentID: "D2",
                     formerParents: [FormerParent(parentID: "D1", until: Month(year: 2024, month: 12))]),
            Facility(id: "C4", name: "Commune Four", level: "commune", parentID: "D2",
                     formerParents: [FormerParent(parentID: "D1", until: Month(year: 2025, month: 3))]),
        ])
        var builder = ObservationStore.Builder(facilities: facilities, catalog: .builtin)
        let interval = SmallProvince.interval
        func add(_ facility: String, _ indicator: String, _ period: String, _ value: Double,
                 qualifier: Qualifier = .exact, numerator: Double? = nil, denominator: Double? = nil) {
            _ = builder.add(
                Observation(facility: facility, indicator: indicator, interval: interval(period), value: value,
                            qualifier: qualifier, numerator: numerator, denominator: denominator))
        }
        for year in [2024, 2025] {
            for month in 1...12 {
                let period = "\(year)M\(month < 10 ? "0" : "")\(month)"
                add("C1", "visits", period, 10)
                if !(year == 2024 && month == 3) { add("C2", "visits", period, 20) }
                add("C3", "visits", period, 5)
            }
        }
        add("C1", "visits", "2024H1", 65)
        add("C1", "food_inspections", "2025H1", 40)
        add("C1", "food_inspections_passed", "2025H1", 30)
        add("C2", "food_inspections", "2025H1", 10)
        add("C2", "food_inspections_passed", "2025H1", 10)
        add("C3", "food_inspections", "2025H1", 0)
        add("C3", "food_inspections_passed", "2025H1", 0)
        add("D1", "epi_full_u1", "2024H1", 30, numerator: 30, denominator: 100)
        add("D1", "epi_full_u1", "2025H1", 40, numerator: 40, denominator: 100)
        add("C1", "inpatient", "2025", 7, qualifier: .atLeast)
        add("C2", "inpatient", "2025", 7)
        add("C3", "inpatient", "2025", 3)
        // C4 moved after 2025M03 and states both its first quarter and its half-year.
        add("C4", "births", "2025Q1", 150)
        add("C4", "births", "2025H1", 999)
        add("C1", "bed_occupancy", "2025", 80)
        add("C2", "bed_occupancy", "2025", 90)
        _ = builder.addPlan(PlanEntry(facility: "D1", indicator: "visits", year: 2025, value: 600))
        _ = builder.addPlan(PlanEntry(facility: "C4", indicator: "births", year: 2025, value: 2000))
        _ = builder.addPlan(PlanEntry(facility: "C2", indicator: "visits", year: 2024, value: 300))
        _ = builder.addPlan(PlanEntry(facility: "D1", indicator: "epi_full_u1", year: 2025, value: 160))
        return builder.build().store
    }()

    func answer(_ text: String) throws -> Answer { try Answer(text, store: Self.store) }

    func value(_ text: String, _ label: String, _ key: String = "value") throws -> Measure? {
        try answer(text).measure(label, key)
    }

    // MARK: Expressions

    @Test func expressionsDivideTotalsNotRates() throws {
        let query = "show food_inspections_passed / food_inspections * 100 as pass_rate 2025H1 by district"
        let rate = try #require(try value(query, "District One"))
        #expect(rate.value == 80)  // (30 + 10) ÷ (40 + 10); the mean of 75 % and 100 % would be 87.5 %
        #expect(rate.unit == .percent)
        #expect(rate.numerator == 40)
        #expect(rate.denominator == 50)
        #expect(rate.isDerived)
    }

    /// Found by the query fuzzer: periods compared later one first, grouped by a level
    /// that a facility with figures is above, stopped the program.
    @Test(arguments: ["2024H1 2025H1", "2025H1 2024H1"])
    func periodsInAnyOrderWithAFacilityAboveTheLevel(_ periods: String) throws {
        let answer = try answer("compare epi_full_u1 \(periods) by commune")
        #expect(answer.table.notes.contains("not in any commune, so not shown: the figures of District One"))
    }

    /// District One's figures (2024H1, 2025H1) lie between the periods asked, in none of
    /// them: they are not part of the question, so not named as left out.
    @Test func figuresBetweenThePeriodsAskedAreNotNamedAsLeftOut() throws {
        let answer = try answer("compare epi_full_u1 2023H1 2025H2 by commune")
        #expect(!answer.table.notes.contains { $0.hasPrefix("not in any commune") })
    }

    @Test func divisionByZeroIsAnEmptyCellWithItsReason() throws {
        let answer = try answer("show food_inspections_passed / food_inspections * 100 as pass_rate 2025H1 by facility")
        guard case .missing(let reason) = answer.cell("Commune Three", "value") else {
            Issue.record("\(answer.table)")
            return
        }
        #expect(reason?.contains("division by zero") == true)
        #expect(answer.table.notes.contains { $0.contains("Commune Three, pass_rate: division by zero") })
        #expect(answer.measure("Commune One", "value")?.value == 75)
    }

    @Test func boundsTravelThroughArithmetic() throws {
        let doubled = try #require(try value("show inpatient * 2 2025 for \"Commune One\"", "Commune One"))
        #expect(doubled.value == 14)
        #expect(doubled.qualifier == .atLeast)
        let difference = try #require(try value("show visits - inpatient 2025 for \"Commune One\"", "Commune One"))
        #expect(difference.value == 120 - 7)
        #expect(difference.qualifier == .atMost)
    }

    // MARK: compare

    @Test func yoyComparesTheSamePeriodAYearEarlierAndMarksPartialPeriods() throws {
        let answer = try answer("compare visits 2025H1 yoy for \"Commune Two\"")
        let before = try #require(answer.measure("Commune Two", "2024H1"))
        #expect(before.value == 100)  // five months of 20: 2024M03 is missing
        #expect(before.coverage == Coverage(covered: 5, total: 6))
        #expect(answer.measure("Commune Two", "2025H1")?.value == 120)
        #expect(answer.measure("Commune Two", "change")?.value == 20)
        #expect(answer.measure("Commune Two", "growth_pct")?.value == 20)  // 20 ÷ 100
    }

    @Test func ratesChangeInPointsAndRatioOnRequest() throws {
        let points = try answer("compare epi_full_u1 2024H1 2025H1")
        #expect(points.table.columns.map(\.header).contains("change (pts)"))
        #expect(points.measure("all facilities", "change_points")?.value == 10)
        #expect(points.measure("all facilities", "change_points")?.unit == .points)
        let ratio = try answer("compare epi_full_u1 2024H1 2025H1 as ratio")
        let value = try #require(ratio.measure("all facilities", "ratio_pct")?.value)
        #expect(abs(value - 40 * 100 / 30) < 1e-9)  // 133.3 %
        let counts = try answer("compare visits 2024 2025 as ratio for \"Commune Three\"")
        #expect(counts.measure("Commune Three", "ratio_pct")?.value == 100)
    }

    @Test func aStatedTotalThatDisagreesWithItsMonthsSaysSo() throws {
        let answer = try answer("show visits 2024H1 for \"Commune One\"")
        #expect(answer.measure("Commune One", "value")?.value == 65)
        #expect(answer.table.notes.contains { $0.contains("stated 2024H1 total 65 was used; its 6 shorter figures add up to 60 (+5)") })
    }

    // MARK: trend

    @Test func trendShowsGapsAsMissingNotZero() throws {
        let answer = try answer("trend visits 2024M01..2024M04 by month for \"Commune Two\"")
        let values = answer.table.rows.map { $0[3] }
        #expect(values.map(\.measure?.value) == [20, 20, nil, 20])
        #expect(answer.table.notes.contains("an empty value is a period with no figure, not a zero"))
        // In a district's total the same gap is a missing reporter, and the note says who.
        let district = try self.answer("trend visits 2024M02..2024M04 by month for \"District One\"")
        #expect(district.table.rows.map { $0[3].measure?.value } == [35, 15, 35])  // 10 + 20 + 5; C2 absent in M03
        #expect(district.table.notes.contains {
            $0.hasSuffix("2024M03 has no figure from Commune Two, which reports in the other periods")
        })
    }

    @Test func trendAcrossAMergerFollowsTheHierarchyOfEachPeriodAndSaysSo() throws {
        let answer = try answer("trend visits 2024M11..2025M02 by month by district")
        let rows = answer.table.rows.map { row -> String in
            let label = if case .text(let t) = row[0] { t } else { "" }
            let period = if case .text(let t) = row[2] { t } else { "" }
            return "\(label) \(period) \(row[3].measure.map { String(Int($0.value)) } ?? "—")"
        }
        #expect(
            rows == [
                "District One 2024M11 35", "District One 2024M12 35", "District One 2025M01 30", "District One 2025M02 30",
                "District Two 2024M11 —", "District Two 2024M12 —", "District Two 2025M01 5", "District Two 2025M02 5",
            ])
        #expect(answer.table.notes.contains { $0.contains("Commune Three moved from District One to District Two from 2025M01") })
    }

    @Test func aFigureSpanningAMergerCountsInOneGroupOnly() throws {
        // The half-year (999) is chosen over the quarter inside it, and counts where C4 was
        // in its last month, 2025M06: District Two. District One gets nothing from C4.
        let byDistrict = try answer("show births 2025H1 by district")
        #expect(byDistrict.measure("District Two", "value")?.value == 999)
        #expect(byDistrict.measure("District One", "value") == nil)
        #expect(try value("show births 2025H1", "all facilities")?.value == 999)
        // C4's annual plan counts once, where C4 is at the end of the asked period.
        let quarter = try answer("show births 2025Q1 by district")
        #expect(quarter.measure("District One", "plan")?.value == 2000)
        #expect(quarter.measure("District One", "plan_share")?.value == 7.5)  // 150 of 2,000
        let half = try answer("show births 2025H1 by district")
        #expect(half.measure("District Two", "plan")?.value == 2000)
        #expect(half.measure("District One", "plan") == nil)
    }

    @Test func progressRowsFilterByStatus() throws {
        // District One is behind (30 % of 600 against 50 %); District Two has no plan.
        let behind = try answer("progress visits 2025H1 by district where status = behind")
        #expect(behind.labels == ["District One"])
        let onTrack = try answer("progress visits 2025H1 by district where status = \"on track\"")
        #expect(onTrack.labels.isEmpty)
        #expect(throws: Diagnostic.self) { try answer("show visits 2025H1 where status = behind") }
        #expect(throws: Diagnostic.self) { try answer("progress visits 2025H1 where status = late") }
    }

    @Test func aRatesPlanIsANumberOfSuccesses() throws {
        // 40 of 100 children immunised in 2025H1 against a plan of 160 for the year: 25 %.
        let answer = try answer("progress epi_full_u1 2025H1 for \"District One\"")
        #expect(answer.measure("District One", "plan")?.value == 160)
        #expect(answer.measure("District One", "plan_share")?.value == 25)
        #expect(answer.cell("District One", "status") == .text("behind"))
    }

    @Test func progressGivesNoVerdictOnAPartialPeriod() throws {
        // Commune Two's 2024H1 lacks 2024M03: 100 of a plan of 300 from 5 of 6 months is no
        // pace, where a full half-year would be "behind" (33.3 % < 50 %).
        let answer = try answer("progress visits 2024H1 for \"Commune Two\"")
        #expect(answer.measure("Commune Two", "plan_share").map { abs($0.value - 100.0 / 3) < 1e-9 } == true)
        #expect(answer.cell("Commune Two", "status") == .text("partial (5 of 6 months)"))
        #expect(answer.cell("Commune Two", "gap_points") == .missing(reason: nil))
    }

    @Test func trendTopKeepsTheLargestGroupsOverTheSpan() throws {
        let answer = try answer("trend visits 2025Q1 by month by facility top 1")
        #expect(Set(answer.labels) == ["Commune Two"])
        #expect(answer.table.rows.count == 3)
    }

    // MARK: rank

    @Test func rankSharesPlacesOnTiesAndTopKeepsTies() throws {
        let answer = try answer("rank communes by inpatient 2025")
        let ranks = answer.table.rows.map { $0[0].measure?.value }
        #expect(ranks == [1, 1, 3])
        let top = try self.answer("rank communes by inpatient 2025 top 1")
        #expect(top.table.rows.count == 2)
        let ascending = try self.answer("rank communes by visits 2025 asc")
        #expect(ascending.table.rows.map { row in if case .text(let t) = row[1] { t } else { "" } }
                == ["Commune Three", "Commune One", "Commune Two"])
    }

    // MARK: progress

    @Test func progressSetsTheShareOfPlanBesideTheShareOfTheYear() throws {
        let answer = try answer("progress visits 2025H1 by district")
        // D1 in 2025: C1 and C2 only, C3 having moved: 60 + 120 = 180 of a plan of 600.
        #expect(answer.measure("District One", "value")?.value == 180)
        #expect(answer.measure("District One", "plan")?.value == 600)
        #expect(answer.measure("District One", "plan_share")?.value == 30)
        #expect(answer.measure("District One", "expected_pct")?.value == 50)
        #expect(answer.measure("District One", "gap_points")?.value == -20)
        #expect(answer.cell("District One", "status") == .text("behind"))
        #expect(answer.cell("District Two", "plan_share") == .missing(reason: nil))
        #expect(answer.table.notes.contains("District Two, visits: no annual plan for 2025"))
        let nine = try self.answer("progress visits 9M2025 for \"District One\"")
        #expect(nine.measure("District One", "expected_pct")?.value == 75)
    }

    @Test func percentagesAverageOnlyWithAStatedWeight() throws {
        let plain = try answer("show bed_occupancy 2025 by district")
        guard case .missing(let reason) = plain.cell("District One", "value") else {
            Issue.record("\(plain.table)")
            return
        }
        #expect(reason?.contains("not added up") == true)
        let weighted = try #require(try value("show bed_occupancy 2025 by district weighted by visits", "District One"))
        // (80 × 120 + 90 × 240) ÷ (120 + 240): C1 and C2 had 120 and 240 visits in 2025.
        #expect(abs(weighted.value - 31_200.0 / 360) < 1e-9)
        #expect(weighted.derivation == .weightedAverage(weight: "visits", parts: 2))
        #expect(throws: Diagnostic.self) { try answer("show bed_occupancy 2025 weighted by epi_full_u1") }
    }

    @Test func aCancelledQueryStopsAndSaysSo() throws {
        let planner = Planner(catalog: Self.store.catalog, facilities: Self.store.facilities)
        var executor = Executor(store: Self.store)
        executor.isCancelled = { true }
        let plan = try planner.plan(try Parser.parse("trend visits 2024..2025 by month by facility")[0])
        do {
            _ = try executor.run(plan)
            Issue.record("ran to the end")
        } catch {
            #expect(error.id == "cancelled")
        }
    }

    // MARK: filters and ordering

    @Test func whereFiltersFollowTheHierarchyInForce() throws {
        let label = "facilities where district = \"District Two\""
        #expect(try value("show visits 2025H1 where district = \"District Two\"", label)?.value == 30)
        let before = try answer("show visits 2024H2 where district = \"District Two\"")
        #expect(before.cell(label, "value") == .missing(reason: nil))
        let matched = try answer("show visits 2025H1 by facility where facility ~ \"one\"")
        #expect(matched.labels == ["Commune One"])
        let wildcard = try answer("show visits 2025H1 by facility where facility ~ \"c*two\"")
        #expect(wildcard.labels == ["Commune Two"])
        // Health stations are the commune level.
        #expect(try answer("show visits 2025H1 by stations").labels == ["Commune One", "Commune Two", "Commune Three"])
        let levels = try answer("show visits 2025H1 by facility where level = communes and district in (\"District One\")")
        #expect(levels.labels == ["Commune One", "Commune Two"])
    }

    @Test func orderByAndTop() throws {
        let ordered = try answer("show visits 2025H1 by facility order by value asc")
        #expect(ordered.labels == ["Commune Three", "Commune One", "Commune Two"])
        let top = try answer("show visits 2025H1 by facility top 2")
        #expect(top.labels == ["Commune Two", "Commune One"])
        #expect(top.table.notes.contains("top 2: 1 more row not shown"))
        let byName = try answer("show visits 2025H1 by facility order by name")
        #expect(byName.labels == ["Commune One", "Commune Three", "Commune Two"])
        #expect(throws: Diagnostic.self) { try answer("show visits 2025H1 by facility order by nmae") }
        // top N keeps N of each indicator.
        let both = try answer("show visits, inpatient 2025 by commune top 1")
        #expect(both.labels == ["Commune Two", "Commune One"])
        #expect(both.table.notes.contains("top 1 of each indicator: 4 more rows not shown"))
        // On rank, order by value is the rank's own direction.
        let ranked = try answer("rank communes by visits 2025 order by value asc")
        #expect(ranked.table.rows.map { row in if case .text(let t) = row[1] { t } else { "" } }
                == ["Commune Three", "Commune One", "Commune Two"])
        do {
            _ = try answer("compare visits 2024 2025 by facility order by grwoth")
        } catch let error as Diagnostic {
            #expect(error.id == "unknown-column")
            #expect(error.hint == "did you mean 'growth'?")
        }
    }
}
