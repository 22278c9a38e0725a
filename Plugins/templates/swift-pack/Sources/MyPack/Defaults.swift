/// What `edgehost run --pack mypack` does with no other input.
enum Defaults {
    static let yaml = """
        # mypack defaults: simulated weekday sessions, a decision every 30 minutes.
        model: { ticker: DEMO, asset_type: stk, horizon: 30m, cadence: 30m, indicator_set: mypack_basic_v1 }
        adapter: { id: session-bars, params: { seed: 1 } }
        preview: { start: 2024-07-01, end: 2024-07-03 }
        build: { start: 2024-01-02, end: 2024-06-28 }
        quality_gate: { pack: mypack, id: enough_trades }
        risk_profiles: [steady]
        default_risk_profile: steady
        actions: { UP: long, DOWN: short, FLAT: none }
        about: "a seeded random walk: no edge to find, so expect a failed or marginal gate"
        """

    static let indicatorSet = """
        # The features of the default model.
        id: mypack_basic_v1
        version: 1
        description: "Two momentum windows; the label is the close 30 bars ahead"
        labeler: { pack: mypack, id: bar_horizon, params: { horizon: 30, every: 30 } }
        features:
          - { name: mom_30, pack: mypack, indicator: momentum, params: { period: 30 } }
          - { name: mom_120, pack: mypack, indicator: momentum, params: { period: 120 } }
        """
}
