import ChisoModel

/// Aggregates the observations of one indicator, period and set of facilities, following
/// the indicator's kind.
///
/// Observations are never split: one counts only if its months lie inside the period.
/// Stated figures are preferred to derived ones, and longer periods to shorter ones, so
/// that no month is counted twice; a facility's own total is used instead of its
/// children's figures for the months it covers (no double counting in roll-ups).
struct CellAggregator {
    let store: ObservationStore
    /// Ancestors of each facility, nearest first, worked out once per query when the
    /// general way first needs them (a batch never does).
    private let ancestorTable: AncestorTable
    var ancestors: [[FacilityCode]] { ancestorTable.ancestors(store.facilities) }
    /// Whether any facility changed parent, so ancestors depend on the month.
    let hierarchyChanges: Bool
    /// Facilities that are, or ever were, the parent of another.
    let isParent: [Bool]
    /// Whether plain cells take the short way (`plainFigures`); tests turn it off to
    /// check both ways give the same figures.
    var plainPath = true
    /// Whether the query has many groups, so that indexing a slice by facility once
    /// pays for itself.
    var manyGroups = false
    /// Whether measures carry the lines they come from.
    var withSources = true
    /// Rows by facility of the slices already read, so that many groups (by district,
    /// by commune) each take their own rows rather than each read the whole slice.
    private let rowsByFacility = RowsByFacility()
    /// The query's groups as fixed sets of facilities, when they are: then a count's
    /// figures for every group are made in one pass (`batched`).
    var partition: GroupPartition?
    /// Those figures, by indicator and period.
    let batches = BatchedFigures()

    init(store: ObservationStore) {
        self.store = store
        self.ancestorTable = AncestorTable()
        self.hierarchyChanges = store.facilities.hasHistory
        var isParent = [Bool](repeating: false, count: store.facilities.count)
        for code in 0..<store.facilities.count {
            if let parent = store.facilities.parent(of: FacilityCode(code)) { isParent[Int(parent)] = true }
            for former in store.facilities.formerParents(of: FacilityCode(code)) { isParent[Int(former.parent)] = true }
        }
        self.isParent = isParent
    }

