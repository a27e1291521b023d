import Foundation

/// An answer: a value per row label.
///
/// A label that is absent and a label with no value are the same thing, an empty cell.
typealias Answer = [String: Double?]

/// Which parent counts for a month when a facility changed parent.
enum Hierarchy: String, Sendable, CaseIterable {
    /// The parent in force in the month of the figure (a former parent until its last month).
    case dated
    /// Today's parent for every month.
    case current
}

/// What happens when a facility and one of its ancestors both report the same figure.
enum Overlap: String, Sendable, CaseIterable {
    /// Both count: the ancestor's figure is its own activity (DHIS2's reading).
    case sumAll
    /// The ancestor's figure is taken to include its children's, which are left out
    /// (chiso's documented rule: "a parent's own total is used instead of its children's
    /// figures for the months it covers").
    case parentCovers
}

/// The answers to questions about the demo CSV files, computed by sqlite3 in plain SQL.
enum SQLiteReference {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// sqlite3 on the PATH, or at /usr/bin/sqlite3.
    static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = path.split(separator: ":").map { "\($0)/sqlite3" } + ["/usr/bin/sqlite3"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func key(_ question: Question, _ hierarchy: Hierarchy, _ overlap: Overlap) -> String {
        "\(question.statement)|\(hierarchy.rawValue)|\(overlap.rawValue)"
    }

    /// The answers to the questions under every reading, keyed by `key(_:_:_:)`: one
    /// sqlite3 run imports the CSV files of `folder` into memory and answers them all.
    static func answers(_ questions: [Question], folder: String) -> Result<[String: Answer], Failure> {
        guard let sqlite = executable else {
            return .failure(
                Failure(
                    description:
                        "sqlite3 was not found on the PATH or at /usr/bin/sqlite3; install it (apt-get install sqlite3) — the cross-check needs it"
                ))
        }
        var script = setup(folder: folder)
        for question in questions {
            for hierarchy in Hierarchy.allCases {
                for overlap in Overlap.allCases {
                    script += query(question, hierarchy: hierarchy, overlap: overlap) + ";\n"
                }
            }
        }
        let scriptPath = NSTemporaryDirectory() + "chiso-demo-crosscheck-\(UUID().uuidString).sql"
        defer { try? FileManager.default.removeItem(atPath: scriptPath) }
        do {
            try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        } catch {
            return .failure(Failure(description: "cannot write \(scriptPath): \(error)"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite)
        process.arguments = ["-batch", "-bail", ":memory:", ".read '\(scriptPath)'"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failure(Failure(description: "cannot run \(sqlite): \(error)"))
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, errorText.isEmpty else {
            return .failure(Failure(description: "sqlite3 failed (exit \(process.terminationStatus)): \(errorText)"))
        }
        var answers: [String: Answer] = [:]
        for question in questions {
            for hierarchy in Hierarchy.allCases {
                for overlap in Overlap.allCases { answers[key(question, hierarchy, overlap)] = [:] }
            }
        }
        for record in csvRecords(text) {
            guard record.count == 3 else {
                return .failure(Failure(description: "unexpected sqlite3 output line: \(record.prefix(4))"))
            }
            answers[record[0], default: [:]][record[1]] = Double(record[2])
        }
        return .success(answers)
    }

    /// Imports the CSV files and derives typed tables: figures with their first and last
    /// month (year × 12 + month − 1), the parent of every facility in every month under
    /// both readings of the hierarchy, and the ancestors that follow from it.
    static func setup(folder: String) -> String {
        func monthIndex(_ text: String) -> String {
            "(CAST(substr(\(text), 1, 4) AS INTEGER) * 12 + CAST(substr(\(text), 6, 2) AS INTEGER) - 1)"
        }
        var sql = """
            .mode csv
            .import --csv "\(folder)/facilities.csv" facilities_csv
            .import --csv "\(folder)/observations.csv" observations_csv
            -- One former parent at most ("demo-dongson until 2025M06"), which is all the demo has.
            CREATE TABLE facility AS
              SELECT facility, level, NULLIF(parent, '') AS parent, short_name,
                     NULLIF(substr(former_parents, 1, instr(former_parents, ' ') - 1), '') AS former_parent,
                     CASE WHEN former_parents <> '' THEN \(monthIndex("substr(former_parents, -7)")) END AS former_until
              FROM facilities_csv;
            CREATE TABLE figure AS
              SELECT facility, indicator,
                     CAST(substr(period, 1, 4) AS INTEGER) * 12 + CASE substr(period, 5, 1)
                       WHEN 'M' THEN CAST(substr(period, 6, 2) AS INTEGER) - 1
                       WHEN 'Q' THEN CAST(substr(period, 6, 1) AS INTEGER) * 3 - 3
                       ELSE 0 END AS start_m,
                     CAST(substr(period, 1, 4) AS INTEGER) * 12 + CASE substr(period, 5, 1)
                       WHEN 'M' THEN CAST(substr(period, 6, 2) AS INTEGER) - 1
                       WHEN 'Q' THEN CAST(substr(period, 6, 1) AS INTEGER) * 3 - 1
                       ELSE 11 END AS end_m,
                     CAST(NULLIF(value, '') AS REAL) AS value,
                     CAST(NULLIF(numerator, '') AS REAL) AS n,
                     CAST(NULLIF(denominator, '') AS REAL) AS d
              FROM observations_csv;
            CREATE INDEX figure_by_indicator ON figure(indicator, start_m);
            CREATE UNIQUE INDEX facility_by_id ON facility(facility);
            CREATE TABLE month AS
              WITH RECURSIVE m(i) AS (
                SELECT MIN(start_m) FROM figure UNION ALL SELECT i + 1 FROM m WHERE i < (SELECT MAX(end_m) FROM figure))
              SELECT i FROM m;
            CREATE TABLE parent_dated AS
              SELECT f.facility, m.i AS m,
                     CASE WHEN f.former_parent IS NOT NULL AND m.i <= f.former_until THEN f.former_parent ELSE f.parent END AS parent
              FROM facility f, month m;
            CREATE TABLE parent_current AS SELECT f.facility, m.i AS m, f.parent FROM facility f, month m;

            """
        for hierarchy in Hierarchy.allCases {
            let h = hierarchy.rawValue
            sql += """
                CREATE TABLE ancestor_\(h) AS
                  WITH RECURSIVE a(facility, m, ancestor) AS (
                    SELECT facility, m, parent FROM parent_\(h) WHERE parent IS NOT NULL
                    UNION
                    SELECT a.facility, a.m, p.parent FROM a JOIN parent_\(h) p ON p.facility = a.ancestor AND p.m = a.m
                    WHERE p.parent IS NOT NULL)
                  SELECT * FROM a;
                CREATE INDEX ancestor_\(h)_by_facility ON ancestor_\(h)(facility, m);

                """
        }
        return sql
    }

    /// One question under one reading: statements whose output is rows `key,label,value`.
    ///
    /// Figures count when their months lie inside the period. Each gets the label of its
    /// row group (for `by district`: its district in the figure's last month, or itself
    /// for a district centre). With `parentCovers`, a figure is dropped when an ancestor
    /// in the same group has a figure of the same indicator spanning its months.
    static func query(_ question: Question, hierarchy: Hierarchy, overlap: Overlap) -> String {
        let ancestors = "ancestor_\(hierarchy.rawValue)"
        let label: String
        switch question.grouping {
        case .total:
            label = "'all facilities'"
        case .facility:
            label = "(SELECT short_name FROM facility f WHERE f.facility = r.facility)"
        case .district:
            label = """
                COALESCE(CASE WHEN r.level = 'district' THEN (SELECT short_name FROM facility f WHERE f.facility = r.facility)
                  ELSE (SELECT f.short_name FROM \(ancestors) an JOIN facility f ON f.facility = an.ancestor
                        WHERE an.facility = r.facility AND an.m = r.end_m AND f.level = 'district') END,
                  '(not in any district)')
                """
        }
        let uncovered =
            overlap == .sumAll
            ? ""
            : """
            WHERE NOT EXISTS (
              SELECT 1 FROM \(ancestors) an JOIN labelled p ON p.facility = an.ancestor
              WHERE an.facility = r.facility AND an.m = r.end_m AND p.label = r.label
                AND p.start_m <= r.start_m AND p.end_m >= r.end_m)
            """
        let key = "'\(Self.key(question, hierarchy, overlap))'"
        let final: String
        switch question.aggregation {
        case .count:
            final = "SELECT \(key), label, SUM(value) FROM kept GROUP BY label"
        case .ratio:
            final = "SELECT \(key), label, SUM(n) * 100.0 / SUM(d) FROM kept GROUP BY label"
        case .percentage:
            final = "SELECT \(key), label, CASE WHEN COUNT(*) = 1 THEN MAX(value) END FROM kept GROUP BY label"
        case .stock:
            // A snapshot: the figures of the group's latest month with any figure.
            final = """
                SELECT \(key), label, SUM(value) FROM kept k
                WHERE k.end_m = (SELECT MAX(l.end_m) FROM kept l WHERE l.label = k.label)
                GROUP BY label
                """
        }
        // The figures of the question, labelled, in an indexed table: a common table
        // expression would be scanned once per figure by the NOT EXISTS above.
        return """
            DROP TABLE IF EXISTS temp.labelled;
            CREATE TEMP TABLE labelled AS
              SELECT r.*, \(label) AS label
              FROM (SELECT r.*, f.level FROM figure r JOIN facility f USING (facility)
                    WHERE r.indicator = '\(question.indicator)'
                      AND r.start_m >= \(question.period.months.lowerBound)
                      AND r.end_m <= \(question.period.months.upperBound)) r;
            CREATE INDEX temp.labelled_by_facility ON labelled(facility, label);
            WITH kept AS (SELECT * FROM labelled r \(uncovered))
            \(final)
            """
    }
}

/// Whether two answers agree: the same labels with values, each within 1e-6 relative.
func agrees(_ a: Answer, _ b: Answer) -> Bool {
    differences(a, b).isEmpty
}

/// The labels whose values differ, as `label: a ≠ b`, in label order.
func differences(_ a: Answer, _ b: Answer) -> [String] {
    Set(a.keys).union(b.keys).sorted().compactMap { label in
        let x = a[label] ?? nil
        let y = b[label] ?? nil
        switch (x, y) {
        case (nil, nil): return nil
        case (let x?, let y?) where x == y || abs(x - y) <= 1e-6 * max(abs(x), abs(y)): return nil
        default: return "\(label): \(x.map { "\($0)" } ?? "empty") ≠ \(y.map { "\($0)" } ?? "empty")"
        }
    }
}
