import ChisoModel
import ChisoParser
import ChisoPlanner
import ChisoReports
import Foundation
import Testing

/// The seed dataset, loaded once for the planner and executor tests.
enum Seed {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Datasets/seed").path
    static let store: ObservationStore = {
        (try? DatasetLoader().load([path]).store)
            ?? ObservationStore.Builder(facilities: FacilityDirectory(), catalog: .builtin).build().store
    }()
}

@Suite struct PlannerTests {
    let planner = Planner(catalog: Seed.store.catalog, facilities: Seed.store.facilities)

    func plan(_ text: String) throws -> LogicalPlan {
        let statements = try Parser.parse(text)
        return try planner.plan(statements[0])
    }

    func query(_ text: String, variables: [String: String] = [:]) throws -> QueryPlan {
        var planner = self.planner
        planner.variables = variables
        guard case .query(let query) = try planner.plan(try Parser.parse(text)[0]) else {
            throw Diagnostic(id: "test", "not a query: \(text)")
        }
        return query
    }

    @Test func explainShowsTheTypedPlan() throws {
        let dump = try plan("compare visits 2024H1 2025H1 by facility for \"lai chau\"").dump(facilities: Seed.store.facilities)
        #expect(
            dump == """
                Compare
                  indicator: visits (count: sum over months and facilities)
                  period: 2024H1 = months 2024M01..2024M06 (6 months)
                  period: 2025H1 = months 2025M01..2025M06 (6 months)
                  change: the last period against the first, as growth % (b − a) ÷ a for counts, percentage points for rates and percentages
                  group by: facility
                  facilities: for lai chau (3 facilities); levels and areas follow the hierarchy in force for each figure
                  overlap: where a facility and one above it both report, the one above is taken as the total
                """)
    }

    @Test func resolvesNamesAliasesAndVietnamese() throws {
        for text in ["show visits 2025", "show VISITS 2025", "show \"Lượt khám bệnh\" 2025", "show \"luot kham benh\" 2025", "show kham_benh 2025"] {
            #expect(try query(text).measures.map(\.indicator?.indicator.id) == ["visits"], "\(text)")
        }
    }

    @Test func filterFindsFacilitiesWithoutDiacritics() throws {
        let plan = try query("show visits 9M2023 for tien du")
        let tienDu = try #require(Seed.store.facilities.code(of: "ttyt-tiendu"))
        #expect(plan.scope.candidates == [tienDu])
        #expect(plan.scope.label == "TTYT Tiên Du")
        #expect(plan.periods.map(\.period) == [.firstMonths(9, 2023)])
    }

    @Test func groupsByLevelsInSingularOrPlural() throws {
        #expect(try query("show visits 2025 by provinces").grouping == .level("province"))
        #expect(try query("show visits 2025 by district").grouping == .level("district"))
        #expect(try query("rank districts by visits 2025").grouping == .level("district"))
        #expect(try query("rank by visits 2025").grouping == .facility)
    }

    @Test(arguments: [
        ("show vists 2025H1", "unknown-indicator", "did you mean 'visits'?", 5),
        ("show visits 2025H3", "bad-period", nil, 12),
        ("show visits 2025 by distrct", "unknown-dimension", "did you mean 'district'?", 20),
        ("show visits 2025 for \"Tien Dux\"", "unknown-facility", "did you mean 'Tiên Du'?", 21),
        ("show visits $cur", "unset-variable", "set it with let cur = … or --set cur=…", 12),
        ("list indicatrs", "unknown-list", "did you mean 'indicators'?", 5),
        ("show visits 2025 by month", "misplaced-clause", nil, 20),
        ("compare visits 2024 2025 as pionts", "unknown-mode", "did you mean 'points'?", 28),
        ("compare visits 2024 2025 as points", "unknown-mode", "as growth or as ratio", 28),
        ("show visits 2025 as ratio", "misplaced-clause", nil, 20),
        ("progress visits 2024M07..2025M06", "bad-period", nil, 16),
        ("show visits 2025 where distrit = \"Tiên Du\"", "unknown-dimension", "did you mean 'district'?", 23),
        ("show visits 2025 where district = \"Tien Dux\"", "unknown-facility", "did you mean 'Tiên Du'?", 34),
        ("show visits 2025 where level = distrct", "unknown-name", "did you mean 'district'?", 31),
        ("show visits / inpatients 2025", "unknown-indicator", "did you mean 'inpatient'?", 14),
        ("define visits = inpatient * 2", "name-taken", nil, 7),
        ("show visits 2025 for ttyt", "ambiguous-name", nil, 21),
        ("describe immunisation", "unknown-name", "indicators about 'immunisation': epi_full_u1, epi_communes, serious_aefi", 9),
    ] as [(String, String, String?, Int)])
    func reportsUnknownNamesWithSuggestions(_ text: String, _ id: String, _ hint: String?, _ column: Int) {
        do {
            _ = try plan(text)
            Issue.record("planned without error")
        } catch let error as Diagnostic {
            #expect(error.id == id)
            if let hint { #expect(error.hint == hint) }
            #expect(error.range?.start == column)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func variablesBindPeriodsAndNames() throws {
        let plan = try query("show $what $cur for $where", variables: ["cur": "2025H1", "what": "visits", "where": "lai chau"])
        #expect(plan.periods.map(\.period) == [.half(2025, 1)])
        #expect(plan.measures.map(\.label) == ["visits"])
        #expect(plan.scope.label == "SYT Lai Châu")
    }

    @Test func yoyComparesWithTheSamePeriodAYearEarlier() throws {
        #expect(try query("compare visits 2025H1 yoy").periods.map(\.period) == [.half(2024, 1), .half(2025, 1)])
        #expect(try query("compare visits 9M2023 vs last year").periods.map(\.period) == [.firstMonths(9, 2022), .firstMonths(9, 2023)])
    }

    static let monthNames: [String] = [2024, 2025].flatMap { year in
        (1...12).map { month in "\(year)M" + (month < 10 ? "0" : "") + "\(month)" }
    }

    static let yearNames: [String] = (2016...2025).map { String($0) }

    @Test(arguments: [
        ("trend visits 2024M11..2025M02 by month", ["2024M11", "2024M12", "2025M01", "2025M02"]),
        ("trend visits 2024M02..2024M10 by quarter", ["2024M02..2024M03", "2024Q2", "2024Q3", "2024M10"]),
        ("trend visits 2023..2025 by half", ["2023H1", "2023H2", "2024H1", "2024H2", "2025H1", "2025H2"]),
        ("trend visits 2024..2025", monthNames),
        ("trend visits 2016..2025", yearNames),
    ] as [(String, [String])])
    func trendSplitsItsRangeIntoCalendarBuckets(_ text: String, _ expected: [String]) throws {
        let plan = try query(text)
        let names = plan.periods.map(\.period.description)
        // Clipped buckets are named as ranges of months; whole ones by their calendar name.
        #expect(names.count == expected.count)
        for (name, want) in zip(names, expected) where !want.contains("..") { #expect(name == want) }
        #expect(plan.periods.map(\.interval.count).reduce(0, +) == plan.span?.interval.count)
    }

    @Test func expressionsInferTheirUnit() throws {
        #expect(try query("show food_inspections_passed / food_inspections * 100 2025").measures[0].unit == .percent)
        #expect(try query("show 100 * food_inspections_passed / food_inspections 2025").measures[0].unit == .percent)
        #expect(try query("show visits + inpatient 2025").measures[0].unit == .count)
        #expect(try query("show visits / inpatient 2025").measures[0].unit == .number(nil))
        let aliased = try query("show food_inspections_passed / food_inspections * 100 as pass_rate 2025")
        #expect(aliased.measures[0].label == "pass_rate")
        #expect(aliased.measures[0].changesInPoints)
    }

    @Test func definitionsAreUsableAsIndicators() throws {
        guard case .define(let definition) = try plan("define per_bed = inpatient / surgeries unit \"per bed\" label \"x\"")
        else {
            Issue.record("not a define")
            return
        }
        #expect(definition.unit == .number("per bed"))
        var planner = self.planner
        planner.definitions = [TextFolding.fold("per_bed"): definition]
        guard case .query(let q) = try planner.plan(try Parser.parse("show per_bed * 2 2025")[0]) else {
            Issue.record("not a query")
            return
        }
        #expect(q.measures[0].expression.indicators.map(\.indicator.id) == ["inpatient", "surgeries"])
    }

    @Test func whereConditionsCombine() throws {
        let plan = try query("show visits 2025 by facility where level in (district, hospital) and province ~ \"lai\"")
        let ids = Set((plan.scope.candidates ?? []).map { Seed.store.facilities[$0].id })
        #expect(ids == ["ttyt-laichau", "bvdk-laichau"])
    }
}
