/// A calendar month as a single integer: `year * 12 + (month - 1)`.
public struct Month: Sendable, Hashable, Comparable, Strideable {
    public var index: Int32

    @inlinable public init(index: Int32) { self.index = index }

    public init(year: Int, month: Int) {
        self.index = Int32(year * 12 + (month - 1))
    }

    public var year: Int { Int(index) / 12 }
    /// 1-based month of the year.
    public var month: Int { Int(index) % 12 + 1 }

    @inlinable public static func < (lhs: Month, rhs: Month) -> Bool { lhs.index < rhs.index }
    @inlinable public func distance(to other: Month) -> Int { Int(other.index - index) }
    @inlinable public func advanced(by n: Int) -> Month { Month(index: index + Int32(n)) }
}

/// A closed range of months, the form every period takes once resolved.
public struct MonthInterval: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var start: Month
    public var end: Month

    @inlinable public init(_ start: Month, _ end: Month) {
        precondition(start <= end, "a month interval cannot end before it starts")
        self.start = start
        self.end = end
    }

    /// Number of months in the interval.
    @inlinable public var count: Int { start.distance(to: end) + 1 }

    @inlinable public func contains(_ other: MonthInterval) -> Bool {
        start <= other.start && other.end <= end
    }

    public func overlaps(_ other: MonthInterval) -> Bool {
        start <= other.end && other.start <= end
    }

    /// The same months a number of years earlier (negative) or later.
    public func shifted(years: Int) -> MonthInterval {
        MonthInterval(start.advanced(by: 12 * years), end.advanced(by: 12 * years))
    }

    public static func < (lhs: MonthInterval, rhs: MonthInterval) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }

    /// The natural name of these months: `2025`, `2025H1`, `2025Q3`, `2025M03`, `9M2023`,
    /// or a range `2024M11..2025M02`.
    public var description: String { Period(interval: self).description }
}

/// A period as written: it keeps the notation's kind so that "same period last year" keeps it.
public enum Period: Sendable, Hashable, CustomStringConvertible {
    case year(Int)
    case half(Int, Int)
    case quarter(Int, Int)
    case month(Int, Int)
    /// January to month N of a year, cumulative: `9M2023`.
    case firstMonths(Int, Int)
    /// From the first month of one period to the last month of another.
    case range(MonthInterval)

    public var interval: MonthInterval {
        switch self {
        case .year(let y): return MonthInterval(Month(year: y, month: 1), Month(year: y, month: 12))
        case .half(let y, let h):
            return MonthInterval(Month(year: y, month: 6 * h - 5), Month(year: y, month: 6 * h))
        case .quarter(let y, let q):
            return MonthInterval(Month(year: y, month: 3 * q - 2), Month(year: y, month: 3 * q))
        case .month(let y, let m): return MonthInterval(Month(year: y, month: m), Month(year: y, month: m))
        case .firstMonths(let n, let y):
            return MonthInterval(Month(year: y, month: 1), Month(year: y, month: n))
        case .range(let interval): return interval
        }
    }

    /// The most natural period for an interval of months.
    public init(interval: MonthInterval) {
        let (y, first, last) = (interval.start.year, interval.start.month, interval.end.month)
        guard interval.end.year == y else {
            self = .range(interval)
            return
        }
        switch (first, last) {
        case (1, 12): self = .year(y)
        case (1, 6): self = .half(y, 1)
        case (7, 12): self = .half(y, 2)
        case _ where first == last: self = .month(y, first)
        case _ where last - first == 2 && first % 3 == 1: self = .quarter(y, (first + 2) / 3)
        case (1, _): self = .firstMonths(last, y)
        default: self = .range(interval)
        }
    }

    /// The same period a year earlier ("cùng kỳ"): `2025H1` → `2024H1`.
    public var sameLastYear: Period {
        switch self {
        case .year(let y): return .year(y - 1)
        case .half(let y, let h): return .half(y - 1, h)
        case .quarter(let y, let q): return .quarter(y - 1, q)
        case .month(let y, let m): return .month(y - 1, m)
        case .firstMonths(let n, let y): return .firstMonths(n, y - 1)
        case .range(let interval): return .range(interval.shifted(years: -1))
        }
    }

    public var description: String {
        switch self {
        case .year(let y): return "\(y)"
        case .half(let y, let h): return "\(y)H\(h)"
        case .quarter(let y, let q): return "\(y)Q\(q)"
        case .month(let y, let m): return "\(y)M\(m < 10 ? "0" : "")\(m)"
        case .firstMonths(let n, let y): return "\(n)M\(y)"
        case .range(let interval):
            return "\(Period.month(interval.start.year, interval.start.month))..\(Period.month(interval.end.year, interval.end.month))"
        }
    }
}

