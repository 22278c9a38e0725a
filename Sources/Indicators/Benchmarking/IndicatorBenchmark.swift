/// Times every built-in indicator on caller-supplied bars, for `edgehost bench indicators`
/// and for comparison with TA-Lib (`Benchmarks/indicators/compare.py`).
public enum IndicatorBenchmark {
    /// Runs each entry of `BuiltinIndicators.all` with default parameters `repeats` times and
    /// keeps the fastest run, in nanoseconds per input row. Buffers are allocated once per
    /// indicator, outside the timed region, so only the kernel is measured. An indicator that
    /// throws (it cannot with equal-length inputs) reports NaN.
    /// - Precondition: all arrays have the same count, and `repeats >= 1`.
    public static func run(close: [Double], high: [Double], low: [Double], volume: [Double], ts: [Int64],
                           repeats: Int = 20) -> [(name: String, nsPerRow: Double)] {
        precondition(repeats >= 1, "repeats must be at least 1")
        precondition([high.count, low.count, volume.count, ts.count].allSatisfy { $0 == close.count },
                     "all columns must have the same count")
        let rows = close.count
        return close.withUnsafeBufferPointer { c in
            high.withUnsafeBufferPointer { h in
                low.withUnsafeBufferPointer { l in
                    volume.withUnsafeBufferPointer { v in
                        ts.withUnsafeBufferPointer { t in
                            let columns = ["open": c, "high": h, "low": l, "close": c, "volume": v]
                            return BuiltinIndicators.all.map { indicator in
                                (indicator.id, bestNanosecondsPerRow(indicator, ts: t, columns: columns,
                                                                     rows: rows, repeats: repeats))
                            }
                        }
                    }
                }
            }
        }
    }

    /// Results as JSON lines, one per indicator:
    /// `{"bench": "indicators.sma", "rows": 75707, "ns_per_row": 1.234, "unit": "ns/row"}`.
    /// Written by hand so the module needs no Foundation; ids are plain ASCII.
    public static func jsonLines(_ results: [(name: String, nsPerRow: Double)], rows: Int) -> [String] {
        results.map { result in
            let figure = result.nsPerRow.isFinite ? "\(result.nsPerRow)" : "null"
            return #"{"bench": "indicators.\#(result.name)", "rows": \#(rows), "ns_per_row": \#(figure), "unit": "ns/row"}"#
        }
    }

    private static func bestNanosecondsPerRow(_ indicator: BuiltinIndicator, ts: UnsafeBufferPointer<Int64>,
                                              columns: [String: UnsafeBufferPointer<Double>],
                                              rows: Int, repeats: Int) -> Double {
        let outputs = indicator.outputs.map { _ in UnsafeMutableBufferPointer<Double>.allocate(capacity: rows) }
        defer { outputs.forEach { $0.deallocate() } }
        let clock = ContinuousClock()
        var best = Duration.seconds(Int64.max)
        for _ in 0..<repeats {
            do {
                let elapsed = try clock.measure {
                    try indicator.compute(ts: ts, columns: columns, outputs: outputs)
                }
                best = min(best, elapsed)
                // Reading a result keeps the optimiser from discarding the work.
                if rows > 0 { sink += outputs[0][rows - 1] }
            } catch {
                return .nan
            }
        }
        let (seconds, attoseconds) = best.components
        return (Double(seconds) * 1e9 + Double(attoseconds) / 1e9) / Double(max(rows, 1))
    }

    /// A global the optimiser must keep writing; races between concurrent runs are harmless.
    nonisolated(unsafe) private static var sink = 0.0
}
