import ChisoModel

/// What `chiso import` found in the prose of a review report.
public struct NarrativeReport: Sendable {
    public var file: String
    public var facility: FacilityFinding?
    public var period: PeriodFinding?
    public var title: String?
    public var figures: [NarrativeFigure] = []
    /// Plans stated in the report ("phấn đấu … 96,5%"): not results.
    public var targets: [NarrativeFigure] = []
    /// Numbers that look like figures but were not taken, with why.
    public var notUnderstood: [NarrativeSkip] = []
}

/// The facility a report is about, as written and as matched to the facilities loaded.
public struct FacilityFinding: Sendable, Hashable {
    /// The facility's id when the name matched one facility; else nil.
    public var id: String?
    public var written: String
    /// The line it was read from; nil when given with --facility.
    public var line: Int?

    /// The id, or the name as written for a facility chiso does not know.
    public var shown: String { id ?? written }
}

/// The period a report reviews, and the words it was read from.
public struct PeriodFinding: Sendable, Hashable {
    public var period: Period
    public var written: String
    public var line: Int?
}

/// A figure read from a sentence.
public struct NarrativeFigure: Sendable, Hashable {
    public var indicator: String
    public var period: Period
    /// Nil for an n/N figure (its numerator and denominator say it) and for a figure
    /// stated only as a share of plan.
    public var value: Double?
    public var qualifier: Qualifier = .exact
    /// Whether the value is a percentage (47,2%), not a number of things.
    public var isPercent = false
    public var numerator: Double?
    public var denominator: Double?
    /// Against the same period: in the indicator's unit, or in points for rates.
    public var change: Double?
    /// A change written as growth in per cent ("tăng 5,6%" of a count).
    public var changeIsGrowth = false
    public var planShare: Double?
    public var line: Int
    public var column: Int
    /// The figure as written: "27.662 lượt".
    public var written: String
    /// The sentence it stands in.
    public var sentence: String
    public var notes: [String] = []
}

/// A number that was not taken as a figure.
public struct NarrativeSkip: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public var written: String
    public var reason: String
    public var sentence: String
}

extension NarrativeFigure {
    /// The value as a report file writes it: 27662, 47.2%, ≥ 63000.
    var valueText: String? {
        guard let value else { return nil }
        return NarrativeFormat.number(value)
    }

    /// A growth in per cent, which report files keep as a note: the model's change is a
    /// difference.
    var growthNote: String? {
        guard changeIsGrowth, let change = changeText else { return nil }
        return "\(change) against the same period last year"
    }

    /// The change as a report file writes it: +138, -5, +5.6.
    var changeText: String? {
        guard let change else { return nil }
        return (change >= 0 ? "+" : "") + NarrativeFormat.number(change) + (changeIsGrowth ? "%" : "")
    }
}

enum NarrativeFormat {
    /// A number without grouping and without a trailing ".0": 27662, 11.6.
    static func number(_ value: Double) -> String { PlainNumber.text(value) }
}

extension Array where Element == Word {
    /// Whether the words from `start` are `keys`, compared by `field` (`\.key` for phrases,
    /// `\.plain` for chiso's own words).
    func has(_ keys: [String], at start: Int, by field: KeyPath<Word, String> = \.plain) -> Bool {
        guard start >= 0, start + keys.count <= count, !keys.isEmpty else { return false }
        return keys.indices.allSatisfy { self[start + $0][keyPath: field] == keys[$0] }
    }

    /// Whether `keys` stand anywhere in the words.
    func contains(_ keys: [String], by field: KeyPath<Word, String> = \.plain) -> Bool {
        guard !keys.isEmpty, keys.count <= count else { return false }
        return (0...(count - keys.count)).contains { has(keys, at: $0, by: field) }
    }

    /// The words' text, spaced as written.
    func text(_ range: Range<Int>) -> String {
        var text = ""
        for word in self[range] {
            if word.spaced && !text.isEmpty { text += word.hyphenated ? "-" : " " }
            text += word.text
        }
        return text
    }
}
