import Foundation
import PackKit

/// A recording's bars as a batch source: read even when a file no longer has the digest
/// `capture.json` names (a bar corrected after the capture), which is then a note, since a
/// reconciliation is there to show what such an edit changes; a bar the recording says was
/// delivered late is a note too.
enum RecordingSource {
    static func bars(folder: String, symbol: String, session: Int32) throws -> (bars: Frame, captureSHA: String, notes: [String]) {
        guard FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(Recording.manifestFile)) else {
            throw EdgehostError(code: "replay-input-missing", object: folder, "no recording here (no \(Recording.manifestFile)): the session's recorded data is gone", exit: .unavailable)
        }
        let recording = try Recording(folder: folder)
        guard recording.session == session else {
            throw EdgehostError(code: "usage", object: "--replay-from", "\(folder) records \(Timestamps.date(recording.session)), not \(Timestamps.date(session))", exit: .usage)
        }
        guard let relative = recording.manifest["files"]?[symbol]?["path"]?.stringValue,
              let digest = recording.manifest["files"]?[symbol]?["sha256"]?.stringValue else {
            throw EdgehostError(code: "usage", object: "--replay-from", "'\(symbol)' is not in the recording \(folder) (it has: \(recording.symbols.joined(separator: ", ")))", exit: .usage)
        }
        let path = (folder as NSString).appendingPathComponent(relative)
        let actual = try Hashing.sha256(path: path)
        var notes = actual == digest ? [] : ["\(relative): SHA-256 \(actual.prefix(12)) is not capture.json's \(digest.prefix(12)): edited after the capture"]
        for (bar, at) in (recording.lateBars[symbol] ?? [:]).sorted(by: { $0.key < $1.key }) {
            notes.append("\(symbol) bar \(Timestamps.iso(bar)) delivered late, at \(Timestamps.iso(at)) (capture.json late_bars): the loop scored without it until then, the batch build has it")
        }
        return (try RecordedBars.read(path: path), recording.sha, notes)
    }
}
