import ChisoModel

/// A phrase found in a sentence.
struct PhraseHit {
    var start: Int
    var end: Int
    var target: PhraseTarget
    var segment: Int
    /// Whether a figure has taken it.
    var taken = false
}

/// What one sentence states: figures, and numbers that look like figures but were not
/// understood.
struct SentenceFigures {
    var figures: [NarrativeFigure] = []
    var skipped: [NarrativeSkip] = []
    /// Plans stated beside results (a table's plan column).
    var plans: [NarrativeFigure] = []
}

/// Finds the figures of one sentence: matches phrases, reads the numbers, then gives each
/// number to the phrase it belongs to.
///
/// A value goes to an open phrase just before it ("khám bệnh cho 27.662 lượt"), else to a
/// phrase right after it and its unit ("1.010 ca cúm"), else to an open phrase further
/// back in the same clause; the figure's unit must be one the indicator takes. A change
/// or a share of plan goes to the figure before it in the sentence. Clauses end at
/// commas, semicolons, brackets and "trong đó", so a breakdown never takes the total's
/// phrase.
struct FigureFinder {
    var matcher: PhraseMatcher
    var catalog: IndicatorCatalog
    var words: [Word]
    /// Words of the section heading above, for phrases that need a context.
    var heading: [Word]
    var period: Period
    var text: String

    var hits: [PhraseHit] = []
    var coveredBy: [Int?] = []
    var segment: [Int] = []
    /// Where the numbers read as possible figures start; other numbers (ages, dates)
    /// do not stand between a phrase and its figure.
    var mentionStarts: Set<Int> = []
    /// Where the numbers that became figures start.
    var figureStarts: Set<Int> = []
    /// The words that made a figure of this sentence narrower, for the figures after it.
    var carriedRefinement: (keys: [String], at: Int)?

    init(matcher: PhraseMatcher, catalog: IndicatorCatalog, words: [Word], heading: [Word], period: Period) {
        self.matcher = matcher
        self.catalog = catalog
        self.words = words
        self.heading = heading
        self.period = period
        self.text = words.text(words.indices)
        findPhrases()
    }

    /// Longest phrases left to right; a phrase that needs a context word absent from the
    /// sentence and its heading is passed over.
    private mutating func findPhrases() {
        coveredBy = Array(repeating: nil, count: words.count)
        var index = 0
        while index < words.count {
            if words[index].kind != .mark || words[index].text == "%",
                let (end, target) = matcher.phrase(in: words, at: index), contextAllows(target)
            {
                for i in index..<end { coveredBy[i] = hits.count }
                hits.append(PhraseHit(start: index, end: end, target: target, segment: 0))
                index = end
            } else {
                index += 1
            }
        }
        // Clauses.
        segment = Array(repeating: 0, count: words.count)
        var current = 0
        for (i, word) in words.enumerated() {
            // "cúm (218 ca)": a bracket right after a phrase holds its figure.
            let afterPhrase = i > 0 && coveredBy[i - 1] != nil && word.text == "("
            let boundary =
                (word.kind == .mark && coveredBy[i] == nil && !afterPhrase
                    && [",", ";", "(", ")", "[", "]", "–", "—"].contains(word.text))
                || (word.kind == .mark && word.text == "-" && word.spaced && i > 0)
                || (word.plain == "trong" && i + 1 < words.count && (words[i + 1].plain == "do" || words[i + 1].plain == "so"))
            if boundary { current += 1 }
            segment[i] = current
        }
        for h in hits.indices { hits[h].segment = segment[hits[h].start] }
    }

    private func contextAllows(_ target: PhraseTarget) -> Bool {
        guard case .indicator(let index) = target else { return true }
        let context = matcher.indicators[index].context
        guard !context.isEmpty else { return true }
        return context.contains { keys in words.contains(keys, by: \.key) || heading.contains(keys, by: \.key) }
    }

