/// How a store's rows are laid out when a builder seals it: bulk rows are spread by
/// indicator, then each indicator is laid out by first month, facilities in order within a
/// month, and its repeated figures found month by month. Indicators are independent, so
/// both steps run on every core.
extension ObservationStore.Builder {
    /// Lays the rows out by indicator, then first month, and drops a figure that repeats
    /// another's facility, indicator and period: the one read first is kept, a stated
    /// figure wins over a derived one, and a different value is a conflict.
    func seal(_ all: [Observation]) -> (ObservationStore, [Diagnostic], [RowCounts]) {
        var store = ObservationStore(facilities: facilities, catalog: catalog)
        store.plans = plans
        for (index, plan) in plans.enumerated() {
            guard let facility = facilities.code(of: plan.facility), let indicator = catalog.code(of: plan.indicator)
            else { continue }
            store.planIndex[ObservationStore.PlanKey(facility: facility, indicator: indicator, year: plan.year)] = index
            store.plannedYears.insert(ObservationStore.PlanKey(facility: -1, indicator: indicator, year: plan.year))
        }
        // Source numbers: each file's lines after the lines of the files before it.
        var bases: [String: Int32] = [:]
        var base: Int32 = 0
        for (file, lines) in Self.fileRanks(all, bulk, order: fileOrder) {
            bases[file] = base
            store.sourceFiles.append((file, base))
            base += Int32(lines) + 1
        }
        // The observations' rows, coded, grouped by indicator (a counting sort).
        var observed: [ObservedRow] = []
        observed.reserveCapacity(all.count)
        for (index, observation) in all.enumerated() {
            guard let indicator = catalog.code(of: observation.indicator),
                let facility = facilities.code(of: observation.facility)
            else { continue }
            observed.append(
                ObservedRow(
                    indicator: Int(indicator), facility: Int(facility), start: observation.interval.start.index,
                    span: Int32(observation.interval.count), index: index,
                    source: observation.provenance.map { (bases[$0.file] ?? 0) + Int32($0.line) } ?? 0))
        }
        var observedStarts = [Int](repeating: 0, count: catalog.count + 1)
        for row in observed { observedStarts[row.indicator + 1] += 1 }
        for code in 0..<catalog.count { observedStarts[code + 1] += observedStarts[code] }
        var observedByIndicator = [Int](repeating: 0, count: observed.count)
        var nextObserved = observedStarts
        for (i, row) in observed.enumerated() {
            observedByIndicator[nextObserved[row.indicator]] = i
            nextObserved[row.indicator] += 1
        }
        let bulkRows = Self.spread(bulk, bases: bases, indicators: catalog.count)
        // Indicators in runs of about equal rows, one run per core.
        let runs = Self.runs(
            weights: (0..<catalog.count).map {
                bulkRows.starts[$0 + 1] - bulkRows.starts[$0] + observedStarts[$0 + 1] - observedStarts[$0]
            }, parts: Parallel.parts)
        let input = SealInput(
            all: all, observed: observed, observedStarts: observedStarts, observedByIndicator: observedByIndicator,
            bulk: bulkRows, sourceFiles: store.sourceFiles, bases: bases)
        var parts = Parallel.map(runs.count) { self.seal(indicators: runs[$0], input) }
        // The runs' rows one after the other, in indicator order.
        var sealed = parts.isEmpty ? SealedRows() : parts.removeFirst()
        for part in parts { sealed.append(part) }
        parts = []
        store.indicatorOffsets = [0]
        for rows in sealed.rowsPerIndicator { store.indicatorOffsets.append((store.indicatorOffsets.last ?? 0) + rows) }
        while store.indicatorOffsets.count < catalog.count + 1 { store.indicatorOffsets.append(store.indicatorOffsets.last ?? 0) }
        store.longestSpan = sealed.longestSpan + Array(repeating: 1, count: max(0, catalog.count - sealed.longestSpan.count))
        store.facility = sealed.facility
        store.start = sealed.start
        store.span = sealed.span
        store.values = sealed.values
        store.source = sealed.source
        store.details = sealed.details
        store.indicatorsWithDetails = ObservationStore.indicatorsWithDetails(sealed.details, offsets: store.indicatorOffsets)
        // Lines of the files, not source numbers.
        let perFile = sealed.counts.sorted { $0.key < $1.key }.map { base, counts in
            var counts = counts
            if counts.repeated > 0 { counts.firstRepeated -= Int(base) }
            return counts
        }
        return (store, Array(sealed.conflicts.prefix(Self.conflictsKept)), perFile)
    }

