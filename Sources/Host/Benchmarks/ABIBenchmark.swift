import Indicators
import PackKit

/// Cost of the ABI: the example Swift pack's `ema` indicator through `edgehost_indicator_t`
/// with Arrow frames, against the same `Indicators.ema` called directly into a column.
public enum ABIBenchmark {
    public static func run(catalogue: PackCatalogue, rows: Int, repeats: Int, period: Int = 20) throws -> [String] {
        let pack = try catalogue.pack("swiftexample")
        let indicator = try PackIndicator(pack: pack, id: "ema", params: ["period": .number(Double(period))])
        var rng = SeededRandom(seed: 1)
        var level = 100.0
        let close = Float64Column(count: rows) { out in
            for i in 0..<rows {
                level *= 1 + 0.001 * rng.normal()
                out[i] = level
            }
        }
        let frame = try Frame([.timestamp("ts", Int64Column(count: rows) { out in for i in 0..<rows { out[i] = Int64(i) * 60_000_000_000 } }),
                               .float64("close", close)])
        var sink = 0.0
        let direct = try best(repeats) {
            let out = try Float64Column(count: rows) { out in
                try close.withUnsafeBufferPointer { try ema($0, period: period, into: out) }
            }
            sink += out[rows - 1]
        }
        let viaABI = try best(repeats) {
            let out = try indicator.compute(frame, checkValues: false)
            sink += try out.float64("value")[rows - 1]
        }
        let checked = try best(repeats) {
            let out = try indicator.compute(frame)
            sink += try out.float64("value")[rows - 1]
        }
        precondition(sink.isFinite)
        let overhead = (viaABI - direct) / direct * 100
        return [
            JSON.object([
                "bench": .string("abi.indicator_call"), "rows": .number(Double(rows)), "indicator": .string("swiftexample.ema(\(period))"),
                "direct_ms": .number(rounded(direct * 1e3)), "abi_ms": .number(rounded(viaABI * 1e3)),
                "overhead_pct": .number(rounded(overhead)),
                "abi_with_value_checks_ms": .number(rounded(checked * 1e3)),
                "with_value_checks_overhead_pct": .number(rounded((checked - direct) / direct * 100)), "goal_overhead_pct": .number(5), "unit": .string("ms"),
            ]).text,
        ]
    }

    /// Best wall time in seconds over `repeats` runs, after one warm-up.
    static func best(_ repeats: Int, _ body: () throws -> Void) throws -> Double {
        try body()
        var best = Double.infinity
        let clock = ContinuousClock()
        for _ in 0..<max(1, repeats) {
            let elapsed = try clock.measure(body)
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        return best
    }

    private static func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
