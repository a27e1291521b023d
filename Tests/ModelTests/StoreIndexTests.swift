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

    /// Enough bulk rows that sealing splits them over the cores, in chunks added out of
    /// reading order, with repeated and conflicting figures; with rates given as parts and
    /// lines repeated byte for byte, or with neither (the fast path) and figures from a
    /// report among them. What is kept must be what reading the rows one by one in order
    /// (files as loaded, lines down) keeps: the first figure of each facility, indicator
    /// and month; and the conflicts named are the first in the store's order.
    @Test(arguments: [true, false])
    func sealingOnEveryCoreKeepsWhatReadingInOrderKeeps(ratesAndRepeats: Bool) throws {
        var facilities = FacilityDirectory()
        for f in 0..<300 { facilities.insert(Facility(id: "f\(f)", name: "F \(f)", level: "commune")) }
        let catalog = IndicatorCatalog.builtin
        let ids = ratesAndRepeats
            ? ["visits", "inpatient", "epi_full_u1", "births", "surgeries"] : ["visits", "inpatient", "births", "surgeries", "tb_cases"]
        let indicators = try ids.map { try #require(catalog.code(of: $0)) }
        let rate = catalog.code(of: "epi_full_u1")
        struct Key: Hashable {
            var facility: Int, indicator: IndicatorCode, month: Int16
        }
        struct Kept {
            var value: Double, numerator: Double?, file: String, line: Int
        }
        let files = ["a.csv", "r.yaml", "b.csv"]
        var kept: [Key: Kept] = [:]
        var counts: [String: (repeated: Int, firstRepeated: Int, conflicting: Int)] = [:]
        // Each conflict in the store's order: indicator, month, facility, then reading order.
        var conflicts: [(key: Key, file: Int, line: Int)] = []
        var random: UInt64 = ratesAndRepeats ? 12_345 : 54_321
        func next(_ bound: Int) -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(random >> 33) % bound
        }
        // A rate is the same figure only with the same parts.
        func read(_ key: Key, _ value: Double, numerator: Double? = nil, file: String, line: Int, repeats: Int) {
            var tally = counts[file, default: (0, Int.max, 0)]
            if let earlier = kept[key] {
                if earlier.value == value && earlier.numerator == numerator {
                    tally.repeated += 1 + repeats
                    tally.firstRepeated = min(tally.firstRepeated, line)
                } else {
                    tally.conflicting += 1 + repeats
                    conflicts.append((key, files.firstIndex(of: file) ?? 0, line))
                }
            } else {
                kept[key] = Kept(value: value, numerator: numerator, file: file, line: line)
                if repeats > 0 {
                    tally.repeated += repeats
                    tally.firstRepeated = min(tally.firstRepeated, line + 1)
                }
            }
            counts[file] = tally
        }
        func randomKey() -> Key {
            Key(facility: next(300), indicator: indicators[next(5)], month: Int16(2020 * 12 + next(60)))
        }
        // Chunks in reading order: a.csv in two, then the report, then b.csv; each figure
        // is read against those before it as the oracle.
        var chunks: [BulkRows] = []
        var report: [Observation] = []
        for (file, first, rows) in [("a.csv", 2, 45_000), ("a.csv", 0, 40_000), ("r.yaml", 1, 2_000), ("b.csv", 2, 35_000)] {
            if file == "r.yaml" {
                var seen = Set<Key>()
                for line in 1...rows {
                    let key = randomKey()
                    guard seen.insert(key).inserted else { continue }
                    let value = Double(next(4))
                    read(key, value, file: file, line: line, repeats: 0)
                    let month = Month(index: Int32(key.month))
                    report.append(
                        Observation(
                            facility: "f\(key.facility)", indicator: catalog[key.indicator].id, interval: MonthInterval(month, month),
                            value: value, provenance: Provenance(file: file, line: line)))
                }
                continue
            }
            var chunk = BulkRows(file: file)
            chunk.firstLine = Int32(first == 0 ? 2 + 45_000 * 2 : first)
            var line = 0
            for _ in 0..<rows {
                let key = randomKey()
                let value = Double(next(4))
                let repeats = ratesAndRepeats && next(50) == 0 ? 1 + next(3) : 0
                let row = chunk.count
                chunk.facility.append(UInt16(key.facility))
                chunk.indicator.append(UInt16(key.indicator))
                chunk.month.append(key.month)
                chunk.line.append(Int32(line))
                if key.indicator == rate {
                    chunk.value.append(value / 4 * 100)
                    chunk.parts[row] = (value, 4)
                } else {
                    chunk.value.append(value)
                }
                if repeats > 0 { chunk.repeats[row] = Int32(repeats) }
                read(key, chunk.value[row], numerator: chunk.parts[row]?.numerator, file: file, line: Int(chunk.firstLine) + line, repeats: repeats)
                line += 1 + repeats + next(2)
            }
            chunks.append(chunk)
        }
        var builder = ObservationStore.Builder(facilities: facilities, catalog: catalog)
        builder.fileOrder = files
        for index in [2, 0, 1] { builder.add(chunks[index]) }
        for observation in report { builder.add(observation) }
        let (store, warnings, found) = builder.buildCounting()

        #expect(store.count == kept.count)
        var seen = 0
        for indicator in indicators {
            var previous: (Int16, FacilityCode)? = nil
            for row in store.rows(of: indicator) {
                let start = Int16(store.interval(at: row).start.index)
                let facility = store.facility(at: row)
                if let previous { #expect(previous <= (start, facility)) }
                previous = (start, facility)
                let expected = try #require(kept[Key(facility: Int(facility), indicator: indicator, month: start)])
                #expect(store.value(at: row) == expected.value)
                #expect(store.provenance(at: row) == Provenance(file: expected.file, line: expected.line))
                #expect(store.details(at: row)?.numerator == expected.numerator)
                seen += 1
            }
        }
        #expect(seen == kept.count)
        for file in files {
            let expected = try #require(counts[file])
            let sealed = found.first { $0.file == file }
            #expect(sealed?.repeated ?? 0 == expected.repeated)
            if expected.repeated > 0 { #expect(sealed?.firstRepeated == expected.firstRepeated) }
            #expect(sealed?.conflicting ?? 0 == expected.conflicting)
        }
        #expect(conflicts.count > ObservationStore.Builder.conflictsKept)
        let order = conflicts.sorted { a, b in
            (a.key.indicator, a.key.month, a.key.facility, a.file, a.line) < (b.key.indicator, b.key.month, b.key.facility, b.file, b.line)
        }
        #expect(warnings.count == ObservationStore.Builder.conflictsKept)
        #expect(warnings.allSatisfy { $0.id == "conflicting-value" })
        let named = warnings.map { "\($0.location?.file ?? "?"):\($0.location?.line ?? 0)" }
        #expect(named == order.prefix(ObservationStore.Builder.conflictsKept).map { "\(files[$0.file]):\($0.line)" })
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

@Suite struct PackedValueTests {
    /// Figures as reports state them pack in 4 bytes; the rest keep 8. Every one reads
    /// back bit for bit.
    @Test(arguments: [
        (942.0, true), (0.0, true), (-3.0, true), (57.6, true), (3.25, true), (0.125, true), (99.999, true),
        (-0.5, true), (268_435_455.0, true), (-268_435_455.0, true), (26_843_545.5, true),
        (268_435_456.0, false), (1e15, false), (0.1234, false), (1.0 / 3.0, false), (-0.0, false),
        (Double.nan, false), (Double.infinity, false), (-Double.infinity, false), (Double.leastNonzeroMagnitude, false),
    ])
    func figuresReadBackBitForBit(_ value: Double, packs: Bool) {
        var values = PackedValues()
        values.append(1)
        values.append(value)
        #expect(values[1].bitPattern == value.bitPattern)
        #expect(values[0] == 1)
        #expect(values.unpackedCount == (packs ? 0 : 1))
    }

    /// Every decimal of up to three places over a wide range, and random doubles: what
    /// comes back is what went in.
    @Test func decimalsAndRandomDoublesReadBack() {
        var inputs: [Double] = []
        for whole in stride(from: -20_000, through: 20_000, by: 7) {
            for places in 0...3 { inputs.append(Double(whole) / [1.0, 10, 100, 1000][places]) }
        }
        // Parsed from text, as a loader reads them.
        for text in ["0.1", "0.2", "0.3", "1.005", "2.675", "12345.678", "268435.455", "4.35", "80.15", "1e-3"] {
            inputs.append(Double(text) ?? .nan)
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            // xorshift64: the same patterns on every run.
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            inputs.append(Double(bitPattern: state))
        }
        let values = PackedValues(inputs)
        #expect(values.count == inputs.count)
        var same = 0
        for (row, input) in inputs.enumerated() where values[row].bitPattern == input.bitPattern { same += 1 }
        #expect(same == inputs.count)
        // The decimals all pack: only random bit patterns (nearly all) go to the side table.
        #expect(values.unpackedCount <= 2_000)
        #expect(values.unpackedCount >= 1_900)
    }
}
