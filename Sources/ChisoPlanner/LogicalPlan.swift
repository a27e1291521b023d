import ChisoModel

/// An indicator bound to the catalog.
public struct BoundIndicator: Sendable, Hashable {
    public var code: IndicatorCode
    public var indicator: Indicator
}

/// A period bound to its months, keeping the notation the user wrote.
public struct BoundPeriod: Sendable, Hashable {
    public var period: Period
    public var interval: MonthInterval { period.interval }
}

/// How facilities are grouped into rows.
public enum BoundGrouping: Sendable, Hashable {
    /// One row for the whole scope.
    case total
    /// One row per facility.
    case facility
    /// One row per ancestor at a level of the hierarchy (`by province`).
    case level(String)
}

/// Which facilities are counted: all, or the subtrees of the facilities a filter matched.
public struct BoundScope: Sendable, Hashable {
    /// The facilities the filter named; nil means every facility.
    public var roots: [FacilityCode]?
    /// Every facility counted: the roots and their descendants.
    public var members: Set<FacilityCode>?
    /// What the user wrote, used as the row label of a total.
    public var label: String?

    public static let all = BoundScope(roots: nil, members: nil, label: nil)

    public func contains(_ code: FacilityCode) -> Bool { members?.contains(code) ?? true }
}

/// `show`: one value per group, indicator and period.
public struct AggregatePlan: Sendable, Hashable {
    public var indicators: [BoundIndicator]
    public var period: BoundPeriod
    public var grouping: BoundGrouping
    public var scope: BoundScope
}

/// `compare`: values of two or more periods, and the change between first and last.
public struct ComparePlan: Sendable, Hashable {
    public var indicators: [BoundIndicator]
    public var periods: [BoundPeriod]
    public var grouping: BoundGrouping
    public var scope: BoundScope
}

/// What `list` lists.
public enum ListSubject: Sendable, Hashable {
    case indicators
    case facilities
    case levels
    case periods(BoundIndicator?)
}

/// The typed logical plan of a statement: names resolved, periods expanded to months,
/// aggregation chosen by indicator kind. The executor runs it without reading a name.
public indirect enum LogicalPlan: Sendable, Hashable {
    case aggregate(AggregatePlan)
    case compare(ComparePlan)
    case list(ListSubject)
    case describeIndicator(BoundIndicator)
    case describeFacility(FacilityCode)
    case explain(LogicalPlan)
}
