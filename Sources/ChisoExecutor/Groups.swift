import ChisoModel
import ChisoPlanner

/// A row group: a label and the facilities whose figures it adds up.
struct FacilityGroup {
    var label: String
    var members: Set<FacilityCode>
}

/// Splits the facilities of a scope into the groups a grouping asks for, in hierarchy
/// order (a parent before its children, siblings in the order the data declares them).
func groups(_ grouping: BoundGrouping, scope: BoundScope, facilities: FacilityDirectory) -> [FacilityGroup] {
    let inScope = hierarchyOrder(facilities).filter(scope.contains)
    switch grouping {
    case .total:
        return [FacilityGroup(label: scope.label ?? "all facilities", members: Set(inScope))]
    case .facility:
        return inScope.map { FacilityGroup(label: facilities[$0].displayName, members: [$0]) }
    case .level(let level):
        var order: [FacilityCode?] = []
        var members: [FacilityCode?: Set<FacilityCode>] = [:]
        for code in inScope {
            let key = facilities.ancestor(of: code, atLevel: level)
            if members[key] == nil { order.append(key) }
            members[key, default: []].insert(code)
        }
        return order.map { key in
            FacilityGroup(
                label: key.map { facilities[$0].displayName } ?? "(not in any \(level))",
                members: members[key] ?? [])
        }
    }
}

/// Facilities sorted so that each comes after its parent, siblings in declaration order.
func hierarchyOrder(_ facilities: FacilityDirectory) -> [FacilityCode] {
    let paths = (0..<facilities.count).map { code -> [FacilityCode] in
        let code = FacilityCode(code)
        return facilities.ancestors(of: code).reversed() + [code]
    }
    return (0..<facilities.count).map { FacilityCode($0) }.sorted { paths[Int($0)].lexicographicallyPrecedes(paths[Int($1)]) }
}
