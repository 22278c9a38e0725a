/// The indicator sets the pack ships. v2 is v1 plus five features, so v1's feature lines are
/// written once and reused.
enum IndicatorSets {
    static let pinDriftV1Features = """
          - { name: drift_since_open, pack: zeroedge, indicator: drift_since_open }
          - { name: minutes_since_open, pack: zeroedge, indicator: minutes_since_open }
          - { name: hour_of_day, pack: zeroedge, indicator: hour_of_day }
          - { name: pin_distance, pack: zeroedge, indicator: pin_distance }
          - { name: atm_distance, pack: zeroedge, indicator: atm_distance }
          - { name: vwap_distance, pack: zeroedge, indicator: vwap_distance }
          - { name: realized_vol_20, pack: zeroedge, indicator: realized_vol, params: { period: 20 } }
          - { name: ret_1m, pack: builtin, indicator: log_return }
          - { name: rsi_14, pack: builtin, indicator: rsi, params: { period: 14 } }
          - { name: close_z_30, pack: builtin, indicator: zscore, params: { period: 30 } }
        """

    static let pinDriftV1 = """
        # realized_vol uses 20 in-session returns so it is known at the 10:00 decision (29 exist then).
        # Pin drift: where SPY sits against the day's open, VWAP and the 0DTE pin and ATM strikes.
        id: zeroedge_pin_drift_v1
        version: 1
        status: stable
        description: "SPY 0DTE hourly direction from drift, VWAP, pin and ATM distances, intraday volatility and RSI"
        labeler: { pack: zeroedge, id: direction_to_close, params: { band: 0.001 } }
        qa_gate: { pack: zeroedge, id: data_qa, params: { warn_nan_pct: 10, fail_nan_pct: 30 } }
        features:
        \(pinDriftV1Features)
        """

    static let headfakeReversalV2 = """
        # Head-fake reversal: v1 plus the opening gap and range against recent days, the move of
        # ATM implied volatility since the open, and where dealers' gamma sits around spot.
        id: zeroedge_headfake_reversal_v2
        version: 2
        status: experimental
        description: "v1 plus opening gap and first-15-minute range z-scores, ATM IV change since the open and gamma positioning"
        labeler: { pack: zeroedge, id: direction_to_close, params: { band: 0.001 } }
        qa_gate: { pack: zeroedge, id: data_qa, params: { warn_nan_pct: 10, fail_nan_pct: 30 } }
        features:
        \(pinDriftV1Features)
          - { name: open_gap_z, pack: zeroedge, indicator: open_gap_z, params: { period: 20 } }
          - { name: first15m_range_z, pack: zeroedge, indicator: first15m_range_z, params: { period: 20 } }
          - { name: atm_iv_open_delta, pack: zeroedge, indicator: atm_iv_open_delta }
          - { name: gamma_density_peak_strike, pack: zeroedge, indicator: gamma_density_peak_strike }
          - { name: gamma_skew_left_right, pack: zeroedge, indicator: gamma_skew_left_right }
        """
}
