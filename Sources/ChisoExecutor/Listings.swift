import ChisoModel
import ChisoPlanner

extension Executor {
    func list(_ subject: ListSubject) -> ResultTable {
        switch subject {
        case .indicators(let definitions):
            var rows: [[Cell]] = store.catalog.indicators.enumerated().map { code, indicator in
                let figures = store.rows(of: IndicatorCode(code)).count
                return [
                    .text(indicator.id), .text(indicator.kind.rawValue), .text(indicator.nameEN), .text(indicator.nameVI),
                    .measure(Measure(value: Double(figures), unit: .count)),
                ]
            }
            rows += definitions.map { definition in
                [
                    .text(definition.name), .text("defined"),
                    .text(definition.label ?? "\(definition.expression)"), .text("\(definition.expression)"),
                    .missing(reason: nil),
                ]
            }
            return ResultTable(
                columns: [
                    ResultColumn("indicator", key: "indicator", role: .label),
                    ResultColumn("kind", key: "kind", role: .label),
                    ResultColumn("name", key: "name_en", role: .label),
                    ResultColumn("tên", key: "name_vi", role: .label),
                    ResultColumn("figures", key: "figures", isTally: true),
                ], rows: rows,
                notes: store.catalog.undeclared.isEmpty
                    ? [] : ["not in any catalog, loaded as counts: " + store.catalog.undeclared.sorted().joined(separator: ", ")])
        case .facilities:
            let facilities = store.facilities
            let counts = figureCounts()
            let rows: [[Cell]] = facilities.hierarchyOrder.map { code in
                let facility = facilities[code]
                let indent = String(repeating: "  ", count: facilities.ancestors(of: code).count)
                return [
                    .text(facility.id), .text(indent + facility.name), .text(facility.level),
                    .text(facility.parentID ?? ""),
                    .measure(Measure(value: Double(counts[Int(code)]), unit: .count)),
                ]
            }
            return ResultTable(
                columns: [
                    ResultColumn("facility", key: "facility", role: .label),
                    ResultColumn("name", key: "name", role: .label),
                    ResultColumn("level", key: "level", role: .label),
                    ResultColumn("parent", key: "parent", role: .label),
                    ResultColumn("figures", key: "figures", isTally: true),
                ], rows: rows)
        case .datasets:
            let facilities = store.facilities
            let counts = figureCounts()
            var order: [String?] = []
            for facility in facilities.facilities where !order.contains(facility.dataset) { order.append(facility.dataset) }
            let rows: [[Cell]] = order.map { dataset in
                let members = facilities.facilities.indices.filter { facilities.facilities[$0].dataset == dataset }
                return [
                    .text(dataset ?? "(files given one by one)"),
                    .measure(Measure(value: Double(members.count), unit: .count)),
                    .measure(Measure(value: Double(members.reduce(0) { $0 + counts[$1] }), unit: .count)),
                ]
            }
            return ResultTable(
                columns: [
                    ResultColumn("dataset", key: "dataset", role: .label), ResultColumn("facilities", key: "facilities", isTally: true),
                    ResultColumn("figures", key: "figures", isTally: true),
                ], rows: rows,
                notes: order.count > 1 ? ["totals without a filter are given per dataset; pick one with where dataset = …"] : [])
        case .levels:
            let facilities = store.facilities
            let rows: [[Cell]] = facilities.levels.map { level in
                let count = facilities.facilities.filter { $0.level == level }.count
                return [.text(level), .measure(Measure(value: Double(count), unit: .count))]
            }
            return ResultTable(
                columns: [ResultColumn("level", key: "level", role: .label), ResultColumn("facilities", key: "facilities", isTally: true)],
                rows: rows, notes: ["group by any level: show visits 2025 by \(facilities.levels.first ?? "province")"])
        case .periods(let indicator):
            var counts: [MonthInterval: Int] = [:]
            let codes = indicator.map { [$0.code] } ?? (0..<store.catalog.count).map { IndicatorCode($0) }
            for code in codes {
                for row in store.rows(of: code) { counts[store.interval(at: row), default: 0] += 1 }
            }
            let rows: [[Cell]] = counts.keys.sorted().map { interval in
                [
                    .text(interval.description), .measure(Measure(value: Double(interval.count), unit: .count)),
                    .measure(Measure(value: Double(counts[interval] ?? 0), unit: .count)),
                ]
            }
            return ResultTable(
                columns: [
                    ResultColumn("period", key: "period", role: .label), ResultColumn("months", key: "months", isTally: true),
                    ResultColumn("figures", key: "figures", isTally: true),
                ], rows: rows,
                notes: codes.contains { code in store.rows(of: code).contains { store.isDerived(at: $0) } }
                    ? ["figures include derived baselines (the same period a year before a stated change)"] : [])
        }
    }

