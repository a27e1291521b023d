/// Everything the demo province states: its facilities, figures and annual plans.
public struct DemoData: Sendable, Hashable {
    public var facilities: [DemoFacility]
    public var observations: [DemoObservation]
    public var plans: [DemoPlan]
}

/// Makes the demo province's figures from a seed.
///
/// Each series is a base level (proportional to the population served) shaped by a
/// season table, a slow yearly trend and noise, drawn from its own random stream. On top
/// of that sit the events the demo exists to show: the dengue outbreak, the measles rise
/// of early 2025, the Đông Sơn merger and the missing monthly reports.
struct DemoGenerator {
    let seed: UInt64
    let months: [DemoMonth]

    init(seed: UInt64, from first: DemoMonth, to last: DemoMonth) {
        self.seed = seed
        self.months = (first.index...last.index).map { DemoMonth(index: $0) }
    }

    /// Indicators of the district centres, in the order their rows are written.
    static let centreMonthly = [
        "visits", "inpatient", "outpatient_treatment", "surgeries", "emergency_visits", "births", "bed_occupancy",
        "tb_cases", "opioid_treatment_patients", "opioid_dispensing_points",
    ]
    /// Indicators of the communes, in the order their rows are written.
    static let communeMonthly = [
        "visits", "influenza_cases", "diarrhoea_cases", "measles_cases", "dengue_cases", "hfmd_cases", "malaria_cases",
        "epi_full_u1", "tetanus_pregnant", "serious_aefi", "health_talks", "health_talk_attendance",
        "households_visited", "home_counselling", "food_inspections", "food_inspections_passed",
    ]
    static let centrePlanned = ["visits", "inpatient", "births"]

    /// The figures of one facility: monthly series by indicator, one figure per month,
    /// and the quarterly and yearly figures.
    struct Series {
        var monthly: [String: [DemoFigure]] = [:]
        var quarterly: [String: [DemoPeriod: DemoFigure]] = [:]
        var yearly: [String: [DemoPeriod: DemoFigure]] = [:]
    }

    func generate() -> DemoData {
        let facilities = DemoGeography.facilities()
        let populations = communePopulations()
        var centres: [String: Series] = [:]
        var communes: [String: Series] = [:]
        var districtPopulation: [String: Int] = [:]
        for district in DemoGeography.districts {
            let districtID = DemoGeography.districtID(district)
            var total = 0
            for commune in district.communes {
                let id = DemoGeography.communeID(commune, in: district)
                let population = populations[id] ?? 0
                total += population
                communes[id] = communeSeries(id, population: population, district: district)
            }
            districtPopulation[districtID] = total
            centres[districtID] = centreSeries(
                districtID, population: total,
                opioidProgramme: !DemoGeography.withoutOpioidProgramme.contains(districtID))
        }
        // A district centre reports its district's total of visits, as Vietnamese district
        // reports do: its own examinations and those of the stations under it that month.
        // Plans are set on those totals, as if there were no merger.
        var plannedCentres = centres
        for district in DemoGeography.districts {
            let districtID = DemoGeography.districtID(district)
            let ids = district.communes.map { DemoGeography.communeID($0, in: district) }
            plannedCentres[districtID]?.monthly["visits"] = districtVisits(
                own: centres[districtID], stations: ids.map { (communes[$0], Set<DemoMonth>()) })
        }
        let plans = plans(facilities: facilities, centres: plannedCentres, communes: communes)
        // After the merger Bắc Sơn's centre also reports what Đông Sơn's centre would have.
        if let absorbing = centres[DemoGeography.mergingInto], let absorbed = centres[DemoGeography.mergedDistrict] {
            centres[DemoGeography.mergingInto] = merged(
                absorbing, absorbed,
                weights: (
                    Double(districtPopulation[DemoGeography.mergingInto] ?? 1),
                    Double(districtPopulation[DemoGeography.mergedDistrict] ?? 1)
                ), after: DemoGeography.lastMonthBeforeMerger)
        }
        for district in DemoGeography.districts {
            let districtID = DemoGeography.districtID(district)
            // The stations reporting to the centre in each month: after the merger Bắc Sơn
            // also counts Đông Sơn's; Đông Sơn's centre stops reporting then.
            var stations: [(Series?, Set<DemoMonth>)] = []
            for other in DemoGeography.districts {
                let otherID = DemoGeography.districtID(other)
                for commune in other.communes {
                    let id = DemoGeography.communeID(commune, in: other)
                    var absent = Set(DemoGeography.reportGaps[id] ?? [])
                    if otherID == districtID && otherID == DemoGeography.mergedDistrict {
                        absent.formUnion(months.filter { $0 > DemoGeography.lastMonthBeforeMerger })
                    } else if otherID == DemoGeography.mergedDistrict && districtID == DemoGeography.mergingInto {
                        absent.formUnion(months.filter { $0 <= DemoGeography.lastMonthBeforeMerger })
                    } else if otherID != districtID {
                        continue
                    }
                    stations.append((communes[id], absent))
                }
            }
            let totals = districtVisits(own: centres[districtID], stations: stations)
            centres[districtID]?.monthly["visits"] = totals
        }
        var observations: [DemoObservation] = []
        for facility in facilities {
            switch facility.level {
            case .province:
                continue
            case .district:
                guard let series = centres[facility.id] else { continue }
                let last = facility.id == DemoGeography.mergedDistrict ? DemoGeography.lastMonthBeforeMerger : nil
                observations += rows(of: series, facility: facility.id, indicators: Self.centreMonthly, through: last)
            case .commune:
                guard let series = communes[facility.id] else { continue }
                observations += rows(
                    of: series, facility: facility.id, indicators: Self.communeMonthly,
                    skipping: Set(DemoGeography.reportGaps[facility.id] ?? []))
            }
        }
        return DemoData(facilities: facilities, observations: observations, plans: plans)
    }

