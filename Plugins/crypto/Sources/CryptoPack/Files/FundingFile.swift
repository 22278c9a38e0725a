#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PackKit

/// Binance USDT-M funding files: `ts,symbol,funding_rate`, 8-hourly, oldest first.
enum FundingFile {
    static let header = "ts,symbol,funding_rate"

    /// The prints of `symbol`; a row of another symbol, a bad field, a time not after the
    /// previous row's or a file cut short is an error naming the file and line.
    static func read(path: String, symbol: String) throws -> FundingRates {
        guard let data = FileManager.default.contents(atPath: path) else { throw ComponentError("\(path): cannot read the funding file (missing or unreadable)") }
        guard data.count <= 64 << 20 else { throw ComponentError("\(path): \(data.count) bytes, more than the 64 MiB a funding file may have") }
        if let last = data.last, last != UInt8(ascii: "\n") {
            throw ComponentError("\(path): truncated file: the last line has no line end")
        }
        var rates = FundingRates()
        let lines = TextFile.decode(data).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) == header else {
            throw ComponentError("\(path):1: missing header '\(header)'")
        }
        for (n, raw) in lines.enumerated().dropFirst() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty { continue }
            let at = "\(path):\(n + 1)"
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 3 else { throw ComponentError("\(at): expected 3 fields (\(header)), got \(fields.count)") }
            guard let t = UTCTime.parse(fields[0]) else { throw ComponentError("\(at): bad timestamp '\(fields[0].prefix(40))' (expected e.g. 2026-01-12T16:00:00Z)") }
            guard fields[1] == symbol else { throw ComponentError("\(at): symbol mismatch: the row is \(fields[1].prefix(20)), the query asks for \(symbol)") }
            guard let r = Double(fields[2]), r.isFinite, abs(r) < 1 else {
                throw ComponentError("\(at): bad funding rate '\(fields[2].prefix(40))' (a fraction per 8 hours, |rate| < 1)")
            }
            guard rates.ts.last.map({ t > $0 }) ?? true else { throw ComponentError("\(at): ts \(fields[0]) is not after the previous row's") }
            rates.ts.append(t)
            rates.rate.append(r)
        }
        return rates
    }
}
