import Foundation
import PackKit

/// One partition of the lake: `lake/<stage>/<symbol>/<timeframe>/date=YYYY-MM-DD/` holding
/// `part.csv` (a `LakeTable`) and `manifest.json` (a `LakeManifest`).
public struct LakePartition: Sendable {
    /// The lake's stages, in order, by their folder.
    public enum Stage: String, Sendable, CaseIterable {
        case raw, cleaned, features
    }

    public let folder: String
    public var dataPath: String { folder + "/part.csv" }
    public var manifestPath: String { folder + "/manifest.json" }

    public init(workspace: Workspace, stage: Stage, symbol: String, timeframe: String, day: Int32) {
        folder = workspace.path("lake", stage.rawValue, symbol, timeframe, "date=\(Timestamps.date(day))")
    }

    /// The manifest when the partition was made from `inputSHA` and its data file is intact
    /// (its SHA-256 is the manifest's `output_sha`): the test for skipping it.
    public func unchanged(inputSHA: String) -> LakeManifest? {
        guard let manifest = LakeManifest.read(self), manifest.inputSHA == inputSHA,
              let bytes = FileManager.default.contents(atPath: dataPath), Hashing.sha256(bytes) == manifest.outputSHA else { return nil }
        return manifest
    }

    /// Writes the data, then its manifest (each in one rename): a crash in between leaves a
    /// data file its manifest does not vouch for, which the next run recomputes.
    @discardableResult
    public func write(_ table: LakeTable, manifest: LakeManifest) throws -> LakeManifest {
        try table.write(to: dataPath)
        var m = manifest
        m.outputSHA = try Hashing.sha256(path: dataPath)
        m.rows = table.count
        try AtomicFile.write(m.json.prettyText + "\n", to: manifestPath)
        return m
    }

    public func read() throws -> LakeTable { try LakeTable.read(path: dataPath) }
}

/// What made a partition: no clock times, so a recomputation from the same inputs writes the
/// same bytes (the run manifests under `runs/` keep the timings).
public struct LakeManifest: Sendable, Equatable {
    public var stage: String
    public var pack: String
    public var packVersion: String
    public var symbol: String
    public var timeframe: String
    public var date: String
    /// The stage's parameters (adapter and query, cleaning rules, features).
    public var params: JSON
    /// SHA-256 over the params and the input partitions' `output_sha` (or the source files).
    public var inputSHA: String
    public var outputSHA = ""
    public var rows = 0
    /// Stage counts: rows dropped by reason, gaps, features.
    public var counts: JSON = .object([:])

    public init(stage: LakePartition.Stage, pack: LoadedPack, symbol: String, timeframe: String, day: Int32, params: JSON, inputSHA: String) {
        self.stage = stage.rawValue
        self.pack = pack.id
        packVersion = pack.version
        self.symbol = symbol
        self.timeframe = timeframe
        date = Timestamps.date(day)
        self.params = params
        self.inputSHA = inputSHA
    }

    public var json: JSON {
        .object(["stage": .string(stage), "pack": .string(pack), "pack_version": .string(packVersion), "symbol": .string(symbol),
                 "timeframe": .string(timeframe), "date": .string(date), "params": params, "input_sha": .string(inputSHA),
                 "output_sha": .string(outputSHA), "rows": .number(Double(rows)), "counts": counts])
    }

    public init?(json: JSON) {
        guard let stage = json["stage"]?.stringValue, let pack = json["pack"]?.stringValue, let version = json["pack_version"]?.stringValue,
              let symbol = json["symbol"]?.stringValue, let timeframe = json["timeframe"]?.stringValue, let date = json["date"]?.stringValue,
              let input = json["input_sha"]?.stringValue, let output = json["output_sha"]?.stringValue,
              case .number(let rows)? = json["rows"], rows >= 0, rows < 1e12 else { return nil }
        self.stage = stage
        self.pack = pack
        packVersion = version
        self.symbol = symbol
        self.timeframe = timeframe
        self.date = date
        params = json["params"] ?? .null
        inputSHA = input
        outputSHA = output
        self.rows = Int(rows)
        counts = json["counts"] ?? .object([:])
    }
}
