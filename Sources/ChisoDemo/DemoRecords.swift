/// A facility of the demo province: one row of `facilities.csv`.
public struct DemoFacility: Sendable, Hashable {
    public var id: String
    public var name: String
    public var level: Level
    public var parent: String?
    public var shortName: String
    public var formerNames: [String]
    /// The parent before the merger and the last month under it (`demo-dongson until 2025M06`).
    public var formerParent: DemoFormerParent?

    /// The three levels of the demo hierarchy, as `facilities.csv` names them.
    public enum Level: String, Sendable, Hashable {
        case province, district, commune
    }

    init(
        id: String, name: String, level: Level, parent: String?, shortName: String, formerNames: [String] = [],
        formerParent: DemoFormerParent? = nil
    ) {
        self.id = id
        self.name = name
        self.level = level
        self.parent = parent
        self.shortName = shortName
        self.formerNames = formerNames
        self.formerParent = formerParent
    }
}

/// A parent a facility had until a month.
public struct DemoFormerParent: Sendable, Hashable {
    public var id: String
    /// The last month under this parent.
    public var until: DemoMonth
}

/// A calendar month, counted from January of year 0 so that months compare and subtract.
public struct DemoMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var index: Int

    public init(year: Int, month: Int) {
        index = year * 12 + month - 1
    }

    init(index: Int) {
        self.index = index
    }

    public var year: Int { index / 12 }
    /// 1 to 12.
    public var month: Int { index % 12 + 1 }

    /// `2024M03`.
    public var description: String { "\(year)M\(month < 10 ? "0" : "")\(month)" }

    public static func < (a: DemoMonth, b: DemoMonth) -> Bool { a.index < b.index }
}

/// The period a figure covers: a month, a quarter or a year.
public enum DemoPeriod: Sendable, Hashable, CustomStringConvertible {
    case month(DemoMonth)
    case quarter(year: Int, quarter: Int)
    case year(Int)

    /// The first and last month covered.
    public var months: ClosedRange<DemoMonth> {
        switch self {
        case .month(let month): return month...month
        case .quarter(let year, let quarter):
            return DemoMonth(year: year, month: quarter * 3 - 2)...DemoMonth(year: year, month: quarter * 3)
        case .year(let year): return DemoMonth(year: year, month: 1)...DemoMonth(year: year, month: 12)
        }
    }

    /// As chiso writes it: `2024M03`, `2024Q2`, `2024`.
    public var description: String {
        switch self {
        case .month(let month): return month.description
        case .quarter(let year, let quarter): return "\(year)Q\(quarter)"
        case .year(let year): return "\(year)"
        }
    }
}

/// A figure as the demo states it.
public enum DemoFigure: Sendable, Hashable {
    /// A whole number: a count or a stock.
    case whole(Int)
    /// A percentage with one decimal, in tenths: 875 is 87.5 %.
    case tenths(Int)
    /// A rate given as n of N.
    case rate(numerator: Int, denominator: Int)

    /// The figure as a number: a rate as its percentage.
    public var value: Double {
        switch self {
        case .whole(let n): return Double(n)
        case .tenths(let t): return Double(t) / 10
        case .rate(let n, let d): return Double(n) / Double(d) * 100
        }
    }
}

/// One figure: one row of `observations.csv`.
public struct DemoObservation: Sendable, Hashable {
    public var facility: String
    public var period: DemoPeriod
    public var indicator: String
    public var figure: DemoFigure
}

/// An annual plan: one row of `plans.csv`.
public struct DemoPlan: Sendable, Hashable {
    public var facility: String
    public var indicator: String
    public var year: Int
    public var plan: Int
}
