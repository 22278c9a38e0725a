/// The pack's defaults for `edgehost run`: what to model, on which data, under which budgets.
enum PackDefaults {
    static let yaml = """
        # zeroedge defaults: SPY 0DTE options, hourly decisions on the simulated chain.
        model: { ticker: SPY, asset_type: opt, horizon: 0dte, cadence: hourly, indicator_set: zeroedge_pin_drift_v1 }
        adapter: { id: sim, params: { seed: 7 } }
        preview: { start: 2024-07-01, end: 2024-07-03 }
        build: { start: 2024-01-02, end: 2024-12-31 }
        quality_gate: { pack: zeroedge, id: model_quality }
        risk_profiles: [conservative, balanced, aggressive]
        default_risk_profile: balanced
        allowed_hours: [13, 14, 15]
        # A predicted UP buys the ATM call, DOWN the ATM put; FLAT stays out (outcome_<action> columns).
        actions: { UP: call, DOWN: put, FLAT: none }
        """
}
