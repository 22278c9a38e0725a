import PackKit

extension ZeroEdge {
    static let riskProfiles: [RiskProfile] = []
}
