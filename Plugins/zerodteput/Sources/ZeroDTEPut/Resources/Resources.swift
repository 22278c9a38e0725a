import PackKit

extension ZeroDTEPutPack {
    static let resources: [Resource] = [
        .yaml("indicator_sets/zerodteput_ladder_v1.yaml", IndicatorSets.ladderV1),
        .yaml("defaults.yaml", PackDefaults.yaml),
    ]
}

/// The pack's defaults for `edgehost run --pack zerodteput`.
enum PackDefaults {
    static let yaml = """
        # zerodteput defaults: SPXW 0DTE put ladders on the simulated SPX market (docs/data.md), decisions every 30 minutes 10:00-15:30 New York.
        model: { ticker: SPX, asset_type: opt, horizon: 0dte, cadence: event, indicator_set: zerodteput_ladder_v1 }
        adapter: { id: sim, params: { seed: 5, effects: all } }
        preview: { start: 2024-07-01, end: 2024-07-03 }
        build: { start: 2024-04-01, end: 2024-09-30 }
        quality_gate: { pack: zerodteput, id: model_quality }
        risk_profiles: [conservative, balanced, aggressive]
        default_risk_profile: balanced
        allowed_hours: [10, 11, 12, 13, 14, 15]
        # A confident SAFE sells the put at the bid; BREACHED stays out. Decision support only: no order is ever sent.
        actions: { SAFE: sell_put, BREACHED: none }
        # Per alert row: breach_probability with a Wilson CI from the walk-forward's calibration, risk tier, ladder rank, policy (docs/policy.md); live rows add strike_return.
        event_outputs: { event: BREACHED, name: breach, credit: x_put_credit, mid: x_put_mid, risk_neutral: x_rn_breach, cap: 0.05, row_fields: [x_strike_return] }
        # The model learns the correction to N(-d2): XGBoost starts each row from its log-odds (base_margin), in training and wherever it scores.
        prior: { feature: x_rn_breach, label: BREACHED }
        # Trees with real weight behind each leaf (docs/policy.md, the study): deeper or lighter ones learn a crash session by heart and lose to N(-d2) out of sample.
        training: { max_depth: 2, min_child_weight: 50 }
        # The trained model becomes the registry's active version, so a live monitor has one.
        register_on_run: true
        # put_breach reads its decision's session from the first bar (the trend from the open): a session, 390 minutes, of history.
        # Declared here for the live monitor's per-cycle tail (checked at its start), not as the descriptor's lookback_ns,
        # which would make batch builds per-date partitions that zscore_60's running sum cannot reproduce bit for bit.
        labeler_lookback_minutes: { put_breach: 390 }
        about: "simulated SPX with 0DTE SPXW put ladders 0.5-3 % below spot; puts priced on the path's own law of the close plus a planted 15 % variance risk premium and MarketKit's pin and gap effects (effects: all), or fair (effects: none: selling loses its costs); returns of selling one cash-secured put at the bid after $1.30 fees, as a share of the strike"
        """
}

/// The indicator sets the pack ships: the ladder rows carry their own features (x_…); the set
/// adds the SPX trend over the last hour from the builtin indicators.
enum IndicatorSets {
    static let ladderV1 = """
        id: zerodteput_ladder_v1
        version: 1
        status: experimental
        description: "SPXW 0DTE put breach: strike return, time to close, realised and implied vol, put mid and greeks, distance in implied SDs, trend, N(-d2)"
        labeler: { pack: zerodteput, id: put_breach }
        qa_gate: { pack: zerodteput, id: put_qa }
        features:
          - { name: zscore_60, pack: builtin, indicator: zscore, params: { period: 60 } }
        """
}
