import PackKit

/// A model: which pack, instrument, horizon and cadence, which indicator set, and where its
/// data comes from. Stored as `models/<model_id>.json` in the workspace.
public struct ModelConfig: Sendable, Equatable {
    public var modelID: String
    public var pack: String
    public var ticker: String
    public var assetType: String
    public var horizon: String
    public var cadence: String
    public var indicatorSet: String
    public var adapter: ComponentRef
    /// Extra adapter query keys (`source`, `chain`, …) passed with every read.
    public var query: [String: JSON]
    /// Replaces the indicator set's labeler when given.
    public var labeler: ComponentRef?

    public init(modelID: String? = nil, pack: String, ticker: String, assetType: String, horizon: String, cadence: String,
                indicatorSet: String, adapter: ComponentRef, query: [String: JSON] = [:], labeler: ComponentRef? = nil) throws(WorkspaceError) {
        self.pack = pack
        self.ticker = ticker
        self.assetType = assetType
        self.horizon = horizon
        self.cadence = cadence
        self.indicatorSet = indicatorSet
        self.adapter = adapter
        self.query = query
        self.labeler = labeler
        self.modelID = modelID ?? ModelConfig.defaultID(ticker: ticker, assetType: assetType, horizon: horizon, cadence: cadence)
        for (name, value) in [("ticker", ticker), ("asset type", assetType), ("horizon", horizon), ("cadence", cadence)] {
            guard !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == ".") }) else {
                throw WorkspaceError("\(name) '\(value)' is invalid: use letters, digits, '_', '-' and '.'")
            }
        }
        try ModelID.check(self.modelID)
    }

    /// `spy_opt_0dte_hourly` for SPY, opt, 0dte, hourly.
    public static func defaultID(ticker: String, assetType: String, horizon: String, cadence: String) -> String {
        [ticker, assetType, horizon, cadence].map { $0.lowercased() }.joined(separator: "_")
    }

    /// The stored form (and the seed API's request body): snake_case keys.
    public var json: JSON {
        var o: [String: JSON] = [
            "model_id": .string(modelID), "pack": .string(pack), "ticker": .string(ticker),
            "asset_type": .string(assetType), "horizon": .string(horizon), "cadence": .string(cadence),
            "indicator_set": .string(indicatorSet), "adapter": adapter.json, "query": .object(query),
        ]
        if let labeler { o["labeler"] = labeler.json }
        return .object(o)
    }

    /// Reads the stored form or a request body; `defaults` fills what the body leaves out.
    public init(json: JSON, context: String, defaults: (String) throws -> PackDefaults = { _ in PackDefaults() }) throws {
        var r = try ObjectReader(json, context: context)
        let pack = try r.string("pack")
        let d = try defaults(pack)
        func pick(_ key: String, _ fallback: String?) throws(WorkspaceError) -> String {
            guard let v = try r.optionalString(key) ?? fallback else { throw WorkspaceError("\(context): '\(key)' is required (pack '\(pack)' has no default)") }
            return v
        }
        let adapter = try r.value("adapter").map { j throws(WorkspaceError) in try ComponentRef(j, defaultPack: pack, context: "\(context): adapter") }
        let labeler = try r.value("labeler").map { j throws(WorkspaceError) in try ComponentRef(j, defaultPack: pack, context: "\(context): labeler") }
        try self.init(modelID: try r.optionalString("model_id"), pack: pack, ticker: try pick("ticker", d.ticker),
                      assetType: try pick("asset_type", d.assetType), horizon: try pick("horizon", d.horizon),
                      cadence: try pick("cadence", d.cadence), indicatorSet: try pick("indicator_set", d.indicatorSet),
                      adapter: adapter ?? d.adapter ?? ComponentRef(pack: pack, id: "sim"),
                      query: d.query.merging(try r.object("query")) { _, given in given }, labeler: labeler)
        try r.finish()
    }
}