    /// An observation's row, coded; `index` is its place among all observations.
    struct ObservedRow: Sendable {
        var indicator: Int
        var facility: Int
        var start: Int32
        var span: Int32
        var index: Int
        var source: Int32
    }

    /// A bulk row's figure, source number and facility, together.
    struct LocalRow {
        var value: Double
        var source: Int32
        var facility: UInt16
    }

    /// What sealing a run of indicators reads, shared by the runs.
    struct SealInput: Sendable {
        var all: [Observation]
        var observed: [ObservedRow]
        var observedStarts: [Int]
        var observedByIndicator: [Int]
        var bulk: SpreadRows
        var sourceFiles: [(file: String, base: Int32)]
        var bases: [String: Int32]
    }

    /// A run of indicators sealed: their rows in the store's layout, what the rows
    /// were found to repeat or conflict with, and the rows kept per indicator.
    struct SealedRows: Sendable {
        var facility: [UInt16] = []
        var start: [Int16] = []
        /// The months' count, with the qualifier and derived flags in the top bits.
        var span: [UInt16] = []
        var values = PackedValues()
        var source: [Int32] = []
        var details: [Int: ObservationDetails] = [:]
        var rowsPerIndicator: [Int] = []
        var longestSpan: [Int32] = []
        var conflicts: [Diagnostic] = []
        /// By the file's base source number.
        var counts: [Int32: RowCounts] = [:]

        mutating func append(_ other: SealedRows) {
            let offset = facility.count
            facility += other.facility
            start += other.start
            span += other.span
            values.append(contentsOf: other.values)
            source += other.source
            for (row, detail) in other.details { details[offset + row] = detail }
            rowsPerIndicator += other.rowsPerIndicator
            longestSpan += other.longestSpan
            conflicts += other.conflicts.prefix(max(0, ObservationStore.Builder.conflictsKept - conflicts.count))
            for (file, found) in other.counts {
                var merged = counts[file, default: RowCounts(file: found.file)]
                merged.repeated += found.repeated
                merged.firstRepeated = min(merged.firstRepeated, found.firstRepeated)
                merged.conflicting += found.conflicting
                counts[file] = merged
            }
        }
    }

