/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit state advanced by a constant and
/// scrambled on the way out.
///
/// The demo uses its own generator, not the system's, so that one seed gives the same
/// figures on every machine and every Swift release. Only integer arithmetic, the four
/// basic operations on `Double` and `squareRoot()` are used to turn its output into
/// figures: they are exactly rounded by IEEE 754 on every platform, where `exp` or `sin`
/// are not.
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A generator for one named stream, such as `"demo-bacson|visits"`.
    ///
    /// Each series draws from its own stream, so changing one leaves the others as they were.
    init(seed: UInt64, stream: String) {
        self.init(seed: seed ^ fnv1a(stream))
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1), from the top 53 bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform number in a range.
    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// A uniform whole number in a range (the modulo bias is below 1e-15 for our ranges).
    mutating func integer(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % width)
    }

    /// An approximately standard normal number: the sum of twelve uniforms less six
    /// (Irwin–Hall), which stays within ±6.
    mutating func normal() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += unit() }
        return sum - 6
    }

    /// Whether an event of probability `p` happens.
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// A count of events with the given mean, like a Poisson draw.
    ///
    /// A binomial of many small trials for small means, the normal approximation for
    /// large ones. `spread` adds month-to-month variation beyond chance (0.05 is about ±5 %).
    mutating func count(mean: Double, spread: Double = 0) -> Int {
        var m = mean
        if spread > 0 { m *= max(0.1, 1 + spread * normal()) }
        guard m > 0 else { return 0 }
        if m < 12 {
            let trials = 48
            let p = m / Double(trials)
            var k = 0
            for _ in 0..<trials where chance(p) { k += 1 }
            return k
        }
        return max(0, Int((m + normal() * m.squareRoot()).rounded()))
    }

    /// How many of `n` trials succeed, each with probability `p`.
    mutating func binomial(_ n: Int, _ p: Double) -> Int {
        var k = 0
        for _ in 0..<max(0, n) where chance(p) { k += 1 }
        return k
    }
}

/// FNV-1a over a string's UTF-8 bytes: a stable hash (Swift's `hashValue` changes with
/// every run).
func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
}
