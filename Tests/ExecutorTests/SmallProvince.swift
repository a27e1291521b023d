import ChisoModel

/// The made-up province of the executor tests: P → D1 → (C1, C2); P → D2, plus what a
/// suite adds. Small enough to add up by hand.
enum SmallProvince {
    static func facilities(adding extra: [Facility] = []) -> FacilityDirectory {
        var facilities = FacilityDirectory()
        facilities.insert(Facility(id: "P", name: "Province", level: "province"))
        facilities.insert(Facility(id: "D1", name: "District One", level: "district", parentID: "P"))
        facilities.insert(Facility(id: "D2", name: "District Two", level: "district", parentID: "P"))
        facilities.insert(Facility(id: "C1", name: "Commune One", level: "commune", parentID: "D1"))
        facilities.insert(Facility(id: "C2", name: "Commune Two", level: "commune", parentID: "D1"))
        for facility in extra { facilities.insert(facility) }
        _ = facilities.link()
        return facilities
    }

    /// The months of a period written in the tests; a sentinel month if it does not parse.
    static func interval(_ text: String) -> MonthInterval {
        (try? Period.parse(text).get().interval) ?? MonthInterval(Month(year: 1900, month: 1), Month(year: 1900, month: 1))
    }
}
