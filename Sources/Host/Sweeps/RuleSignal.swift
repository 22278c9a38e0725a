import Foundation
import Indicators

/// The signal a rule sweep thresholds, written `NAME:PARAM` and computed on close.
///
/// `ret:N` is the N-bar log return `ln(close[i] / close[i-N])` (NaN for the first N bars),
/// divided then logged as the builtin `log_return` is, so `ret:1` equals it bit for bit. Any
/// other name is a builtin indicator that reads only close and has one output, such as
/// `zscore:60` or `rsi:14`; PARAM is its single parameter, and a parameterless one (`log_return`)
/// takes no `:PARAM`.
public struct RuleSignal: Sendable, Equatable, CustomStringConvertible {
    public let name: String
    public let parameter: Int?

    /// Parses and checks `NAME:PARAM` (name known, parameter in the indicator's range).
    public init(parsing text: String) throws(RuleSweepError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), !parts[0].isEmpty else {
            throw RuleSweepError("signal '\(text)': expected NAME:PARAM, e.g. zscore:60, rsi:14 or ret:5")
        }
        name = parts[0]
        if parts.count == 2 {
            guard let value = Int(parts[1]) else { throw RuleSweepError("signal '\(text)': the parameter '\(parts[1])' is not an integer") }
            parameter = value
        } else {
            parameter = nil
        }
        if name == "ret" {
            guard let n = parameter, n >= 1 else { throw RuleSweepError("signal '\(text)': ret needs a bar count ≥ 1, e.g. ret:5") }
            return
        }
        let indicator = try Self.indicator(name)
        let params = try params(of: indicator)
        do {
            _ = try indicator.resolve(params)
        } catch {
            throw RuleSweepError("signal '\(text)': \(error)")
        }
    }

    public var description: String { parameter.map { "\(name):\($0)" } ?? name }

    /// One value per close; NaN where the signal is not defined yet (warm-up).
    public func compute(closes: [Double]) throws(RuleSweepError) -> [Double] {
        if name == "ret", let n = parameter {
            return closes.indices.map { i in i >= n ? log(closes[i] / closes[i - n]) : .nan }
        }
        let indicator = try Self.indicator(name)
        do {
            return try indicator.compute(columns: ["close": closes], params: try params(of: indicator))[0]
        } catch {
            throw RuleSweepError("signal '\(self)': \(error)")
        }
    }

    /// Builtins a signal can name: they read close alone and give one series.
    public static var usable: [String] {
        ["ret"] + BuiltinIndicators.all.filter(isUsable).map(\.id)
    }

    private static func isUsable(_ b: BuiltinIndicator) -> Bool {
        b.inputs == ["close"] && b.outputs.count == 1 && b.parameters.count <= 1
    }

    private static func indicator(_ name: String) throws(RuleSweepError) -> BuiltinIndicator {
        guard let found = BuiltinIndicators.named(name), isUsable(found) else {
            throw RuleSweepError("signal '\(name)': not a usable signal (have: \(usable.joined(separator: ", ")))")
        }
        return found
    }

    private func params(of indicator: BuiltinIndicator) throws(RuleSweepError) -> [String: Double] {
        switch (indicator.parameters.first, parameter) {
        case (nil, nil): return [:]
        case (let p?, let value?): return [p.name: Double(value)]
        case (let p?, nil): throw RuleSweepError("signal '\(name)': needs its \(p.name), e.g. \(name):\(Int(p.defaultValue))")
        case (nil, _?): throw RuleSweepError("signal '\(description)': \(name) takes no parameter")
        }
    }
}
