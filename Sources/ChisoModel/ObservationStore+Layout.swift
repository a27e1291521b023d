/// How a store's rows are laid out when a builder seals it: a counting sort on
/// (indicator, first month), facilities in order within a month, repeated figures found
/// bucket by bucket, and bulk rows clustered beforehand so every pass reads in sequence.
extension ObservationStore.Builder {
    /// Lays the rows out by indicator, then first month (a counting sort: two passes,
    /// whatever the number of rows), and drops a figure that repeats another's
    /// facility, indicator and period: the one read first is kept, a stated figure
    /// wins over a derived one, and a different value is a conflict.
    func seal(_ all: [Observation]) -> (ObservationStore, [Diagnostic], [RowCounts]) {
        var store = ObservationStore(facilities: facilities, catalog: catalog)
        store.plans = plans
        for (index, plan) in plans.enumerated() {
            guard let facility = facilities.code(of: plan.facility), let indicator = catalog.code(of: plan.indicator)
            else { continue }
            store.planIndex[ObservationStore.PlanKey(facility: facility, indicator: indicator, year: plan.year)] = index
            store.plannedYears.insert(ObservationStore.PlanKey(facility: -1, indicator: indicator, year: plan.year))
        }
        // Codes of the observations' rows; bulk rows come coded.
        let fileRank = Self.fileRanks(all, self.bulk, bulkFiles, order: fileOrder)
        var observed: [(indicator: Int, facility: Int, start: Int32, span: Int32, index: Int)] = []
        observed.reserveCapacity(all.count)
        for (index, observation) in all.enumerated() {
            guard let indicator = catalog.code(of: observation.indicator),
                let facility = facilities.code(of: observation.facility)
            else { continue }
            observed.append((Int(indicator), Int(facility), observation.interval.start.index, Int32(observation.interval.count), index))
        }
        // Buckets: (indicator, first month).
        var firstMonth = Int32.max
        var lastMonth = Int32.min
        for row in observed {
            firstMonth = min(firstMonth, row.start)
            lastMonth = max(lastMonth, row.start)
        }
        for month in self.bulk.month {
            firstMonth = min(firstMonth, Int32(month))
            lastMonth = max(lastMonth, Int32(month))
        }
        let months = firstMonth <= lastMonth ? Int(lastMonth - firstMonth) + 1 : 1
        let bucketCount = catalog.count * months
        // Source numbers: each file's lines after the lines of the files before it.
        var bases: [String: Int32] = [:]
        var base: Int32 = 0
        for (file, lines) in fileRank {
            bases[file] = base
            store.sourceFiles.append((file, base))
            base += Int32(lines) + 1
        }
        // The bulk rows in (indicator, first month) order, each with its source
        // number, so that the passes below read and write them in sequence.
        let bulk = Self.clustered(self.bulk, files: bulkFiles.map { ($0.start, bases[$0.file] ?? 0) }, indicators: catalog.count)
        var counts = [Int](repeating: 0, count: bucketCount + 1)
        for row in observed { counts[row.indicator * months + Int(row.start - firstMonth) + 1] += 1 }
        for i in 0..<bulk.count { counts[Int(bulk.indicator[i]) * months + Int(Int32(bulk.month[i]) - firstMonth) + 1] += 1 }
        for b in 0..<bucketCount { counts[b + 1] += counts[b] }
        // Each row's place: observations first, then the bulk rows, so that within a
        // bucket rows keep the order they were read in.
        let total = counts[bucketCount]
        var order = [Int32](repeating: 0, count: total)
        var next = counts
        for (i, row) in observed.enumerated() {
            let b = row.indicator * months + Int(row.start - firstMonth)
            order[next[b]] = Int32(i)
            next[b] += 1
        }
        let offset = observed.count
        for i in 0..<bulk.count {
            let b = Int(bulk.indicator[i]) * months + Int(Int32(bulk.month[i]) - firstMonth)
            order[next[b]] = Int32(offset + i)
            next[b] += 1
        }
        next = []
        let hasParts = !bulk.parts.isEmpty
        let hasRepeats = !bulk.repeats.isEmpty || !observationRepeats.isEmpty

        // The columns are filled as locals and moved into the store at the end.
        var facilityOut: [UInt16] = []
        var startOut: [Int16] = []
        var spanOut: [UInt16] = []
        var valuesOut: [Double] = []
        var flagsOut: [UInt8] = []
        var sourceOut: [Int32] = []
        var detailsOut: [Int: ObservationDetails] = [:]
        detailsOut.reserveCapacity(bulk.parts.count)
        facilityOut.reserveCapacity(total)
        startOut.reserveCapacity(total)
        spanOut.reserveCapacity(total)
        valuesOut.reserveCapacity(total)
        flagsOut.reserveCapacity(total)
        sourceOut.reserveCapacity(total)
        store.longestSpan = Array(repeating: 1, count: catalog.count)
        store.indicatorOffsets = Array(repeating: 0, count: catalog.count + 1)
        var conflicts: [Diagnostic] = []
        var rowCounts: [Int32: RowCounts] = [:]  // by the file's base source number
        func count(_ sourceNumber: Int32, _ tally: (inout RowCounts) -> Void) {
            guard let file = store.sourceFiles.last(where: { $0.base < sourceNumber }) else { return }
            tally(&rowCounts[file.base, default: RowCounts(file: file.file)])
        }
        // Duplicates within a bucket: the stored row of each facility's one-month
        // figure, stamped with the bucket; longer figures are rare and go in a table.
        var stamp = [Int32](repeating: -1, count: facilities.count)
        var storedAt = [Int](repeating: 0, count: facilities.count)
        var longer: [Int64: Int] = [:]
        // Within a bucket, rows go in facility order, so that one facility's rows of a
        // month are found by a binary search, and one facility's in the order they were
        // read (files in turn, lines down), whichever reader read them, so that the figure
        // read first is the one kept. Bulk files usually come in that order already.
        let observedSource = observed.map { row in
            all[row.index].provenance.map { (bases[$0.file] ?? 0) + Int32($0.line) } ?? 0
        }
        func key(_ row: Int32) -> (Int, Int32) {
            Int(row) < observed.count
                ? (observed[Int(row)].facility, observedSource[Int(row)])
                : (Int(bulk.facility[Int(row) - offset]), bulk.line[Int(row) - offset])
        }
        for b in 0..<bucketCount where counts[b + 1] - counts[b] > 1 {
            let range = counts[b]..<counts[b + 1]
            var sorted = true
            var previous = key(order[range.lowerBound])
            for position in range.dropFirst() {
                let next = key(order[position])
                if next < previous {
                    sorted = false
                    break
                }
                previous = next
            }
            if !sorted {
                let rows = order[range].sorted { (key($0).0, key($0).1, $0) < (key($1).0, key($1).1, $1) }
                order.replaceSubrange(range, with: rows)
            }
        }
        for b in 0..<bucketCount where counts[b] < counts[b + 1] {
            let indicator = b / months
            longer.removeAll(keepingCapacity: true)
            for position in counts[b]..<counts[b + 1] {
                let row = Int(order[position])
                let facility: Int
                let span: Int32
                let value: Double
                let flag: UInt8
                let sourceNumber: Int32
                var detail: ObservationDetails? = nil
                // Rows that repeated this one exactly: how many, and the first's source number.
                var repeated: (count: Int, first: Int32)? = nil
                if row < observed.count {
                    let coded = observed[row]
                    let observation = all[coded.index]
                    facility = coded.facility
                    span = coded.span
                    value = observation.value
                    flag = observation.qualifier.rawValue | (observation.derivation == nil ? 0 : 0b100)
                    sourceNumber = observation.provenance.map { (bases[$0.file] ?? 0) + Int32($0.line) } ?? 0
                    let details = ObservationDetails(
                        numerator: observation.numerator, denominator: observation.denominator,
                        change: observation.change, planShare: observation.planShare, plan: observation.plan,
                        note: observation.note, derivation: observation.derivation)
                    if details != ObservationDetails() { detail = details }
                    if hasRepeats, let extra = observationRepeats[coded.index], let file = observation.provenance?.file {
                        repeated = (extra.count, (bases[file] ?? 0) + Int32(extra.firstLine))
                    }
                } else {
                    let i = row - offset
                    facility = Int(bulk.facility[i])
                    span = 1
                    value = bulk.value[i]
                    flag = 0
                    sourceNumber = bulk.line[i]
                    if hasParts, let rate = bulk.parts[i] {
                        var details = ObservationDetails()
                        details.numerator = rate.numerator
                        details.denominator = rate.denominator
                        detail = details
                    }
                    if hasRepeats, let extra = bulk.repeats[i] { repeated = (Int(extra), sourceNumber + 1) }
                }
                func countRepeats(_ extra: Int, first: Int32) {
                    count(first) { counts in
                        counts.repeated += extra
                        counts.firstRepeated = min(counts.firstRepeated, Int(first))
                    }
                }
                // The same facility and period already in this bucket?
                var earlier: Int? = nil
                if span == 1 {
                    if stamp[facility] == Int32(b) { earlier = storedAt[facility] }
                } else {
                    earlier = longer[Int64(facility) << 32 | Int64(span)]
                }
                if let kept = earlier {
                    let keptDerived = flagsOut[kept] & 0b100 != 0
                    if keptDerived && flag & 0b100 == 0 {
                        // A stated figure replaces a derived one.
                        valuesOut[kept] = value
                        flagsOut[kept] = flag
                        sourceOut[kept] = sourceNumber
                        detailsOut[kept] = detail
                        if let repeated { countRepeats(repeated.count, first: repeated.first) }
                    } else if flag & 0b100 == 0
                        && (valuesOut[kept] != value || flagsOut[kept] != flag || detailsOut[kept]?.numerator != detail?.numerator
                            || detailsOut[kept]?.denominator != detail?.denominator)
                    {
                        // The rows repeating it conflict as it does.
                        count(sourceNumber) { $0.conflicting += 1 + (repeated?.count ?? 0) }
                        if conflicts.count < Self.conflictsKept {
                            conflicts.append(
                                Self.conflict(
                                    indicator: catalog[IndicatorCode(indicator)].id, facility: facilities[FacilityCode(facility)].id,
                                    interval: MonthInterval(Month(index: firstMonth + Int32(b % months)), Month(index: firstMonth + Int32(b % months) + span - 1)),
                                    first: valuesOut[kept], second: value,
                                    firstAt: Self.provenance(sourceOut[kept], store.sourceFiles),
                                    secondAt: Self.provenance(sourceNumber, store.sourceFiles)))
                        }
                    } else if flag & 0b100 == 0, !keptDerived, sourceNumber > 0 {
                        countRepeats(1 + (repeated?.count ?? 0), first: sourceNumber)
                    }
                    continue
                }
                if let repeated { countRepeats(repeated.count, first: repeated.first) }
                let stored = valuesOut.count
                if span == 1 {
                    stamp[facility] = Int32(b)
                    storedAt[facility] = stored
                } else {
                    longer[Int64(facility) << 32 | Int64(span)] = stored
                }
                facilityOut.append(UInt16(facility))
                startOut.append(Int16(firstMonth + Int32(b % months)))
                spanOut.append(UInt16(span))
                valuesOut.append(value)
                flagsOut.append(flag)
                sourceOut.append(sourceNumber)
                if let detail { detailsOut[stored] = detail }
                store.indicatorOffsets[indicator + 1] += 1
                store.longestSpan[indicator] = max(store.longestSpan[indicator], span)
            }
        }
        for code in 0..<catalog.count { store.indicatorOffsets[code + 1] += store.indicatorOffsets[code] }
        store.facility = facilityOut
        store.start = startOut
        // The flags go into the top bits of the months' count: one column less.
        for row in spanOut.indices { spanOut[row] |= UInt16(flagsOut[row]) << 13 }
        flagsOut = []
        store.span = spanOut
        store.values = PackedValues(valuesOut)
        valuesOut = []
        store.source = sourceOut
        store.details = detailsOut
        // Lines of the files, not source numbers.
        let perFile = rowCounts.sorted { $0.key < $1.key }.map { base, counts in
            var counts = counts
            if counts.repeated > 0 { counts.firstRepeated -= Int(base) }
            return counts
        }
        return (store, conflicts, perFile)
    }

