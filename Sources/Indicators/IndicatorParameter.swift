/// One tunable parameter of an indicator: its name, type, default and inclusive range.
///
/// The kernels validate their arguments against the same values the registry publishes, so
/// the host's pre-flight check and the kernel can never disagree.
public struct IndicatorParameter: Sendable, Hashable {
    /// Whether a value must be a whole number.
    public enum Kind: String, Sendable, Hashable {
        case int
        case float
    }

    /// The name used in parameter dictionaries, for example `"period"`.
    public let name: String
    /// Integer or floating-point.
    public let kind: Kind
    /// The value used when a caller does not give one.
    public let defaultValue: Double
    /// Smallest accepted value (inclusive).
    public let min: Double
    /// Largest accepted value (inclusive).
    public let max: Double
    /// One line saying what the parameter does.
    public let summary: String

    /// Creates a parameter description.
    public init(name: String, kind: Kind, defaultValue: Double, min: Double, max: Double, summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.min = min
        self.max = max
        self.summary = summary
    }

    /// Throws `IndicatorError.invalidParameter` unless `value` is finite, in range and, for an
    /// integer parameter, whole.
    public func validate(_ value: Double, indicator: String) throws {
        let whole = kind == .float || value.rounded(.towardZero) == value
        guard value.isFinite, whole, value >= min, value <= max else {
            throw IndicatorError(.invalidParameter, indicator: indicator,
                                 message: "parameter '\(name)' must be \(rangeText) (got \(value))")
        }
    }

    /// Integer form of `validate(_:indicator:)`, used by the kernels.
    func validate(_ value: Int, indicator: String) throws {
        guard Double(value) >= min, Double(value) <= max else {
            throw IndicatorError(.invalidParameter, indicator: indicator,
                                 message: "parameter '\(name)' must be \(rangeText) (got \(value))")
        }
    }

    private var rangeText: String {
        switch kind {
        case .int: "an integer in \(Int(min))...\(Int(max))"
        case .float: "a finite number in \(min)...\(max)"
        }
    }
}

extension IndicatorParameter {
    /// A period parameter with TA-Lib's upper bound.
    static func period(_ name: String = "period", default value: Int, min: Int, _ summary: String) -> Self {
        Self(name: name, kind: .int, defaultValue: Double(value), min: Double(min),
             max: Double(TALib.maxPeriod), summary: summary)
    }

    /// A standard-deviation multiplier with TA-Lib's range.
    static func deviations(_ name: String, default value: Double, _ summary: String) -> Self {
        Self(name: name, kind: .float, defaultValue: value, min: -3e37, max: 3e37, summary: summary)
    }
}