    /// The figures of an indicator over a period, for the facilities `members` admits. A
    /// figure is admitted by its facility and its last month, so roll-ups follow the
    /// hierarchy in force for the period it covers.
    func figures(
        of indicator: IndicatorCode, in interval: MonthInterval, members: (FacilityCode, Month) -> Bool,
        candidates: Set<FacilityCode>? = nil, weight: IndicatorCode? = nil, group: Int? = nil
    ) -> CellFigures {
        if let group, let figures = batched(indicator, in: interval, group: group) { return figures }
        let kind = store.catalog[indicator].kind
        var byFacility: [FacilityCode: [Int]] = [:]
        var shareOnly: [Int] = []
        var outside: [MonthInterval] = []
        // A facility's figures are chosen together (no month twice), then each chosen
        // figure counts where its facility belonged in its last month: a figure is never
        // counted in two groups, even when a long one spans a merger.
        var admittedFacilities = Set<FacilityCode>()
        var overlappingRows: [Int] = []
        /// Whether each overlapping row's figure counts in the group in its last month.
        var admittedRows: [Bool] = []
        // The rows to look at: the indicator's slice for the interval, or, for a group of
        // few facilities, those facilities' rows found by search. Only the candidates can
        // be members, so both give the same figures.
        var slice: [Int]? = nil
        if let candidates {
            // Many groups share the slice's index; one small group searches for its rows.
            let small = candidates.count * 2 < store.facilities.count
            if manyGroups && small {
                slice = rowsByFacility.rows(of: candidates, indicator: indicator, in: interval, store: store)
            } else {
                let cost = store.searchCost(of: indicator, facilities: candidates.count, overlapping: interval)
                if cost.search < cost.scan {
                    slice = store.rows(of: indicator, facilities: Array(candidates), overlapping: interval)
                } else if small {
                    slice = rowsByFacility.rows(of: candidates, indicator: indicator, in: interval, store: store)
                }
            }
        }
        if plainPath && interval.count <= 64 {
            let plainRows =
                if let slice { plainMembers(slice, in: interval, members: members) } else {
                    plainMembers(store.rows(of: indicator, overlapping: interval), in: interval, members: members)
                }
            if let plainRows {
                return plainFigures(plainRows, of: indicator, kind: kind, in: interval, members: members, weight: weight)
            }
        }
        for row in slice ?? Array(store.rows(of: indicator, overlapping: interval)) {
            let rowInterval = store.interval(at: row)
            // The store's slice is a superset: keep rows that really share a month.
            guard rowInterval.start <= interval.end, rowInterval.end >= interval.start else { continue }
            overlappingRows.append(row)
            admittedRows.append(members(store.facility(at: row), rowInterval.end))
        }
        for (row, admitted) in zip(overlappingRows, admittedRows) where admitted {
            admittedFacilities.insert(store.facility(at: row))
        }
        for row in overlappingRows where admittedFacilities.contains(store.facility(at: row)) {
            let rowInterval = store.interval(at: row)
            guard interval.contains(rowInterval) else {
                if members(store.facility(at: row), rowInterval.end), !outside.contains(rowInterval) {
                    outside.append(rowInterval)
                }
                continue
            }
            if store.value(at: row).isNaN {
                if members(store.facility(at: row), rowInterval.end) { shareOnly.append(row) }
            } else {
                byFacility[store.facility(at: row), default: []].append(row)
            }
        }
        let (all, blocked, covered) = choose(byFacility, in: interval)
        let chosen = all.filter { members(store.facility(at: $0), store.interval(at: $0).end) }
        // Months a facility covers in this group: those of its figures that count here,
        // those an ancestor's figure covers, and those not expected of it here (after it
        // closed, or while it belonged to another group).
        var flags = blocked
        for row in chosen {
            let facility = store.facility(at: row)
            let offset = interval.start.distance(to: store.interval(at: row).start)
            for i in offset..<(offset + store.interval(at: row).count) { flags[facility]?[i] = true }
        }
        var monthsByFacility: [FacilityCode: Int] = [:]
        for facility in Set(chosen.map { store.facility(at: $0) }) {
            var months = flags[facility] ?? [Bool](repeating: false, count: interval.count)
            let closed = store.facilities[facility].closed
            for i in months.indices where !months[i] {
                let month = interval.start.advanced(by: i)
                if let closed, month > closed { months[i] = true } else if !members(facility, month) { months[i] = true }
            }
            monthsByFacility[facility] = months.filter { $0 }.count
        }
        var figures = CellFigures(value: .missing(reason: nil))
        figures.coveredByParent = covered.filter(admittedFacilities.contains)
        if kind == .count { figures.notes = disagreements(chosen, among: byFacility) }
        return finish(
            figures, chosen: chosen, months: monthsByFacility.map { ($0.key, $0.value) }, shareOnly: shareOnly, outside: outside,
            of: indicator, kind: kind, in: interval, members: members, weight: weight)
    }

    /// The rows that count in the group, when every figure that shares a month with the
    /// period is a stated one-month figure of a facility that is nobody's parent: then no
    /// figure overlaps another and no parent's total covers a child's, and choosing is
    /// simply taking every member's figure. Nil as soon as one figure is not so.
    private func plainMembers(
        _ rows: some Sequence<Int>, in interval: MonthInterval, members: (FacilityCode, Month) -> Bool
    ) -> [Int]? {
        var result: [Int] = []
        for row in rows {
            let rowInterval = store.interval(at: row)
            // The store's slice is a superset: keep rows that really share a month.
            guard rowInterval.start <= interval.end, rowInterval.end >= interval.start else { continue }
            let facility = store.facility(at: row)
            if rowInterval.count != 1 || isParent[Int(facility)] || store.isDerived(at: row) || store.value(at: row).isNaN {
                return nil
            }
            if members(facility, rowInterval.end) { result.append(row) }
        }
        return result
    }

