import ChisoFuzz
import Foundation
import Testing

/// The fuzz smoke CI runs: each target on its committed seeds, then a fixed stream of
/// mutations of them (the same on every run). A crash fails the whole test run; a case
/// that takes too long fails its test. The long runs are libFuzzer's (Fuzz/README.md).
@Suite struct FuzzSmokeTests {
    @Test(arguments: FuzzTarget.allCases)
    func seedsAndMutationsRunThrough(_ target: FuzzTarget) {
        let seeds = target.seeds
        #expect(!seeds.isEmpty, "Fuzz/corpus/\(target.rawValue) has no seed")
        let clock = ContinuousClock()
        var slowest = Duration.zero
        var runs = 0
        for input in FuzzInputs(seeds: seeds, count: 400) {
            let started = clock.now
            target.run(input)
            slowest = max(slowest, clock.now - started)
            runs += 1
        }
        #expect(runs == 400)
        #expect(slowest < .seconds(10), "one input took \(slowest)")
    }
}