    /// Seals the rows of a run of indicators. Within an indicator, rows go by first month
    /// (a counting sort, observations before bulk rows), then in facility order within a
    /// month, so that one facility's rows of a month are found by a binary search, and one
    /// facility's in the order they were read (files in turn, lines down), whichever reader
    /// read them, so that the figure read first is the one kept.
    private func seal(indicators run: Range<Int>, _ input: SealInput) -> SealedRows {
        var out = SealedRows()
        var valuesOut: [Double] = []
        let bulk = input.bulk
        let facilityColumn = bulk.facility.buffer
        let monthColumn = bulk.month.buffer
        let valueColumn = bulk.value.buffer
        let sourceColumn = bulk.source.buffer
        let hasParts = !bulk.parts.isEmpty
        let hasRepeats = !bulk.repeats.isEmpty || !observationRepeats.isEmpty
        // The first run's columns take the others' after it: room for all of them.
        let last = run.lowerBound == 0 ? input.observedStarts.count - 1 : run.upperBound
        let expected = bulk.starts[last] - bulk.starts[run.lowerBound]
            + input.observedStarts[last] - input.observedStarts[run.lowerBound]
        out.facility.reserveCapacity(expected)
        out.start.reserveCapacity(expected)
        out.span.reserveCapacity(expected)
        out.source.reserveCapacity(expected)
        valuesOut.reserveCapacity(expected)
        func count(_ sourceNumber: Int32, _ tally: (inout RowCounts) -> Void) {
            guard let file = input.sourceFiles.last(where: { $0.base < sourceNumber }) else { return }
            tally(&out.counts[file.base, default: RowCounts(file: file.file)])
        }
        func countRepeats(_ extra: Int, first: Int32) {
            count(first) { counts in
                counts.repeated += extra
                counts.firstRepeated = min(counts.firstRepeated, Int(first))
            }
        }
        // Duplicates within a month: the stored row of each facility's one-month figure,
        // stamped with the month's number; longer figures are rare and go in a table.
        var stamp = [Int32](repeating: -1, count: facilities.count)
        var storedAt = [Int](repeating: 0, count: facilities.count)
        var monthNumber: Int32 = 0
        var longer: [Int64: Int] = [:]
        // An indicator's rows by first month: an observation as ~its index in `observed`,
        // a bulk row as its place in the spread columns.
        var entries: [Int32] = []
        var offsets: [Int] = []
        // A bulk entry's facility, value and source number, copied in the entries' order as
        // they are laid out (one place written per row), so that the checks read in sequence.
        var local: [LocalRow] = []
        func key(at position: Int) -> (Int, Int32) {
            let entry = Int(entries[position])
            return entry < 0
                ? (input.observed[~entry].facility, input.observed[~entry].source)
                : (Int(local[position].facility), local[position].source)
        }
        for indicator in run {
            let kept = out.facility.count
            var longest: Int32 = 1
            defer {
                out.rowsPerIndicator.append(out.facility.count - kept)
                out.longestSpan.append(longest)
            }
            let bulkRange = bulk.starts[indicator]..<bulk.starts[indicator + 1]
            let observedRange = input.observedStarts[indicator]..<input.observedStarts[indicator + 1]
            guard !bulkRange.isEmpty || !observedRange.isEmpty else { continue }
            var low = Int32.max
            var high = Int32.min
            for position in observedRange {
                let start = input.observed[input.observedByIndicator[position]].start
                low = min(low, start)
                high = max(high, start)
            }
            for row in bulkRange {
                low = min(low, Int32(monthColumn[row]))
                high = max(high, Int32(monthColumn[row]))
            }
            let months = Int(high - low) + 1
            offsets.removeAll(keepingCapacity: true)
            offsets.append(contentsOf: repeatElement(0, count: months + 1))
            for position in observedRange { offsets[Int(input.observed[input.observedByIndicator[position]].start - low) + 1] += 1 }
            for row in bulkRange { offsets[Int(Int32(monthColumn[row]) - low) + 1] += 1 }
            for m in 0..<months { offsets[m + 1] += offsets[m] }
            let total = offsets[months]
            if entries.count < total {
                let more = total - entries.count
                entries.append(contentsOf: repeatElement(0, count: more))
                local.append(contentsOf: repeatElement(LocalRow(value: 0, source: 0, facility: 0), count: more))
            }
            var next = offsets
            for position in observedRange {
                let i = input.observedByIndicator[position]
                let m = Int(input.observed[i].start - low)
                entries[next[m]] = Int32(~i)
                next[m] += 1
            }
            for row in bulkRange {
                let m = Int(Int32(monthColumn[row]) - low)
                let at = next[m]
                next[m] = at + 1
                entries[at] = Int32(row)
                local[at] = LocalRow(value: valueColumn[row], source: sourceColumn[row], facility: facilityColumn[row])
            }
            for m in 0..<months where offsets[m + 1] - offsets[m] > 1 {
                let range = offsets[m]..<offsets[m + 1]
                var sorted = true
                var previous = key(at: range.lowerBound)
                for position in range.dropFirst() {
                    let next = key(at: position)
                    if next < previous {
                        sorted = false
                        break
                    }
                    previous = next
                }
                if !sorted {
                    // By facility and source, then as they came; each entry with its copy.
                    let rows = range.map { (entry: entries[$0], local: local[$0], key: key(at: $0), at: $0) }.sorted { a, b in
                        (a.key.0, a.key.1, a.at) < (b.key.0, b.key.1, b.at)
                    }
                    for (position, row) in zip(range, rows) {
                        entries[position] = row.entry
                        local[position] = row.local
                    }
                }
            }
            for m in 0..<months where offsets[m] < offsets[m + 1] {
                let month = low + Int32(m)
                monthNumber += 1
                longer.removeAll(keepingCapacity: true)
                for position in offsets[m]..<offsets[m + 1] {
                    let entry = Int(entries[position])
                    // Most rows: a bulk row, its facility's first of the month, with no parts or
                    // repeats.
                    if entry >= 0, !hasParts, !hasRepeats, stamp[Int(local[position].facility)] != monthNumber {
                        let facility = Int(local[position].facility)
                        stamp[facility] = monthNumber
                        storedAt[facility] = out.facility.count
                        out.facility.append(UInt16(facility))
                        out.start.append(Int16(month))
                        out.span.append(1)
                        valuesOut.append(local[position].value)
                        out.source.append(local[position].source)
                        continue
                    }
                    let facility: Int
                    let span: Int32
                    let value: Double
                    let flag: UInt16
                    let sourceNumber: Int32
                    var detail: ObservationDetails? = nil
                    // Rows that repeated this one exactly: how many, and the first's source number.
                    var repeated: (count: Int, first: Int32)? = nil
                    if entry < 0 {
                        let coded = input.observed[~entry]
                        let observation = input.all[coded.index]
                        facility = coded.facility
                        span = coded.span
                        value = observation.value
                        flag = UInt16(observation.qualifier.rawValue | (observation.derivation == nil ? 0 : 0b100)) << 13
                        sourceNumber = coded.source
                        let details = ObservationDetails(
                            numerator: observation.numerator, denominator: observation.denominator,
                            change: observation.change, planShare: observation.planShare, plan: observation.plan,
                            note: observation.note, derivation: observation.derivation)
                        if details != ObservationDetails() { detail = details }
                        if hasRepeats, let extra = observationRepeats[coded.index], let file = observation.provenance?.file {
                            repeated = (extra.count, (input.bases[file] ?? 0) + Int32(extra.firstLine))
                        }
                    } else {
                        facility = Int(local[position].facility)
                        span = 1
                        value = local[position].value
                        flag = 0
                        sourceNumber = local[position].source
                        if hasParts, let rate = bulk.parts[entry] {
                            var details = ObservationDetails()
                            details.numerator = rate.numerator
                            details.denominator = rate.denominator
                            detail = details
                        }
                        if hasRepeats, let extra = bulk.repeats[entry] { repeated = (Int(extra), sourceNumber + 1) }
                    }
                    // The same facility and period already in this month?
                    var earlier: Int? = nil
                    if span == 1 {
                        if stamp[facility] == monthNumber { earlier = storedAt[facility] }
                    } else {
                        earlier = longer[Int64(facility) << 32 | Int64(span)]
                    }
                    if let kept = earlier {
                        let derived: UInt16 = 0x8000
                        let keptFlag = out.span[kept] & ~ObservationStore.monthsMask
                        if keptFlag & derived != 0 && flag & derived == 0 {
                            // A stated figure replaces a derived one.
                            valuesOut[kept] = value
                            out.span[kept] = out.span[kept] & ObservationStore.monthsMask | flag
                            out.source[kept] = sourceNumber
                            out.details[kept] = detail
                            if let repeated { countRepeats(repeated.count, first: repeated.first) }
                        } else if flag & derived == 0
                            && (valuesOut[kept] != value || keptFlag != flag || out.details[kept]?.numerator != detail?.numerator
                                || out.details[kept]?.denominator != detail?.denominator)
                        {
                            // The rows repeating it conflict as it does.
                            count(sourceNumber) { $0.conflicting += 1 + (repeated?.count ?? 0) }
                            if out.conflicts.count < Self.conflictsKept {
                                out.conflicts.append(
                                    Self.conflict(
                                        indicator: catalog[IndicatorCode(indicator)].id, facility: facilities[FacilityCode(facility)].id,
                                        interval: MonthInterval(Month(index: month), Month(index: month + span - 1)),
                                        first: valuesOut[kept], second: value,
                                        firstAt: Self.provenance(out.source[kept], input.sourceFiles),
                                        secondAt: Self.provenance(sourceNumber, input.sourceFiles)))
                            }
                        } else if flag & derived == 0, keptFlag & derived == 0, sourceNumber > 0 {
                            countRepeats(1 + (repeated?.count ?? 0), first: sourceNumber)
                        }
                        continue
                    }
                    if let repeated { countRepeats(repeated.count, first: repeated.first) }
                    let stored = out.facility.count
                    if span == 1 {
                        stamp[facility] = monthNumber
                        storedAt[facility] = stored
                    } else {
                        longer[Int64(facility) << 32 | Int64(span)] = stored
                    }
                    out.facility.append(UInt16(facility))
                    out.start.append(Int16(month))
                    out.span.append(UInt16(span) | flag)
                    valuesOut.append(value)
                    out.source.append(sourceNumber)
                    if let detail { out.details[stored] = detail }
                    longest = max(longest, span)
                }
            }
        }
        out.values.reserveCapacity(out.facility.capacity)
        for value in valuesOut { out.values.append(value) }
        return out
    }

