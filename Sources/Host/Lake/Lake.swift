import Foundation
import MarketKit
import PackKit

/// A pack's data lake in a workspace: the stages `ingest` (the adapter's bars → `lake/raw/`),
/// `clean` (sorted, duplicates and bad bars removed and counted, gaps reported → `lake/cleaned/`)
/// and `features` (the pack's indicator set and event detectors → `lake/features/`), each
/// partitioned by symbol and day with a manifest (`LakePartition`). A stage skips a partition
/// whose inputs are unchanged and whose data is intact; `force` recomputes, to the same bytes.
///
/// ```swift
/// let lake = try Lake(catalogue: catalogue, workspace: workspace, pack: "crypto")
/// _ = try lake.ingest("BTCUSDT", days: first...last)
/// ```
public struct Lake {
    public let workspace: Workspace
    public let catalogue: PackCatalogue
    public let pack: LoadedPack
    public let adapterID: String
    public let adapterParams: [String: JSON]
    /// Adapter query keys besides symbol, start and end (`source` for a file adapter).
    public let query: [String: JSON]
    /// The partitions' `<timeframe>` folder: the adapter's `timeframe` (query, params or its default).
    public let timeframe: String
    public let market: Market
    public var force = false
    public var checkCausality = true
    let adapter: PackDataAdapter

    /// `adapter` nil = the pack's default adapter (with the defaults' params under `adapterParams`).
    public init(catalogue: PackCatalogue, workspace: Workspace, pack packID: String, adapter adapterID: String? = nil,
                adapterParams: [String: JSON] = [:], query: [String: JSON] = [:]) throws {
        let pack = try catalogue.pack(packID)
        let defaults = try PackDefaults(pack: pack)
        let id = try adapterID ?? defaults.adapter?.id ?? pack.components[.dataAdapter]?.first?.id ?? {
            throw WorkspaceError("pack '\(packID)' has no data adapter")
        }()
        let params = (defaults.adapter?.id == id ? defaults.adapter?.params ?? [:] : [:]).merging(adapterParams) { _, given in given }
        self.workspace = workspace
        self.catalogue = catalogue
        self.pack = pack
        self.adapterID = id
        self.adapterParams = params
        self.query = query
        adapter = try PackDataAdapter(pack: pack, id: id, params: params)
        market = try adapter.market()
        let declared = pack.components[.dataAdapter]?.first { $0.id == id }?.params.first { $0.name == "timeframe" }?.defaultJSON
            .flatMap { try? JSON.parse($0) }?.stringValue
        let name = query["timeframe"]?.stringValue ?? params["timeframe"]?.stringValue ?? declared ?? "bars"
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw WorkspaceError("timeframe '\(EscapedText.text(name))' cannot name a lake folder: use letters and digits (5m, 1h)")
        }
        timeframe = name
    }

    func partition(_ stage: LakePartition.Stage, _ symbol: String, _ day: Int32) -> LakePartition {
        LakePartition(workspace: workspace, stage: stage, symbol: symbol, timeframe: timeframe, day: day)
    }

    /// The timeframe's length when its name says it (`5m`, `1h`, `30s`, `1d`), else nil.
    var timeframeNanoseconds: Int64? {
        guard let unit = timeframe.last, let n = Int64(timeframe.dropLast()), n > 0, n < 1_000_000 else { return nil }
        let seconds: Int64? = ["s": 1, "m": 60, "h": 3600, "d": 86_400][unit]
        return seconds.map { $0 * n * 1_000_000_000 }
    }
}

/// What one lake stage did for one symbol.
public struct LakeStageReport: Sendable {
    public var stage: LakePartition.Stage
    public var symbol: String
    /// Partitions computed and written in this call, and those skipped as unchanged.
    public var written: Int
    public var skipped: Int
    /// Rows in the stage's partitions (after the stage).
    public var rows: Int
    /// What the stage found: gaps, dropped rows, adapter warnings.
    public var notes: [String] = []

    /// `ingest BTCUSDT: 91 partitions skipped (unchanged), 26208 rows`.
    public var line: String {
        let what = written == 0 ? "\(skipped) partition(s) skipped (unchanged; --force recomputes)"
            : skipped == 0 ? "\(written) partition(s) written" : "\(written) partition(s) written, \(skipped) skipped (unchanged)"
        return "\(stage.verb) \(symbol): \(what), \(rows) rows" + (notes.isEmpty ? "" : "; " + notes.joined(separator: "; "))
    }

    public var json: JSON {
        .object(["stage": .string(stage.verb), "symbol": .string(symbol), "written": .number(Double(written)),
                 "skipped": .number(Double(skipped)), "rows": .number(Double(rows)), "notes": .strings(notes)])
    }
}

extension LakePartition.Stage {
    /// The command that makes the stage's partitions.
    public var verb: String {
        switch self {
        case .raw: "ingest"
        case .cleaned: "clean"
        case .features: "features"
        }
    }
}
