import Foundation
import PackKit

/// Loads what the strategy engine reads, through a pack: each symbol's bars from its data
/// adapter, and each event type's flag and state from its detector `event.<name>` (an indicator
/// with outputs `<name>_flag` and `<name>_state`). A thin loader; discovery's event series
/// loader does the same for the research stages.
public struct StrategyInputs {
    public let catalogue: PackCatalogue
    public let pack: String
    public let adapter: ComponentRef
    public let query: [String: JSON]

    public init(catalogue: PackCatalogue, pack: String, adapter: ComponentRef, query: [String: JSON]) {
        self.catalogue = catalogue
        self.pack = pack
        self.adapter = adapter
        self.query = query
    }

    /// Bars of `symbols` from `start` to `end` (YYYY-MM-DD, inclusive), with every detector of
    /// `eventTypes` computed: detector name → bars per symbol. Also a digest of the bars read.
    public func load(symbols: [String], eventTypes: [String], start: String, end: String) throws -> (bars: [String: [StrategyBars]], sha: String) {
        let source = try PackDataAdapter(pack: try catalogue.pack(adapter.pack), id: adapter.id, params: adapter.params)
        var out: [String: [StrategyBars]] = [:]
        var digest: [String] = []
        for symbol in symbols {
            var q = query
            q["symbol"] = .string(symbol)
            q["start"] = .string(start)
            q["end"] = .string(end)
            let frame = try source.read(.object(q))
            guard frame.rowCount > 1 else {
                throw WorkspaceError("adapter '\(adapter.pack).\(adapter.id)' returned \(frame.rowCount) bars for \(symbol) \(start)..\(end): nothing to backtest")
            }
            let ts = Array(try frame.timestamps()), close = Array(try frame.float64("close"))
            digest.append("\(symbol):\(ts.first!):\(ts.last!):\(ts.count):\(Hashing.sha256(close.map { "\($0)" }.joined(separator: ",")))")
            for event in Set(eventTypes.map { $0.lowercased() }).sorted() {
                let (flag, state) = try detector(event, on: frame)
                out[event, default: []].append(try StrategyBars(symbol: symbol, frame: frame, flag: flag, state: state))
            }
        }
        return (out, Hashing.sha256(digest.joined(separator: "\n")))
    }

    /// The detector's two columns on `frame`.
    func detector(_ event: String, on frame: Frame) throws -> (flag: [Double], state: [Double]) {
        let id = "event.\(event)"
        let have = try catalogue.pack(pack).components[.indicator]?.map(\.id) ?? []
        guard have.contains(id) else {
            let detectors = have.filter { $0.hasPrefix("event.") }
            throw WorkspaceError("pack '\(pack)' has no event detector '\(id)' (it has: \(detectors.isEmpty ? "none" : detectors.joined(separator: ", ")))")
        }
        let computer = try FeatureComputer(FeatureSpec(name: "\(event)_flag", pack: pack, indicator: id, params: [:], output: "\(event)_flag"),
                                           catalogue: catalogue)
        let outputs = try computer.computeAll(try computer.inputs(from: frame))
        guard outputs["\(event)_state"] != nil else { throw WorkspaceError("detector '\(pack).\(id)' has no output '\(event)_state'") }
        return (Array(try outputs.float64("\(event)_flag")), Array(try outputs.float64("\(event)_state")))
    }
}