    /// The indicator a phrase names, made narrower by words said before the figure in its
    /// clause, or in a label opening the sentence ("Kiểm tra liên ngành: …"), or carried
    /// from a figure made narrower earlier in the sentence ("… liên ngành kiểm tra 243
    /// lượt, trong đó 221 cơ sở đạt"). Words of two narrower ones at once say nothing.
    private mutating func refined(_ position: Int, before mention: NumberMention) -> String {
        let indicator = matcher.indicators[position]
        guard !indicator.refine.isEmpty else { return indicator.id }
        let clause = segment[mention.numberStart]
        let clauseStart = (0..<mention.start).last { segment[$0] != clause }.map { $0 + 1 } ?? 0
        // Words of a broad phrase ("kiểm tra, giám sát") do not narrow it.
        func broad(_ i: Int) -> Bool {
            guard let hit = coveredBy[i], case .indicator(let p) = hits[hit].target else { return false }
            return !matcher.indicators[p].refine.isEmpty
        }
        var region = (clauseStart..<mention.start).filter { !broad($0) }.map { words[$0] }
        if let colon = words.prefix(10).firstIndex(where: { $0.isMark(":") }), colon < clauseStart {
            region += (0..<colon).filter { !broad($0) }.map { words[$0] }
        }
        let named = indicator.refine.filter { region.contains($0.keys, by: \.key) }
        if Set(named.map(\.id)).count == 1, let first = named.first {
            carriedRefinement = (first.keys, mention.numberStart)
            return first.id
        }
        // Carried through commas, not past a semicolon.
        if named.isEmpty, let carried = carriedRefinement,
            !words[carried.at..<mention.start].contains(where: { $0.isMark(";") }),
            let match = indicator.refine.first(where: { $0.keys == carried.keys })
        {
            return match.id
        }
        return indicator.id
    }