    // MARK: Populations

    /// People served by each station: wards are larger, highland communes smaller.
    func communePopulations() -> [String: Int] {
        var result: [String: Int] = [:]
        for district in DemoGeography.districts {
            for commune in district.communes {
                let id = DemoGeography.communeID(commune, in: district)
                var random = stream(id, "population")
                let range = commune.isWard ? 9_000...18_000 : district.isHighland ? 2_500...7_000 : 4_500...14_000
                result[id] = random.integer(range) / 10 * 10
            }
        }
        return result
    }

    // MARK: District centres

    func centreSeries(_ id: String, population: Int, opioidProgramme: Bool) -> Series {
        let people = Double(population)
        var profile = stream(id, "profile")
        var series = Series()
        series.monthly["visits"] = wholes(
            id, "visits", base: people * profile.uniform(0.040...0.056), season: Season.visits, growth: 0.035,
            spread: 0.04)
        series.monthly["inpatient"] = wholes(
            id, "inpatient", base: people * profile.uniform(0.007...0.011), season: Season.inpatient, growth: 0.03,
            spread: 0.05)
        series.monthly["outpatient_treatment"] = wholes(
            id, "outpatient_treatment", base: people * profile.uniform(0.0022...0.0035), season: Season.flat,
            growth: 0.05, spread: 0.07)
        series.monthly["surgeries"] = wholes(
            id, "surgeries", base: people * profile.uniform(0.0010...0.0018), season: Season.flat, growth: 0.04,
            spread: 0.08)
        series.monthly["emergency_visits"] = wholes(
            id, "emergency_visits", base: people * profile.uniform(0.004...0.006), season: Season.inpatient,
            growth: 0.02, spread: 0.06)
        series.monthly["births"] = wholes(
            id, "births", base: people * profile.uniform(0.0009...0.0012), season: Season.births, growth: -0.02,
            spread: 0.06)
        series.monthly["tb_cases"] = wholes(
            id, "tb_cases", base: people * profile.uniform(0.00005...0.00009), season: Season.flat, growth: -0.03,
            spread: 0.1)

        // Bed occupancy: a base, winter highs, a slow rise; it can pass 100 %.
        var random = stream(id, "bed_occupancy")
        let occupancy = profile.uniform(84...106)
        series.monthly["bed_occupancy"] = months.map { month in
            .tenths(
                tenths(
                    max(
                        40,
                        occupancy + Season.factor(Season.bedOccupancyPoints, month) + 1.2 * years(month)
                            + 2.5 * random.normal())))
        }

        // Satisfaction surveys are quarterly.
        random = stream(id, "patient_satisfaction")
        let satisfaction = profile.uniform(90...96)
        for year in Set(months.map(\.year)).sorted() {
            for quarter in 1...4 {
                let level = satisfaction + 0.5 * Double(year - months[0].year) + 0.8 * random.normal()
                series.quarterly["patient_satisfaction", default: [:]][.quarter(year: year, quarter: quarter)] =
                    .tenths(tenths(min(99.5, level)))
            }
        }

        guard opioidProgramme else { return series }
        // Stocks: patients in treatment drift upwards; dispensing points open now and then.
        random = stream(id, "opioid_treatment_patients")
        var patients = Double(profile.integer(40...230))
        series.monthly["opioid_treatment_patients"] = months.map { _ in
            patients = max(5, patients + 0.8 + 3 * random.normal())
            return .whole(Int(patients.rounded()))
        }
        random = stream(id, "opioid_dispensing_points")
        var points = profile.integer(1...3)
        series.monthly["opioid_dispensing_points"] = months.map { _ in
            if points < 5 && random.chance(0.015) { points += 1 }
            return .whole(points)
        }
        return series
    }

