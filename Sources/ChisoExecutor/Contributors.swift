import ChisoModel

/// The facilities whose figures make a cell's value, in code order without repeats.
///
/// The cells of a batch share one array of codes, each holding its part, so that the
/// thousands of cells of a query by facility make no set each.
struct Contributors: Equatable, Sequence {
    private var codes: ArraySlice<FacilityCode>

    init() {
        codes = []
    }

    init(_ codes: some Sequence<FacilityCode>) {
        self.codes = ArraySlice(Set(codes).sorted())
    }

    /// A part of a shared array, already in code order without repeats.
    init(sorted codes: ArraySlice<FacilityCode>) {
        self.codes = codes
    }

    var count: Int { codes.count }
    var isEmpty: Bool { codes.isEmpty }

    func makeIterator() -> ArraySlice<FacilityCode>.Iterator { codes.makeIterator() }

    mutating func formUnion(_ other: Contributors) {
        guard !other.isEmpty else { return }
        guard !isEmpty else {
            self = other
            return
        }
        guard self != other else { return }
        // Both in code order: merged in one pass.
        var merged: [FacilityCode] = []
        merged.reserveCapacity(codes.count + other.codes.count)
        var a = codes.startIndex
        var b = other.codes.startIndex
        while a < codes.endIndex && b < other.codes.endIndex {
            let (x, y) = (codes[a], other.codes[b])
            merged.append(Swift.min(x, y))
            if x <= y { a += 1 }
            if y <= x { b += 1 }
        }
        merged += codes[a...]
        merged += other.codes[b...]
        codes = merged[...]
    }

    static func == (a: Contributors, b: Contributors) -> Bool {
        a.codes.elementsEqual(b.codes)
    }
}
