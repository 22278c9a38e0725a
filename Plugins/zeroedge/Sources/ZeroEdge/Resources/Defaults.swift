/// The pack's defaults for `edgehost run`: what to model, on which data, under which budgets.
enum PackDefaults {
    static let yaml = """
        # zeroedge defaults: SPY 0DTE options, hourly decisions on the simulated chain.
        model: { ticker: SPY, asset_type: opt, horizon: 0dte, cadence: hourly, indicator_set: zeroedge_pin_drift_v1 }
        adapter: { id: sim, params: { seed: 7, effects: default } }
        preview: { start: 2024-07-01, end: 2024-07-03 }
        build: { start: 2024-01-02, end: 2024-12-31 }
        quality_gate: { pack: zeroedge, id: model_quality }
        risk_profiles: [conservative, balanced, aggressive]
        default_risk_profile: balanced
        allowed_hours: [13, 14, 15]
        # A predicted UP buys the ATM call, DOWN the ATM put; FLAT stays out (outcome_<action> columns).
        actions: { UP: call, DOWN: put, FLAT: none }
        # Printed under the run's summary: what its numbers mean (docs/data.md, "Planted effects").
        about: "simulated SPY market with planted effects (pin drift toward the morning's largest open-interest strike over the last 3 hours, opening-gap fade); options fairly priced with a 15 % variance risk premium; returns after the bid/ask spread and $1.30 per contract"
        """
}
