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

    @Test func explainShowsTheTypedPlan() throws {
        let dump = try plan("compare visits 2024H1 2025H1 by facility for \"lai chau\"").dump(facilities: Seed.store.facilities)
        #expect(
            dump == """
                Compare
                  indicator: visits (count: sum over months and facilities)
                  period: 2024H1 = months 2024M01..2024M06 (6 months)
                  period: 2025H1 = months 2025M01..2025M06 (6 months)
                  change: last period against the first; growth % for counts, percentage points for rates
                  group by: facility
                  facilities: laichau and below (3); a parent's own total is used instead of its children's where both exist
                """)
    }

    @Test func resolvesNamesAliasesAndVietnamese() throws {
        for text in ["show visits 2025", "show VISITS 2025", "show \"Lượt khám bệnh\" 2025", "show \"luot kham benh\" 2025", "show kham_benh 2025"] {
            guard case .aggregate(let aggregate) = try plan(text) else {
                Issue.record("\(text)")
                continue
            }
            #expect(aggregate.indicators.map(\.indicator.id) == ["visits"], "\(text)")
        }
    }

    @Test func filterFindsFacilitiesWithoutDiacritics() throws {
        guard case .aggregate(let aggregate) = try plan("show visits 9M2023 for tien du") else {
            Issue.record("not an aggregate")
            return
        }
        #expect(aggregate.scope.roots?.map { Seed.store.facilities[$0].id } == ["ttyt-tiendu"])
        #expect(aggregate.scope.label == "TTYT Tiên Du")
        #expect(aggregate.period.period == .firstMonths(9, 2023))
    }

    @Test func groupsByLevelsInSingularOrPlural() throws {
        guard case .aggregate(let a) = try plan("show visits 2025 by provinces"),
            case .aggregate(let b) = try plan("show visits 2025 by district")
        else {
            Issue.record("not aggregates")
            return
        }
        #expect(a.grouping == .level("province"))
        #expect(b.grouping == .level("district"))
    }

    @Test(arguments: [
        ("show vists 2025H1", "unknown-indicator", "did you mean 'visits'?", 5),
        ("show visits 2025H3", "bad-period", nil, 12),
        ("show visits 2025 by distrct", "unknown-dimension", "did you mean 'district'?", 20),
        ("show visits 2025 for \"Tien Dux\"", "unknown-facility", "did you mean 'Tiên Du'?", 21),
        ("show visits $cur", "unset-variable", "set it with --set cur=2025H1", 12),
        ("list indicatrs", "unknown-list", "did you mean 'indicators'?", 5),
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

    @Test func variablesBindPeriods() throws {
        var withVariables = planner
        withVariables.variables = ["cur": "2025H1"]
        guard case .aggregate(let aggregate) = try withVariables.plan(try Parser.parse("show visits $cur")[0]) else {
            Issue.record("not an aggregate")
            return
        }
        #expect(aggregate.period.period == .half(2025, 1))
    }
}