    /// `figures` when every figure is a stated one-month figure of a facility that is
    /// nobody's parent, given the figures that count in the group: the chosen figures
    /// are these, each facility covers
    /// the months it has a figure for and the months not expected of it in this group.
    /// The same figures as the general way, without its bookkeeping.
    private func plainFigures(
        _ rows: [Int], of indicator: IndicatorCode, kind: IndicatorKind, in interval: MonthInterval,
        members: (FacilityCode, Month) -> Bool, weight: IndicatorCode?
    ) -> CellFigures {
        let chosen = rows
        // Each facility's months with a figure, as bits: the first month of the period is
        // bit 0. Kept in a table by facility code when the figures are many, in a short
        // list (searched from the last facility seen) when they are few.
        var facilityOrder: [FacilityCode] = []
        var bitsList: [UInt64] = []
        var bitsTable: [UInt64] = []
        let useTable = rows.count >= 64
        if useTable { bitsTable = [UInt64](repeating: 0, count: store.facilities.count) }
        var last = 0
        for row in rows {
            let facility = store.facility(at: row)
            let bit = UInt64(1) << UInt64(interval.start.distance(to: store.interval(at: row).start))
            if useTable {
                if bitsTable[Int(facility)] == 0 { facilityOrder.append(facility) }
                bitsTable[Int(facility)] |= bit
            } else {
                if last >= facilityOrder.count || facilityOrder[last] != facility {
                    if let at = facilityOrder.firstIndex(of: facility) {
                        last = at
                    } else {
                        last = facilityOrder.count
                        facilityOrder.append(facility)
                        bitsList.append(0)
                    }
                }
                bitsList[last] |= bit
            }
        }
        var months: [(facility: FacilityCode, covered: Int)] = []
        months.reserveCapacity(facilityOrder.count)
        for (index, facility) in facilityOrder.enumerated() {
            let bits = useTable ? bitsTable[Int(facility)] : bitsList[index]
            var covered = bits.nonzeroBitCount
            if covered < interval.count {
                // The months without a figure count when none is expected here.
                let closed = store.facilities[facility].closed
                for i in 0..<interval.count where bits & (UInt64(1) << UInt64(i)) == 0 {
                    let month = interval.start.advanced(by: i)
                    if let closed, month > closed { covered += 1 } else if !members(facility, month) { covered += 1 }
                }
            }
            months.append((facility, covered))
        }
        return finish(
            CellFigures(value: .missing(reason: nil)), chosen: chosen, months: months, shareOnly: [],
            outside: [], of: indicator, kind: kind, in: interval, members: members, weight: weight)
    }

    /// The cell's value, coverage, notes and plans from the figures chosen for it.
    private func finish(
        _ figures: CellFigures, chosen: [Int], months: [(facility: FacilityCode, covered: Int)], shareOnly: [Int],
        outside: [MonthInterval], of indicator: IndicatorCode, kind: IndicatorKind, in interval: MonthInterval,
        members: (FacilityCode, Month) -> Bool, weight: IndicatorCode?
    ) -> CellFigures {
        var figures = figures
        if chosen.isEmpty {
            if let row = shareOnly.first, shareOnly.count == 1, let share = store.details(at: row)?.planShare {
                figures.value = .missing(reason: "the report states only the share of plan reached")
                figures.planShare = .measure(
                    Measure(value: share, unit: .percent, sources: store.provenance(at: row).map { [$0] } ?? []))
            } else if !outside.isEmpty {
                let names = outside.sorted().map(\.description).joined(separator: ", ")
                figures.value = .missing(reason: "reported only for \(names), which cannot be split")
            }
            return figures
        }
        // The facilities with a chosen figure are those whose months were counted.
        let contributors = Contributors(months.map(\.facility))
        figures.contributors = contributors
        let minimumCovered = months.map(\.covered).min() ?? 0
        let coverage = minimumCovered < interval.count ? Coverage(covered: minimumCovered, total: interval.count) : nil
        // Which facilities make the cell partial, when only some do.
        if coverage != nil, contributors.count > 1 {
            figures.notes.append(partialNote(months.filter { $0.covered < interval.count }, in: interval))
        }
        figures.value = combine(chosen, kind: kind, coverage: coverage, weight: weight)
        if kind == .stock {
            let snapshot = latestSnapshot(chosen)
            if let month = snapshot.month, month < interval.end, snapshot.older.isEmpty {
                figures.notes.append("a stock as of \(Period.month(month.year, month.month)), its latest figure in \(Period(interval: interval))")
            }
            if let month = snapshot.month, !snapshot.older.isEmpty {
                let names = snapshot.older.prefix(3).map { row in
                    let end = store.interval(at: row).end
                    return "\(store.facilities[store.facility(at: row)].displayName) (last \(Period.month(end.year, end.month)))"
                }
                let more = snapshot.older.count > 3 ? " and \(snapshot.older.count - 3) more" : ""
                figures.notes.append(
                    "a stock as of \(Period.month(month.year, month.month)); older figures are not added: "
                        + names.joined(separator: ", ") + more)
            }
        }
        if kind == .count || kind == .ratio, let measure = figures.value.measure {
            (figures.planShare, figures.plan) = planFigures(
                chosen, indicator: indicator, total: measure, kind: kind, interval: interval, members: members,
                notes: &figures.notes)
        }
        if kind == .percentage, chosen.count == 1, let facility = chosen.first.map(store.facility(at:)),
            interval.start.year == interval.end.year,
            let plan = store.plan(facility: facility, indicator: indicator, year: interval.end.year)
        {
            figures.plan = .measure(Measure(value: plan.value, unit: .percent, sources: plan.provenance.map { [$0] } ?? []))
        }
        return figures
    }

