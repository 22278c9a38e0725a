import Foundation
import PackKit

extension Lake {
    /// The cleaning rules' version: part of every cleaned partition's input hash, so a change
    /// of the rules recomputes them.
    static let cleanRules = "clean/1: sort by ts; drop repeated ts (keep the first); reject non-finite or non-positive prices, high < low, negative volume; report gaps"

    /// `clean`: each raw partition of `symbol` over `days` → a cleaned one: rows sorted by time
    /// (rows out of order counted), repeated timestamps dropped (the first kept, counted), bad
    /// bars rejected (counted), and the gaps reported — never filled. Within a day a gap is a
    /// step longer than the bar; on a 24/7 calendar the day's start and end count too.
    public func clean(_ symbol: String, days: ClosedRange<Int32>) throws -> LakeStageReport {
        var report = LakeStageReport(stage: .cleaned, symbol: symbol, written: 0, skipped: 0, rows: 0)
        var totals: [String: Int] = [:]
        var gaps: [(start: Int64, missing: Int64)] = []
        for day in days {
            let raw = partition(.raw, symbol, day)
            guard let rawManifest = LakeManifest.read(raw) else {
                throw EdgehostError(code: "missing-partition", object: raw.folder,
                                    "no raw partition for \(symbol) \(Timestamps.date(day)): run `edgehost lake ingest` first", exit: .badInput)
            }
            let params: JSON = .object(["rules": .string(Self.cleanRules), "timeframe": .string(timeframe),
                                        "calendar": .string(market.calendarID)])
            let input = Hashing.sha256("\(params.text) \(rawManifest.outputSHA)")
            let target = partition(.cleaned, symbol, day)
            var manifest: LakeManifest
            if !force, let kept = target.unchanged(inputSHA: input) {
                manifest = kept
                report.skipped += 1
            } else {
                let (table, counts) = try LakeCleaning(bar: timeframeNanoseconds, allDay: market.calendarID == "24x7").clean(try raw.read(), day: day, what: raw.dataPath)
                manifest = LakeManifest(stage: .cleaned, pack: pack, symbol: symbol, timeframe: timeframe, day: day, params: params, inputSHA: input)
                manifest.counts = counts
                manifest = try target.write(table, manifest: manifest)
                report.written += 1
            }
            report.rows += manifest.rows
            for key in ["out_of_order", "duplicates", "bad_bars", "missing_bars"] {
                if case .number(let x)? = manifest.counts[key] { totals[key, default: 0] += Int(x) }
            }
            if case .array(let found)? = manifest.counts["gaps"] {
                for g in found {
                    if let start = g["start"]?.stringValue.flatMap(Timestamps.parseInstant), case .number(let n)? = g["missing"] {
                        gaps.append((start, Int64(n)))
                    }
                }
            }
        }
        for (key, label) in [("out_of_order", "row(s) out of order sorted"), ("duplicates", "duplicate row(s) removed"),
                             ("bad_bars", "bad bar(s) rejected")] where totals[key, default: 0] > 0 {
            report.notes.append("\(totals[key]!) \(label)")
        }
        if let largest = gaps.max(by: { $0.missing < $1.missing }) {
            report.notes.append("\(gaps.count) gap(s), \(totals["missing_bars", default: 0]) bar(s) missing (largest: \(largest.missing) from \(Timestamps.iso(largest.start))); not filled")
        }
        return report
    }
}

extension LakeManifest {
    /// The manifest of `partition`, when it has a readable one.
    static func read(_ partition: LakePartition) -> LakeManifest? {
        guard let data = FileManager.default.contents(atPath: partition.manifestPath),
              let json = try? JSON.parse(String(decoding: data, as: UTF8.self)) else { return nil }
        return LakeManifest(json: json)
    }
}
