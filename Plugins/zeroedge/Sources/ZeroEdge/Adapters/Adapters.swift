import PackKit

extension ZeroEdge {
    static let adapters: [DataAdapter] = [polygonAdapter]
}
