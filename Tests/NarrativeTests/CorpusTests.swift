import ChisoModel
import Foundation
import Testing

@testable import ChisoReports

/// The corpus of narrative reports in Corpus/: each `NN-name.txt` beside the figures a
/// careful reader takes from it (`NN-name.expected.csv`). `dev/` is what the importer was
/// tuned on; `holdout/` and `fresh/` were written apart from it, by people who had not
/// seen the importer: `holdout/` was measured while the importer was built, `fresh/` only
/// once it was finished.
struct CorpusCase: CustomTestStringConvertible, Sendable {
    var set: String
    var name: String
    var text: String
    var facility: String
    var period: String
    var expected: [ExpectedFigure]

    var testDescription: String { "\(set)/\(name)" }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    static func all(_ set: String) -> [CorpusCase] {
        let directory = folder.appendingPathComponent(set)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().compactMap { name in
            let base = String(name.dropLast(4))
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path),
                let expected = FileManager.default.contents(
                    atPath: directory.appendingPathComponent(base + ".expected.csv").path)
            else { return nil }
            var facility: String?
            var period: String?
            var figures: [ExpectedFigure] = []
            for line in String(decoding: expected, as: UTF8.self).split(separator: "\n") {
                if line.hasPrefix("# facility:"), facility == nil { facility = line.dropFirst(11).trimmingCharacters(in: .whitespaces) }
                if line.hasPrefix("# period:"), period == nil { period = line.dropFirst(9).trimmingCharacters(in: .whitespaces) }
                if line.hasPrefix("#") || line.hasPrefix("indicator,") { continue }
                let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard f.count >= 9 else { continue }
                figures.append(
                    ExpectedFigure(
                        indicator: f[0], period: f[1], value: Double(f[2]), qualifier: f[3], numerator: Double(f[4]),
                        denominator: Double(f[5]), change: f[6], plan: Double(f[7]), line: Int(f[8]) ?? 0))
            }
            return CorpusCase(
                set: set, name: base, text: String(decoding: data, as: UTF8.self), facility: facility ?? "-", period: period ?? "-",
                expected: figures)
        }
    }
}

struct ExpectedFigure: Sendable {
    var indicator: String
    var period: String
    var value: Double?
    var qualifier: String
    var numerator: Double?
    var denominator: Double?
    var change: String
    var plan: Double?
    var line: Int

    /// Indicator, period, value (or n/N, or the plan share when that is all) and qualifier.
    func matches(_ figure: NarrativeFigure) -> Bool {
        func same(_ a: Double?, _ b: Double?) -> Bool {
            switch (a, b) {
            case (nil, nil): return true
            case (let x?, let y?): return abs(x - y) < 1e-6 * max(1, abs(x))
            default: return false
            }
        }
        guard figure.indicator == indicator, figure.period.description == period,
            figure.qualifier.name == qualifier
        else { return false }
        if numerator != nil || denominator != nil {
            return same(figure.numerator, numerator) && same(figure.denominator, denominator)
        }
        if value == nil { return figure.value == nil && same(figure.planShare, plan) }
        return same(figure.value, value)
    }
}

/// Shared set-up: the bundled phrases and the facilities of the bundled datasets.
enum CorpusReader {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let reader: NarrativeReader? = {
        guard let phrases = try? PhraseBook.bundled(),
            let loaded = try? DatasetLoader().load([
                root.appendingPathComponent("Datasets/seed/facilities.csv").path,
                root.appendingPathComponent("Datasets/demo/facilities.csv").path,
            ])
        else { return nil }
        return NarrativeReader(phrases: phrases, facilities: loaded.store.facilities, catalog: loaded.store.catalog)
    }()

    static func read(_ corpusCase: CorpusCase) -> NarrativeReport? {
        guard let reader else { return nil }
        let period = corpusCase.period == "-" ? Period.year(2025) : nil
        let facility = corpusCase.facility == "-" ? "laichau" : nil
        return try? reader.read(corpusCase.text, file: corpusCase.name + ".txt", facility: facility, period: period)
    }
}