    /// Bulk rows spread by indicator, keeping the order they were read in within each,
    /// with each row's source number (its file's base plus its line) in place of its line.
    /// The chunks are cut in one group per core; each group counts its rows per indicator,
    /// then writes them where the groups before it leave off.
    private static func spread(_ chunks: [BulkRows], bases: [String: Int32], indicators: Int) -> SpreadRows {
        let total = chunks.reduce(0) { $0 + $1.count }
        let groups = runs(weights: chunks.map(\.count), parts: total < 1 << 16 ? 1 : Parallel.parts)
        let perGroup = Parallel.map(groups.count) { group in
            var counts = [Int](repeating: 0, count: indicators)
            for chunk in chunks[groups[group]] {
                for code in chunk.indicator { counts[Int(code)] += 1 }
            }
            return counts
        }
        var starts = [Int](repeating: 0, count: indicators + 1)
        for code in 0..<indicators { starts[code + 1] = starts[code] + perGroup.reduce(0) { $0 + $1[code] } }
        var next = starts
        let groupStarts = perGroup.map { counts in
            defer { for code in 0..<indicators { next[code] += counts[code] } }
            return next
        }
        let rows = SpreadRows(count: total, starts: starts)
        let found = Parallel.map(groups.count) { group in
            let facility = rows.facility.buffer
            let month = rows.month.buffer
            let value = rows.value.buffer
            let source = rows.source.buffer
            var next = groupStarts[group]
            var parts: [Int: (numerator: Double, denominator: Double)] = [:]
            var repeats: [Int: Int32] = [:]
            for chunk in chunks[groups[group]] {
                let base = (bases[chunk.file] ?? 0) + chunk.firstLine
                // Rows with parts or repeats are few: they are moved through a table of
                // where each row went, not looked up for every row.
                let special = !chunk.parts.isEmpty || !chunk.repeats.isEmpty
                var placed = special ? [Int](repeating: 0, count: chunk.count) : []
                for i in 0..<chunk.count {
                    let code = Int(chunk.indicator[i])
                    let at = next[code]
                    next[code] = at + 1
                    facility[at] = chunk.facility[i]
                    month[at] = chunk.month[i]
                    value[at] = chunk.value[i]
                    source[at] = base + chunk.line[i]
                    if special { placed[i] = at }
                }
                for (row, rate) in chunk.parts where placed.indices.contains(row) { parts[placed[row]] = rate }
                for (row, extra) in chunk.repeats where placed.indices.contains(row) { repeats[placed[row]] = extra }
            }
            return Extras(parts: parts, repeats: repeats)
        }
        var spread = rows
        for extras in found {
            spread.parts.merge(extras.parts) { first, _ in first }
            spread.repeats.merge(extras.repeats) { first, _ in first }
        }
        return spread
    }