    /// A centre that has absorbed another after a month: counts and stocks add up, bed
    /// occupancy is averaged with the two districts' populations as weights.
    func merged(_ a: Series, _ b: Series, weights: (Double, Double), after last: DemoMonth) -> Series {
        var result = a
        for (indicator, figures) in a.monthly {
            guard let others = b.monthly[indicator] else { continue }
            result.monthly[indicator] = zip(months, zip(figures, others)).map { month, pair in
                guard month > last else { return pair.0 }
                switch pair {
                case (.whole(let x), .whole(let y)):
                    return .whole(x + y)
                case (.tenths(let x), .tenths(let y)):
                    return .tenths(
                        Int(((Double(x) * weights.0 + Double(y) * weights.1) / (weights.0 + weights.1)).rounded()))
                default:
                    return pair.0
                }
            }
        }
        return result
    }

    // MARK: Communes

    func communeSeries(_ id: String, population: Int, district: DemoGeography.District) -> Series {
        let people = Double(population)
        let districtID = DemoGeography.districtID(district)
        var profile = stream(id, "profile")
        var series = Series()
        let visits = counts(
            id, "visits", base: people * profile.uniform(0.038...0.052), season: Season.visits, growth: 0.03,
            spread: 0.06)
        series.monthly["visits"] = visits.map(DemoFigure.whole)
        series.monthly["influenza_cases"] = wholes(
            id, "influenza_cases", base: people * 0.0008 * profile.uniform(0.7...1.3), season: Season.influenza,
            growth: 0, spread: 0.25)
        series.monthly["diarrhoea_cases"] = wholes(
            id, "diarrhoea_cases", base: people * 0.0006 * profile.uniform(0.7...1.3), season: Season.diarrhoea,
            growth: -0.04, spread: 0.2)
        series.monthly["measles_cases"] = wholes(
            id, "measles_cases", base: people * 0.000002, season: Season.flat, growth: 0, spread: 0,
            extra: Self.measlesRise)
        let outbreak = districtID == DemoGeography.outbreakDistrict
        series.monthly["dengue_cases"] = wholes(
            id, "dengue_cases", base: people * 0.00012 * profile.uniform(0.6...1.4), season: Season.dengue, growth: 0,
            spread: 0.3, extra: outbreak ? Self.dengueOutbreak : { _ in 1 })
        series.monthly["hfmd_cases"] = wholes(
            id, "hfmd_cases", base: people * 0.00009, season: Season.handFootMouth, growth: 0, spread: 0.3)
        series.monthly["malaria_cases"] = wholes(
            id, "malaria_cases", base: district.isHighland ? 0.12 : 0.004, season: Season.flat, growth: -0.1, spread: 0)
        series.monthly["epi_full_u1"] = rates(
            id, "epi_full_u1", people: people, eventsPerPerson: 0.0155, coverage: profile.uniform(0.90...0.975))
        series.monthly["tetanus_pregnant"] = rates(
            id, "tetanus_pregnant", people: people, eventsPerPerson: 0.0165, coverage: profile.uniform(0.86...0.97))
        series.monthly["serious_aefi"] = wholes(
            id, "serious_aefi", base: 0.008, season: Season.flat, growth: 0, spread: 0)

        // Health talks, and the people who came to them.
        let talks = counts(
            id, "health_talks", base: profile.uniform(2.5...7), season: Season.flat, growth: 0.02, spread: 0.2)
        series.monthly["health_talks"] = talks.map(DemoFigure.whole)
        var random = stream(id, "health_talk_attendance")
        let perTalk = profile.uniform(18...40)
        series.monthly["health_talk_attendance"] = talks.map {
            .whole(random.count(mean: Double($0) * perTalk, spread: 0.1))
        }
        series.monthly["households_visited"] = wholes(
            id, "households_visited", base: people * profile.uniform(0.006...0.011), season: Season.flat, growth: 0.02,
            spread: 0.15)
        series.monthly["home_counselling"] = wholes(
            id, "home_counselling", base: people * profile.uniform(0.004...0.008), season: Season.flat, growth: 0.02,
            spread: 0.15)

        // Food-safety inspections, and how many of them passed.
        let inspections = counts(
            id, "food_inspections", base: profile.uniform(2...5), season: Season.foodInspections, growth: 0.03,
            spread: 0.2)
        series.monthly["food_inspections"] = inspections.map(DemoFigure.whole)
        random = stream(id, "food_inspections_passed")
        let failing = profile.uniform(0.03...0.08)
        series.monthly["food_inspections_passed"] = inspections.map { .whole($0 - random.binomial($0, failing)) }

        // Yearly survey figures.
        random = stream(id, "yearly")
        let insured = district.isHighland ? profile.uniform(92...97) : profile.uniform(85...93)
        let stunted = district.isHighland ? profile.uniform(22...30) : profile.uniform(9...19)
        for year in Set(months.map(\.year)).sorted() {
            let since = Double(year - months[0].year)
            series.yearly["health_insurance_coverage", default: [:]][.year(year)] =
                .tenths(tenths(min(99.6, insured + 1.1 * since + 0.5 * random.normal())))
            series.yearly["stunting_u5", default: [:]][.year(year)] =
                .tenths(tenths(max(3, stunted - 0.6 * since + 0.4 * random.normal())))
        }
        return series
    }

