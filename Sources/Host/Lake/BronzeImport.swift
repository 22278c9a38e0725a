import DBN
import Foundation

/// `edgehost lake import FILE…`: files DBN files into the bronze lake,
/// `<lake>/bronze/<asset>/<kind>/underlying=<U>/date=<YYYY-MM-DD>/<file name>`, where kind is
/// `trades` for trades, `nbbo` for top-of-book schemas (mbp-1, tbbo, bbo-1s/1m, cmbp-1, cbbo,
/// tcbbo) and the schema's own name otherwise (mbo, mbp-10, definition, …), and the date is the
/// UTC date of the file's requested start. `bronze/manifest.json` records each file's hash,
/// schema, record count and time range.
///
/// Every file is decoded whole before anything is written: one malformed file fails the import
/// with its name and byte offset (exit 65) and leaves the lake as it was. Files land by rename
/// from a temporary name in their folder, the manifest last, so a killed import leaves no
/// half-written file under a lake name.
public struct BronzeImport {
    public enum Asset: String, Sendable, CaseIterable { case futures, options }
    public enum Outcome: String, Sendable { case added, replaced, unchanged }

    public struct Filed: Sendable {
        public var source: String
        public var entry: BronzeFile
        public var outcome: Outcome
    }

    public var lake: String
    public var asset: Asset
    public var underlying: String
    /// Replace a lake file of the same name whose bytes differ (otherwise an error).
    public var force: Bool

    public init(lake: String, asset: Asset = .futures, underlying: String = "ES", force: Bool = false) {
        self.lake = lake
        self.asset = asset
        self.underlying = underlying
        self.force = force
    }

    public static func manifestPath(lake: String) -> String { (lake as NSString).appendingPathComponent("bronze/manifest.json") }

    /// The folder name of a schema's files.
    static func kind(_ schema: DBNSchema?) -> String {
        switch schema {
        case .trades?: "trades"
        case .mbp1?, .tbbo?, .bbo1s?, .bbo1m?, .cmbp1?, .cbbo1s?, .cbbo1m?, .tcbbo?: "nbbo"
        case let other?: other.name
        case nil: "mixed"
        }
    }

    public func run(files: [String]) throws -> [Filed] {
        guard !files.isEmpty else { throw EdgehostError(code: "usage", "give at least one DBN file", exit: .usage) }
        guard underlying.range(of: "^[A-Za-z0-9._-]+$", options: .regularExpression) != nil else {
            throw EdgehostError(code: "usage", object: "--underlying", "'\(underlying)' must be letters, digits, '.', '_' or '-'", exit: .usage)
        }
        // Validate everything first: nothing is written unless every file decodes.
        var planned: [(source: String, entry: BronzeFile)] = []
        for file in files {
            let scan = try DBNFileScan(path: file)
            let (digest, bytes) = try FileDigest.sha256(path: file)
            let name = (file as NSString).lastPathComponent
            let path = "bronze/\(asset.rawValue)/\(Self.kind(scan.metadata.schema))/underlying=\(underlying)/date=\(scan.startDate)/\(name)"
            let m = scan.metadata
            let entry = BronzeFile(
                path: path, sha256: digest, bytes: bytes, dbnVersion: Int(m.version), dataset: m.dataset,
                schema: m.schema?.name ?? "mixed", symbols: m.symbols, records: scan.records,
                firstTsEvent: scan.firstTsEvent.flatMap(DBNFormat.timestamp), lastTsEvent: scan.lastTsEvent.flatMap(DBNFormat.timestamp),
                firstTsEventNanoseconds: scan.firstTsEvent, lastTsEventNanoseconds: scan.lastTsEvent,
                start: DBNFormat.timestamp(m.start), end: m.end.flatMap(DBNFormat.timestamp))
            if let twin = planned.first(where: { $0.entry.path == path && $0.entry.sha256 != digest }) {
                throw EdgehostError(code: "lake-conflict", object: file, "files to \(path) as \(twin.source) does, with other bytes", exit: .badInput)
            }
            planned.append((file, entry))
        }
        let manifestPath = Self.manifestPath(lake: lake)
        var manifest = try LakeJSON.read(BronzeManifest.self, at: manifestPath, empty: BronzeManifest())
        var filed: [Filed] = []
        for (source, entry) in planned {
            let existing = manifest.files.firstIndex { $0.path == entry.path }
            let target = (lake as NSString).appendingPathComponent(entry.path)
            if let i = existing, manifest.files[i].sha256 == entry.sha256, FileManager.default.fileExists(atPath: target) {
                filed.append(Filed(source: source, entry: entry, outcome: .unchanged))
                continue
            }
            if let i = existing, manifest.files[i].sha256 != entry.sha256, !force {
                throw EdgehostError(code: "lake-conflict", object: source,
                                    "\(entry.path) is already in the lake with other bytes (sha256 \(manifest.files[i].sha256.prefix(12))…); "
                                    + "--force replaces it", exit: .badInput)
            }
            try Self.copy(source, to: target)
            if let i = existing { manifest.files[i] = entry } else { manifest.files.append(entry) }
            filed.append(Filed(source: source, entry: entry, outcome: existing == nil ? .added : .replaced))
        }
        if filed.contains(where: { $0.outcome != .unchanged }) || !FileManager.default.fileExists(atPath: manifestPath) {
            manifest.files.sort { $0.path < $1.path }
            try AtomicFile.write(try LakeJSON.encode(manifest), to: manifestPath)
        }
        return filed
    }

    /// Copies to a temporary name beside the target, then renames over it.
    static func copy(_ source: String, to target: String) throws {
        let folder = (target as NSString).deletingLastPathComponent
        let temp = (folder as NSString).appendingPathComponent(".\((target as NSString).lastPathComponent).tmp-\(getpid())")
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: temp)
            try FileManager.default.copyItem(atPath: source, toPath: temp)
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw EdgehostError(code: "io", object: target, "cannot write: \(error.localizedDescription)", exit: .io)
        }
        guard rename(temp, target) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temp)
            throw EdgehostError(code: "io", object: target, "cannot write: \(reason)", exit: .io)
        }
    }
}