    private struct Extras: Sendable {
        var parts: [Int: (numerator: Double, denominator: Double)]
        var repeats: [Int: Int32]
    }

    /// Consecutive runs of items, one per part, of about equal weight; no run is empty
    /// unless there are fewer items than parts.
    static func runs(weights: [Int], parts: Int) -> [Range<Int>] {
        let total = weights.reduce(0, +)
        var result: [Range<Int>] = []
        var lower = 0
        var sum = 0
        for (index, weight) in weights.enumerated() {
            sum += weight
            let wanted = total * (result.count + 1) / max(1, parts)
            if sum >= wanted, result.count < parts - 1, index + 1 < weights.count {
                result.append(lower..<index + 1)
                lower = index + 1
            }
        }
        if lower < weights.count || result.isEmpty { result.append(lower..<weights.count) }
        return result
    }

    /// The files rows were read from, in the order they were loaded (then any other in the
    /// order first met), with their last line: source numbers grow in reading order.
    private static func fileRanks(_ all: [Observation], _ chunks: [BulkRows], order: [String]) -> [(String, Int)] {
        var files: [(String, Int)] = []
        var rank: [String: Int] = [:]
        for file in order where rank[file] == nil {
            rank[file] = files.count
            files.append((file, 0))
        }
        func note(_ file: String, _ line: Int) {
            if let r = rank[file] {
                files[r].1 = max(files[r].1, line)
            } else {
                rank[file] = files.count
                files.append((file, line))
            }
        }
        for observation in all { if let p = observation.provenance { note(p.file, p.line) } }
        for chunk in chunks { note(chunk.file, Int(chunk.firstLine) + Int(chunk.line.max() ?? 0)) }
        return files
    }

