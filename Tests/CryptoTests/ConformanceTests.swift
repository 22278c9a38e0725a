import Foundation
import PackKit
import PackTestKit
import Testing

/// The built pack (`libcryptopack.so` beside the test runner, as `swift build` leaves it),
/// loaded and called through its C tables as edgehost does: every `pack verify` check on the
/// golden bars of the New York, 24/7 UTC and CME Globex markets (one pack load).
@Suite struct ConformanceTests {
    static let library = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        + "/libcryptopack.so"

    @Test func passesEveryConformanceCheck() throws {
        let harness = try PackHarness(path: Self.library)
        try PackConformance.check(harness)
        #expect(harness.pack.id == "crypto")
        // The blueprints ship as resources, byte for byte the files in Plugins/crypto/strategies.
        for name in ["vol_shock_mr_v1", "liquidity_dislocation_mr_v1"] {
            let file = try String(contentsOfFile: CryptoFixtures.repository + "/Plugins/crypto/strategies/\(name).yaml", encoding: .utf8)
            #expect(harness.resource("strategies/\(name).yaml") == file)
        }
        let budgets = try harness.budgets("balanced")
        #expect(budgets["taker_fee_bps"]?.doubleValue == 4.0)
        for key in ["notional_cap_usd", "leverage", "lot_step", "min_qty", "daily_loss_cap_usd", "loss_streak_max",
                    "session_cooldown_minutes", "sl_buffer_multiplier", "min_free_balance_usd", "starting_balance_usd",
                    "slippage_bps_per_range_pct", "slippage_bps_min"] {
            #expect(budgets[key]?.doubleValue != nil, "budget \(key)")
        }
    }
}
