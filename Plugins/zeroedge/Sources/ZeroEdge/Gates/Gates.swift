import PackKit

extension ZeroEdge {
    static let gates: [Gate] = [dataQAGate, modelQualityGate]
}
