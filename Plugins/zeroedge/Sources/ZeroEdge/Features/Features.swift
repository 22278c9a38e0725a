import PackKit

extension ZeroEdge {
    static let indicators: [Indicator] = [driftSinceOpen, minutesSinceOpen]
}
