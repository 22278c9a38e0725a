import PackKit

extension ES0DTEPack {
    static let resources: [Resource] = [
        .yaml("indicator_sets/es0dte_level_touch_v1.yaml", IndicatorSets.levelTouchV1),
        .yaml("defaults.yaml", PackDefaults.yaml),
    ]
}

/// The pack's defaults for `edgehost run --pack es0dte`.
enum PackDefaults {
    static let yaml = """
        # es0dte defaults: ES level touches on the simulated market (docs/data.md), decisions 09:30-13:30 New York.
        model: { ticker: ES, asset_type: fut, horizon: 60m, cadence: event, indicator_set: es0dte_level_touch_v1 }
        adapter: { id: sim, params: { seed: 11, effects: all } }
        preview: { start: 2024-03-04, end: 2024-03-08 }
        build: { start: 2024-03-04, end: 2024-05-31 }
        quality_gate: { pack: es0dte, id: model_quality }
        risk_profiles: [conservative, balanced, aggressive]
        default_risk_profile: balanced
        # Chicago hours (the market is CME Globex): 08:30-12:30 Chicago is 09:30-13:30 New York.
        allowed_hours: [8, 9, 10, 11, 12]
        # A predicted BREAK trades through the level, BOUNCE away from it; TIMEOUT stays out.
        actions: { BREAK: break, BOUNCE: bounce, TIMEOUT: none }
        about: "simulated ES front month with a planted barrier effect (large resting size at a premarket or opening-range level makes a 15-point bounce likelier, small size a break); quotes and 0DTE gamma simulated with the path; returns after 0.5 points a round trip"
        """
}

/// The indicator sets the pack ships: the level-touch rows carry their own features (x_…);
/// the set adds the price's distance to the 2-minute SMAs, whose lookback brings the warm-up.
enum IndicatorSets {
    static let levelTouchV1 = """
        id: es0dte_level_touch_v1
        version: 1
        status: experimental
        description: "ES level touches: BREAK / BOUNCE / TIMEOUT by 15 points, with barrier, tape, fuel, kinematics, OFI, GEX and timing"
        labeler: { pack: es0dte, id: level_touch }
        qa_gate: { pack: es0dte, id: es_qa, params: { min_purity: 0.6 } }
        features:
          - { name: sma200_2m_dist, pack: es0dte, indicator: sma2m_distance, params: { period: 200 } }
          - { name: sma400_2m_dist, pack: es0dte, indicator: sma2m_distance, params: { period: 400 } }
        """
}
