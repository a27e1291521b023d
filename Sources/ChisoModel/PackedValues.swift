/// The figures of a store in 4 bytes each where they allow it, 8 where not.
///
/// Reports state figures as decimals of a few places: 942 visits, 57.6 %, 3.25 per 1,000.
/// Such a figure is kept as a whole number of up to 28 bits and a count of decimal places
/// (0 to 3); any other (more places, very large, not a number, −0) is kept whole in a
/// side table. Reading divides the whole number by its power of ten, which gives back
/// exactly the `Double` stored (both are the nearest `Double` to the same decimal), so
/// every sum is the same as over the unpacked figures.
///
/// A code's bit 0 says which: 0 packed (bits 1–2 the decimal places, bits 3–31 the signed
/// whole number), 1 in the side table (bits 1–31 its index).
public struct PackedValues: Sendable {
    @usableFromInline var codes: [UInt32] = []
    @usableFromInline var others: [Double] = []

    /// The largest whole number a packed code holds, either sign.
    static let largest: Int64 = (1 << 28) - 1
    /// What the whole number is divided by, per number of decimal places.
    static let divisors: [Double] = [1, 10, 100, 1000]

    public init() {}

    public init(_ values: [Double]) {
        codes.reserveCapacity(values.count)
        for value in values { append(value) }
    }

    public var count: Int { codes.count }

    public mutating func reserveCapacity(_ count: Int) { codes.reserveCapacity(count) }

    /// How many figures did not fit in 4 bytes.
    public var unpackedCount: Int { others.count }

    @inlinable public subscript(row: Int) -> Double {
        let code = codes[row]
        guard code & 1 == 0 else { return others[Int(code >> 1)] }
        let whole = Double(Int32(bitPattern: code) >> 3)
        switch code >> 1 & 0b11 {
        case 0: return whole
        case 1: return whole / 10
        case 2: return whole / 100
        default: return whole / 1000
        }
    }

    /// Appends another's figures; its side table's indexes move past this one's.
    public mutating func append(contentsOf other: PackedValues) {
        guard !other.others.isEmpty else {
            codes += other.codes
            return
        }
        let shift = UInt32(others.count) << 1
        codes.reserveCapacity(codes.count + other.codes.count)
        for code in other.codes { codes.append(code & 1 == 0 ? code : code + shift) }
        others += other.others
    }

    public mutating func append(_ value: Double) {
        codes.append(code(for: value))
    }

    /// The code of a figure, adding it to the side table when it does not pack.
    mutating func code(for value: Double) -> UInt32 {
        if let packed = Self.packed(value) { return packed }
        others.append(value)
        return UInt32(others.count - 1) << 1 | 1
    }

    /// The packed code of a figure, when one gives it back bit for bit.
    static func packed(_ value: Double) -> UInt32? {
        guard value.isFinite, abs(value) <= Double(largest) else { return nil }
        for places in divisors.indices {
            let scaled = (value * divisors[places]).rounded()
            guard abs(scaled) <= Double(largest) else { return nil }
            let whole = Int64(scaled)
            let back = places == 0 ? Double(whole) : Double(whole) / divisors[places]
            // Bit for bit: −0 is not 0.
            if back.bitPattern == value.bitPattern {
                return UInt32(truncatingIfNeeded: whole << 3) | UInt32(places) << 1
            }
        }
        return nil
    }
}
