#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PackKit

/// The SPXW end-of-day layout (one row per option per quote date, the spot on every row).
enum VendorEODLayout {
    static let names = ["quotedate", "expiration", "type", "strike", "bid", "ask", "openinterest", "impliedvol",
                        "delta", "gamma", "theta", "vega", "underlying_last"]

    static func read(_ csv: inout ByteCSV, header: [String]) throws -> [ChainSnapshot] {
        let c = try ChainFile.columns(names, in: header, csv)
        let volume = header.firstIndex(of: "volume")
        var grouper = ChainFile.Grouper()
        while csv.nextLine() {
            try csv.requireFieldCount(header.count)
            let quoteDate = try csv.date(c[0], names[0]), expiry = try csv.date(c[1], names[1])
            var numbers = [Double](repeating: .nan, count: names.count)
            for i in 3..<names.count { numbers[i] = try csv.optionalDouble(c[i], names[i]) }
            let quote = OptionQuote(right: try csv.right(c[2], names[2]), strike: numbers[3], bid: numbers[4], ask: numbers[5],
                                    iv: numbers[7], delta: numbers[8], gamma: numbers[9], theta: numbers[10], vega: numbers[11],
                                    openInterest: numbers[6].isNaN ? 0 : numbers[6],
                                    volume: try volume.map { try csv.optionalDouble($0, "volume") } ?? 0)
            grouper.add(quote, ts: ChainFile.endOfDay(quoteDate), expiry: expiry, spot: numbers[12])
        }
        return grouper.snapshots
    }
}

/// QuantConnect Lean's daily universe layout: the file's name is its date, the first data row
/// (empty expiry) is the underlying's day bar, options carry OHLC but no bid/ask.
enum LeanChainLayout {
    static let names = ["#expiry", "strike", "right", "close", "volume", "open_interest", "implied_volatility",
                        "delta", "gamma", "vega", "theta"]

    static func read(_ csv: inout ByteCSV, header: [String]) throws -> [ChainSnapshot] {
        let c = try ChainFile.columns(names, in: header, csv)
        let name = URL(fileURLWithPath: csv.path).deletingPathExtension().lastPathComponent
        guard let day = fileDate(name) else {
            throw ComponentError("\(csv.path): a Lean chain file must be named YYYYMMDD.csv (its quote date)")
        }
        let ts = ChainFile.endOfDay(day)
        var spot = Double.nan
        var grouper = ChainFile.Grouper()
        while csv.nextLine() {
            try csv.requireFieldCount(header.count)
            if csv.isEmpty(c[0]) {
                spot = try csv.double(c[3], "close")
                continue
            }
            guard !spot.isNaN else { throw csv.error("option row before the underlying's row (the one with an empty expiry)") }
            func value(_ i: Int) throws -> Double { try csv.optionalDouble(c[i], names[i]) }
            let quote = OptionQuote(right: try csv.right(c[2], names[2]), strike: try csv.double(c[1], names[1]), bid: .nan,
                                    ask: .nan, iv: try value(6), delta: try value(7), gamma: try value(8), theta: try value(10),
                                    vega: try value(9), openInterest: (try value(5)).nanToZero, volume: (try value(4)).nanToZero)
            grouper.add(quote, ts: ts, expiry: try csv.date(c[0], names[0]), spot: spot)
        }
        return grouper.snapshots
    }

    static func fileDate(_ name: String) -> Int32? {
        guard name.utf8.count == 8, name.utf8.allSatisfy({ $0 &- 48 < 10 }) else { return nil }
        let s = Array(name)
        // Within Int64 nanoseconds (1678–2261), as every quote time must be.
        guard let year = Int(String(s[0..<4])), (1678...2261).contains(year) else { return nil }
        return MarketDate.parse("\(String(s[0..<4]))-\(String(s[4..<6]))-\(String(s[6..<8]))")
    }
}

extension Double {
    var nanToZero: Double { isNaN ? 0 : self }
}
