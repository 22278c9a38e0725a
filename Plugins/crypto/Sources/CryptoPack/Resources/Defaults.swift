/// `edgehost run --pack crypto`: the discovery workflow (README "Event discovery") on the
/// simulated market, with the planted effects `run` reports as found or not (docs/data.md).
enum PackDefaults {
    static let yaml = """
        # crypto defaults: BTCUSDT and ETHUSDT 5-minute klines on the simulated 24/7 UTC market.
        workflow: discovery
        model: { ticker: BTCUSDT, asset_type: crypto, horizon: 30m, cadence: 5m, indicator_set: crypto_lake_v1 }
        adapter: { id: sim, params: { seed: 7, effects: all, timeframe: 5m } }
        build: { start: 2024-01-01, end: 2024-03-31 }
        risk_profiles: [conservative, balanced]
        default_risk_profile: balanced
        discovery:
          symbols: [BTCUSDT, ETHUSDT]
          strategies: [vol_shock_mr_v1, liquidity_dislocation_mr_v1]
          # What the simulator plants (docs/data.md, "Planted effects") and the events it leaves alone.
          planted:
            - { event_type: VOL_SHOCK, verb: mean_revert, horizons: [3, 6] }
            - { event_type: LIQUIDITY_DISLOCATION, verb: mean_revert, horizons: [3, 6] }
          controls: [VOLUME_BURST, FUNDING_EXTREME]
        about: "simulated BTCUSDT/ETHUSDT market (seed 7, 2024 Q1) with planted mean reversion after VOL_SHOCK (35 bps over 6 bars) and LIQUIDITY_DISLOCATION (20 bps); VOLUME_BURST and FUNDING_EXTREME carry none; returns after taker fees of 4 bps a side and range-based slippage"
        """
}

/// The feature set the lake's `features` stage computes (docs/features.md), beside the event
/// detectors; `monitor drift` compares these columns.
enum IndicatorSets {
    static let lakeV1 = """
        id: crypto_lake_v1
        version: 1
        status: experimental
        description: "returns at 1, 3 and 12 bars, realised volatility, range and volume z-scores, funding z-score"
        features:
          - { name: ret_1, pack: crypto, indicator: ret, params: { horizon: 1 } }
          - { name: ret_3, pack: crypto, indicator: ret, params: { horizon: 3 } }
          - { name: ret_12, pack: crypto, indicator: ret, params: { horizon: 12 } }
          - { name: realised_vol_24, pack: crypto, indicator: realised_vol, params: { window: 24 } }
          - { name: range_z_48, pack: crypto, indicator: range_z, params: { window: 48 } }
          - { name: volume_z_48, pack: crypto, indicator: volume_z, params: { window: 48 } }
          - { name: funding_z_864, pack: crypto, indicator: funding_z, params: { window: 864 } }
        """
}