    /// Reads the sentence.
    mutating func read(into result: inout SentenceFigures) {
        let reader = NumberReader(words: words, matcher: matcher, covered: coveredBy.map { $0 != nil })
        var mentions: [NumberMention] = []
        var index = 0
        while index < words.count {
            if let mention = reader.mention(at: index) {
                mentions.append(mention)
                index = mention.end
            } else {
                index += 1
            }
        }
        mentionStarts = Set(mentions.map(\.numberStart))
        var lastFigure: Int?  // in result.figures
        var lastFigureIndex = 0  // its number's word
        var lastRate: Bool = false
        for mention in mentions {
            switch mention.role {
            case .value:
                if mention.isPercent, lastRate, isInsideBrackets(mention) {
                    continue  // "279/796 trẻ (35,1%)": the rate said again
                }
                guard let hit = phrase(for: mention) else {
                    // "…, riêng tháng 12 là 1.296 lượt": the same indicator for another period.
                    if let last = lastFigure, clauseNamesPeriod(mention), mention.isPercent == result.figures[last].isPercent,
                        mention.unit == nil || unitFits(mention.unit, result.figures[last].indicator)
                    {
                        var figure = makeFigure(result.figures[last].indicator, mention)
                        figure.value = mention.value
                        figure.notes.append("the period named in its clause")
                        result.figures.append(figure)
                        continue
                    }
                    if mention.unit != nil || mention.isPercent || mention.denominator != nil {
                        skip(mention, "no indicator is named for it", into: &result)
                    }
                    continue
                }
                guard case .indicator(let position) = hits[hit].target else {
                    hits[hit].taken = true
                    skip(mention, "'\(phraseText(hit))' is not an indicator of the catalog", into: &result)
                    continue
                }
                let id = refined(position, before: mention)
                let kind = catalog.lookup(id).map { catalog[$0].kind } ?? .count
                if mention.isPercent, kind == .count || kind == .stock {
                    // "khám bệnh …, đạt 57,6%": a count's percentage is its share of plan.
                    if let last = lastFigure, result.figures[last].indicator == id, result.figures[last].planShare == nil {
                        result.figures[last].planShare = mention.value
                        continue
                    }
                    skip(mention, "a percentage of \(id), which is a count", into: &result)
                    continue
                }
                if !mention.isPercent, mention.denominator == nil, kind == .ratio || kind == .percentage {
                    skip(mention, "\(id) is a rate; a number of \(mention.unit ?? "things") without its denominator is not one", into: &result)
                    continue
                }
                // A figure of a narrow indicator ("giám sát thường xuyên 264 lượt") narrows
                // the broad ones after it ("có 239 cơ sở đạt").
                if let keys = matcher.refinedBy[id] { carriedRefinement = (keys, mention.numberStart) }
                // A plan leaves its phrase to the result: "chỉ tiêu giao 52.000 lượt điều trị
                // nội trú, thực hiện 50.100 lượt".
                if !isPlan(mention) { hits[hit].taken = true }
                var figure = makeFigure(id, mention)
                switch (kind, mention.denominator) {
                case (.ratio, let d?):
                    figure.numerator = mention.value
                    figure.denominator = d
                case (.percentage, let d?):
                    guard d > 0 else {
                        skip(mention, "\(id) of 0 has no rate", into: &result)
                        continue
                    }
                    figure.value = mention.value / d * 100
                    figure.isPercent = true
                    figure.notes.append("computed from \(NarrativeFormat.number(mention.value))/\(NarrativeFormat.number(d))")
                case (_, let d?):
                    figure.value = mention.value
                    figure.notes.append("of \(NarrativeFormat.number(d))")
                default:
                    figure.value = mention.value
                }
                result.figures.append(figure)
                lastFigure = result.figures.count - 1
                lastFigureIndex = mention.numberStart
                figureStarts.insert(mention.numberStart)
                lastRate = kind == .ratio && mention.denominator != nil
            case .change(let sign, let sameBasis):
                // "Khám bệnh 27.662 lượt; số ca mắc sởi giảm 12 ca": the change is of the
                // phrase in its own clause, which has no figure, not of the visits.
                if let own = openPhrase(before: mention, maxGap: 8), case .indicator(let p) = hits[own].target {
                    skip(mention, "a change of \(matcher.indicators[p].id) with no figure of it", into: &result)
                    continue
                }
                guard let last = lastFigure, result.figures[last].change == nil,
                    !words[lastFigureIndex..<mention.start].contains(where: { $0.isMark(";") }),
                    mention.isPercent || unitFits(mention.unit, result.figures[last].indicator)
                else {
                    if mention.unit != nil || mention.isPercent {
                        skip(mention, "a change with no figure of its own before it", into: &result)
                    }
                    continue
                }
                guard sameBasis else {
                    skip(mention, "a change against another period than the same period last year", into: &result)
                    continue
                }
                let id = result.figures[last].indicator
                let kind = catalog.lookup(id).map { catalog[$0].kind } ?? .count
                result.figures[last].change = sign * mention.value
                result.figures[last].changeIsGrowth = mention.isPercent && !kind.changesInPoints
            case .planShare:
                let own = openPhrase(before: mention, maxGap: 8)
                if let own, case .other = hits[own].target {
                    skip(mention, "a share of plan of '\(phraseText(own))', which is not an indicator of the catalog", into: &result)
                } else if let hit = own, case .indicator(let position) = hits[hit].target {
                    hits[hit].taken = true
                    var figure = makeFigure(matcher.indicators[position].id, mention)
                    figure.planShare = mention.value
                    figure.qualifier = .exact
                    figure.isPercent = false
                    result.figures.append(figure)
                    lastFigure = result.figures.count - 1
                    lastFigureIndex = mention.numberStart
                    lastRate = false
                } else if let last = lastFigure, result.figures[last].planShare == nil {
                    result.figures[last].planShare = mention.value
                } else {
                    skip(mention, "a share of plan with no figure before it", into: &result)
                }
            case .shareOfSamePeriod:
                if let last = lastFigure {
                    result.figures[last].notes.append("\(NarrativeFormat.number(mention.value)) % of the same period last year")
                } else {
                    skip(mention, "a share of the same period last year, with no figure before it", into: &result)
                }
            case .shareOfPartPlan(let plan):
                if let last = lastFigure {
                    result.figures[last].notes.append("\(NarrativeFormat.number(mention.value)) % of the \(plan)")
                }
                skip(mention, "a share of '\(plan)', not of the annual plan", into: &result)
            }
        }
    }

