import Foundation
import PackKit

/// The real book facts of the silver layer's `quotes.csv` (`edgehost lake silver` writes it when
/// the bronze lake holds top-of-book files or sided trades): per (minute, contract) the top of
/// book at the minute's close and the minute's signed volume. Empty fields are facts the data
/// did not give; those stay simulated, and the adapter's warning says how many minutes were real.
struct RealBook {
    struct Facts {
        var bid: Double?, ask: Double?, bidSize: Double?, askSize: Double?, signed: Double?
    }

    private(set) var facts: [String: Facts] = [:]

    static func key(_ ts: Int64, _ contract: String) -> String { "\(ts) \(contract)" }

    var isEmpty: Bool { facts.isEmpty }

    /// Adds one date's `quotes.csv` (header `ts,contract,bid,ask,bid_size,ask_size,signed_volume`).
    mutating func add(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw ComponentError("\(path): cannot read") }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
        let header = "ts,contract,bid,ask,bid_size,ask_size,signed_volume"
        guard lines.first.map(String.init) == header else { throw ComponentError("\(path):1: missing header '\(header)'") }
        for (n, line) in lines.dropFirst().enumerated() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            func fail(_ what: String) -> ComponentError { ComponentError("\(path):\(n + 2): \(what)") }
            guard f.count == 7 else { throw fail("expected 7 fields, got \(f.count)") }
            guard let ts = LeanMinuteFile.parseInstant(f[0]) else { throw fail("'\(f[0])' is not a UTC timestamp YYYY-MM-DDTHH:MM:SSZ") }
            func number(_ s: Substring) throws -> Double? {
                if s.isEmpty { return nil }
                guard let x = Double(s), x.isFinite else { throw fail("'\(s)' is not a number") }
                return x
            }
            let v = try f[2...6].map(number)
            if let bid = v[0], let ask = v[1], !(bid > 0 && ask > bid) { throw fail("bid \(bid) and ask \(ask) must satisfy 0 < bid < ask") }
            facts[Self.key(ts, String(f[1]))] = Facts(bid: v[0], ask: v[1], bidSize: v[2], askSize: v[3], signed: v[4])
        }
    }

    /// Puts the real facts over the simulated ones; returns the minutes with a real top of book
    /// and with a real signed volume.
    func apply(to bars: inout ESBars) -> (quotes: Int, signed: Int) {
        var quotes = 0, signed = 0
        for i in 0..<bars.count {
            guard let f = facts[Self.key(bars.ts[i], bars.contract[i])] else { continue }
            if let bid = f.bid, let ask = f.ask, let b = f.bidSize, let a = f.askSize {
                (bars.bid[i], bars.ask[i], bars.bidSize[i], bars.askSize[i]) = (bid, ask, b, a)
                quotes += 1
            }
            if let s = f.signed { bars.signedVolume[i] = s; signed += 1 }
        }
        return (quotes, signed)
    }
}
