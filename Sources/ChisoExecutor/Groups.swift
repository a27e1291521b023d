import ChisoModel
import ChisoPlanner

/// A row group: a label and the test a facility passes, in a month, to count in it.
struct FacilityGroup {
    var label: String
    /// Facilities that can count in this group in some month.
    var candidates: Set<FacilityCode>
    var admits: (FacilityCode, Month) -> Bool
}

/// Splits the facilities of a scope into the groups a grouping asks for, in hierarchy
/// order (a parent before its children, siblings in the order the data declares them).
///
/// With no filter and several datasets loaded, the total is one row per dataset: the
/// seed's real figures and the demo's synthetic ones are never added together.
func groups(_ grouping: BoundGrouping, scope: BoundScope, facilities: FacilityDirectory) -> [FacilityGroup] {
    let ordered = hierarchyOrder(facilities)
    let inScope = scope.candidates.map { candidates in ordered.filter(candidates.contains) } ?? ordered
    let admitted: (FacilityCode, Month) -> Bool =
        scope.isAll ? { _, _ in true } : { scope.admits($0, in: $1, facilities: facilities) }
    switch grouping {
    case .total:
        let datasets = orderedUnique(inScope.map { facilities[$0].dataset })
        guard scope.isAll, datasets.count > 1 else {
            return [FacilityGroup(label: scope.label ?? "all facilities", candidates: Set(inScope), admits: admitted)]
        }
        return datasets.map { dataset in
            let members = Set(inScope.filter { facilities[$0].dataset == dataset })
            return FacilityGroup(
                label: "all facilities (\(dataset ?? "other"))", candidates: members,
                admits: { code, _ in members.contains(code) })
        }
    case .facility:
        return inScope.map { code in
            FacilityGroup(
                label: facilities[code].displayName, candidates: [code],
                admits: { other, month in other == code && admitted(other, month) })
        }
    case .level(let level):
        // Every facility of the level that a member belongs to in some month, in order.
        var keys: [FacilityCode?] = []
        var seen = Set<FacilityCode?>()
        var candidates: [FacilityCode?: Set<FacilityCode>] = [:]
        let months = changeMonths(facilities)
        for code in inScope {
            for month in months {
                let key = facilities.ancestor(of: code, atLevel: level, in: month)
                if seen.insert(key).inserted { keys.append(key) }
                candidates[key, default: []].insert(code)
            }
        }
        keys.sort { a, b in
            switch (a, b) {
            case (nil, _): return false
            case (_, nil): return true
            case (let a?, let b?): return ordered.firstIndex(of: a) ?? 0 < ordered.firstIndex(of: b) ?? 0
            }
        }
        // Facilities above the level (a district centre when grouping by commune) belong
        // to no group; the query says so when they have figures.
        return keys.compactMap { key in
            guard let key else { return nil }
            return FacilityGroup(
                label: facilities[key].displayName, candidates: candidates[key] ?? [],
                admits: { code, month in
                    facilities.ancestor(of: code, atLevel: level, in: month) == key && admitted(code, month)
                })
        }
    }
}

/// Months at which the hierarchy may differ: today and the month after each change.
func changeMonths(_ facilities: FacilityDirectory) -> [Month] {
    var months: Set<Month> = [Month(year: 9999, month: 12)]
    for code in 0..<facilities.count {
        for former in facilities.formerParents(of: FacilityCode(code)) { months.insert(former.until) }
    }
    return months.sorted()
}

private func orderedUnique<T: Hashable>(_ values: [T]) -> [T] {
    var seen = Set<T>()
    return values.filter { seen.insert($0).inserted }
}

/// Facilities sorted so that each comes after its parent, siblings in declaration order.
func hierarchyOrder(_ facilities: FacilityDirectory) -> [FacilityCode] {
    let paths = (0..<facilities.count).map { code -> [FacilityCode] in
        let code = FacilityCode(code)
        return facilities.ancestors(of: code).reversed() + [code]
    }
    return (0..<facilities.count).map { FacilityCode($0) }.sorted { paths[Int($0)].lexicographicallyPrecedes(paths[Int($1)]) }
}