    /// Whether a number stands after the words of a plan, with no clause of results between.
    private func isPlan(_ mention: NumberMention) -> Bool {
        guard let from = NarrativeReader.targetStart(words), mention.start > from else { return false }
        return !(from..<mention.start).contains { NarrativeReader.startsResults(words, at: $0) }
    }

    /// Whether an indicator is counted in a unit (any, when the figure has none).
    private func unitFits(_ unit: String?, _ id: String) -> Bool {
        guard let unit, let indicator = matcher.indicators.first(where: { $0.id == id }), !indicator.units.isEmpty else { return true }
        let first = unit.split(separator: " ").first.map(String.init) ?? unit
        return indicator.units.contains(unit) || indicator.units.contains(first)
    }

    /// Whether the mention's clause names a period before it ("riêng quý IV", "tháng 12").
    private func clauseNamesPeriod(_ mention: NumberMention) -> Bool {
        let clause = segment[mention.numberStart]
        let start = (0..<mention.start).last { segment[$0] != clause }.map { $0 + 1 } ?? 0
        return PeriodPhrase.find(in: Array(words[start..<mention.start])).contains { !$0.elsewhere && $0.kind != .year }
    }

    private func isInsideBrackets(_ mention: NumberMention) -> Bool {
        mention.start > 0 && words[mention.start - 1].isMark("(")
    }

    private func makeFigure(_ id: String, _ mention: NumberMention) -> NarrativeFigure {
        let word = words[mention.numberStart]
        let written = words.text(mention.start..<max(mention.end, mention.unitEnd))
        return NarrativeFigure(
            indicator: id, period: period, value: nil, qualifier: mention.qualifier, isPercent: mention.isPercent,
            line: word.line, column: word.column, written: written, sentence: text)
    }

    private func skip(_ mention: NumberMention, _ reason: String, into result: inout SentenceFigures) {
        let word = words[mention.numberStart]
        // Without a unit, the words after the number say what it counts: "1.150 học sinh".
        var end = max(mention.end, mention.unitEnd)
        if mention.unit == nil, !mention.isPercent {
            while end < words.count, end < mention.end + 2, words[end].kind == .word { end += 1 }
        }
        let written = words.text(mention.start..<end)
        result.skipped.append(
            NarrativeSkip(line: word.line, column: word.column, written: written, reason: reason, sentence: text))
    }

    private func phraseText(_ hit: Int) -> String {
        (hits[hit].start..<hits[hit].end).map { words[$0].text }.joined(separator: " ")
    }

    /// The phrase a value belongs to.
    private func phrase(for mention: NumberMention) -> Int? {
        // Right before ("nội trú 434 lượt") beats right after ("434 lượt ngoại trú"), which
        // beats a little before ("cộng đồng với 3.920 lượt người nghe").
        if let near = openPhrase(before: mention, maxGap: 1), accepts(near, mention) { return near }
        // "1.010 ca cúm" has a unit; "1 Khám bệnh" is a row number.
        if mention.unit != nil || mention.isPercent, let after = phraseAfter(mention), accepts(after, mention) { return after }
        if let near = openPhrase(before: mention, maxGap: 6), accepts(near, mention) { return near }
        // Further back only for what is plainly a figure: a unit, a per cent, n/N.
        let plainlyFigure = mention.unit != nil || mention.isPercent || mention.denominator != nil
        if plainlyFigure, let far = openPhrase(before: mention, maxGap: 30), accepts(far, mention) { return far }
        // "Số ca mắc COVID-19 giảm mạnh, chỉ còn 12 ca": across one comma, for a figure
        // whose unit the phrase's indicator names.
        if let unit = mention.isPercent ? "%" : mention.unit,
            let before = (0..<mention.start).last(where: { segment[$0] != segment[mention.numberStart] }),
            words[before + 1].isMark(","), mention.start - before <= 5
        {
            var i = before
            while i >= 0, segment[i] == segment[before], before - i <= 12 {
                if figureStarts.contains(i) { return nil }
                if let hit = coveredBy[i] {
                    guard !hits[hit].taken, case .indicator(let p) = hits[hit].target, matcher.indicators[p].units.contains(unit)
                    else { return nil }
                    return hit
                }
                i -= 1
            }
        }
        return nil
    }

