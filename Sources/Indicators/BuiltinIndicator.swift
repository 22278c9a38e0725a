/// A built-in indicator as the host sees it: what it is, what it needs, what it produces, and
/// a uniform way to run it.
///
/// ```swift
/// let bands = BuiltinIndicators.named("bollinger")!
/// try bands.compute(columns: ["close": closes], params: ["period": 20],
///                   outputs: [upper, middle, lower])
/// ```
public struct BuiltinIndicator: Sendable, Identifiable {
    /// Stable id, for example `"sma"` or `"realized_vol"`.
    public let id: String
    /// Semantic version of the computation; bumped when outputs change.
    public let version: String
    /// One line describing the indicator.
    public let summary: String
    /// Parameters with defaults and ranges, in declaration order.
    public let parameters: [IndicatorParameter]
    /// Input columns, among `ts`, `open`, `high`, `low`, `close`, `volume`.
    public let inputs: [String]
    /// Output names in the order `compute` expects its output buffers.
    public let outputs: [String]

    let lookbackRule: @Sendable (ResolvedParameters) -> Int
    /// History for invariance when it is more than the lookback (recursive or session-based ones).
    let historyRule: (@Sendable (ResolvedParameters) -> HistoryNeed)?
    let kernel: @Sendable (IndicatorColumns, ResolvedParameters, [UnsafeMutableBufferPointer<Double>]) throws -> Void

    init(id: String, summary: String, parameters: [IndicatorParameter] = [], inputs: [String], outputs: [String] = ["value"],
         lookback: @escaping @Sendable (ResolvedParameters) -> Int,
         history: (@Sendable (ResolvedParameters) -> HistoryNeed)? = nil,
         kernel: @escaping @Sendable (IndicatorColumns, ResolvedParameters, [UnsafeMutableBufferPointer<Double>]) throws -> Void) {
        self.id = id
        self.version = "1.0.0"
        self.summary = summary
        self.parameters = parameters
        self.inputs = inputs
        self.outputs = outputs
        self.lookbackRule = lookback
        self.historyRule = history
        self.kernel = kernel
    }

    /// The full parameter set: `params` checked against the declared names and ranges, with
    /// defaults filled in.
    /// - Throws: `IndicatorError` for an unknown name or an out-of-range value.
    public func resolve(_ params: [String: Double]) throws -> [String: Double] {
        try ResolvedParameters(self, params).values
    }

    /// Leading NaN rows to expect for NaN-free inputs with these parameters.
    /// - Throws: `IndicatorError` for invalid parameters.
    public func lookback(_ params: [String: Double] = [:]) throws -> Int {
        lookbackRule(try ResolvedParameters(self, params))
    }

    /// History a value needs to equal its full-history value (`History`): what the host
    /// declares as the indicator's lookback, fetches before a range and checks.
    /// - Throws: `IndicatorError` for invalid parameters.
    public func history(_ params: [String: Double] = [:]) throws -> HistoryNeed {
        let resolved = try ResolvedParameters(self, params)
        return historyRule?(resolved) ?? HistoryNeed(bars: lookbackRule(resolved))
    }

    /// Runs the indicator into caller-owned buffers.
    /// - Parameters:
    ///   - ts: bar timestamps (ns since the epoch, UTC); needed only when `inputs` has `"ts"`.
    ///   - columns: input columns by name; extra columns are ignored.
    ///   - params: parameter values by name; missing ones take their defaults.
    ///   - outputs: one buffer per name in `outputs`, each as long as the inputs.
    /// - Throws: `IndicatorError` for invalid parameters, missing inputs, or mismatched,
    ///   miscounted or overlapping buffers.
    public func compute(ts: UnsafeBufferPointer<Int64> = UnsafeBufferPointer(start: nil, count: 0),
                        columns: [String: UnsafeBufferPointer<Double>], params: [String: Double] = [:],
                        outputs: [UnsafeMutableBufferPointer<Double>]) throws {
        let resolved = try ResolvedParameters(self, params)
        guard outputs.count == self.outputs.count else {
            throw IndicatorError(.outputCount, indicator: id,
                                 message: "expects \(self.outputs.count) output buffers (\(self.outputs.joined(separator: ", "))), got \(outputs.count)")
        }
        // An empty `ts` only counts as missing when there are rows to compute.
        let missing = inputs.filter { $0 == "ts" ? ts.isEmpty && !outputs[0].isEmpty : columns[$0] == nil }
        guard missing.isEmpty else {
            throw IndicatorError(.missingInput, indicator: id, message: "missing input \(missing.joined(separator: ", "))")
        }
        try kernel(IndicatorColumns(ts: ts, columns: columns), resolved, outputs)
    }
}

/// Parameter values after defaults and validation, read by the registry's kernels.
struct ResolvedParameters {
    let values: [String: Double]

    init(_ indicator: BuiltinIndicator, _ given: [String: Double]) throws {
        let known = Set(indicator.parameters.map(\.name))
        if let unknown = given.keys.sorted().first(where: { !known.contains($0) }) {
            let names = indicator.parameters.map(\.name).joined(separator: ", ")
            throw IndicatorError(.unknownParameter, indicator: indicator.id,
                                 message: "unknown parameter '\(unknown)' (parameters: \(names.isEmpty ? "none" : names))")
        }
        var values: [String: Double] = [:]
        for parameter in indicator.parameters {
            let value = given[parameter.name] ?? parameter.defaultValue
            try parameter.validate(value, indicator: indicator.id)
            values[parameter.name] = value
        }
        self.values = values
    }

    /// Only called with declared names, which `init` guarantees are present and in range.
    func int(_ name: String) -> Int { Int(values[name]!) }
    func float(_ name: String) -> Double { values[name]! }
}

/// Input columns handed to a registry kernel; presence was checked by `compute`.
struct IndicatorColumns {
    let ts: UnsafeBufferPointer<Int64>
    let columns: [String: UnsafeBufferPointer<Double>]

    subscript(_ name: String) -> UnsafeBufferPointer<Double> { columns[name]! }
}
