import PackKit

extension ZeroEdge {
    static let resources: [Resource] = [
        .yaml("indicator_sets/zeroedge_pin_drift_v1.yaml", IndicatorSets.pinDriftV1),
        .yaml("indicator_sets/zeroedge_headfake_reversal_v2.yaml", IndicatorSets.headfakeReversalV2),
        .yaml("defaults.yaml", PackDefaults.yaml),
    ]
}
