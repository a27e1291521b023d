import ChisoFuzz
import Foundation
import Testing

/// The fuzz smoke CI runs: each target on its committed seeds, then a fixed stream of
/// mutations of them (the same on every run). A crash fails the whole test run. The long
/// runs, with a time limit per input, are libFuzzer's (Fuzz/README.md).
@Suite struct FuzzSmokeTests {
    @Test(arguments: FuzzTarget.allCases)
    func seedsAndMutationsRunThrough(_ target: FuzzTarget) {
        let seeds = target.seeds
        #expect(!seeds.isEmpty, "Fuzz/corpus/\(target.rawValue) has no seed")
        var runs = 0
        for input in FuzzInputs(seeds: seeds, count: 400) {
            target.run(input)
            runs += 1
        }
        #expect(runs == 400)
    }
}
