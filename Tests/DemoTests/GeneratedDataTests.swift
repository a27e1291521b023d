import ChisoDemo
import ChisoModel
import Foundation
import Testing

/// The committed files are the generator's output, and the data is what the README says.
@Suite struct GeneratedDataTests {
    @Test(arguments: DemoProvince.files(of: DemoFixture.data).map(\.name))
    func committedFileEqualsTheGenerator(_ name: String) throws {
        let generated = try #require(DemoProvince.files(of: DemoFixture.data).first { $0.name == name }?.text)
        let path = DemoFixture.folder + "/" + name
        let committed = try #require(
            FileManager.default.contents(atPath: path), "\(path) is missing: run `swift run chiso-demo`")
        guard committed != Data(generated.utf8) else { return }
        let old = String(decoding: committed, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let new = generated.split(separator: "\n", omittingEmptySubsequences: false)
        let line =
            zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        Issue.record(
            """
            \(path) differs from the generator from line \(line + 1) \
            (committed: \(line < old.count ? String(old[line]) : "end of file"); \
            generated: \(line < new.count ? String(new[line]) : "end of file")); \
            regenerate with `swift run chiso-demo` and review the diff
            """)
    }

    @Test func generatorIsDeterministic() {
        #expect(DemoProvince.generate() == DemoFixture.data)
        #expect(DemoProvince.files().map(\.text) == DemoProvince.files(of: DemoFixture.data).map(\.text))
    }

    @Test func loadsWithoutDiagnostics() throws {
        let load = try #require(DemoFixture.load, "\(DemoFixture.folder) did not load")
        #expect(load.report.diagnostics.map(\.message) == [])
        #expect(load.report.rejected == 0)
        #expect(load.report.undeclared.isEmpty)
        let loaded = Dictionary(uniqueKeysWithValues: load.report.files.map { ($0.kind.rawValue, $0.loaded) })
        #expect(loaded["facilities"] == DemoFixture.data.facilities.count)
        #expect(loaded["observations"] == DemoFixture.data.observations.count)
        #expect(loaded["plans"] == DemoFixture.data.plans.count)
    }

    @Test func sizeAndShape() {
        let data = DemoFixture.data
        let levels = Dictionary(grouping: data.facilities, by: \.level).mapValues(\.count)
        #expect(levels[.province] == 1)
        #expect(levels[.district] == 9)
        #expect((80...120).contains(levels[.commune] ?? 0))
        #expect((60_000...90_000).contains(data.observations.count))
        #expect(Set(data.observations.map(\.indicator)).count >= 28)
        let months = data.observations.map(\.period.months)
        #expect(months.map(\.lowerBound).min() == DemoMonth(year: 2022, month: 1))
        #expect(months.map(\.upperBound).max() == DemoMonth(year: 2025, month: 12))
    }

    @Test func namesSayDemoAndTellFacilitiesApart() {
        let facilities = DemoFixture.data.facilities
        for facility in facilities {
            #expect(facility.name.contains("Demo") && facility.shortName.contains("Demo"), "\(facility.id)")
            #expect(facility.id == "demo" || facility.id.hasPrefix("demo-"), "\(facility.id)")
        }
        #expect(Set(facilities.map(\.id)).count == facilities.count)
        #expect(Set(facilities.map(\.shortName)).count == facilities.count)
        #expect(facilities.contains { $0.name.hasPrefix("Trạm Y tế Demo phường ") })
        #expect(facilities.contains { $0.name == "Trung tâm Y tế Demo Bắc Sơn" })
    }

    /// Every indicator comes from chiso's built-in catalog, and every number is written
    /// so that a dot never stands before exactly three digits (a thousands separator to
    /// the loader).
    @Test func indicatorsAndNumbersAreWhatTheLoaderExpects() throws {
        for indicator in Set(DemoFixture.data.observations.map(\.indicator)) {
            #expect(IndicatorCatalog.builtin.code(of: indicator) != nil, "\(indicator)")
        }
        let text = try #require(DemoProvince.files(of: DemoFixture.data).first { $0.name == "observations.csv" }?.text)
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            for field in fields.dropFirst(3) where field.contains(".") {
                #expect(field.split(separator: ".").last?.count == 1, "\(line)")
            }
        }
    }

    @Test func partsNeverExceedTheirWhole() {
        var inspections: [String: Int] = [:]
        for row in DemoFixture.data.observations {
            switch (row.indicator, row.figure) {
            case ("food_inspections", .whole(let n)):
                inspections["\(row.facility) \(row.period)"] = n
            case (_, .rate(let n, let d)):
                #expect(d > 0 && (0...d).contains(n), "\(row)")
            default:
                break
            }
        }
        for row in DemoFixture.data.observations where row.indicator == "food_inspections_passed" {
            guard case .whole(let passed) = row.figure else { continue }
            #expect(passed <= inspections["\(row.facility) \(row.period)"] ?? -1, "\(row)")
        }
    }

    /// A missing report is no row at all, never a zero row; the months around it are there.
    @Test(arguments: DemoProvince.reportGaps.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    func missingMonthsHaveNoRows(_ facility: String, _ gaps: [DemoMonth]) {
        let months = Set(
            DemoFixture.data.observations.filter {
                $0.facility == facility && $0.period.months.lowerBound == $0.period.months.upperBound
            }
            .map(\.period.months.lowerBound))
        for gap in gaps {
            #expect(!months.contains(gap), "\(facility) \(gap)")
        }
        #expect(months.count == 48 - gaps.count)
    }

    @Test func mergerMovesTheStationsAndStopsTheCentre() throws {
        let (district, into, lastMonth) = DemoProvince.merger
        let facilities = DemoFixture.data.facilities
        let stations = facilities.filter { $0.id.hasPrefix(district + "-") }
        #expect(!stations.isEmpty)
        for station in stations {
            #expect(station.parent == into)
            #expect(station.formerParent?.id == district && station.formerParent?.until == lastMonth)
        }
        let centre = try #require(facilities.first { $0.id == district })
        #expect(centre.parent == "demo" && centre.formerNames.isEmpty)
        let lastRow = DemoFixture.data.observations.filter { $0.facility == district }.map(\.period.months.upperBound)
            .max()
        #expect(lastRow == lastMonth)
        #expect(facilities.contains { $0.formerNames.count == 2 })
    }

    /// The outbreak district's dengue cases in 2024M07–M10 are several times those of the
    /// same months in the other years.
    @Test func dengueOutbreakStandsOut() {
        var cases: [Int: Double] = [:]
        for row in DemoFixture.data.observations
        where row.indicator == "dengue_cases" && row.facility.hasPrefix(DemoProvince.outbreakDistrict + "-") {
            let month = row.period.months.lowerBound
            if (7...10).contains(month.month) { cases[month.year, default: 0] += row.figure.value }
        }
        let usual = ((cases[2022] ?? 0) + (cases[2023] ?? 0) + (cases[2025] ?? 0)) / 3
        #expect((cases[2024] ?? 0) > 3 * usual, "\(cases)")
    }
}