/// Why a text is not a period, with the part of it that is wrong.
public struct PeriodSyntaxError: Error, Sendable, Hashable {
    public var message: String
    public var hint: String?
}

extension Period {
    /// The years chiso accepts; outside them a number is more likely a typo than a period.
    public static let acceptedYears = 1900...2200

    /// Reads chiso's notation (`2025`, `2025H1`, `2025Q3`, `2025M03`, `9M2023`,
    /// `2024M01..2025M06`) and DHIS2's aliases (`2025S1`, `202503`).
    public static func parse(_ text: String) -> Result<Period, PeriodSyntaxError> {
        let upper = text.uppercased()
        if let dots = upper.range(of: "..") {
            let left = String(upper[..<dots.lowerBound])
            let right = String(upper[dots.upperBound...])
            switch (parseSingle(left), parseSingle(right)) {
            case (.failure(let error), _), (_, .failure(let error)):
                return .failure(error)
            case (.success(let a), .success(let b)):
                guard a.interval.start <= b.interval.end else {
                    return .failure(
                        PeriodSyntaxError(
                            message: "the range \(text) ends before it starts",
                            hint: "write the earlier period first: \(b)..\(a)"))
                }
                return .success(.range(MonthInterval(a.interval.start, b.interval.end)))
            }
        }
        return parseSingle(upper)
    }

    private static func parseSingle(_ text: String) -> Result<Period, PeriodSyntaxError> {
        let chars = Array(text)
        func number(_ slice: ArraySlice<Character>) -> Int? {
            guard !slice.isEmpty, slice.count <= 6, slice.allSatisfy(\.isASCII), slice.allSatisfy(\.isNumber)
            else { return nil }
            return Int(String(slice))
        }
        func checkYear(_ year: Int) -> PeriodSyntaxError? {
            acceptedYears.contains(year)
                ? nil
                : PeriodSyntaxError(message: "\(year) is not a year chiso accepts (\(acceptedYears.lowerBound)–\(acceptedYears.upperBound))")
        }
        let notAPeriod = PeriodSyntaxError(
            message: "'\(text)' is not a period",
            hint: "periods look like 2025, 2025H1, 2025Q3, 2025M03, 9M2023 or 2024M01..2025M06")
        // 9M2023: the first N months of a year.
        if let m = chars.firstIndex(of: "M"), m > 0, m <= 2, let n = number(chars[..<m]),
            let y = number(chars[(m + 1)...]), chars.count - m - 1 == 4
        {
            if let error = checkYear(y) { return .failure(error) }
            guard (1...12).contains(n) else {
                return .failure(PeriodSyntaxError(message: "'\(text)': a year has 12 months, not \(n)", hint: nil))
            }
            return .success(.firstMonths(n, y))
        }
        guard chars.count >= 4, let year = number(chars[0..<4]) else { return .failure(notAPeriod) }
        if chars.count > 4, number(chars[4...]) != nil, chars.count != 6 { return .failure(notAPeriod) }
        if chars.count == 4 {
            if let error = checkYear(year) { return .failure(error) }
            return .success(.year(year))
        }
        if let error = checkYear(year) { return .failure(error) }
        let rest = chars[4...]
        if let yyyymm = number(rest), rest.count == 2 {  // DHIS2 monthly: 202503
            guard (1...12).contains(yyyymm) else {
                return .failure(PeriodSyntaxError(message: "'\(text)': there is no month \(yyyymm)", hint: nil))
            }
            return .success(.month(year, yyyymm))
        }
        if rest.first == "W" {
            return .failure(
                PeriodSyntaxError(
                    message: "weekly periods ('\(text)') are not supported yet", hint: "use months, quarters, halves or years"))
        }
        guard let letter = rest.first, let n = number(rest.dropFirst()), rest.count <= 3 else {
            return .failure(notAPeriod)
        }
        switch letter {
        case "H", "S":
            guard n == 1 || n == 2 else {
                return .failure(PeriodSyntaxError(message: "'\(text)' is not a period: a half-year is H1 or H2", hint: nil))
            }
            return .success(.half(year, n))
        case "Q":
            guard (1...4).contains(n) else {
                return .failure(PeriodSyntaxError(message: "'\(text)' is not a period: a quarter is Q1 to Q4", hint: nil))
            }
            return .success(.quarter(year, n))
        case "M":
            guard (1...12).contains(n) else {
                return .failure(PeriodSyntaxError(message: "'\(text)' is not a period: a month is M01 to M12", hint: nil))
            }
            return .success(.month(year, n))
        default:
            return .failure(notAPeriod)
        }
    }
}
