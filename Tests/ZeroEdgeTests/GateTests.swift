import PackKit
import Testing
@testable import ZeroEdge

/// data_qa and model_quality verdicts, reasons word for word.
@Suite struct GateTests {
    private func evaluate(_ id: String, _ facts: String, _ overrides: [String: JSON] = [:]) throws -> GateVerdict {
        let gate = ZeroEdge.gates.first { $0.info.id == id }!
        return try gate.evaluate(try JSON.parse(facts), MarketFrames.params(gate.info, overrides))
    }

    @Test func dataQAPassesWarnsAndFailsWithEveryOffendingFeature() throws {
        let clean = try evaluate("data_qa", #"{"rows": 1200, "nan_pct": {"rsi_14": 1.2, "pin_distance": 9.99}}"#)
        #expect(clean == GateVerdict(.pass))
        let warned = try evaluate("data_qa", #"{"rows": 1200, "nan_pct": {"rsi_14": 1.2, "pin_distance": 10}}"#)
        #expect(warned == GateVerdict(.warn, reasons: ["pin_distance: 10.0% NaN >= warn_nan_pct 10.0%"]))
        let failed = try evaluate("data_qa", #"{"rows": 1200, "nan_pct": {"zeta": 12.25, "atm_iv_open_delta": 30, "rsi_14": 0}}"#)
        #expect(failed == GateVerdict(.fail, reasons: ["atm_iv_open_delta: 30.0% NaN >= fail_nan_pct 30.0%",
                                                       "zeta: 12.3% NaN >= warn_nan_pct 10.0%"]))
    }

    @Test func dataQAFailsTooFewRowsAndHonoursItsParameters() throws {
        let empty = try evaluate("data_qa", #"{"rows": 0, "nan_pct": {}}"#)
        #expect(empty == GateVerdict(.fail, reasons: ["rows 0 < min_rows 1"]))
        let strict = try evaluate("data_qa", #"{"rows": 99, "nan_pct": {"a": 2}}"#,
                                  ["min_rows": .number(100), "warn_nan_pct": .number(1), "fail_nan_pct": .number(5)])
        #expect(strict == GateVerdict(.fail, reasons: ["rows 99 < min_rows 100", "a: 2.0% NaN >= warn_nan_pct 1.0%"]))
    }

    @Test func dataQANamesMissingFacts() throws {
        let error = #expect(throws: ComponentError.self) { try evaluate("data_qa", #"{"nan_pct": {}}"#) }
        #expect(error?.message.contains("'rows'") == true)
        let notANumber = #expect(throws: ComponentError.self) { try evaluate("data_qa", #"{"rows": 5, "nan_pct": {"x": "high"}}"#) }
        #expect(notANumber?.message.contains("'x'") == true)
    }

    @Test func modelQualitySaysWhichBudgetFailedAndByHowMuch() throws {
        let good = try evaluate("model_quality", #"{"sharpe": 1.1, "trades": 30, "max_drawdown": 0.25}"#)
        #expect(good == GateVerdict(.pass))
        let bad = try evaluate("model_quality", #"{"sharpe": 0.31, "trades": 12, "max_drawdown": 0.31}"#)
        #expect(bad == GateVerdict(.fail, reasons: ["sharpe 0.31 < 0.50 (short by 0.19)", "trades 12 < 30 (short by 18)",
                                                    "max_drawdown 0.31 > 0.25 (over by 0.06)"]))
        let negative = try evaluate("model_quality", #"{"sharpe": -0.2, "trades": 40, "max_drawdown": -0.12}"#, ["min_sharpe": .number(0)])
        #expect(negative == GateVerdict(.fail, reasons: ["sharpe -0.20 < 0.00 (short by 0.20)"]))
    }

    @Test func modelQualityNamesAMissingFact() throws {
        let error = #expect(throws: ComponentError.self) {
            try evaluate("model_quality", #"{"sharpe": 1.0, "max_drawdown": 0.1}"#)
        }
        #expect(error?.message.contains("'trades'") == true)
    }

    @Test func decimalsAreRoundedNotTruncated() {
        #expect(Facts.decimal(0.19000000000000003, 2) == "0.19")
        #expect(Facts.decimal(0.005, 1) == "0.0" && Facts.decimal(12.25, 1) == "12.3" && Facts.decimal(-0.06, 2) == "-0.06")
        #expect(Facts.decimal(7, 0) == "7" && Facts.decimal(3.04, 2) == "3.04")
    }
}
