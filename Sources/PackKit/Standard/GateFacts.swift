/// Reading the facts a gate is given, and writing numbers into its reasons: shared by every
/// Swift pack's gates (zeroedge, es0dte), so their reasons read alike.
public enum Facts {
    /// The number `name` of `facts`, or an error naming it and showing what came instead.
    public static func number(_ facts: JSON, _ name: String, gate: String) throws -> Double {
        guard let value = facts[name]?.doubleValue else {
            throw ComponentError("\(gate): facts lack the number '\(name)' (got \(facts.text))")
        }
        return value
    }

    /// `x` with exactly `digits` decimals ("0.50", "35.0"), without Foundation's formatter.
    public static func decimal(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite, abs(x) < 1e12 else { return "\(x)" }
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(x) * Double(scale)).rounded())
        let sign = x < 0 && scaled != 0 ? "-" : ""
        guard digits > 0 else { return "\(sign)\(scaled)" }
        let fraction = String(scaled % scale)
        return "\(sign)\(scaled / scale).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
    }
}