    /// Which facilities make a cell partial: the first three by code, and how many more.
    func partialNote(_ short: [(facility: FacilityCode, covered: Int)], in interval: MonthInterval) -> String {
        // Hundreds of these in a table by district: one text, appended to.
        var note = interval.description
        note.reserveCapacity(200)
        note += " is partial because of "
        let months = String(interval.count)
        // A batch lists them in code order already: sorted only when they are not.
        let inOrder = zip(short, short.dropFirst()).allSatisfy { $0.facility < $1.facility }
        for (index, entry) in (inOrder ? short : short.sorted(by: { $0.facility < $1.facility })).prefix(3).enumerated() {
            if index > 0 { note += ", " }
            note += store.facilities.displayName(entry.facility)
            note += " ("
            note += String(entry.covered)
            note += " of "
            note += months
            note += " months)"
        }
        if short.count > 3 {
            note += " and "
            note += String(short.count - 3)
            note += " more"
        }
        return note
    }

    /// Picks non-overlapping rows, parents before children, stated before derived, longer
    /// before shorter. Returns the rows, months covered per facility (its own or its
    /// parents'), and the facilities left out because a parent's figure covers them.
    private func choose(_ byFacility: [FacilityCode: [Int]], in interval: MonthInterval)
        -> ([Int], [FacilityCode: [Bool]], [FacilityCode])
    {
        let ancestors = self.ancestors
        let order = byFacility.keys.sorted { (ancestors[Int($0)].count, $0) < (ancestors[Int($1)].count, $1) }
        var taken: [FacilityCode: [Bool]] = [:]
        var chosen: [Int] = []
        var covered: [FacilityCode] = []
        var blocked: [FacilityCode: [Bool]] = [:]
        for facility in order {
            var months = [Bool](repeating: false, count: interval.count)
            if hierarchyChanges {
                for i in months.indices {
                    let month = interval.start.advanced(by: i)
                    for ancestor in store.facilities.ancestors(of: facility, in: month) where taken[ancestor]?[i] == true {
                        months[i] = true
                    }
                }
            } else {
                for ancestor in ancestors[Int(facility)] {
                    guard let theirs = taken[ancestor] else { continue }
                    for i in months.indices where theirs[i] { months[i] = true }
                }
            }
            blocked[facility] = months
            let candidates = (byFacility[facility] ?? []).sorted { a, b in
                let (da, db) = (store.isDerived(at: a), store.isDerived(at: b))
                if da != db { return !da }
                let (ia, ib) = (store.interval(at: a), store.interval(at: b))
                return ia.count != ib.count ? ia.count > ib.count : ia.start < ib.start
            }
            var tookAny = false
            for row in candidates {
                let rowInterval = store.interval(at: row)
                let offset = interval.start.distance(to: rowInterval.start)
                let span = offset..<(offset + rowInterval.count)
                guard !span.contains(where: { months[$0] }) else { continue }
                for i in span { months[i] = true }
                chosen.append(row)
                tookAny = true
            }
            if !tookAny { covered.append(facility) }
            taken[facility] = months
        }
        return (chosen, blocked, covered)
    }