    /// The nearest phrase before the mention in its clause with no figure yet, with at most
    /// `maxGap` words and no other number between. A bracketed aside between them is
    /// passed over: "mũi nhắc lần 2 (nhóm theo hướng dẫn): đạt 21,6%".
    private func openPhrase(before mention: NumberMention, maxGap: Int) -> Int? {
        var clause = segment[mention.numberStart]
        var i = mention.start - 1
        var gap = 0
        while i >= 0, gap <= maxGap {
            if words[i].isMark(")"), let open = (0..<i).last(where: { words[$0].isMark("(") }), open > 0 {
                i = open - 1
                clause = segment[i]
                continue
            }
            if segment[i] != clause { return nil }
            if let hit = coveredBy[i] {
                if !hits[hit].taken { return hit }
                i = hits[hit].start - 1
                gap += 1
                continue
            }
            if words[i].kind == .number, mentionStarts.contains(i) { return nil }
            i -= 1
            gap += 1
        }
        return nil
    }

    /// A phrase right after the number and its unit: "158 buổi truyền thông", "141 trường
    /// hợp mắc sởi", "3.920 lượt người nghe" (where the unit starts the phrase).
    private func phraseAfter(_ mention: NumberMention) -> Int? {
        let fillers: Set<String> = ["duoc", "da", "co", "mac", "bi", "cho", "tai", "benh", "nhan", "dang", "em"]
        var i = mention.end
        var skipped = 0
        var unitEnd = mention.unitEnd
        while i < words.count, skipped <= 3 {
            // An age said between: "1.214/2.350 trẻ dưới 1 tuổi đã được tiêm chủng đầy đủ".
            if ["duoi", "tren", "tu"].contains(words[i].plain), i + 2 < words.count, words[i + 1].kind == .number,
                words[i + 2].plain == "tuoi", coveredBy[i] == nil
            {
                i += 3
                if words.indices.contains(i + 1), words[i].plain == "tro", words[i + 1].plain == "len" { i += 2 }
                continue
            }
            if let hit = coveredBy[i] {
                return hits[hit].taken ? nil : hit
            }
            if i < unitEnd {
                i += 1
                continue
            }
            // "106/106 xã, phường, thị trấn triển khai …": a list of units.
            if words[i].isMark(",") || words[i].isMark("/"), let unit = matcher.unit(in: words, at: i + 1), !unit.notFigure {
                unitEnd = unit.end
                i += 1
                continue
            }
            guard fillers.contains(words[i].plain) else { return nil }
            i += 1
            skipped += 1
        }
        return nil
    }

    /// Whether an indicator takes a figure in this unit (a percentage is judged by the
    /// indicator's kind, later).
    private func accepts(_ hit: Int, _ mention: NumberMention) -> Bool {
        guard case .indicator(let position) = hits[hit].target, !mention.isPercent, let unit = mention.unit else {
            return true
        }
        let units = matcher.indicators[position].units
        // "15/15 xã, thị trấn": a list of units is judged by its first.
        let first = unit.split(separator: " ").first.map(String.init) ?? unit
        return units.isEmpty || units.contains(unit) || units.contains(first)
    }
}
