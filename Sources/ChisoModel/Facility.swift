import Synchronization

/// A health facility or an administrative body that reports figures.
public struct Facility: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The name used in tables ("TTYT Lai Châu"); the full name when absent.
    public var shortName: String?
    /// Names the facility had before a merger or renaming.
    public var formerNames: [String]
    /// A level name from the data: province, district, commune, hospital…
    public var level: String
    public var parentID: String?
    /// Parents the facility had before a merger, oldest first, each with the last month
    /// it was in force.
    public var formerParents: [FormerParent]
    /// The dataset (folder) the facility was declared in, when loaded from one.
    public var dataset: String?
    /// The last month the facility existed (merged into another, closed), if it ended.
    public var closed: Month?

    public init(
        id: String, name: String, shortName: String? = nil, formerNames: [String] = [],
        level: String, parentID: String? = nil, formerParents: [FormerParent] = [], dataset: String? = nil,
        closed: Month? = nil
    ) {
        self.id = id
        self.name = name
        self.shortName = shortName
        self.formerNames = formerNames
        self.level = level
        self.parentID = parentID
        self.formerParents = formerParents
        self.dataset = dataset
        self.closed = closed
    }

    /// The name to print in a table cell.
    public var displayName: String { shortName ?? name }
}

/// A parent a facility had until a month: `vinhphuc until 2025M06`.
public struct FormerParent: Sendable, Hashable {
    public var parentID: String
    /// The last month under this parent.
    public var until: Month

    public init(parentID: String, until: Month) {
        self.parentID = parentID
        self.until = until
    }
}

/// A facility's position in the directory: an integer code used by the store.
public typealias FacilityCode = Int32

/// All facilities of the loaded data, with their hierarchy.
public struct FacilityDirectory: Sendable {
    public private(set) var facilities: [Facility] = []
    private var codeByID: [String: FacilityCode] = [:]
    private var parents: [FacilityCode?] = []
    /// Former parents per facility, oldest first: (parent, last month under it).
    private var formerParents: [[(parent: FacilityCode, until: Month)]] = []
    /// Every facility's names folded, worked out on the first match or suggestion (they run
    /// over every facility) rather than while loading: folding is a fifth of loading a
    /// small catalog, and a session that never names a facility never needs it. A new
    /// cache comes with every insert, so a copy of the directory keeps the one that fits it.
    private var folded = FoldedNames()
    /// The levels, the hierarchy order and each level's ancestors, which every query by a
    /// level asks for: made on first use, and new with every insert and link.
    private var shape = HierarchyShape()

    public init() {}

    public var count: Int { facilities.count }

    /// Adds a facility, or replaces the one with the same id. Parents are linked by `link()`.
    @discardableResult
    public mutating func insert(_ facility: Facility) -> FacilityCode {
        if let code = codeByID[facility.id] {
            facilities[Int(code)] = facility
            folded = FoldedNames()
            shape = HierarchyShape()
            return code
        }
        let code = FacilityCode(facilities.count)
        facilities.append(facility)
        folded = FoldedNames()
        shape = HierarchyShape()
        parents.append(nil)
        formerParents.append([])
        codeByID[facility.id] = code
        return code
    }

    /// Resolves parent ids to codes. Returns the ids of parents that do not exist, and
    /// breaks cycles so that walking up always ends.
    /// Facilities cut from their parent by `link()` because their parents led back to them.
    public private(set) var cycles: [String] = []

    public mutating func link() -> [(facility: String, missingParent: String)] {
        var missing: [(String, String)] = []
        cycles = []
        shape = HierarchyShape()
        parents = facilities.map { facility in
            guard let parentID = facility.parentID else { return nil }
            guard let code = codeByID[parentID] else {
                missing.append((facility.id, parentID))
                return nil
            }
            return code
        }
        for start in parents.indices {
            var seen: Set<Int> = [start]
            var current = parents[start]
            while let code = current {
                if !seen.insert(Int(code)).inserted {
                    parents[start] = nil
                    cycles.append(facilities[start].id)
                    break
                }
                current = parents[Int(code)]
            }
        }
        formerParents = facilities.map { facility in
            facility.formerParents.sorted { $0.until < $1.until }.compactMap { former in
                guard let code = codeByID[former.parentID] else {
                    missing.append((facility.id, former.parentID))
                    return nil
                }
                return (code, former.until)
            }
        }
        return missing
    }

    /// Whether any facility changed parent (a merger), so roll-ups depend on the month.
    public var hasHistory: Bool { formerParents.contains { !$0.isEmpty } }

