import Foundation
import MarketKit
import PackKit

/// `edgehost stream capture`: records a session of an adapter's bars into a folder
/// (`Recording`'s layout) so anyone can make a recording to replay with `edgehost live`.
///
/// It reads the adapter exactly as the matrix builder does (one `read` of the query
/// `{symbol, start, end}` plus the model's query fields), starting the warm-up history before
/// the session that the model's features need: a replay of the recording then gives the same
/// frame, hence the same features and scores, as a batch build of that session. Without a
/// model it records `historyDays` calendar days of history (default 7).
public struct StreamCapture {
    public var pack: String
    public var adapter: String
    public var symbols: [String]
    public var session: Int32
    public var out: String
    public var historyDays: Int?
    /// The model whose adapter parameters, query and warm-up the recording follows.
    public var plan: ModelPlan?
    /// `--adapter-param`s, over the model's (a vendor's `base_url`, say).
    public var adapterParams: [String: JSON] = [:]

    public init(pack: String, adapter: String, symbols: [String], session: Int32, out: String, historyDays: Int? = nil, plan: ModelPlan? = nil) {
        self.pack = pack
        self.adapter = adapter
        self.symbols = symbols
        self.session = session
        self.out = out
        self.historyDays = historyDays
        self.plan = plan
    }

    public struct Outcome: Sendable {
        public let manifest: JSON
        /// Bars recorded per symbol, and those on the session itself.
        public let rows: [String: Int]
        public let sessionRows: [String: Int]
        /// Per symbol whose adapter reported wire figures (`CaptureHealth`).
        public let health: [String: CaptureHealth]
    }

    /// The adapter opened once, with what every read and the manifest need.
    struct Source {
        let adapter: PackDataAdapter
        let market: Market
        let params: [String: JSON]
        let packVersion: String
        let history: Int
    }

    func open(catalogue: PackCatalogue) throws -> Source {
        guard !symbols.isEmpty else { throw EdgehostError(code: "usage", object: "--symbols", "give at least one symbol", exit: .usage) }
        for symbol in symbols where symbol.hasPrefix(".") || symbol.range(of: "^[A-Za-z0-9._-]{1,32}$", options: .regularExpression) == nil {
            throw EdgehostError(code: "usage", object: "--symbols", "'\(EscapedText.text(symbol))' must be 1–32 letters, digits, '.', '_' or '-' (it names a file)", exit: .usage)
        }
        if let plan, plan.adapter.pack != pack || plan.adapter.id != adapter {
            throw EdgehostError(code: "usage", object: "--adapter", "model \(plan.config.modelID) reads \(plan.adapter.pack).\(plan.adapter.id), not \(pack).\(adapter)", exit: .usage)
        }
        let loaded = try catalogue.pack(pack)
        let given = (plan?.adapter.params ?? [:]).merging(adapterParams) { _, new in new }
        let params = try ParameterValidator.complete(given, against: try loaded.info(.dataAdapter, adapter).params, component: "\(pack).\(adapter)")
        let source = try PackDataAdapter(pack: loaded, id: adapter, params: given)
        let market = try source.market()
        let history: Int
        if let historyDays {
            history = historyDays
        } else if let plan {
            history = MatrixBuilder.warmUpDays(try plan.indicatorSet.features.map { try FeatureComputer($0, catalogue: plan.catalogue) }, market: market)
        } else {
            history = 7
        }
        guard (0...3_660).contains(history) else {
            throw EdgehostError(code: "usage", object: "--history-days", "\(history) must be 0–3660 calendar days", exit: .usage)
        }
        return Source(adapter: source, market: market, params: params, packVersion: loaded.version, history: history)
    }

    /// One symbol's bars from the history start through the session, as the matrix builder
    /// reads them, with the wire figures the adapter reported.
    func read(_ symbol: String, from source: Source) throws -> (frame: Frame, reported: [AdapterHealth]) {
        var query = plan?.query ?? [:]
        query["symbol"] = .string(symbol)
        query["start"] = .string(Timestamps.date(session - Int32(source.history)))
        query["end"] = .string(Timestamps.date(session))
        return try Log.capturingAdapterHealth { try source.adapter.read(.object(query)) }
    }

    /// `capture.json`'s fields, but for the files (`Recording.write` adds those).
    func manifest(_ source: Source) -> [String: JSON] {
        var query = plan?.query ?? [:]
        for key in ["symbol", "start", "end"] { query[key] = nil }
        return [
            "pack": .string(pack), "pack_version": .string(source.packVersion), "adapter": .string(adapter), "adapter_params": .object(source.params),
            "query": .object(query), "symbols": .strings(symbols), "session": .string(Timestamps.date(session)),
            "history_start": .string(Timestamps.date(session - Int32(source.history))), "market": source.market.json,
            "availability_lag_ns": .number(Double(source.adapter.info.causality.availabilityLagNanoseconds)),
            "model_id": plan.map { .string($0.config.modelID) } ?? .null,
            "data_path": .string("the adapter's bars, read as the matrix builder reads them (same query and warm-up history), so a replay scores the rows a batch build of the session gives"),
        ]
    }

    public func run(catalogue: PackCatalogue) throws -> Outcome {
        let source = try open(catalogue: catalogue)
        let market = source.market
        var frames: [(symbol: String, frame: Frame)] = []
        var rows: [String: Int] = [:], sessionRows: [String: Int] = [:], figures: [String: [AdapterHealth]] = [:]
        for symbol in symbols {
            let (frame, reported) = try read(symbol, from: source)
            if !reported.isEmpty { figures[symbol] = reported }
            let ts = try frame.timestamps()
            let onSession = (0..<ts.count).filter { market.day(ts[$0]) == session }.count
            guard onSession > 0 else {
                throw EdgehostError(code: "no-session-data", object: symbol,
                                    "the adapter \(pack).\(adapter) has no bar on \(Timestamps.date(session)) (a weekend or a market holiday?); nothing was written", exit: .badInput)
            }
            frames.append((symbol, frame))
            rows[symbol] = frame.rowCount
            sessionRows[symbol] = onSession
        }
        let lag = source.adapter.info.causality.availabilityLagNanoseconds
        let flushNs = Int64(Date().timeIntervalSince1970 * 1e9)
        var health: [String: CaptureHealth] = [:]
        for (symbol, frame) in frames {
            guard let reported = figures[symbol] else { continue }
            health[symbol] = CaptureHealth(figures: reported, ts: Array(try frame.timestamps()), lag: lag, session: session, market: market, flushNs: flushNs)
        }
        var extra: [String: JSON] = [:]
        if !health.isEmpty { extra["health"] = .object(health.mapValues(\.json)) }
        let manifest = try Recording.write(folder: out, frames: frames, manifest: extra.merging(manifest(source)) { _, new in new })
        return Outcome(manifest: manifest, rows: rows, sessionRows: sessionRows, health: health)
    }
}
