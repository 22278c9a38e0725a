import Foundation
import Indicators
import Testing

/// Every built-in, run through the registry with its default parameters on a year of SPY
/// 1-minute bars, against TA-Lib 0.6 (and numpy for the indicators TA-Lib lacks).
@Suite("TA-Lib oracle")
struct TALibOracleTests {
    @Test("matches TA-Lib and numpy on SPY 2024 1-minute bars",
          .enabled(if: Locations.spyBarsPresent,
                   "SPY data not found at ../shared/data/spy/SPY_1m_2024.csv (set EDGEHOST_SPY_CSV); oracle test skipped"))
    func matchesReference() throws {
        let oracle: Oracle
        do {
            oracle = try Oracle.run(csv: Locations.spyBars)
        } catch {
            Issue.record("\(error)")
            return
        }
        let bars = try Bars.load(Locations.spyBars)
        try #require(oracle.rows == bars.count, "oracle has \(oracle.rows) rows, the CSV \(bars.count)")

        var results: [(name: String, comparison: SeriesComparison)] = []
        for indicator in BuiltinIndicators.all {
            let outputs = try compute(indicator, on: bars)
            for (name, values) in zip(indicator.outputs, outputs) {
                let column = indicator.outputs.count == 1 ? indicator.id : "\(indicator.id).\(name)"
                let expected = try #require(oracle.columns[column], "oracle has no column \(column)")
                results.append((column, SeriesComparison(values, expected)))
            }
        }
        let days = bars.ts.map { Double(newYorkDate($0)) }
        results.append(("ny_date", SeriesComparison(days, try #require(oracle.columns["ny_date"]))))

        let report = results.map { "  \($0.name): \($0.comparison)" }.joined(separator: "\n")
        print("Indicators vs TA-Lib/numpy on \(bars.count) SPY bars:\n\(report)")
        let failing = results.filter { !$0.comparison.passes }.map(\.name)
        #expect(failing.isEmpty, "outside 1e-9 relative (1e-12 absolute) of the reference: \(failing)\n\(report)")
        #expect(Set(results.map(\.name)) == Set(oracle.columns.keys), "oracle and registry columns differ")
    }

    private func compute(_ indicator: BuiltinIndicator, on bars: Bars) throws -> [[Double]] {
        try indicator.compute(ts: bars.ts, columns: ["open": bars.open, "high": bars.high, "low": bars.low,
                                                     "close": bars.close, "volume": bars.volume])
    }
}