    /// The parent in force in a month: a former parent up to its last month, then the current one.
    public func parent(of code: FacilityCode, in month: Month) -> FacilityCode? {
        for former in formerParents[Int(code)] where month <= former.until { return former.parent }
        return parents[Int(code)]
    }

    /// Former parents of a facility with their last months, oldest first.
    public func formerParents(of code: FacilityCode) -> [(parent: FacilityCode, until: Month)] {
        formerParents[Int(code)]
    }

    /// Ancestors in force in a month, nearest first.
    public func ancestors(of code: FacilityCode, in month: Month) -> [FacilityCode] {
        var result: [FacilityCode] = []
        var current = parent(of: code, in: month)
        while let c = current, !result.contains(c), c != code {
            result.append(c)
            current = parent(of: c, in: month)
        }
        return result
    }

    /// The facility itself or its ancestor at a level in a month.
    public func ancestor(of code: FacilityCode, atLevel level: String, in month: Month) -> FacilityCode? {
        if facilities[Int(code)].level == level { return code }
        // Up the chain without collecting it; a cycle in bad data ends the walk after as
        // many steps as there are facilities.
        var current = parent(of: code, in: month)
        var steps = 0
        while let c = current, c != code, steps < facilities.count {
            if facilities[Int(c)].level == level { return c }
            current = parent(of: c, in: month)
            steps += 1
        }
        return nil
    }

    public func code(of id: String) -> FacilityCode? { codeByID[id] }

    public subscript(code: FacilityCode) -> Facility { facilities[Int(code)] }

    /// The name a facility is shown by, without copying the rest of it.
    public func displayName(_ code: FacilityCode) -> String { facilities[Int(code)].displayName }

    /// The dataset a facility came with, without copying the rest of it.
    public func dataset(_ code: FacilityCode) -> String? { facilities[Int(code)].dataset }

    /// The last month a facility was open, without copying the rest of it.
    public func closed(_ code: FacilityCode) -> Month? { facilities[Int(code)].closed }

    public func parent(of code: FacilityCode) -> FacilityCode? { parents[Int(code)] }

    /// The facility's ancestors, nearest first.
    public func ancestors(of code: FacilityCode) -> [FacilityCode] {
        var result: [FacilityCode] = []
        var current = parents[Int(code)]
        while let c = current {
            result.append(c)
            current = parents[Int(c)]
        }
        return result
    }

    /// The facility itself or its nearest ancestor at a level, if any.
    public func ancestor(of code: FacilityCode, atLevel level: String) -> FacilityCode? {
        if facilities[Int(code)].level == level { return code }
        return ancestors(of: code).first { facilities[Int($0)].level == level }
    }

    /// Every facility that is or was an ancestor, under the current or a former parent.
    public func ancestorsEver(of code: FacilityCode) -> Set<FacilityCode> {
        var result = Set(ancestors(of: code))
        var pending = [code] + result
        while let next = pending.popLast() {
            for former in formerParents[Int(next)] where former.parent != code && result.insert(former.parent).inserted {
                pending.append(former.parent)
                for above in ancestors(of: former.parent) where above != code && result.insert(above).inserted {
                    pending.append(above)
                }
            }
        }
        return result
    }

    /// The facility and everything below it, now or before a merger.
    public func subtree(of roots: Set<FacilityCode>) -> Set<FacilityCode> {
        var result = roots
        for code in facilities.indices.map({ FacilityCode($0) }) where !result.contains(code) {
            if !ancestorsEver(of: code).isDisjoint(with: roots) { result.insert(code) }
        }
        return result
    }

