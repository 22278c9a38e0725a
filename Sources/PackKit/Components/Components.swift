/// An indicator: a table of inputs in, a table of declared outputs out, row for row.
/// Row i may depend on input rows 0...i only; the host checks it.
public struct Indicator: Sendable {
    public var info: ComponentInfo
    /// The lookback of an instance from its parameters (ABI 1.1: reported after `create`, the
    /// host fetches history and checks causality with it). Nil: `info.causality`'s lookback.
    public var lookback: (@Sendable (_ params: Params) throws -> Reach)?
    public var compute: @Sendable (_ input: Frame, _ params: Params) throws -> Frame

    public init(_ info: ComponentInfo, lookback: (@Sendable (Params) throws -> Reach)? = nil,
                compute: @escaping @Sendable (Frame, Params) throws -> Frame) {
        self.info = info
        self.lookback = lookback
        self.compute = compute
    }
}

/// Bars and nanoseconds of history (lookback) or of future (horizon) of one instance.
public struct Reach: Sendable, Equatable {
    public var bars: Int64
    public var nanoseconds: Int64
    public init(bars: Int64 = 0, nanoseconds: Int64 = 0) {
        self.bars = bars
        self.nanoseconds = nanoseconds
    }
}

/// A labeler: bars in; decisions with `ts`, `label_end_ts`, `label` and `outcome_<action>` out.
public struct Labeler: Sendable {
    public var info: ComponentInfo
    /// The horizon of an instance from its parameters (ABI 1.1: reported after `create`, the
    /// host purges and checks labels with it). Nil: `info.causality`'s horizon.
    public var horizon: (@Sendable (_ params: Params) throws -> Reach)?
    public var label: @Sendable (_ bars: Frame, _ params: Params) throws -> Frame

    public init(_ info: ComponentInfo, horizon: (@Sendable (Params) throws -> Reach)? = nil,
                label: @escaping @Sendable (Frame, Params) throws -> Frame) {
        self.info = info
        self.horizon = horizon
        self.label = label
    }
}

/// A source of record batches, pulled one at a time.
public protocol FrameSource: AnyObject {
    /// The next batch, or nil at the end.
    func next() throws -> Frame?
}

/// A `FrameSource` over frames already in memory.
public final class FrameList: FrameSource {
    private var frames: [Frame]

    public init(_ frames: [Frame]) { self.frames = frames.reversed() }

    public func next() throws -> Frame? { frames.popLast() }
}

/// A data adapter: a query (`symbol`, `start`, `end`, adapter-specific keys) in, batches out.
public struct DataAdapter: Sendable {
    public var info: ComponentInfo
    public var open: @Sendable (_ query: JSON, _ params: Params) throws -> any FrameSource
    /// The market of the bars (ABI 1.1); nil declares nothing, which the host reads as NYSE.
    public var market: AdapterMarket?

    public init(_ info: ComponentInfo, market: AdapterMarket? = nil, open: @escaping @Sendable (JSON, Params) throws -> any FrameSource) {
        self.info = info
        self.market = market
        self.open = open
    }
}

/// The verdict of a gate.
public struct GateVerdict: Sendable, Equatable {
    public enum Status: String, Sendable { case pass, warn, fail }
    public var status: Status
    public var reasons: [String]

    public init(_ status: Status, reasons: [String] = []) {
        self.status = status
        self.reasons = reasons
    }

    var json: JSON { .object(["status": .string(status.rawValue), "reasons": .array(reasons.map(JSON.string))]) }
}

/// A gate: facts (NaN%, Sharpe, trades…) in, pass / warn / fail with reasons out.
public struct Gate: Sendable {
    public var info: ComponentInfo
    public var evaluate: @Sendable (_ facts: JSON, _ params: Params) throws -> GateVerdict

    public init(_ info: ComponentInfo, evaluate: @escaping @Sendable (JSON, Params) throws -> GateVerdict) {
        self.info = info
        self.evaluate = evaluate
    }
}

/// A risk profile: named budgets (threshold floor, trades per day, drawdown, size).
public struct RiskProfile: Sendable {
    public var info: ComponentInfo
    public var budgets: @Sendable (_ params: Params) throws -> [String: Double]

    public init(_ info: ComponentInfo, budgets: @escaping @Sendable (Params) throws -> [String: Double]) {
        self.info = info
        self.budgets = budgets
    }
}

/// A file shipped inside the pack (indicator-set YAML, risk-profile YAML, docs).
public struct Resource: Sendable {
    public var name: String
    public var mediaType: String
    public var bytes: [UInt8]

    public init(name: String, mediaType: String, bytes: [UInt8]) {
        self.name = name
        self.mediaType = mediaType
        self.bytes = bytes
    }

    public static func yaml(_ name: String, _ text: String) -> Resource {
        Resource(name: name, mediaType: "application/yaml", bytes: Array(text.utf8))
    }
}

/// Everything a Swift pack provides. Return it from the pack's `edgehost_swift_pack` function:
/// ```swift
/// @_cdecl("edgehost_swift_pack")
/// public func edgehostSwiftPack() -> PackHandle { exportPack(MyPack.definition) }
/// ```
public struct PackDefinition: Sendable {
    public var adapters: [DataAdapter]
    public var indicators: [Indicator]
    public var labelers: [Labeler]
    public var gates: [Gate]
    public var riskProfiles: [RiskProfile]
    public var resources: [Resource]

    public init(adapters: [DataAdapter] = [], indicators: [Indicator] = [], labelers: [Labeler] = [],
                gates: [Gate] = [], riskProfiles: [RiskProfile] = [], resources: [Resource] = []) {
        self.adapters = adapters
        self.indicators = indicators
        self.labelers = labelers
        self.gates = gates
        self.riskProfiles = riskProfiles
        self.resources = resources
    }
}