    /// A stated total chosen over shorter stated figures of the same facility that cover
    /// exactly its months but add up to something else: the reader is told which was used.
    private func disagreements(_ chosen: [Int], among byFacility: [FacilityCode: [Int]]) -> [String] {
        var notes: [String] = []
        for row in chosen where store.interval(at: row).count > 1 && !store.isDerived(at: row) {
            let facility = store.facility(at: row)
            let span = store.interval(at: row)
            let parts = (byFacility[facility] ?? []).filter { other in
                other != row && !store.isDerived(at: other) && span.contains(store.interval(at: other))
                    && store.interval(at: other) != span
            }
            guard !parts.isEmpty else { continue }
            var months = [Int](repeating: 0, count: span.count)
            for part in parts {
                let offset = span.start.distance(to: store.interval(at: part).start)
                for i in offset..<(offset + store.interval(at: part).count) { months[i] += 1 }
            }
            // Only a clean tiling (each month once) is a like-for-like comparison.
            guard months.allSatisfy({ $0 == 1 }) else { continue }
            let sum = parts.reduce(0.0) { $0 + store.value(at: $1) }
            let total = store.value(at: row)
            guard abs(sum - total) > 1e-9 else { continue }
            let name = store.facilities[facility].displayName
            let difference = total - sum
            notes.append(
                "\(name)'s stated \(span) total \(Self.number(total)) was used; its \(parts.count) shorter figures add up to "
                    + "\(Self.number(sum)) (\(difference > 0 ? "+" : "−")\(Self.number(abs(difference))))")
        }
        return notes
    }

    static let mostSources = 12

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// The lines a figure comes from, when it comes from a few: a sum of a whole bulk
    /// file's months has no useful list of lines.
    func sources(_ rows: [Int]) -> [Provenance] {
        guard withSources, rows.count <= Self.mostSources else { return [] }
        return store.provenances(of: rows)
    }

    private func derivation(ofRow row: Int) -> MeasureDerivation? {
        guard case .baseline(let value, let change, let period) = store.details(at: row)?.derivation else { return nil }
        return .baseline(statedValue: value, change: change, statedPeriod: period, source: store.provenance(at: row))
    }

    private func combine(_ rows: [Int], kind: IndicatorKind, coverage: Coverage?, weight: IndicatorCode? = nil) -> Cell {
        var derivedParts = 0
        var qualifier = Qualifier.exact
        for row in rows {
            if store.isDerived(at: row) { derivedParts += 1 }
            qualifier = qualifier.adding(store.qualifier(at: row))
        }
        func sumDerivation() -> MeasureDerivation? {
            if rows.count == 1 { return derivation(ofRow: rows[0]) }
            return derivedParts > 0 ? .includesDerived(parts: derivedParts) : nil
        }
        switch kind {
        case .count:
            let total = rows.reduce(0.0) { $0 + store.value(at: $1) }
            return .measure(
                Measure(value: total, unit: .count, qualifier: qualifier, derivation: sumDerivation(),
                        coverage: coverage, sources: sources(rows)))
        case .stock:
            // A snapshot at the latest month with a figure: each facility's figure for that
            // month, summed. An older figure is not added to it (a facility that ended or
            // merged would be counted twice); `stockNote` names what was left out.
            let picked = latestSnapshot(rows).picked
            let total = picked.reduce(0.0) { $0 + store.value(at: $1) }
            let q = picked.map { store.qualifier(at: $0) }.reduce(Qualifier.exact) { $0.adding($1) }
            return .measure(
                Measure(value: total, unit: .count, qualifier: q,
                        derivation: picked.count == 1 ? derivation(ofRow: picked[0]) : nil,
                        coverage: coverage, sources: sources(picked)))
        case .ratio:
            let parts = rows.map { (store.details(at: $0)?.numerator, store.details(at: $0)?.denominator) }
            if parts.allSatisfy({ $0.0 != nil && $0.1 != nil }) {
                let n = parts.reduce(0.0) { $0 + ($1.0 ?? 0) }
                let d = parts.reduce(0.0) { $0 + ($1.1 ?? 0) }
                guard d > 0 else { return .missing(reason: "the denominator is zero") }
                return .measure(
                    Measure(value: n / d * 100, unit: .percent, qualifier: qualifier,
                            derivation: .rate(numerator: n, denominator: d), coverage: coverage,
                            numerator: n, denominator: d, sources: sources(rows)))
            }
            guard rows.count == 1 else {
                return .missing(reason: "rates stated without numerator and denominator cannot be combined")
            }
            return .measure(
                Measure(value: store.value(at: rows[0]), unit: .percent, qualifier: qualifier,
                        derivation: derivation(ofRow: rows[0]), coverage: coverage, sources: sources(rows)))
        case .percentage:
            if rows.count > 1, let weight { return weightedAverage(rows, weight: weight, coverage: coverage) }
            guard rows.count == 1 else {
                let facilities = Set(rows.map { store.facility(at: $0) })
                if facilities.count == 1 {
                    return .missing(
                        reason: "the period holds \(rows.count) percentages of this facility, which are not added up; "
                            + "ask for one of its periods, or average them with weighted by <count>")
                }
                return .missing(
                    reason: "percentages without a denominator are not added up; show them by facility, or average them weighted by a count")
            }
            return .measure(
                Measure(value: store.value(at: rows[0]), unit: .percent, qualifier: qualifier,
                        derivation: derivation(ofRow: rows[0]), coverage: coverage, sources: sources(rows)))
        }
    }

