import Indicators
import MarketKit
import PackKit

/// Times the builtin indicators on a bars file, one JSON line each (compare.py adds TA-Lib's).
public enum IndicatorTimings {
    public static func run(barsFile: String, repeats: Int) throws -> [String] {
        let bars = try MinuteBarsFile.read(path: barsFile)
        let results = IndicatorBenchmark.run(close: Array(try bars.float64("close")), high: Array(try bars.float64("high")),
                                             low: Array(try bars.float64("low")), volume: Array(try bars.float64("volume")),
                                             ts: Array(try bars.timestamps()), repeats: repeats)
        return IndicatorBenchmark.jsonLines(results, rows: bars.rowCount)
    }
}
