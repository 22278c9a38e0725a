import Foundation

/// The last simulated market, kept for the next read: the host reads one symbol at a time
/// (BTCUSDT, then ETHUSDT, then again at other ranges), and the simulation is generated in
/// one pass from its origin, so any range up to the kept end is a slice of it — the same
/// bytes as a fresh run (`SimAdapterTests`), at none of its cost.
final class SimCache: @unchecked Sendable {
    static let shared = SimCache()

    private let lock = NSLock()
    private var kept: (simulator: KlineSimulator, end: Int64, output: KlineSimulator.Output)?

    /// The market of `simulator` through at least `end`.
    func market(_ simulator: KlineSimulator, until end: Int64) -> KlineSimulator.Output {
        lock.lock()
        defer { lock.unlock() }
        if let kept, kept.simulator == simulator, kept.end >= end { return kept.output }
        let output = simulator.run(until: end)
        kept = (simulator, end, output)
        return output
    }
}