    /// Each facility's latest figure; those ending at the latest month, and the others.
    func latestSnapshot(_ rows: [Int]) -> (picked: [Int], older: [Int], month: Month?) {
        var latest: [FacilityCode: Int] = [:]
        for row in rows {
            let facility = store.facility(at: row)
            if let current = latest[facility], store.interval(at: current).end >= store.interval(at: row).end { continue }
            latest[facility] = row
        }
        guard let month = latest.values.map({ store.interval(at: $0).end }).max() else { return ([], [], nil) }
        let picked = latest.values.filter { store.interval(at: $0).end == month }.sorted()
        // A facility below one whose latest figure is picked is inside that total: not older.
        let pickedFacilities = Set(picked.map { store.facility(at: $0) })
        let older = latest.values.filter { row in
            store.interval(at: row).end < month
                && store.facilities.ancestorsEver(of: store.facility(at: row)).isDisjoint(with: pickedFacilities)
        }.sorted()
        return (picked, older, month)
    }

    /// Σ p·w ÷ Σ w, where w is the weight indicator's figure for the same facility and
    /// months as each percentage. A percentage without its weight leaves the cell empty.
    private func weightedAverage(_ rows: [Int], weight: IndicatorCode, coverage: Coverage?) -> Cell {
        var weighted = 0.0
        var total = 0.0
        // A weight that covers only part of its percentage's months still weighs it; the
        // cell says it is partial.
        var weightCoverage: Coverage?
        var qualifier = Qualifier.exact
        let name = store.catalog[weight].id
        for row in rows {
            let facility = store.facility(at: row)
            let span = store.interval(at: row)
            let figures = self.figures(of: weight, in: span, members: { code, _ in code == facility })
            guard let w = figures.value.measure else {
                return .missing(
                    reason: "\(store.facilities[facility].displayName) has no \(name) for \(span) to weight its percentage")
            }
            weighted += store.value(at: row) * w.value
            total += w.value
            if let partial = w.coverage {
                weightCoverage = weightCoverage.map { $0.covered <= partial.covered ? $0 : partial } ?? partial
            }
            qualifier = qualifier.adding(store.qualifier(at: row)).adding(w.qualifier == .exact ? .exact : .about)
        }
        guard total > 0 else { return .missing(reason: "the weights (\(name)) add up to zero") }
        return .measure(
            Measure(value: weighted / total, unit: .percent, qualifier: qualifier,
                    derivation: .weightedAverage(weight: name, parts: rows.count), coverage: coverage ?? weightCoverage,
                    sources: sources(rows)))
    }
}