    /// Measles rises across the province in the first half of 2025.
    static func measlesRise(_ month: DemoMonth) -> Double {
        guard month.year == 2025, month.month <= 6 else { return 1 }
        return [6, 12, 18, 20, 14, 7][month.month - 1]
    }

    /// The dengue outbreak: several times the usual level in 2024M07–2024M10.
    static func dengueOutbreak(_ month: DemoMonth) -> Double {
        guard month.year == 2024, (7...10).contains(month.month) else { return 1 }
        return [4, 6, 7, 5][month.month - 7]
    }

    /// A monthly rate n of N, N being the month's expected cohort (a twelfth of the
    /// year's expected events, so it changes only with the year), n never above N.
    func rates(_ id: String, _ indicator: String, people: Double, eventsPerPerson: Double, coverage: Double)
        -> [DemoFigure]
    {
        var random = stream(id, indicator)
        return months.map { month in
            let since = Double(month.year - months[0].year)
            let cohort = max(2, Int((people * (1 + 0.008 * since) * eventsPerPerson / 12).rounded()))
            let rate = min(1, max(0.5, coverage + 0.004 * years(month) + 0.03 * random.normal()))
            return .rate(numerator: random.binomial(cohort, rate), denominator: cohort)
        }
    }

    /// A centre's own visits plus its stations' in the months each reported.
    func districtVisits(own: Series?, stations: [(Series?, Set<DemoMonth>)]) -> [DemoFigure] {
        let mine = own?.monthly["visits"] ?? []
        return mine.indices.map { i in
            var total = mine[i].value
            for (station, absent) in stations where !absent.contains(months[i]) {
                total += station?.monthly["visits"]?[i].value ?? 0
            }
            return .whole(Int(total))
        }
    }

    // MARK: Plans

