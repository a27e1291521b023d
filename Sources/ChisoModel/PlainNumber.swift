/// A number as machines read it: no grouping, `.` for decimals, at most six decimals,
/// no trailing zeros (CSV, JSON, report files).
public enum PlainNumber {
    public static func text(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        // Six decimals of a larger number would not fit 64 bits: Swift's own form (1e+25).
        guard abs(value) < 1e12 else { return "\(value)" }
        let scaled = Int64((abs(value) * 1e6).rounded())
        guard scaled != 0 else { return "0" }
        var fraction = String(scaled % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let whole = String(scaled / 1_000_000)
        return (value < 0 ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
    }
}
