import Foundation
import PackKit

/// `edgehost monitor freshness`: is each symbol's newest bar recent enough?
///
/// A bar stamped `t` (its start) closes at `t + bar`; its age is `(now − (t + bar)) / bar`,
/// in bars, so a bar that closed just now is 0 bars old. A symbol is stale when its age
/// exceeds `maxStalenessBars`, or when the adapter returned no bar in the look-back window.
public struct Freshness: Sendable {
    public struct Row: Sendable {
        public let symbol: String
        public let newest: Int64?
        public let ageBars: Double
        public let stale: Bool

        public var line: String {
            guard let newest else { return "\(symbol): STALE, no bar in the window" }
            return "\(symbol): \(stale ? "STALE" : "fresh"), newest bar \(Timestamps.iso(newest)), age \(String(format: "%.1f", ageBars)) bars"
        }
    }

    public let rows: [Row]
    public var stale: Bool { rows.contains(where: \.stale) }

    public init(newest: [(symbol: String, ts: Int64?)], now: Int64, barNanoseconds: Int64, maxStalenessBars: Double) {
        rows = newest.map { entry in
            guard let t = entry.ts else { return Row(symbol: entry.symbol, newest: nil, ageBars: .infinity, stale: true) }
            let age = Double(now - (t + barNanoseconds)) / Double(barNanoseconds)
            return Row(symbol: entry.symbol, newest: t, ageBars: age, stale: age > maxStalenessBars)
        }
    }

    /// `5m`, `1h`, `1d`, `30s` → nanoseconds.
    public static func barLength(_ text: String) throws -> Int64 {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        guard let unit = text.last.flatMap({ units[$0] }), let n = Int64(text.dropLast()), n > 0, n <= 10_000 else {
            throw EdgehostError(code: "usage", object: "--timeframe", "'\(text)' is not a bar length such as 1m, 5m, 1h, 1d", exit: .usage)
        }
        return n * unit * 1_000_000_000
    }

    /// The newest bar of each symbol from the adapter, asking for the days around `now`
    /// (enough for the staleness limit and two days more).
    public static func newestBars(catalogue: PackCatalogue, adapter: ComponentRef, query: [String: JSON], symbols: [String],
                                  timeframe: String, barNanoseconds: Int64, maxStalenessBars: Double, now: Int64) throws -> [(symbol: String, ts: Int64?)] {
        guard maxStalenessBars.isFinite, maxStalenessBars > 0 else {
            throw EdgehostError(code: "usage", object: "--max-staleness-bars", "must be a positive number", exit: .usage)
        }
        let source = try PackDataAdapter(pack: try catalogue.pack(adapter.pack), id: adapter.id, params: adapter.params)
        let day: Int64 = 86_400_000_000_000
        let span = Int64(min(maxStalenessBars + 2, 1e6)) * barNanoseconds + 2 * day
        func date(_ ns: Int64) -> String { Timestamps.date(Int32(clamping: (ns >= 0 ? ns : ns - day + 1) / day)) }
        return try symbols.map { symbol in
            var q = query
            q["symbol"] = .string(symbol)
            q["timeframe"] = .string(timeframe)
            q["start"] = .string(date(now - span))
            q["end"] = .string(date(now))
            let frame = try source.read(.object(q))
            let ts = frame.rowCount > 0 ? Array(try frame.timestamps()).filter { $0 <= now } : []
            return (symbol, ts.last)
        }
    }

    public var json: JSON {
        .object(["stale": .bool(stale), "symbols": .array(rows.map { r in
            .object(["symbol": .string(r.symbol), "newest": r.newest.map { .string(Timestamps.iso($0)) } ?? .null,
                     "age_bars": .finite(r.ageBars), "stale": .bool(r.stale)])
        })])
    }
}