/// Counts of one corpus set.
struct Score {
    var expected = 0
    var extracted = 0
    var correct = 0
    var misses: [String] = []

    var precision: Double { extracted == 0 ? 1 : Double(correct) / Double(extracted) }
    var recall: Double { expected == 0 ? 1 : Double(correct) / Double(expected) }

    mutating func add(_ corpusCase: CorpusCase, _ report: NarrativeReport) {
        expected += corpusCase.expected.count
        extracted += report.figures.count
        var used = Set<Int>()
        for want in corpusCase.expected {
            if let i = report.figures.indices.first(where: { !used.contains($0) && want.matches(report.figures[$0]) }) {
                used.insert(i)
                correct += 1
            } else {
                let got = report.figures.first { $0.indicator == want.indicator && $0.period.description == want.period }
                misses.append(
                    "\(corpusCase.name):\(want.line) missed \(want.indicator) \(want.period) \(want.value.map { "\($0)" } ?? "")"
                        + "\(want.numerator.map { " \($0)/\(want.denominator ?? 0)" } ?? "") \(want.qualifier)"
                        + (got.map { " — got \($0.value.map { "\($0)" } ?? "-") \($0.qualifier.name) at line \($0.line)" } ?? ""))
            }
        }
        for (i, figure) in report.figures.enumerated() where !used.contains(i) {
            misses.append(
                "\(corpusCase.name):\(figure.line) extra \(figure.indicator) \(figure.period) \(figure.value.map { "\($0)" } ?? "")"
                    + "\(figure.numerator.map { " \($0)/\(figure.denominator ?? 0)" } ?? "") \(figure.qualifier.name) «\(figure.written)»")
        }
    }

    func summary(_ name: String) -> String {
        let p = String(format: "%.1f", precision * 100)
        let r = String(format: "%.1f", recall * 100)
        return "\(name): \(correct) of \(expected) figures found, \(extracted) extracted — precision \(p) %, recall \(r) %"
    }
}

@Suite struct CorpusTests {
    @Test func theCorpusHasTenReportsOrMore() {
        #expect(CorpusCase.all("dev").count + CorpusCase.all("holdout").count + CorpusCase.all("fresh").count >= 10)
        #expect(CorpusReader.reader != nil)
    }

    /// Prints precision and recall of each set and of all; the goal, held over all sets,
    /// is ≥ 95 % precision and ≥ 90 % recall.
    @Test func precisionAndRecall() {
        var total = Score()
        for set in ["dev", "holdout", "fresh"] {
            var score = Score()
            for corpusCase in CorpusCase.all(set) {
                guard let report = CorpusReader.read(corpusCase) else {
                    Issue.record("\(corpusCase.name) could not be read")
                    continue
                }
                score.add(corpusCase, report)
                total.add(corpusCase, report)
            }
            print(score.summary("corpus \(set)"))
            if ProcessInfo.processInfo.environment["CHISO_CORPUS_VERBOSE"] != nil {
                for miss in score.misses { print("  " + miss) }
            }
        }
        print(total.summary("corpus, all sets"))
        #expect(total.precision >= 0.95, "precision fell below the goal")
        #expect(total.recall >= 0.90, "recall fell below the goal")
    }

    /// The facility and the period each report names in its first lines.
    @Test(arguments: CorpusCase.all("dev") + CorpusCase.all("holdout") + CorpusCase.all("fresh"))
    func facilityAndPeriodAreRead(_ corpusCase: CorpusCase) throws {
        let reader = try #require(CorpusReader.reader)
        if corpusCase.period != "-" {
            let report = try reader.read(corpusCase.text, file: "x.txt", facility: corpusCase.facility == "-" ? "laichau" : nil)
            #expect(report.period?.period.description == corpusCase.period)
            if corpusCase.facility != "-" { #expect(report.facility?.shown == corpusCase.facility) }
        }
    }
}
