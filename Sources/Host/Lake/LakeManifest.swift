import Foundation

/// One DBN file in the bronze lake, as `lake/bronze/manifest.json` records it.
public struct BronzeFile: Codable, Sendable, Equatable {
    /// Relative to the lake's root: `bronze/futures/trades/underlying=ES/date=2020-12-28/x.dbn.zst`.
    public var path: String
    public var sha256: String
    public var bytes: Int
    public var dbnVersion: Int
    public var dataset: String
    /// Databento's schema name (`trades`, `mbo`, …) or `mixed`.
    public var schema: String
    public var symbols: [String]
    public var records: Int
    /// The first and last record's `ts_event` (ISO 8601, nanoseconds); nil without records.
    public var firstTsEvent: String?
    public var lastTsEvent: String?
    /// The same bounds in nanoseconds since the epoch, which the silver build compares.
    public var firstTsEventNanoseconds: UInt64?
    public var lastTsEventNanoseconds: UInt64?
    /// The request's range from the metadata.
    public var start: String?
    public var end: String?

    enum CodingKeys: String, CodingKey {
        case path, sha256, bytes, dataset, schema, symbols, records, start, end
        case dbnVersion = "dbn_version", firstTsEvent = "first_ts_event", lastTsEvent = "last_ts_event"
        case firstTsEventNanoseconds = "first_ts_event_ns", lastTsEventNanoseconds = "last_ts_event_ns"
    }
}

/// The manifests of the lake's layers: sorted entries, written whole and atomically, so the
/// same lake gives the same bytes.
enum LakeJSON {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value) + Data("\n".utf8)
    }

    /// The manifest at `path`, or `empty` when there is none yet; an unreadable one is bad data
    /// (65), never silently replaced.
    static func read<T: Decodable>(_ type: T.Type, at path: String, empty: T) throws -> T {
        guard FileManager.default.fileExists(atPath: path) else { return empty }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EdgehostError(code: "io", object: path, "cannot read the manifest", exit: .io)
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw EdgehostError(code: "lake-manifest", object: path, "not a lake manifest: \(error)", exit: .badInput)
        }
    }
}

struct BronzeManifest: Codable {
    var version = 1
    var files: [BronzeFile] = []
}
