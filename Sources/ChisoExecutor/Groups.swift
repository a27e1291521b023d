import ChisoModel
import ChisoPlanner

/// A row group: a label and the test a facility passes, in a month, to count in it.
struct FacilityGroup {
    var label: String
    /// Facilities that can count in this group in some month.
    var candidates: Set<FacilityCode>
    var admits: (FacilityCode, Month) -> Bool
    /// Its place among the query's groups.
    var index = 0
}

/// Splits the facilities of a scope into the groups a grouping asks for, in hierarchy
/// order (a parent before its children, siblings in the order the data declares them).
///
/// With no filter and several datasets loaded, the total is one row per dataset: the
/// seed's real figures and the demo's synthetic ones are never added together.
func groups(_ grouping: BoundGrouping, scope: BoundScope, facilities: FacilityDirectory) -> [FacilityGroup] {
    var groups = unnumberedGroups(grouping, scope: scope, facilities: facilities)
    for index in groups.indices { groups[index].index = index }
    return groups
}

private func unnumberedGroups(_ grouping: BoundGrouping, scope: BoundScope, facilities: FacilityDirectory)
    -> [FacilityGroup]
{
    let ordered = facilities.hierarchyOrder
    let inScope = scope.candidates.map { candidates in ordered.filter(candidates.contains) } ?? ordered
    let admitted: (FacilityCode, Month) -> Bool =
        scope.isAll ? { _, _ in true } : { scope.admits($0, in: $1, facilities: facilities) }
    switch grouping {
    case .total:
        // Few datasets, each facility's usually the same as the one before.
        var datasets: [String?] = []
        for code in inScope {
            let dataset = facilities.dataset(code)
            if datasets.last != dataset && !datasets.contains(dataset) { datasets.append(dataset) }
        }
        guard scope.isAll, datasets.count > 1 else {
            return [FacilityGroup(label: scope.label ?? "all facilities", candidates: Set(inScope), admits: admitted)]
        }
        return datasets.map { dataset in
            let members = Set(inScope.filter { facilities.dataset($0) == dataset })
            return FacilityGroup(
                label: "all facilities (\(dataset ?? "other"))", candidates: members,
                admits: { code, _ in members.contains(code) })
        }
    case .facility:
        return inScope.map { code in
            FacilityGroup(
                label: facilities.displayName(code), candidates: [code],
                admits: { other, month in other == code && admitted(other, month) })
        }
    case .level(let level):
        // Every facility of the level that a member belongs to in some month, in order.
        // Members are gathered in lists by the key's code (0 for none), each made a set once.
        var keys: [FacilityCode?] = []
        var members = [[FacilityCode]](repeating: [], count: facilities.count + 1)
        let eras = facilities.eras(atLevel: level)
        for code in inScope {
            for era in eras.ancestors.indices {
                let key = eras.ancestors[era][Int(code)]
                let slot = key.map { Int($0) + 1 } ?? 0
                if members[slot].isEmpty { keys.append(key) }
                if members[slot].last != code { members[slot].append(code) }
            }
        }
        var position = [Int](repeating: 0, count: facilities.count)
        for (index, code) in ordered.enumerated() { position[Int(code)] = index }
        keys.sort { a, b in
            switch (a, b) {
            case (nil, _): return false
            case (_, nil): return true
            case (let a?, let b?): return position[Int(a)] < position[Int(b)]
            }
        }
        // Facilities above the level (a district centre when grouping by commune) belong
        // to no group; the query says so when they have figures.
        return keys.compactMap { key in
            guard let key else { return nil }
            return FacilityGroup(
                label: facilities.displayName(key), candidates: Set(members[Int(key) + 1]),
                admits: { code, month in eras.ancestor(of: code, in: month) == key && admitted(code, month) })
        }
    }
}

