import Foundation
import PackKit

extension Lake {
    /// `ingest`: the adapter's bars of `symbol` over `days` → one raw partition per day (a day
    /// without bars gets an empty one). Skipped, without calling the adapter, when every day's
    /// partition is intact and was made from the same adapter, params, query and source files.
    public func ingest(_ symbol: String, days: ClosedRange<Int32>) throws -> LakeStageReport {
        var q = query
        q["symbol"] = .string(symbol)
        let params: JSON = .object(["adapter": .string("\(pack.id).\(adapterID)"), "adapter_params": .object(adapterParams),
                                    "query": .object(q), "sources": try sourceHashes()])
        let base = Hashing.sha256(params.text)
        let parts = days.map { day in (day: day, partition: partition(.raw, symbol, day), input: Hashing.sha256("\(base) \(Timestamps.date(day))")) }
        if !force {
            let kept = parts.compactMap { $0.partition.unchanged(inputSHA: $0.input) }
            if kept.count == parts.count {
                return LakeStageReport(stage: .raw, symbol: symbol, written: 0, skipped: kept.count, rows: kept.map(\.rows).reduce(0, +))
            }
        }
        q["start"] = .string(Timestamps.date(days.lowerBound))
        q["end"] = .string(Timestamps.date(days.upperBound))
        let (frame, logged) = try Log.capturingPackWarnings { try adapter.read(.object(q)) }
        let table = try LakeTable(frame: frame, what: "adapter '\(pack.id).\(adapterID)' for \(symbol)")
        var rowsByDay: [Int32: [Int]] = [:]
        for (row, t) in table.ts.enumerated() { rowsByDay[market.day(t), default: []].append(row) }
        let outside = rowsByDay.filter { !days.contains($0.key) }.values.map(\.count).reduce(0, +)
        for part in parts {
            let manifest = LakeManifest(stage: .raw, pack: pack, symbol: symbol, timeframe: timeframe, day: part.day, params: params, inputSHA: part.input)
            try part.partition.write(table.rows(rowsByDay[part.day] ?? []), manifest: manifest)
        }
        var notes = logged
        if outside > 0 { notes.append("\(outside) row(s) outside \(Timestamps.date(days.lowerBound))..\(Timestamps.date(days.upperBound)) not kept") }
        return LakeStageReport(stage: .raw, symbol: symbol, written: parts.count, skipped: 0, rows: table.count - outside, notes: notes)
    }

    /// SHA-256 of the files the adapter reads (`source`, `funding` in the query or params): a
    /// file's bytes, or a folder's files by relative path. Changing a source file re-ingests.
    func sourceHashes() throws -> JSON {
        var out: [String: JSON] = [:]
        for key in ["source", "funding"] {
            guard let path = query[key]?.stringValue ?? adapterParams[key]?.stringValue, !path.isEmpty else { continue }
            guard FileManager.default.fileExists(atPath: path) else { continue }
            out[key] = .string(try Hashing.sha256(path: path))
        }
        return .object(out)
    }
}