    /// Bulk rows in (indicator, first month) order, keeping the order they were read
    /// in within each, with each row's source number (its file's base plus its line)
    /// in place of its line. Two counting passes, by indicator and then by month
    /// within an indicator: each writes to few places at once, so both stay in the
    /// cache where one pass over every (indicator, month) would not.
    private static func clustered(_ rows: BulkRows, files: [(start: Int, base: Int32)], indicators: Int) -> BulkRows {
        let n = rows.count
        guard n > 0 else { return rows }
        var result = BulkRows(file: rows.file)
        // Pass 1: by indicator, the source number made on the way.
        var starts = [Int](repeating: 0, count: indicators + 1)
        for code in rows.indicator { starts[Int(code) + 1] += 1 }
        for i in 0..<indicators { starts[i + 1] += starts[i] }
        var next = starts
        var facility = Self.unfilled(UInt16.self, n)
        var month = Self.unfilled(Int16.self, n)
        var value = Self.unfilled(Double.self, n)
        var source = Self.unfilled(Int32.self, n)
        // Rows with parts or repeats are few: they are moved through a table of where
        // each row went, not looked up for every row.
        var original: [Int32] = rows.parts.isEmpty && rows.repeats.isEmpty ? [] : Self.unfilled(Int32.self, n)
        var placed: [Int32] = original.isEmpty ? [] : Self.unfilled(Int32.self, n)
        var file = 0
        for i in 0..<n {
            while file + 1 < files.count && files[file + 1].start <= i { file += 1 }
            let code = Int(rows.indicator[i])
            let at = next[code]
            next[code] = at + 1
            facility[at] = rows.facility[i]
            month[at] = rows.month[i]
            value[at] = rows.value[i]
            source[at] = files[file].base + rows.line[i]
            if !original.isEmpty { original[at] = Int32(i) }
        }
        // Pass 2: by month within each indicator.
        result.facility = Self.unfilled(UInt16.self, n)
        result.month = Self.unfilled(Int16.self, n)
        result.value = Self.unfilled(Double.self, n)
        result.line = Self.unfilled(Int32.self, n)
        result.indicator = Self.unfilled(UInt16.self, n)
        for code in 0..<indicators where starts[code] < starts[code + 1] {
            let segment = starts[code]..<starts[code + 1]
            var low = Int16.max
            var high = Int16.min
            for i in segment {
                low = min(low, month[i])
                high = max(high, month[i])
            }
            var offsets = [Int](repeating: 0, count: Int(high) - Int(low) + 2)
            for i in segment { offsets[Int(month[i] - low) + 1] += 1 }
            offsets[0] = segment.lowerBound
            for m in 1..<offsets.count { offsets[m] += offsets[m - 1] }
            for i in segment {
                let m = Int(month[i] - low)
                let at = offsets[m]
                offsets[m] = at + 1
                result.facility[at] = facility[i]
                result.month[at] = month[i]
                result.value[at] = value[i]
                result.line[at] = source[i]
                result.indicator[at] = UInt16(code)
                if !original.isEmpty { placed[Int(original[i])] = Int32(at) }
            }
        }
        result.parts.reserveCapacity(rows.parts.count)
        for (row, rate) in rows.parts where placed.indices.contains(row) { result.parts[Int(placed[row])] = rate }
        result.repeats.reserveCapacity(rows.repeats.count)
        for (row, extra) in rows.repeats where placed.indices.contains(row) { result.repeats[Int(placed[row])] = extra }
        return result
    }

    /// An array of `count` plain values that the caller fills in full before reading
    /// any: a counting sort writes every place once, so zeroing it first would only
    /// touch the memory twice.
    private static func unfilled<T: BitwiseCopyable>(_ type: T.Type, _ count: Int) -> [T] {
        Array(unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// The files rows were read from, in the order they were loaded (then any other in the
    /// order first met), with their last line: source numbers grow in reading order.
    private static func fileRanks(
        _ all: [Observation], _ bulk: BulkRows, _ bulkFiles: [(file: String, start: Int)], order: [String]
    ) -> [(String, Int)] {
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
        for (index, part) in bulkFiles.enumerated() {
            let end = index + 1 < bulkFiles.count ? bulkFiles[index + 1].start : bulk.count
            note(part.file, Int(bulk.line[part.start..<end].max() ?? 0))
        }
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
