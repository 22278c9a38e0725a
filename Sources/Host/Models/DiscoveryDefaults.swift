import PackKit

/// A discovery pack's `discovery:` defaults (crypto's `defaults.yaml`): the symbols `run`
/// discovers on, the shipped strategies it backtests after, and the simulator's planted effects
/// and controls, which the run's summary reports as found or not.
public struct DiscoveryDefaults: Sendable, Equatable {
    /// One planted effect: an event type traded with `verb`, expected to pass at each horizon.
    public struct Planted: Sendable, Equatable {
        public var eventType: String
        public var verb: String
        public var horizons: [Int]
    }

    public var symbols: [String]
    public var strategies: [String]
    public var planted: [Planted]
    /// Event types the simulator plants nothing after: none of their candidates should pass.
    public var controls: [String]

    init(_ json: JSON, source: String) throws(WorkspaceError) {
        var r = try ObjectReader(json, context: "\(source): discovery")
        symbols = try Self.strings(r.array("symbols"), "\(source): discovery.symbols")
        strategies = try Self.strings(r.array("strategies"), "\(source): discovery.strategies")
        controls = try Self.strings(r.array("controls"), "\(source): discovery.controls")
        planted = []
        for item in try r.array("planted") {
            var p = try ObjectReader(item, context: "\(source): discovery.planted")
            let horizons = try p.array("horizons").map { h throws(WorkspaceError) in
                // Int(_:) traps on NaN or a huge number: check the value first.
                guard let n = h.doubleValue, (1...100_000).contains(n), n.rounded() == n else {
                    throw WorkspaceError("\(source): discovery.planted: horizon \(EscapedText.text(h.text)) is not a bar count 1–100000")
                }
                return Int(n)
            }
            planted.append(Planted(eventType: try p.string("event_type"), verb: try p.string("verb"), horizons: horizons))
            try p.finish()
        }
        try r.finish()
    }

    private static func strings(_ items: [JSON], _ context: String) throws(WorkspaceError) -> [String] {
        try items.map { item throws(WorkspaceError) in
            guard let s = item.stringValue else { throw WorkspaceError("\(context): \(EscapedText.text(item.text)) is not a string") }
            return s
        }
    }
}
