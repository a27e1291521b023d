import ChisoModel

/// The figures of one cell: a value, and the plan facts when the reports give them.
///
/// A query copies many of these (a row's periods, a batch's groups); the facts most cells
/// lack are kept in one box, so that a copy is the value and two references.
struct CellFigures {
    var value: Cell
    /// The facilities whose figures make the value.
    var contributors = Contributors()
    private var more: More?

    init(value: Cell) {
        self.value = value
    }

    private struct Facts {
        var planShare: Cell?
        var plan: Cell?
        var coveredByParent: [FacilityCode] = []
        var notes: [String] = []

        var isEmpty: Bool { planShare == nil && plan == nil && coveredByParent.isEmpty && notes.isEmpty }
    }

    /// Never changed once made: a change makes a new box, so copies stay apart.
    private final class More {
        let facts: Facts
        init(_ facts: Facts) { self.facts = facts }
    }

    private var facts: Facts {
        get { more?.facts ?? Facts() }
        set {
            // Nothing to keep: no box (most cells set empty notes and no plans).
            if more == nil && newValue.isEmpty { return }
            more = More(newValue)
        }
    }

    var planShare: Cell? {
        get { more?.facts.planShare }
        set { facts.planShare = newValue }
    }
    var plan: Cell? {
        get { more?.facts.plan }
        set { facts.plan = newValue }
    }
    /// Facilities whose own figures were left out because a parent's total covers them.
    var coveredByParent: [FacilityCode] {
        get { more?.facts.coveredByParent ?? [] }
        set { facts.coveredByParent = newValue }
    }
    /// What the reader should know about the figures used: a stated total that its
    /// monthly figures do not add up to.
    var notes: [String] {
        get { more?.facts.notes ?? [] }
        set { facts.notes = newValue }
    }
}
