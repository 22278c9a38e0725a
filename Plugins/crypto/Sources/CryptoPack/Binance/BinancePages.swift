import Foundation
import PackKit

/// Paginated Binance history: klines (`GET /api/v3/klines`) and funding
/// (`GET /fapi/v1/fundingRate`), `limit` rows a page, `startTime` advancing past each page's
/// last row. Complete pages (full, and closed before now) are kept in `cache` when given, so an
/// interrupted download resumes where it stopped and a second run asks the server nothing.
struct BinancePages {
    var client: BinanceClient
    var funding: BinanceClient
    var limit: Int
    /// Folder for cached pages; nil: no cache.
    var cache: String?

    /// Klines of `symbol` starting in [from, to) (nanoseconds).
    func klines(_ symbol: String, _ timeframe: Timeframe, from: Int64, to: Int64) throws -> Klines {
        var out = Klines()
        var start = from / 1_000_000
        let end = to / 1_000_000, step = timeframe.nanoseconds / 1_000_000
        while start < end {
            let query = [("symbol", symbol), ("interval", timeframe.rawValue), ("startTime", String(start)), ("endTime", String(end - 1)), ("limit", String(limit))]
            let rows = try page("klines/\(symbol)/\(timeframe.rawValue)/\(start)-\(limit).json", closesBy: { rows in
                rows.last.map { $0.ts / 1_000_000 + step } }) {
                try self.client.get("/api/v3/klines", query)
            } decode: { try BinanceDecoding.klines(Array($0), path: "/api/v3/klines") }
            guard let last = rows.last else { break }
            for row in rows where row.ts >= from && row.ts < to {
                if let previous = out.ts.last, row.ts <= previous {
                    throw ComponentError("binance: /api/v3/klines returned \(UTCTime.format(row.ts)) after \(UTCTime.format(previous)): rows out of order")
                }
                out.append(ts: row.ts, open: row.open, high: row.high, low: row.low, close: row.close, volume: row.volume)
            }
            if rows.count < limit { break }
            start = last.ts / 1_000_000 + step
        }
        return out
    }

    /// Funding prints of `symbol` in [from, to) (nanoseconds).
    func fundingRates(_ symbol: String, from: Int64, to: Int64) throws -> FundingRates {
        var out = FundingRates()
        var start = from / 1_000_000
        let end = to / 1_000_000
        while start < end {
            let query = [("symbol", symbol), ("startTime", String(start)), ("endTime", String(end - 1)), ("limit", String(limit))]
            let rows = try page("funding/\(symbol)/\(start)-\(limit).json", closesBy: { $0.last.map { $0.ts / 1_000_000 } }) {
                try self.funding.get("/fapi/v1/fundingRate", query)
            } decode: { try BinanceDecoding.funding(Array($0), symbol: symbol, path: "/fapi/v1/fundingRate") }
            guard let last = rows.last else { break }
            for row in rows where row.ts >= from && row.ts < to && (out.ts.last.map { row.ts > $0 } ?? true) {
                out.ts.append(row.ts)
                out.rate.append(row.rate)
            }
            if rows.count < limit { break }
            start = last.ts / 1_000_000 + 1
        }
        return out
    }

    /// One page: from the cache when there, else fetched, decoded, and cached when complete
    /// (`limit` rows whose last closed before now: history that cannot change).
    private func page<Row>(_ name: String, closesBy: ([Row]) -> Int64?, fetch: () throws -> Data,
                           decode: (Data) throws -> [Row]) throws -> [Row] {
        let file = cache.map { $0 + "/" + name }
        if let file, let cached = FileManager.default.contents(atPath: file), let rows = try? decode(cached) {
            return rows
        }
        let body = try fetch()
        let rows = try decode(body)
        let nowMs = Int64(Date().timeIntervalSince1970 * 1_000)
        if let file, rows.count == limit, let close = closesBy(rows), close <= nowMs {
            try store(body, at: file)
        }
        return rows
    }

    /// Written to a temporary name and renamed: a page file is whole or absent.
    private func store(_ body: Data, at file: String) throws {
        let url = URL(fileURLWithPath: file)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
            try body.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw ComponentError("binance: cannot write the page cache \(file): \(reason)", status: 3)
            }
        } catch let error as ComponentError {
            throw error
        } catch {
            throw ComponentError("binance: cannot write the page cache \(file): \(error.localizedDescription)", status: 3)
        }
    }
}