    private static func provenance(_ number: Int32, _ files: [(file: String, base: Int32)]) -> Provenance? {
        guard number > 0, let file = files.last(where: { $0.base < number }) else { return nil }
        return Provenance(file: file.file, line: Int(number - file.base))
    }

    private static func conflict(
        indicator: String, facility: String, interval: MonthInterval, first: Double, second: Double,
        firstAt: Provenance?, secondAt: Provenance?
    ) -> Diagnostic {
        let place = firstAt.map { " (first stated at \($0))" } ?? ""
        return Diagnostic(
            .error, id: "conflicting-value",
            "conflicting values for \(indicator) of \(facility) in \(interval): "
                + "\(formatPlain(first)) and \(formatPlain(second))\(place); kept the first",
            location: secondAt.map { SourceLocation(file: $0.file, line: $0.line, column: 1) })
    }
}

/// Bulk rows spread by indicator: rows of indicator `c` are `starts[c] ..< starts[c + 1]`,
/// with their source numbers; a rate's parts and repeat counts by row.
struct SpreadRows: Sendable {
    let facility: SharedColumn<UInt16>
    let month: SharedColumn<Int16>
    let value: SharedColumn<Double>
    let source: SharedColumn<Int32>
    let starts: [Int]
    var parts: [Int: (numerator: Double, denominator: Double)] = [:]
    var repeats: [Int: Int32] = [:]

    init(count: Int, starts: [Int]) {
        facility = SharedColumn(count)
        month = SharedColumn(count)
        value = SharedColumn(count)
        source = SharedColumn(count)
        self.starts = starts
    }
}
