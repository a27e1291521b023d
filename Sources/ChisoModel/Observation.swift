/// How exactly a report states a figure.
public enum Qualifier: UInt8, Sendable, Hashable, CaseIterable {
    case exact = 0
    /// "more than 63 thousand": the true figure is at least this.
    case atLeast = 1
    /// "under 5 %": the true figure is at most this.
    case atMost = 2
    /// "about", "nearly": an approximate figure.
    case about = 3

    /// The machine-readable name used in CSV and JSON output.
    public var name: String {
        switch self {
        case .exact: return "exact"
        case .atLeast: return "at_least"
        case .atMost: return "at_most"
        case .about: return "about"
        }
    }

    /// The qualifier of a sum of two figures.
    public func adding(_ other: Qualifier) -> Qualifier {
        switch (self, other) {
        case (.exact, let q), (let q, .exact): return q
        case (.atLeast, .atLeast): return .atLeast
        case (.atMost, .atMost): return .atMost
        default: return .about
        }
    }

    /// The qualifier of `self − other`: subtracting a lower bound gives an upper bound.
    public func subtracting(_ other: Qualifier) -> Qualifier {
        adding(other.flipped)
    }

    /// The qualifier after multiplying by a negative number or taking a reciprocal.
    public var flipped: Qualifier {
        switch self {
        case .atLeast: return .atMost
        case .atMost: return .atLeast
        default: return self
        }
    }
}

/// Where a figure came from: a file and a line.
public struct Provenance: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// How chiso computed a figure that no report states.
public enum Derivation: Sendable, Hashable {
    /// The same period a year earlier, from a stated value and its stated change:
    /// `value − change` (27,662 − 138 = 27,524).
    case baseline(statedValue: Double, change: Double, statedPeriod: MonthInterval)
}

/// One figure for one facility, indicator and period, as a report states it.
public struct Observation: Sendable, Hashable {
    public var facility: String
    public var indicator: String
    public var interval: MonthInterval
    /// The figure. For a rate, the percentage (n ÷ N × 100 when both are known). NaN when
    /// the report states only the share of plan reached.
    public var value: Double
    public var qualifier: Qualifier
    public var numerator: Double?
    public var denominator: Double?
    /// Change against the same period a year earlier, in the indicator's unit
    /// (percentage points for rates and percentages).
    public var change: Double?
    /// Share of the annual plan reached, in percent.
    public var planShare: Double?
    /// The annual plan, when stated.
    public var plan: Double?
    public var note: String?
    public var derivation: Derivation?
    public var provenance: Provenance?

    public init(
        facility: String, indicator: String, interval: MonthInterval, value: Double,
        qualifier: Qualifier = .exact, numerator: Double? = nil, denominator: Double? = nil,
        change: Double? = nil, planShare: Double? = nil, plan: Double? = nil, note: String? = nil,
        derivation: Derivation? = nil, provenance: Provenance? = nil
    ) {
        self.facility = facility
        self.indicator = indicator
        self.interval = interval
        self.value = value
        self.qualifier = qualifier
        self.numerator = numerator
        self.denominator = denominator
        self.change = change
        self.planShare = planShare
        self.plan = plan
        self.note = note
        self.derivation = derivation
        self.provenance = provenance
    }
}

/// An annual plan (target) set for a facility, stated apart from any result.
public struct PlanEntry: Sendable, Hashable {
    public var facility: String
    public var indicator: String
    public var year: Int
    public var value: Double
    public var provenance: Provenance?

    public init(facility: String, indicator: String, year: Int, value: Double, provenance: Provenance? = nil) {
        self.facility = facility
        self.indicator = indicator
        self.year = year
        self.value = value
        self.provenance = provenance
    }
}
