import Indicators
import PackKit

/// The whole pack: what it declares is all the host can see and call.
enum SwiftExample {
    static let definition = PackDefinition(
        adapters: [RandomWalkAdapter.adapter],
        indicators: [emaIndicator, zscoreIndicator],
        gates: [minRowsGate],
        riskProfiles: [defaultProfile],
        resources: [.yaml("indicator_sets/swiftexample_basic_v1.yaml", """
            # A minimal indicator set over this pack's indicators.
            id: swiftexample_basic_v1
            version: 1
            features:
              - { name: ema_20, pack: swiftexample, indicator: ema, params: { period: 20 } }
              - { name: z_60, pack: swiftexample, indicator: zscore, params: { period: 60 } }
            """)]
    )
}

// The C entry (entry.c) calls this to obtain the definition.
@_cdecl("edgehost_swift_pack")
public func edgehostSwiftPack() -> PackHandle { exportPack(SwiftExample.definition) }
private let pinned: SwiftPackFunction = edgehostSwiftPack

/// EMA of `close`, computed in place into the output column: no copy on either side.
let emaIndicator = Indicator(ComponentInfo(
    id: "ema", version: "1.0.0", description: "Exponential moving average of close (TA-Lib EMA, SMA seed)",
    params: [.int("period", default: 20, min: 1, max: 100_000, "smoothing period in bars")],
    inputs: [.float64("close")],
    outputs: [.float64("value", allowsNaN: true, "EMA; NaN for the first period-1 rows")],
    // An EMA never forgets its seed exactly: its lookback covers the convergence (History.ema).
    causality: Causality(lookbackBars: Int64(History.ema(period: 20)))
), lookback: { params in Reach(bars: Int64(History.ema(period: try params.int("period")))) }) { input, params in
    let close = try input.float64("close")
    let period = try params.int("period")
    let out = try Float64Column(count: close.count) { out in
        try close.withUnsafeBufferPointer { try ema($0, period: period, into: out) }
    }
    return try Frame([.float64("value", out)])
}

/// Rolling z-score of `close`.
let zscoreIndicator = Indicator(ComponentInfo(
    id: "zscore", version: "1.0.0", description: "Rolling z-score of close: (close - SMA) / population std",
    params: [.int("period", default: 60, min: 2, max: 100_000, "window in bars")],
    inputs: [.float64("close")],
    outputs: [.float64("value", allowsNaN: true, "z-score; NaN during warm-up or when the window is flat")],
    causality: Causality(lookbackBars: 60)
), lookback: { params in Reach(bars: Int64(try params.int("period"))) }) { input, params in
    let close = try input.float64("close")
    let period = try params.int("period")
    let out = try Float64Column(count: close.count) { out in
        try close.withUnsafeBufferPointer { try rollingZScore($0, period: period, into: out) }
    }
    return try Frame([.float64("value", out)])
}

/// Fails a data set that is too short to train on.
let minRowsGate = Gate(ComponentInfo(
    id: "min_rows", description: "Fails when the matrix has fewer rows than min_rows",
    params: [.int("min_rows", default: 500, min: 1, "minimum number of rows")],
    outputs: []
)) { facts, params in
    guard let rows = facts["rows"]?.doubleValue else {
        throw ComponentError("facts lack 'rows' (got \(facts.text))")
    }
    let minimum = try params.int("min_rows")
    return rows >= Double(minimum)
        ? GateVerdict(.pass)
        : GateVerdict(.fail, reasons: ["rows \(Int(rows)) < min_rows \(minimum)"])
}

let defaultProfile = RiskProfile(ComponentInfo(
    id: "default", description: "One position at a time, 10% drawdown budget", outputs: []
)) { _ in
    ["threshold_floor": 0.55, "max_trades_per_day": 2, "max_drawdown": 0.10, "position_size": 1.0]
}