    /// Annual plans, set at the start of each year.
    ///
    /// A plan is 95–110 % of what the facility then achieves (a centre's visits: its
    /// district's total), without the merger and with every month reported. So after
    /// the merger Đông Sơn's centre stops at about half of its 2025 plan and Bắc Sơn's
    /// passes its own; a station with a missing month looks behind.
    func plans(facilities: [DemoFacility], centres: [String: Series], communes: [String: Series]) -> [DemoPlan] {
        var plans: [DemoPlan] = []
        for facility in facilities {
            let (series, indicators): (Series?, [String]) =
                switch facility.level {
                case .province: (nil, [])
                case .district: (centres[facility.id], Self.centrePlanned)
                case .commune: (communes[facility.id], ["visits"])
                }
            guard let series else { continue }
            var random = stream(facility.id, "plans")
            for year in Set(months.map(\.year)).sorted() {
                for indicator in indicators {
                    let achieved = zip(months, series.monthly[indicator] ?? []).reduce(0.0) { total, pair in
                        pair.0.year == year ? total + pair.1.value : total
                    }
                    let step = facility.level == .district && indicator == "visits" ? 100.0 : 10.0
                    let plan = (achieved * random.uniform(0.95...1.10) / step).rounded() * step
                    plans.append(DemoPlan(facility: facility.id, indicator: indicator, year: year, plan: Int(plan)))
                }
            }
            // A station's immunisation plan: children to immunise fully in the year, 93–98 %
            // of those expected (the rate's N). Its own stream keeps the other plans as they were.
            guard facility.level == .commune else { continue }
            var epiRandom = stream(facility.id, "immunisation plans")
            for year in Set(months.map(\.year)).sorted() {
                let expected = zip(months, series.monthly["epi_full_u1"] ?? []).reduce(0) { total, pair in
                    guard pair.0.year == year, case .rate(_, let d) = pair.1 else { return total }
                    return total + d
                }
                let plan = (Double(expected) * epiRandom.uniform(0.93...0.98)).rounded()
                plans.append(DemoPlan(facility: facility.id, indicator: "epi_full_u1", year: year, plan: Int(plan)))
            }
        }
        return plans
    }

    // MARK: Rows

    /// The rows of a facility, in the order they are written.
    ///
    /// Month by month, every indicator of the month, then the quarterly and yearly
    /// figures. Months after `through` and in `skipping` have no row.
    func rows(
        of series: Series, facility: String, indicators: [String], through last: DemoMonth? = nil,
        skipping gaps: Set<DemoMonth> = []
    ) -> [DemoObservation] {
        var rows: [DemoObservation] = []
        for (index, month) in months.enumerated() where !gaps.contains(month) && month <= (last ?? month) {
            for indicator in indicators {
                guard let figures = series.monthly[indicator] else { continue }
                rows.append(
                    DemoObservation(
                        facility: facility, period: .month(month), indicator: indicator, figure: figures[index]))
            }
        }
        for (indicator, byPeriod) in series.quarterly.sorted(by: { $0.key < $1.key })
            + series.yearly.sorted(by: { $0.key < $1.key })
        {
            for (period, figure) in byPeriod.sorted(by: { $0.key.months.lowerBound < $1.key.months.lowerBound })
            where period.months.upperBound <= (last ?? period.months.upperBound) {
                rows.append(DemoObservation(facility: facility, period: period, indicator: indicator, figure: figure))
            }
        }
        return rows
    }

    // MARK: Drawing

    /// The random stream of one facility and purpose.
    func stream(_ facility: String, _ purpose: String) -> SplitMix64 {
        SplitMix64(seed: seed, stream: "\(facility)|\(purpose)")
    }

    /// Years since the first month, for slow trends.
    func years(_ month: DemoMonth) -> Double {
        Double(month.index - months[0].index) / 12
    }

    /// Monthly counts around `base`, shaped by a season table and a yearly growth rate,
    /// times `extra` for events such as an outbreak.
    func counts(
        _ facility: String, _ indicator: String, base: Double, season: [Double], growth: Double, spread: Double,
        extra: (DemoMonth) -> Double = { _ in 1 }
    ) -> [Int] {
        var random = stream(facility, indicator)
        return months.map { month in
            let mean = base * Season.factor(season, month) * max(0, 1 + growth * years(month)) * extra(month)
            return random.count(mean: mean, spread: spread)
        }
    }

    /// `counts` as figures.
    func wholes(
        _ facility: String, _ indicator: String, base: Double, season: [Double], growth: Double, spread: Double,
        extra: (DemoMonth) -> Double = { _ in 1 }
    ) -> [DemoFigure] {
        counts(facility, indicator, base: base, season: season, growth: growth, spread: spread, extra: extra)
            .map(DemoFigure.whole)
    }

    /// A percentage rounded to one decimal, in tenths.
    func tenths(_ percent: Double) -> Int {
        Int((percent * 10).rounded())
    }
}