    private func figureCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: store.facilities.count)
        for row in 0..<store.count { counts[Int(store.facility(at: row))] += 1 }
        return counts
    }

    func describe(_ bound: BoundIndicator) -> ResultTable {
        let indicator = bound.indicator
        let rows = store.rows(of: bound.code)
        let facilities = Set(rows.map { store.facility(at: $0) }).sorted().map { store.facilities[$0].displayName }
        // Longest periods first (years before months), then in time order.
        let periods = store.intervals(of: bound.code).sorted { a, b in
            a.count != b.count ? a.count > b.count : a.start < b.start
        }.map(\.description)
        var fields: [(String, String)] = [
            ("indicator", indicator.id), ("name", indicator.nameEN), ("tên", indicator.nameVI),
            ("kind", indicator.kind.rawValue), ("aggregation", indicator.kind.aggregationRule),
            ("unit", indicator.unit.isEmpty ? "—" : indicator.unit),
        ]
        if !indicator.aliases.isEmpty { fields.append(("aliases", indicator.aliases.joined(separator: ", "))) }
        if !indicator.summary.isEmpty { fields.append(("meaning", indicator.summary)) }
        if store.catalog.undeclared.contains(indicator.id) {
            fields.append(("catalog", "not declared in any catalog; loaded as a count"))
        }
        fields.append(("reported by", facilities.isEmpty ? "no facility in the loaded data" : Self.shortList(facilities)))
        fields.append(("periods", periods.isEmpty ? "—" : Self.shortList(periods)))
        return fieldTable(fields)
    }

    func describe(_ definition: Definition) -> ResultTable {
        var fields: [(String, String)] = [("name", definition.name), ("kind", "defined in this session")]
        if let label = definition.label { fields.append(("label", label)) }
        fields.append(("formula", "\(definition.expression)"))
        fields.append(("unit", definition.unit.name))
        fields.append(("computed", "each indicator totalled over the facilities and period first, then the formula"))
        fields.append(("reads", definition.expression.indicators.map(\.indicator.id).joined(separator: ", ")))
        return fieldTable(fields)
    }

    func describe(facility code: FacilityCode) -> ResultTable {
        let directory = store.facilities
        let facility = directory[code]
        var indicators: [String] = []
        var periods = Set<MonthInterval>()
        for indicator in 0..<store.catalog.count {
            let rows = store.rows(of: IndicatorCode(indicator)).filter { store.facility(at: $0) == code }
            if !rows.isEmpty { indicators.append(store.catalog[IndicatorCode(indicator)].id) }
            for row in rows { periods.insert(store.interval(at: row)) }
        }
        let children = (0..<directory.count).map { FacilityCode($0) }.filter { directory.parent(of: $0) == code }
        var fields: [(String, String)] = [("facility", facility.id), ("name", facility.name)]
        if let short = facility.shortName { fields.append(("short name", short)) }
        if !facility.formerNames.isEmpty { fields.append(("former names", facility.formerNames.joined(separator: "; "))) }
        fields.append(("level", facility.level))
        fields.append(("parent", directory.parent(of: code).map { directory[$0].name } ?? "—"))
        for former in directory.formerParents(of: code) {
            fields.append(("former parent", "\(directory[former.parent].name), until \(Period.month(former.until.year, former.until.month))"))
        }
        if let closed = facility.closed {
            fields.append(("closed", "after \(Period.month(closed.year, closed.month)); no figures are expected of it since"))
        }
        // Mergers seen from both sides: who moved in, who moved out, and when.
        var joined: [String: Int] = [:]
        var left: [String: Int] = [:]
        for other in (0..<directory.count).map({ FacilityCode($0) }) {
            for former in directory.formerParents(of: other) {
                let after = former.until.advanced(by: 1)
                let when = Period.month(after.year, after.month)
                let to = directory.parent(of: other, in: after)
                if former.parent == code, let to {
                    left["to \(directory[to].displayName) from \(when)", default: 0] += 1
                }
                if to == code { joined["from \(directory[former.parent].displayName) in \(when)", default: 0] += 1 }
            }
        }
        for (text, count) in joined.sorted(by: { $0.key < $1.key }) {
            fields.append(("joined it", "\(count) facilit\(count == 1 ? "y" : "ies") \(text)"))
        }
        for (text, count) in left.sorted(by: { $0.key < $1.key }) {
            fields.append(("moved away", "\(count) facilit\(count == 1 ? "y" : "ies") \(text)"))
        }
        if let dataset = facility.dataset { fields.append(("dataset", dataset)) }
        if !children.isEmpty { fields.append(("below it", Self.shortList(children.map { directory[$0].displayName }))) }
        fields.append(("indicators", indicators.isEmpty ? "—" : indicators.joined(separator: ", ")))
        let ordered = periods.sorted { a, b in a.count != b.count ? a.count > b.count : a.start < b.start }
        fields.append(("periods", periods.isEmpty ? "—" : Self.shortList(ordered.map(\.description))))
        return fieldTable(fields)
    }

    /// Up to eight names, then how many more: a describe must fit a projector.
    static func shortList(_ names: [String]) -> String {
        guard names.count > 8 else { return names.joined(separator: ", ") }
        return names.prefix(8).joined(separator: ", ") + " and \(names.count - 8) more"
    }

    private func fieldTable(_ fields: [(String, String)]) -> ResultTable {
        ResultTable(
            columns: [ResultColumn("field", key: "field", role: .label), ResultColumn("value", key: "value", role: .label)],
            rows: fields.map { [.text($0.0), .text($0.1)] })
    }
}
