import ChisoModel
@testable import ChisoReports
import Foundation
import Synchronization
import Testing

@testable import ChisoShell

/// Ctrl-C during a load: the load stops between pieces and the data loaded before stays
/// as it was, whole; nothing of the new file is kept.
@Suite struct CancelledLoadTests {
    /// Monthly births of a seed facility, a month a row from 2016M01 on.
    static func observations(rows: Int) throws -> String {
        let folder = NSTemporaryDirectory() + "chiso-cancel-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let lines = (0..<rows).map { "ttyt-laichau,\(2016 + $0 / 12)M\(String(format: "%02d", $0 % 12 + 1)),births,\($0 + 1)" }
        let path = folder + "/observations.csv"
        try ("facility,period,indicator,value\n" + lines.joined(separator: "\n") + "\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aCancelledLoadKeepsTheDataLoadedBefore() throws {
        var session = SeedSession.make()
        session.dataPaths = [SeedSession.path]
        let before = session.store.count
        let path = try Self.observations(rows: 12)
        session.isCancelled = { true }
        let outcome = session.run(".load \(path)")
        #expect(outcome.failed)
        #expect(outcome.errors.contains("load cancelled (Ctrl-C); the data loaded before is unchanged"))
        #expect(session.store.count == before)
        #expect(session.dataPaths == [SeedSession.path])
        // Without Ctrl-C the same load adds the file's 12 figures.
        session.isCancelled = { false }
        #expect(!session.run(".load \(path)").failed)
        #expect(session.store.count == before + 12)
    }

    /// Asked between pieces: cancelled after the first piece of a file read in pieces of 64
    /// bytes, the loader throws and returns no store at all.
    @Test(arguments: [1, 2, 5])
    func theLoaderStopsBetweenPieces(after asked: Int) throws {
        let path = try Self.observations(rows: 40)
        let calls = Mutex(0)
        var loader = DatasetLoader()
        loader.pieceSize = 64
        loader.isCancelled = { calls.withLock { $0 += 1; return $0 > asked } }
        #expect(throws: Diagnostic.self) { try loader.load([SeedSession.path, path]) }
        #expect(calls.withLock { $0 } == asked + 1)
    }
}