    /// Level names in the data, in hierarchy order (shallowest first).
    public var levels: [String] {
        shape.levels.withLock { cached in
            if let cached { return cached }
            var depthByLevel: [String: Int] = [:]
            for code in facilities.indices {
                let depth = ancestors(of: FacilityCode(code)).count
                let level = facilities[code].level
                depthByLevel[level] = min(depthByLevel[level] ?? Int.max, depth)
            }
            let made = depthByLevel.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key)
            cached = made
            return made
        }
    }

    /// Facilities sorted so that each comes after its parent, siblings in code order.
    public var hierarchyOrder: [FacilityCode] {
        shape.order.withLock { cached in
            if let cached { return cached }
            // Depth first from the roots, children in code order: each facility after its
            // parent, and a subtree before the next sibling.
            var children = [[FacilityCode]](repeating: [], count: count)
            var stack: [FacilityCode] = []
            for code in (0..<count).reversed() {
                if let parent = parents[code] { children[Int(parent)].append(FacilityCode(code)) } else { stack.append(FacilityCode(code)) }
            }
            var made: [FacilityCode] = []
            made.reserveCapacity(count)
            var placed = [Bool](repeating: false, count: count)
            while let next = stack.popLast() {
                guard !placed[Int(next)] else { continue }
                placed[Int(next)] = true
                made.append(next)
                // Children were gathered last first, so the first child is popped first.
                stack.append(contentsOf: children[Int(next)])
            }
            // A facility on a loop of parents (refused when facilities are linked) still appears.
            for code in 0..<count where !placed[code] { made.append(FacilityCode(code)) }
            cached = made
            return made
        }
    }

    /// Every facility's ancestor at a level (or itself, at that level), in each stretch of
    /// months over which no facility changed parent.
    public func eras(atLevel level: String) -> LevelEras {
        shape.eras.withLock { cached in
            if let made = cached[level] { return made }
            // The hierarchy in force in a month is the one in force in the first change month
            // at or after it: parents change only after a former parent's last month.
            var months: Set<Month> = [Month(year: 9999, month: 12)]
            for former in formerParents { for (_, until) in former { months.insert(until) } }
            let lastMonths = months.sorted()
            let made = LevelEras(
                lastMonths: lastMonths,
                ancestors: lastMonths.map { month in
                    (0..<count).map { ancestor(of: FacilityCode($0), atLevel: level, in: month) }
                })
            cached[level] = made
            return made
        }
    }

    /// Facilities whose id or any name matches a text, ignoring case and diacritics.
    /// An exact match wins over a match on whole words inside a longer name.
    public func match(_ text: String) -> [FacilityCode] {
        let query = TextFolding.fold(text)
        guard !query.isEmpty else { return [] }
        let spaced = " \(query) "
        var exact: [FacilityCode] = []
        var partial: [FacilityCode] = []
        for (index, names) in folded.names(of: facilities).enumerated() {
            if names.contains(query) {
                exact.append(FacilityCode(index))
            } else if names.contains(where: { " \($0) ".contains(spaced) }) {
                partial.append(FacilityCode(index))
            }
        }
        return exact.isEmpty ? partial : exact
    }

    /// The closest name to a misspelt one. Names are also tried without their leading
    /// words, so "Tien Dux" finds "Tiên Du" inside "Trung tâm Y tế huyện Tiên Du".
    public func suggestion(for text: String) -> String? {
        TextFolding.suggestion(for: text, among: folded.endings(of: facilities))
    }

    /// Every id and name, for "did you mean" and completion.
    public var allNames: [String] {
        facilities.flatMap { [$0.id, $0.name] + [$0.shortName].compactMap { $0 } + $0.formerNames }
    }
}

/// Each facility's ancestor at one level, per stretch of months without a change of parent.
public struct LevelEras: Sendable {
    /// The last month of each stretch, in order; the last is far in the future.
    public let lastMonths: [Month]
    /// The ancestor at the level of every facility, per stretch.
    public let ancestors: [[FacilityCode?]]

    public func ancestor(of code: FacilityCode, in month: Month) -> FacilityCode? {
        var era = 0
        while era + 1 < lastMonths.count && month > lastMonths[era] { era += 1 }
        return ancestors[era][Int(code)]
    }
}

/// What `FacilityDirectory` works out from its hierarchy on first use.
private final class HierarchyShape: Sendable {
    let levels = Mutex<[String]?>(nil)
    let order = Mutex<[FacilityCode]?>(nil)
    let eras = Mutex<[String: LevelEras]>([:])
}

/// The facilities' names folded for matching, and every ending of them (a name without its
/// leading words) folded for suggestions; each list made once, on first use.
private final class FoldedNames: Sendable {
    private let names = Mutex<[[String]]?>(nil)
    private let endings = Mutex<[TextFolding.Candidate]?>(nil)

    /// Per facility, its id and names folded.
    func names(of facilities: [Facility]) -> [[String]] {
        names.withLock { cached in
            if let cached { return cached }
            let made = facilities.map { Self.allNames(of: $0).map(TextFolding.fold) }
            cached = made
            return made
        }
    }

    func endings(of facilities: [Facility]) -> [TextFolding.Candidate] {
        endings.withLock { cached in
            if let cached { return cached }
            let made = facilities.flatMap { facility in
                Self.allNames(of: facility).flatMap { name in
                    let words = name.split(separator: " ")
                    return words.indices.map { TextFolding.Candidate(words[$0...].joined(separator: " ")) }
                }
            }
            cached = made
            return made
        }
    }

    private static func allNames(of facility: Facility) -> [String] {
        [facility.id, facility.name] + [facility.shortName].compactMap { $0 } + facility.formerNames
    }
}
