import PackKit

extension Crypto {
    /// The run defaults (`defaults.yaml`) and the strategy blueprints as `strategies/<name>.yaml` resources. The text is the files'
    /// in `Plugins/crypto/strategies/` (a test holds them equal): the user edits a copy.
    static let resources: [Resource] = Strategies.all.map { .yaml("strategies/\($0.name).yaml", $0.yaml) }
        + [.yaml("defaults.yaml", PackDefaults.yaml), .yaml("indicator_sets/crypto_lake_v1.yaml", IndicatorSets.lakeV1)]
}

/// The shipped strategy blueprints (keys: name, event_type, symbol, verb, state, horizon_bars, stop_bps).
enum Strategies {
    static let volShockMrV1 = """
        # Fade a volatility shock: enter against the shock bar's move at the next bar's open,
        # hold 6 bars (30 minutes on 5-minute bars), stop 150 bps away. Any symbol, any state.
        name: vol_shock_mr_v1
        event_type: VOL_SHOCK
        symbol: "*"
        verb: mean_revert
        state: "*"
        horizon_bars: 6
        stop_bps: 150

        """

    static let liquidityDislocationMrV1 = """
        # Fade a liquidity dislocation (a wide bar on thin volume): against the bar's move,
        # hold 6 bars, stop 120 bps away. Any symbol, any state.
        name: liquidity_dislocation_mr_v1
        event_type: LIQUIDITY_DISLOCATION
        symbol: "*"
        verb: mean_revert
        state: "*"
        horizon_bars: 6
        stop_bps: 120

        """

    static let all: [(name: String, yaml: String)] = [("vol_shock_mr_v1", volShockMrV1), ("liquidity_dislocation_mr_v1", liquidityDislocationMrV1)]
}
