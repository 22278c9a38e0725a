import PackKit

extension ZeroEdge {
    static let labelers: [Labeler] = [directionToClose]
}
