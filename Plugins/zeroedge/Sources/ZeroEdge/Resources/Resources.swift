import PackKit

extension ZeroEdge {
    static let resources: [Resource] = [.yaml("indicator_sets/zeroedge_pin_drift_v1.yaml", """
        # zeroedge_pin_drift_v1 (stable, skeleton): drift since the open and session clock.
        id: zeroedge_pin_drift_v1
        version: 1
        features:
          - { name: drift_since_open, pack: zeroedge, indicator: drift_since_open }
          - { name: minutes_since_open, pack: zeroedge, indicator: minutes_since_open }
          - { name: rsi_14, pack: builtin, indicator: rsi, params: { period: 14 } }
          - { name: vwap, pack: builtin, indicator: vwap }
        """)]
}
