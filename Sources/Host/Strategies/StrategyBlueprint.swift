import Foundation
import PackKit

/// A strategy as the user writes it (YAML in a pack's `strategies/<name>.yaml`, or a
/// discovery blueprint line): which event to trade, which way, for how long, with which stop.
public struct StrategyBlueprint: Sendable, Equatable {
    public enum Verb: String, Sendable { case meanRevert = "mean_revert", `continue` = "continue" }

    public let name: String
    /// The event detector's name as in its component id `event.<name>`, e.g. `VOL_SHOCK` → `vol_shock`.
    public let eventType: String
    /// A symbol, or "*" for every symbol traded.
    public let symbol: String
    public let verb: Verb
    /// A state number 0…3, or nil for "*" (any state).
    public let state: Int?
    public let horizonBars: Int
    /// Stop distance from the entry fill, in basis points.
    public let stopBps: Double

    public init(name: String, eventType: String, symbol: String = "*", verb: Verb, state: Int? = nil, horizonBars: Int, stopBps: Double) {
        self.name = name
        self.eventType = eventType
        self.symbol = symbol
        self.verb = verb
        self.state = state
        self.horizonBars = horizonBars
        self.stopBps = stopBps
    }

    /// Reads the blueprint's keys from a YAML or JSON object; `source` names the file in errors.
    public init(json: JSON, source: String) throws(WorkspaceError) {
        func text(_ key: String) throws(WorkspaceError) -> String {
            guard let value = json[key]?.stringValue, !value.isEmpty else { throw WorkspaceError("\(source): '\(key)' is missing or not text") }
            return value
        }
        func number(_ key: String, _ range: ClosedRange<Double>) throws(WorkspaceError) -> Double {
            guard let value = json[key]?.doubleValue, value.isFinite, range.contains(value) else {
                throw WorkspaceError("\(source): '\(key)' must be a number in \(range.lowerBound)…\(range.upperBound)")
            }
            return value
        }
        name = try text("name")
        eventType = try text("event_type")
        symbol = json["symbol"]?.stringValue ?? "*"
        let verbText = try text("verb")
        guard let verb = Verb(rawValue: verbText) else { throw WorkspaceError("\(source): 'verb' is '\(verbText)'; use mean_revert or continue") }
        self.verb = verb
        switch json["state"] {
        case nil, .null?: state = nil
        case .string("*")?: state = nil
        case let value?:
            guard let s = value.doubleValue, [0, 1, 2, 3].contains(s) else { throw WorkspaceError("\(source): 'state' must be 0, 1, 2, 3 or \"*\"") }
            state = Int(s)
        }
        let horizon = try number("horizon_bars", 1...100_000)
        guard horizon == horizon.rounded() else { throw WorkspaceError("\(source): 'horizon_bars' must be a whole number") }
        horizonBars = Int(horizon)
        stopBps = try number("stop_bps", 0.01...10_000)
    }

    /// The YAML file at `path`.
    public static func read(path: String) throws -> StrategyBlueprint {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw WorkspaceError("\(path): cannot read the strategy: \(error.localizedDescription)")
        }
        return try StrategyBlueprint(json: try YAMLDocument.parse(text, source: path), source: path)
    }

    /// The detector's flag and state columns: `<name>_flag`, `<name>_state`.
    public var detectorName: String { eventType.lowercased() }

    public var json: JSON {
        .object([
            "name": .string(name), "event_type": .string(eventType), "symbol": .string(symbol), "verb": .string(verb.rawValue),
            "state": state.map { .number(Double($0)) } ?? .string("*"), "horizon_bars": .number(Double(horizonBars)), "stop_bps": .number(stopBps),
        ])
    }
}
