import Testing

/// How an indicator adds up, written down here independently of chiso's catalog (a test
/// checks that the two agree).
enum Aggregation: String, Sendable, CaseIterable {
    /// Summed over months and facilities.
    case count
    /// Σ numerator ÷ Σ denominator × 100.
    case ratio
    /// Each facility's latest figure in the period, summed over facilities.
    case stock
    /// Never added up: a value only where a group has exactly one figure in the period.
    case percentage

    static let indicators: [Aggregation: [String]] = [
        .count: [
            "visits", "inpatient", "outpatient_treatment", "surgeries", "emergency_visits", "births", "influenza_cases",
            "diarrhoea_cases", "measles_cases", "dengue_cases", "hfmd_cases", "tb_cases", "malaria_cases",
            "serious_aefi", "health_talks", "health_talk_attendance", "households_visited", "home_counselling",
            "food_inspections", "food_inspections_passed",
        ],
        .ratio: ["epi_full_u1", "tetanus_pregnant"],
        .stock: ["opioid_treatment_patients", "opioid_dispensing_points"],
        .percentage: ["bed_occupancy", "patient_satisfaction", "health_insurance_coverage", "stunting_u5"],
    ]

    static func of(_ indicator: String) -> Aggregation? {
        allCases.first { indicators[$0]?.contains(indicator) == true }
    }
}

/// A period as a user types it, with the months it covers counted as year × 12 + month − 1.
struct QuestionPeriod: Sendable, Hashable, CustomStringConvertible {
    var description: String
    var months: ClosedRange<Int>

    static func month(_ year: Int, _ month: Int) -> Self {
        let m = year * 12 + month - 1
        return Self(description: "\(year)M\(month < 10 ? "0" : "")\(month)", months: m...m)
    }

    static func quarter(_ year: Int, _ quarter: Int) -> Self {
        Self(description: "\(year)Q\(quarter)", months: (year * 12 + quarter * 3 - 3)...(year * 12 + quarter * 3 - 1))
    }

    static func half(_ year: Int, _ half: Int) -> Self {
        Self(description: "\(year)H\(half)", months: (year * 12 + half * 6 - 6)...(year * 12 + half * 6 - 1))
    }

    static func year(_ year: Int) -> Self {
        Self(description: "\(year)", months: (year * 12)...(year * 12 + 11))
    }

    /// January to September.
    static func nineMonths(_ year: Int) -> Self {
        Self(description: "9M\(year)", months: (year * 12)...(year * 12 + 8))
    }
}

/// How the rows of an answer are grouped.
enum QuestionGrouping: String, Sendable, Hashable {
    case total, facility, district

    var clause: String {
        switch self {
        case .total: return ""
        case .facility: return " by facility"
        case .district: return " by district"
        }
    }
}

/// One question asked of chiso and of sqlite3.
struct Question: Sendable, Hashable, CustomTestStringConvertible {
    var indicator: String
    var aggregation: Aggregation
    var period: QuestionPeriod
    var grouping: QuestionGrouping

    init(_ indicator: String, _ period: QuestionPeriod, _ grouping: QuestionGrouping = .total) {
        self.indicator = indicator
        self.aggregation = Aggregation.of(indicator) ?? .count
        self.period = period
        self.grouping = grouping
    }

    /// The chiso statement.
    var statement: String { "show \(indicator) \(period)\(grouping.clause)" }

    var testDescription: String { statement }

    /// Chosen by hand: the figures the README and the report quote, the outbreak, the
    /// merger, the missing months, and percentages where a single figure exists.
    static let handPicked: [Question] = [
        Question("visits", .year(2024)),
        Question("visits", .year(2024), .district),
        Question("visits", .year(2024), .facility),
        Question("visits", .year(2025)),
        Question("visits", .half(2025, 2), .facility),
        Question("dengue_cases", .quarter(2024, 3), .district),
        Question("dengue_cases", .month(2024, 9), .facility),
        Question("measles_cases", .half(2025, 1), .district),
        Question("epi_full_u1", .half(2024, 1), .district),
        Question("tetanus_pregnant", .year(2025)),
        Question("opioid_treatment_patients", .year(2024), .district),
        // Across the 2025 merger: Đông Sơn's last stock (2025M06) is not added to the
        // province's December snapshot; its stations count under Bắc Sơn from July.
        Question("opioid_treatment_patients", .year(2025)),
        Question("visits", .year(2025), .district),
        Question("dengue_cases", .year(2025), .district),
        Question("measles_cases", .half(2025, 2), .district),
        Question("opioid_dispensing_points", .nineMonths(2024)),
        Question("food_inspections_passed", .half(2025, 1), .district),
        Question("bed_occupancy", .month(2024, 3), .facility),
        Question("bed_occupancy", .year(2024), .facility),
        Question("patient_satisfaction", .quarter(2024, 2), .facility),
        Question("health_insurance_coverage", .year(2024), .facility),
        Question("stunting_u5", .year(2023), .facility),
    ]

    /// Drawn from a fixed seed: the same questions on every run.
    static let drawn: [Question] = {
        var random = QuestionRandom(seed: 20_250_701)
        let kinds: [Aggregation] = [.count, .count, .count, .ratio, .stock, .percentage]
        var questions: [Question] = []
        while questions.count < 30 {
            let aggregation = kinds[random.below(kinds.count)]
            let indicators = Aggregation.indicators[aggregation] ?? []
            let indicator = indicators[random.below(indicators.count)]
            let grouping: QuestionGrouping =
                aggregation == .percentage ? .facility : [.total, .facility, .district][random.below(3)]
            let period = randomPeriod(&random)
            let question = Question(indicator, period, grouping)
            if !questions.contains(question) && !handPicked.contains(question) { questions.append(question) }
        }
        return questions
    }()

    static let all = handPicked + drawn

    /// Province totals that the tests also compute in Swift from the generator's rows, one
    /// per kind of aggregation, to check the SQL itself.
    static let summedInSwift: [Question] = [
        Question("visits", .year(2024)),
        Question("dengue_cases", .quarter(2024, 3)),
        Question("epi_full_u1", .half(2024, 1)),
        Question("opioid_treatment_patients", .year(2024)),
        Question("health_talk_attendance", .nineMonths(2023)),
        Question("stunting_u5", .year(2024)),
    ]

    private static func randomPeriod(_ random: inout QuestionRandom) -> QuestionPeriod {
        let year = 2022 + random.below(4)
        switch random.below(5) {
        case 0: return .month(year, 1 + random.below(12))
        case 1: return .quarter(year, 1 + random.below(4))
        case 2: return .half(year, 1 + random.below(2))
        case 3: return .year(year)
        default: return .nineMonths(year)
        }
    }
}

/// A small xorshift generator for drawing questions; the demo's own generator is
/// internal to it, and the questions need not share its stream.
struct QuestionRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed == 0 ? 1 : seed
    }

    /// A number in 0..<n.
    mutating func below(_ n: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(n))
    }
}
