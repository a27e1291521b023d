import ChisoModel
import Foundation
import Testing

@testable import ChisoReports

/// The fast bulk reader must give the store and the messages the full reader gives.
/// Putting a quote in a file's last line sends the whole file to the full reader, so each
/// test can compare the two paths on the same rows.
@Suite struct BulkReaderTests {
    /// Every row of a store, in its order, as values.
    static func rows(_ store: ObservationStore) -> [Observation] {
        (0..<store.count).map { store.observation(at: $0) }
    }

    /// A file of many lines, so that it splits in two halves mid-way, with lines the fast
    /// path cannot take scattered through both halves.
    static func mixedObservations(quoted: Bool) -> String {
        var lines = ["facility,period,indicator,value,numerator,denominator"]
        for month in 1...12 {
            for facility in ["d1", "d2"] {
                let m = month < 10 ? "0\(month)" : "\(month)"
                lines.append("\(facility),2024M\(m),visits,\(month * 100 + (facility == "d1" ? 1 : 2)),,")
                lines.append("\(facility),2024M\(m),bed_occupancy,\(month).25,,")
                lines.append("\(facility),2024M\(m),epi_full_u1,,\(month),\(month * 2)")
                lines.append("\(facility),2024M\(m),births, \(month),,")  // a space: the full reader trims it
            }
        }
        lines.append("d1,2024Q1,surgeries,27.662,,")  // a quarter, and a thousands group
        lines.append("d2,2024M05,tb_cases,hơn 3,,")
        lines.append("d1,2024M06,malaria_cases,-1,,")  // rejected
        lines.append("d9,2024M06,visits,5,,")  // rejected: unknown facility
        lines.append(quoted ? "d2,2024M07,\"measles_cases\",2,," : "d2,2024M07,measles_cases,2,,")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    @Test func fastAndFullReadersGiveTheSameStoreAndMessages() throws {
        let fast = try TemporaryData(["facilities.csv": facilitiesCSV, "observations.csv": Self.mixedObservations(quoted: false)]).load()
        let full = try TemporaryData(["facilities.csv": facilitiesCSV, "observations.csv": Self.mixedObservations(quoted: true)]).load()
        #expect(fast.store.count == 12 * 2 * 4 + 3)
        func strip(_ rows: [Observation]) -> [String] {
            rows.map { "\($0.facility) \($0.indicator) \($0.interval) \($0.value) \($0.qualifier) \($0.numerator ?? -1)/\($0.denominator ?? -1) line \($0.provenance?.line ?? 0)" }
        }
        #expect(strip(Self.rows(fast.store)) == strip(Self.rows(full.store)))
        #expect(fast.report.diagnostics.map(\.message) == full.report.diagnostics.map(\.message))
        #expect(fast.report.diagnostics.map { $0.location?.line } == [100, 101])
        #expect(fast.report.loaded == full.report.loaded)
        #expect(fast.report.rejected == 2)
        // Read as the reports write them: 27.662 is twenty-seven thousand, "hơn 3" at least 3.
        let rows = Self.rows(fast.store)
        #expect(rows.first { $0.indicator == "surgeries" }?.value == 27662)
        #expect(rows.first { $0.indicator == "tb_cases" }?.qualifier == .atLeast)
        #expect(rows.first { $0.indicator == "bed_occupancy" && $0.interval.start.month == 3 }?.value == 3.25)
        // Lines keep their numbers across the halves: the header is line 1.
        let last = try #require(rows.first { $0.indicator == "measles_cases" })
        #expect(last.provenance?.line == 102)
        #expect(rows.first { $0.indicator == "visits" && $0.facility == "d2" && $0.interval.start.month == 12 }?.provenance?.line == 2 + 11 * 8 + 4)
    }

    @Test func theFastPathReadsThePlainLinesAndHandsOnTheRest() throws {
        let facilities = try TemporaryData(["facilities.csv": facilitiesCSV]).load().store.facilities
        let text = Self.mixedObservations(quoted: false)
        let read = try #require(BulkReader.read(Data(text.utf8), file: "o.csv", facilities: facilities, catalog: .builtin))
        // visits and bed_occupancy lines (48), the rates given as parts (24) and the last
        // line are plain; births have a space, and four more lines need the full reader.
        #expect(read.rowCount == 48 + 24 + 1)
        #expect(read.others.count == 24 + 4)
        #expect(read.others.first?.line == 5)
        #expect(read.chunks.reduce(0) { $0 + $1.parts.count } == 24)
        #expect(read.chunks.contains { $0.parts.values.contains { $0.numerator == 7 && $0.denominator == 14 } })
        #expect(BulkReader.read(Data(Self.mixedObservations(quoted: true).utf8), file: "o.csv", facilities: facilities, catalog: .builtin) == nil)
    }

    /// The fast path turns a decimal of up to fifteen digits into a double by one division;
    /// it must be the double the standard conversion gives, bit for bit, at every length.
    @Test func decimalsReadAsTheStandardConversionReadsThem() throws {
        let facilities = try TemporaryData(["facilities.csv": facilitiesCSV]).load().store.facilities
        var texts = ["0.1", "0.30", "0.7", "1.0", "2.25", "9.99", "99999999999999.9", "999999999999.99", "123456789012345.6",
                     "1.00000000000001", "0.000000000000001", "450359962737049.5", "0.1234567890123456789"]
        var random: UInt64 = 7
        for _ in 0..<3_000 {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let places = [1, 2, 4, 5, 6, 7, 9, 12, 14][Int(random >> 60) % 9]
            let whole = String((random >> 20) % [10, 1_000, 100_000, 10_000_000][Int(random >> 58) % 4])
            let fraction = String(String((random >> 4) % 1_000_000_000_000_000).reversed()).padding(toLength: places, withPad: "3", startingAt: 0)
            texts.append(whole + "." + fraction)
        }
        let file = "facility,period,indicator,value\n" + texts.map { "d1,2024M01,visits,\($0)\n" }.joined()
        let read = try #require(BulkReader.read(Data(file.utf8), file: "o.csv", facilities: facilities, catalog: .builtin))
        #expect(read.others.isEmpty)
        let values = read.chunks.flatMap(\.value)
        #expect(values.count == texts.count)
        for (text, value) in zip(texts, values) {
            #expect(value.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    @Test func aRepeatedFigureIsAConflictNamingBothLinesAndTheFirstIsKept() throws {
        let result = try TemporaryData([
            "facilities.csv": facilitiesCSV,
            "observations.csv": """
                facility,period,indicator,value
                d1,2025M01,visits,100
                d1,2025M02,visits,90
                d1,2025M01,visits,120
                d1,2025M02,visits,90

                """,
        ]).load()
        let conflicts = result.report.diagnostics.filter { $0.id == "conflicting-value" }
        #expect(conflicts.count == 1)
        #expect(conflicts.first?.message.contains("100 and 120") == true)
        #expect(conflicts.first?.message.contains("observations.csv:2") == true)
        #expect(conflicts.first?.location?.line == 4)
        #expect(result.store.count == 2)
        #expect(Self.rows(result.store).first?.value == 100)
        // The same figure twice is no conflict, and is loaded once.
        #expect(result.report.rejected == 1)
    }

    /// Read in pieces of a few bytes (each piece whole lines, or whole records where a
    /// quoted field holds a line break), a file gives the figures and messages it gives
    /// read at once, with the same line numbers.
    @Test(arguments: [1, 40, 97, 1000])
    func piecesOfAnySizeReadAsTheWholeFile(pieceSize: Int) throws {
        var text = Self.mixedObservations(quoted: false)
        // A quoted field with a line break in it, the row after it plain, and a quote never closed.
        text += "d1,2025M08,\"visits\",8800,\"\",\"\r\n\"\r\nd2,2025M08,visits,8801,,\r\nd1,2024M03,visits,1,,\r\nd1,2024M09,visits,\"9\r\n"
        let data = try TemporaryData(["facilities.csv": facilitiesCSV, "observations.csv": text])
        let whole = try data.load()
        let pieces = try data.load(pieceSize: pieceSize)
        func strip(_ rows: [Observation]) -> [String] {
            rows.map { "\($0.facility) \($0.indicator) \($0.interval) \($0.value) line \($0.provenance?.line ?? 0)" }
        }
        #expect(strip(Self.rows(pieces.store)) == strip(Self.rows(whole.store)))
        #expect(pieces.report.diagnostics.map(\.message) == whole.report.diagnostics.map(\.message))
        #expect(pieces.report.diagnostics.map { $0.location?.line } == whole.report.diagnostics.map { $0.location?.line })
        #expect(pieces.report.loaded == whole.report.loaded)
        // 96 + 3 rows as before, the quoted visits (line 103, over two lines) and the one
        // after (105); line 106 conflicts with line 18, which is kept.
        #expect(whole.store.count == 12 * 2 * 4 + 3 + 2)
        #expect(Self.rows(whole.store).first { $0.value == 8801 }?.provenance?.line == 105)
        #expect(whole.report.diagnostics.map { $0.location?.line } == [100, 101, 107, 106])
        #expect(whole.report.diagnostics.map(\.id).suffix(2) == ["bad-record", "conflicting-value"])
        #expect(whole.report.diagnostics.last?.message.contains("301 and 1 (first stated at") == true)
    }

    /// A line repeating the one before is its figure again: kept once, and counted in a
    /// note, as are repeats further apart; a different figure is still a conflict.
    @Test func repeatedRowsAreKeptOnceAndCounted() throws {
        let text = "facility,period,indicator,value\n" + String(repeating: "d1,2025M01,visits,100\n", count: 1000)
            + "d1,2025M02,visits,90\nd1,2025M01,visits,100\nd1,2025M01,visits,120\n"
        for pieceSize in [nil, 50] {
            let result = try TemporaryData(["facilities.csv": facilitiesCSV, "observations.csv": text]).load(pieceSize: pieceSize)
            #expect(result.store.count == 2)
            let file = result.report.files.first { $0.kind == .observations }
            #expect(file?.loaded == 2)
            #expect(file?.rejected == 1)
            let notes = result.report.diagnostics.filter { $0.id == "repeated-row" }
            #expect(notes.map(\.message) == ["1,000 rows repeat a figure of an earlier row exactly; each figure is kept once"])
            #expect(notes.first?.location?.line == 3)
            #expect(result.report.diagnostics.filter { $0.id == "conflicting-value" }.map { $0.location?.line } == [1004])
        }
    }

    /// A line repeating a row shares that row's fate: repeating a conflicting row, it is a
    /// conflict too, wherever the file is cut into pieces or halves.
    @Test(arguments: [nil, 30, 60])
    func aRepeatOfAConflictIsAConflict(pieceSize: Int?) throws {
        let text = "facility,period,indicator,value\nd1,2025M01,visits,4\nd1,2025M01,visits,5\nd1,2025M01,visits,5\n"
            + "d1,2025M02,visits,1\nd1,2025M03,visits,1\n"
        let result = try TemporaryData(["facilities.csv": facilitiesCSV, "observations.csv": text]).load(pieceSize: pieceSize)
        let file = result.report.files.first { $0.kind == .observations }
        #expect(file?.loaded == 3)
        #expect(file?.rejected == 2)
        #expect(result.report.diagnostics.filter { $0.id == "repeated-row" }.isEmpty)
        #expect(result.store.count == 3)
        // The same through the full reader (a space before the value sends a line there).
        let spaced = text.replacingOccurrences(of: "visits,5", with: "visits, 5")
        let full = try TemporaryData(["facilities.csv": facilitiesCSV, "observations.csv": spaced]).load(pieceSize: pieceSize)
        #expect(full.report.files.first { $0.kind == .observations }?.rejected == 2)
    }

    /// Of two files giving one figure, the one loaded first is kept, whichever reader read
    /// each (a quote sends the second file to the full reader).
    @Test func theFileLoadedFirstWins() throws {
        let result = try TemporaryData([
            "facilities.csv": facilitiesCSV,
            "a.csv": "facility,period,indicator,value\nd1,2025M01,visits,5\n",
            "b.csv": "facility,period,indicator,value\nd1,2025M01,\"visits\",6\n",
        ]).load()
        #expect(Self.rows(result.store).map(\.value) == [5])
        let conflict = result.report.diagnostics.first { $0.id == "conflicting-value" }
        #expect(conflict?.message.contains("5 and 6 (first stated at") == true)
        #expect(conflict?.location?.file?.hasSuffix("b.csv") == true)
        #expect(result.report.files.first { $0.file.hasSuffix("b.csv") }?.rejected == 1)
    }

    /// A rate of the same percentage from other parts (1 of 2, 2 of 4) is not the same figure.
    @Test func aRateFromOtherPartsIsAConflict() throws {
        let text = "facility,period,indicator,value,numerator,denominator\nd1,2025M01,epi_full_u1,,1,2\nd1,2025M01,epi_full_u1,,2,4\n"
        let result = try TemporaryData(["facilities.csv": facilitiesCSV, "observations.csv": text]).load()
        #expect(result.report.diagnostics.map(\.id) == ["conflicting-value"])
        #expect(Self.rows(result.store).first?.denominator == 2)
    }

    /// A header in quotes (R's write.csv) is an observations header, read in pieces.
    @Test func aQuotedHeaderIsRead() throws {
        let text = "\"facility\",\"period\",\"indicator\",\"value\"\n\"d1\",\"2025M01\",\"visits\",5\nd1,2025M02,visits,6\n"
        for pieceSize in [nil, 20] {
            let result = try TemporaryData(["facilities.csv": facilitiesCSV, "observations.csv": text]).load(pieceSize: pieceSize)
            #expect(Self.rows(result.store).map(\.value) == [5, 6])
            #expect(result.report.diagnostics.isEmpty)
        }
    }

    /// Past the first 10,000 problems a load counts them without keeping them.
    @Test func problemsPastTheLimitAreCountedNotKept() throws {
        let text = "facility,period,indicator,value\n" + (0..<10_005).map { "nowhere\($0 % 3),2025M01,visits,\($0)\n" }.joined()
        let result = try TemporaryData(["facilities.csv": facilitiesCSV, "observations.csv": text]).load()
        #expect(result.report.diagnostics.count == 10_000)
        #expect(result.report.omitted == 5)
        #expect(result.report.rejected == 10_005)
        #expect(result.report.summary.hasSuffix("; 10,005 records rejected."))
    }

    @Test func bytesThatAreNotUTF8StopTheLoadWithTheLine() throws {
        let path = NSTemporaryDirectory() + "chiso-bulk-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try facilitiesCSV.write(toFile: path + "/facilities.csv", atomically: true, encoding: .utf8)
        var bytes = Array("facility,period,indicator,value\nd1,2025M01,visits,100\nd1,2025M02,visits,".utf8)
        bytes += [0xFF, 0xFE, 0x0A]
        try Data(bytes).write(to: URL(fileURLWithPath: path + "/observations.csv"))
        #expect(throws: Diagnostic.self) { try DatasetLoader().load([path]) }
        do {
            _ = try DatasetLoader().load([path])
        } catch {
            #expect(error.message.hasSuffix("observations.csv:3 is not UTF-8 text"))
        }
    }
}
