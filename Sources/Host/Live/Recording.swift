import Foundation
import MarketKit
import PackKit

/// A recorded session, the folder `edgehost stream capture` writes and `edgehost live
/// --replay-from` reads:
///
/// ```
/// DIR/capture.json        what was recorded: pack, adapter (with its complete parameters),
///                         query, symbols, session, history start, market, availability lag,
///                         each file's SHA-256 and rows, the last event time per symbol,
///                         and for a vendor adapter `health` per symbol (`CaptureHealth`);
///                         optionally `late_bars` per symbol: bars the stream handed over
///                         after their time (`[{"ts", "delivered_at"}]`, ISO instants)
/// DIR/bars/<SYMBOL>.csv   the adapter's bars (`RecordedBars`), history days then the session
/// ```
///
/// The bars are what the matrix builder reads from the same adapter for that session (same
/// query, same warm-up history), so a replay scores the very rows a batch build of the session
/// gives; `capture.json` is written last and names every file's digest, so a folder without
/// it, or with a file that differs, is refused.
public struct Recording: Sendable {
    public static let format = "edgehost-capture/1"
    public static let manifestFile = "capture.json"

    public let folder: String
    public let manifest: JSON
    public let pack: String
    public let adapter: String
    /// The adapter's parameters, complete (defaults filled in).
    public let adapterParams: [String: JSON]
    public let symbols: [String]
    public let session: Int32
    public let market: Market
    /// SHA-256 over the files' digests: the recording's identity in provenance fields.
    public let sha: String
    /// The capture's health per symbol, for adapters that reported wire figures (else empty).
    public let health: [String: CaptureHealth]
    /// Per symbol, the bars delivered after their time: bar start (ns) → delivery instant (ns).
    public let lateBars: [String: [Int64: Int64]]

    public init(folder: String) throws {
        let path = (folder as NSString).appendingPathComponent(Self.manifestFile)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EdgehostError(code: "missing-file", object: path, "no recording here (no \(Self.manifestFile)): record one with `edgehost stream capture --out \(folder)`", exit: .io)
        }
        let json: JSON
        do { json = try JSON.parse(String(decoding: data, as: UTF8.self)) } catch { throw WorkspaceError("\(path): not valid JSON (\(error))") }
        guard json["format"]?.stringValue == Self.format, let pack = json["pack"]?.stringValue, let adapter = json["adapter"]?.stringValue,
              case .object(let params)? = json["adapter_params"], case .array(let symbols)? = json["symbols"],
              let session = json["session"]?.stringValue, let sha = json["capture_sha"]?.stringValue else {
            throw WorkspaceError("\(path): not an \(Self.format) manifest (format, pack, adapter, adapter_params, symbols, session, capture_sha)")
        }
        self.folder = folder
        manifest = json
        self.pack = pack
        self.adapter = adapter
        adapterParams = params
        self.symbols = symbols.compactMap(\.stringValue)
        self.session = try Timestamps.parseDate(session)
        do { market = try Market(json: json["market"]) } catch { throw WorkspaceError("\(path): market: \(error.description)") }
        let late = try Self.lateBars(json["late_bars"], path: path)
        lateBars = late
        // Late deliveries change what the loop saw: they are part of the recording's identity.
        self.sha = late.isEmpty ? sha : Hashing.sha256(sha + "\nlate_bars " + (json["late_bars"] ?? .null).text)
        var health: [String: CaptureHealth] = [:]
        if case .object(let entries)? = json["health"] {
            for (symbol, entry) in entries {
                guard let parsed = CaptureHealth(json: entry) else { throw WorkspaceError("\(path): health.\(symbol) is not a capture health entry (requests, pages, retries, reconnects, queue_depth)") }
                health[symbol] = parsed
            }
        }
        self.health = health
    }

    /// `late_bars` read: each entry a bar start and a delivery instant, both ISO, per symbol.
    static func lateBars(_ json: JSON?, path: String) throws -> [String: [Int64: Int64]] {
        guard let json, json != .null else { return [:] }
        guard case .object(let symbols) = json else { throw WorkspaceError("\(path): late_bars is not an object of symbols") }
        var out: [String: [Int64: Int64]] = [:]
        for (symbol, entries) in symbols {
            guard case .array(let list) = entries else { throw WorkspaceError("\(path): late_bars.\(symbol) is not a list of {ts, delivered_at}") }
            var bars: [Int64: Int64] = [:]
            for (n, entry) in list.enumerated() {
                guard let ts = entry["ts"]?.stringValue.flatMap(Timestamps.parseInstant),
                      let at = entry["delivered_at"]?.stringValue.flatMap(Timestamps.parseInstant) else {
                    throw WorkspaceError("\(path): late_bars.\(symbol)[\(n)] needs ts and delivered_at as UTC instants (2024-07-01T16:40:00Z)")
                }
                bars[ts] = at
            }
            out[symbol] = bars
        }
        return out
    }

    /// The stream lag the capture measured for `symbol` (the session in progress), or nil.
    public func streamLagSeconds(_ symbol: String) -> Double? { health[symbol]?.streamLagSeconds }

    /// The recorded bars of `symbol`, checked against the digest the manifest names.
    public func bars(_ symbol: String) throws -> Frame {
        guard symbols.contains(symbol), let relative = manifest["files"]?[symbol]?["path"]?.stringValue,
              let digest = manifest["files"]?[symbol]?["sha256"]?.stringValue else {
            throw EdgehostError(code: "usage", object: "--symbol", "'\(symbol)' is not in the recording \(folder) (it has: \(symbols.joined(separator: ", ")))", exit: .usage)
        }
        let path = (folder as NSString).appendingPathComponent(relative)
        let actual = try Hashing.sha256(path: path)
        guard actual == digest else {
            throw WorkspaceError("\(path): SHA-256 \(actual.prefix(12)) is not capture.json's \(digest.prefix(12)): the recording was modified; record it again")
        }
        return try RecordedBars.read(path: path)
    }

    /// Writes a recording: every bars file, then `capture.json` last (it names their digests).
    static func write(folder: String, frames: [(symbol: String, frame: Frame)], manifest: [String: JSON]) throws -> JSON {
        var files: [String: JSON] = [:], last: [String: JSON] = [:]
        for (symbol, frame) in frames {
            let relative = "bars/\(symbol).csv"
            let bytes = RecordedBars.csv(frame)
            try AtomicFile.write(bytes, to: (folder as NSString).appendingPathComponent(relative))
            let ts = try frame.timestamps()
            files[symbol] = .object(["path": .string(relative), "sha256": .string(Hashing.sha256(bytes)), "rows": .number(Double(frame.rowCount)),
                                     "first_ts": ts.count > 0 ? .string(Timestamps.iso(ts[0])) : .null])
            last[symbol] = ts.count > 0 ? .string(Timestamps.iso(ts[ts.count - 1])) : .null
        }
        var o = manifest
        o["format"] = .string(format)
        o["files"] = .object(files)
        o["last_event_time"] = .object(last)
        o["capture_sha"] = .string(Hashing.sha256(files.keys.sorted().compactMap { files[$0]?["sha256"]?.stringValue }.joined(separator: "\n")))
        let json = JSON.object(o)
        try AtomicFile.write(json.prettyText, to: (folder as NSString).appendingPathComponent(manifestFile))
        return json
    }
}
