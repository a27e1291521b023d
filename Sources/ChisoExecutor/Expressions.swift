import ChisoModel
import ChisoParser
import ChisoPlanner

/// Computes an expression for one cell: each indicator is aggregated over the cell's
/// facilities and period first (a ratio of sums, never a sum of ratios), then the
/// arithmetic is done on those totals.
///
/// Qualifiers travel through the arithmetic: adding a lower bound gives a lower bound,
/// subtracting or dividing by one gives an upper bound (figures are taken as positive).
/// A missing part or a zero divisor leaves the cell empty with the reason.
struct ExpressionEvaluator {
    let aggregator: CellAggregator
    let interval: MonthInterval
    let members: (FacilityCode, Month) -> Bool
    /// The facilities that can be members, when known: a small group's rows are found by search.
    let candidates: Set<FacilityCode>?
    var weight: IndicatorCode?
    /// The cell's group among the query's, for figures made for all groups at once.
    var group: Int?
    private var notes: [String] = []
    private var coveredByParent: [FacilityCode] = []
    private var contributors = Contributors()

    init(
        aggregator: CellAggregator, interval: MonthInterval, members: @escaping (FacilityCode, Month) -> Bool,
        candidates: Set<FacilityCode>? = nil
    ) {
        self.aggregator = aggregator
        self.interval = interval
        self.members = members
        self.candidates = candidates
    }

    private enum Outcome {
        case value(Measure, isConstant: Bool)
        /// No figure: nil when the part simply has none, or the reason.
        case missing(String?)
    }

    mutating func evaluate(_ measure: BoundMeasure) -> CellFigures {
        let outcome = evaluate(measure.expression)
        var figures: CellFigures
        switch outcome {
        case .missing(let reason):
            figures = CellFigures(value: .missing(reason: reason))
        case .value(var m, _):
            switch measure.unit {
            case .percent: m.unit = .percent
            case .count, .number: m.unit = .count
            }
            m.derivation = .computed(formula: measure.formula ?? measure.expression.description)
            // a / b (× 100): show the two totals, as a rate shows n/N.
            if let (numerator, denominator) = parts(of: measure.expression) {
                m.numerator = numerator
                m.denominator = denominator
            }
            figures = CellFigures(value: .measure(m))
        }
        figures.notes = notes
        figures.coveredByParent = coveredByParent
        figures.contributors = contributors
        return figures
    }

    private func parts(of expression: BoundExpression) -> (Double, Double)? {
        var e = expression.unwrapped
        if case .binary(.multiply, let a, let b) = e, b.isConstantValue(100) { e = a.unwrapped }
        guard case .binary(.divide, let a, let b) = e, a.singleIndicator != nil, b.singleIndicator != nil,
            case .value(let x, _) = evaluateQuietly(a), case .value(let y, _) = evaluateQuietly(b)
        else { return nil }
        return (x.value, y.value)
    }

    private func evaluateQuietly(_ expression: BoundExpression) -> Outcome {
        var copy = self
        return copy.evaluate(expression)
    }

    private mutating func evaluate(_ expression: BoundExpression) -> Outcome {
        switch expression {
        case .indicator(let indicator):
            let figures = aggregator.figures(
                of: indicator.code, in: interval, members: members, candidates: candidates, weight: weight, group: group)
            notes += figures.notes
            coveredByParent += figures.coveredByParent
            contributors.formUnion(figures.contributors)
            switch figures.value {
            case .measure(let m): return .value(m, isConstant: false)
            case .missing(let reason?): return .missing("\(indicator.indicator.id): \(reason)")
            default: return .missing(nil)
            }
        case .constant(let value, _):
            return .value(Measure(value: value, unit: .count), isConstant: true)
        case .parenthesized(let inner):
            return evaluate(inner)
        case .negate(let inner):
            guard case .value(var m, let constant) = evaluate(inner) else { return evaluate(inner) }
            m.value = -m.value
            m.qualifier = m.qualifier.flipped
            return .value(m, isConstant: constant)
        case .binary(let op, let left, let right):
            let a = evaluate(left)
            let b = evaluate(right)
            switch (a, b) {
            case (.missing(nil), .missing(nil)), (.missing(nil), .value(_, true)), (.value(_, true), .missing(nil)):
                return .missing(nil)
            case (.missing(let reason?), _), (_, .missing(let reason?)): return .missing(reason)
            case (.missing(nil), _): return .missing("no figure for \(left)")
            case (_, .missing(nil)): return .missing("no figure for \(right)")
            default: break
            }
            guard case .value(let x, let xc) = a, case .value(let y, let yc) = b else { return .missing(nil) }
            var result = Measure(value: 0, unit: .count)
            // A lower bound and an upper bound pulling the same way leave no bound at all:
            // "≥ 63,000 − ≥ 7,400" could be anything from below to above 55,600.
            let (qx, qy) = (x.qualifier, y.qualifier)
            switch op {
            case .add:
                result.value = x.value + y.value
                if Self.conflict(qx, qy) { return .missing("\(left) + \(right) has no bound: one is a lower bound, the other an upper") }
                result.qualifier = qx.adding(qy)
            case .subtract:
                result.value = x.value - y.value
                if Self.conflict(qx, qy.flipped) {
                    return .missing("\(left) - \(right) has no bound: both are lower (or upper) bounds")
                }
                result.qualifier = qx.subtracting(qy)
            case .multiply:
                result.value = x.value * y.value
                if !xc, !yc, Self.conflict(qx, qy) {
                    return .missing("\(left) * \(right) has no bound: one is a lower bound, the other an upper")
                }
                result.qualifier = Self.scaled(x, by: y, xConstant: xc, yConstant: yc)
            case .divide:
                guard y.value != 0 else {
                    return .missing(yc ? "division by zero" : "division by zero: \(right) is 0")
                }
                result.value = x.value / y.value
                if !yc, Self.conflict(qx, qy.flipped) {
                    return .missing("\(left) / \(right) has no bound: both are lower (or upper) bounds")
                }
                var reciprocal = y
                reciprocal.qualifier = qy.flipped
                result.qualifier = Self.scaled(x, by: reciprocal, xConstant: xc, yConstant: yc)
            }
            result.coverage = Self.narrower(x.coverage, y.coverage)
            result.sources = x.sources + y.sources.filter { !x.sources.contains($0) }
            return .value(result, isConstant: xc && yc)
        }
    }

    /// A lower bound met by an upper bound.
    private static func conflict(_ a: Qualifier, _ b: Qualifier) -> Bool {
        (a == .atLeast && b == .atMost) || (a == .atMost && b == .atLeast)
    }

    /// The qualifier of a product: a constant factor keeps it (or flips it when negative).
    private static func scaled(_ x: Measure, by y: Measure, xConstant: Bool, yConstant: Bool) -> Qualifier {
        if yConstant { return y.value < 0 ? x.qualifier.flipped : x.qualifier }
        if xConstant { return x.value < 0 ? y.qualifier.flipped : y.qualifier }
        return x.qualifier.adding(y.qualifier)
    }

    private static func narrower(_ a: Coverage?, _ b: Coverage?) -> Coverage? {
        switch (a, b) {
        case (nil, let c), (let c, nil): return c
        case (let a?, let b?): return a.covered <= b.covered ? a : b
        }
    }
}
