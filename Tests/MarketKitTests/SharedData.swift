#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Indicators
import MarketKit

/// The real market data beside the repository (`<repo>/../shared/data`); tests that need a
/// file are enabled only when it is there.
enum SharedData {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // MarketKitTests, Tests, repo
        return url.deletingLastPathComponent().path + "/shared/data"
    }()

    static let spyBars = root + "/spy/SPY_1m_2024.csv"
    static let spxwChains = root + "/options/SPXW_eod_chains_2018.csv"
    static let leanChains = root + "/options/lean_spy_chains"

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// A fresh temporary folder for files a test writes.
    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/marketkit-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}

/// "2024-07-03" → days since 1970-01-01 (tests only: the dates are literals).
func day(_ text: String) -> Int32 { MarketDate.parse(text)! }

/// New York local time on a date, in ns UTC.
func newYork(_ date: String, _ hour: Int64, _ minute: Int64) -> Int64 {
    NewYorkCalendar.nanosecondRange(ofDay: day(date)).lowerBound + (hour * 60 + minute) * 60_000_000_000
}

/// An ISO-8601 UTC instant, e.g. "2024-03-08T14:30:00Z", in ns.
func utc(_ text: String) -> Int64 {
    let d = day(String(text.prefix(10)))
    let parts = text.dropFirst(11).prefix(8).split(separator: ":").map { Int64($0)! }
    return (Int64(d) * 86_400 + parts[0] * 3_600 + parts[1] * 60 + parts[2]) * 1_000_000_000
}

/// A whole number of cents, up to the binary representation's error.
func isCents(_ price: Double) -> Bool { abs(price * 100 - (price * 100).rounded()) < 1e-6 }
