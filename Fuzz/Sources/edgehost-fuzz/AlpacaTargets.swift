import Foundation
import ZeroDTEPut

/// zerodteput's `alpaca` adapter: Alpaca's bars and option-chain snapshot pages.
func alpacaTargets() -> [FuzzTarget] {
    let tokens = jsonTokens + ["\"bars\"", "\"SPY\"", "\"t\"", "\"2024-07-01T13:30:00Z\"", "\"2024-04-25T20:00:00.259610112Z\"", "545.02", "1e400",
                               "\"next_page_token\"", "null", "\"snapshots\"", "\"SPXW240701P05400000\"", "\"latestQuote\"", "\"greeks\"",
                               "\"impliedVolatility\"", "\"bp\"", "\"ap\"", "\"delta\"", "-0.14"]
    return [
        FuzzTarget(name: "alpaca-bars-json", tokens: tokens) { data in _ = try AlpacaParsers.bars(Array(data)) },
        FuzzTarget(name: "alpaca-chain-json", tokens: tokens) { data in _ = try AlpacaParsers.chain(Array(data)) },
    ]
}
