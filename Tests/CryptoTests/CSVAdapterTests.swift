#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
@testable import CryptoPack
import PackKit
import Testing

/// The csv adapter on the real Binance files in ../shared/data/crypto, and on broken copies.
@Suite struct CSVAdapterTests {
    static let binance = CryptoFixtures.data + "/binance"
    static let funding = CryptoFixtures.data + "/funding"

    static func read(_ start: String, _ end: String, symbol: String = "BTCUSDT", _ params: [String: JSON]) throws -> Frame {
        try CryptoFixtures.read(csvAdapter, start: start, end: end, symbol: symbol, params)
    }

    /// A temporary folder holding `files` (name → text), removed after `body`.
    static func withFolder<T>(_ files: [String: String], _ body: (String) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crypto-csv-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return try body(dir)
    }

    static let header = "ts,open,high,low,close,volume\n"
    static let rows = """
        2024-01-01T00:00:00Z,100.0,101.0,99.5,100.5,3.0
        2024-01-01T00:05:00Z,100.5,100.9,100.1,100.2,2.0
        2024-01-01T00:10:00Z,100.2,100.4,99.9,100.0,1.5

        """

    static func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return "no error"
    }

    @Test(.enabled(if: CryptoFixtures.exists(CryptoFixtures.data))) func readsTheRealFilesFromAFolder() throws {
        let bars = try Self.read("2023-01-01", "2023-01-02", ["source": .string(Self.binance)])
        #expect(bars.rowCount == 576)
        #expect(try bars.timestamps()[0] == 1_672_531_200_000_000_000)
        #expect(try bars.float64("open")[0] == 16541.77 && bars.float64("volume")[0] == 486.60903)
        // 5-minute bars from the 1-minute file of 2024Q4 agree with it: first bucket 03:00–03:04.
        let m1 = try Self.read("2024-10-01", "2024-10-01", symbol: "ETHUSDT", ["source": .string(Self.binance), "timeframe": .string("1m")])
        let m5 = try Self.read("2024-10-01", "2024-10-01", symbol: "ETHUSDT", ["source": .string(Self.binance + "/ETHUSDT_1m_2024Q4.csv")])
        #expect(m1.rowCount == 21 * 60 && m5.rowCount == 21 * 12)
        #expect(try m5.float64("close")[0] == m1.float64("close")[4] && m5.float64("high")[0] == m1.float64("high")[0..<5].max()!)
    }

    @Test(.enabled(if: CryptoFixtures.exists(CryptoFixtures.data))) func fundingIsHeldForwardFromEachPrint() throws {
        // The funding files (2026) do not overlap the klines: a file of our own that does.
        let text = "ts,symbol,funding_rate\n2024-01-01T00:00:00Z,BTCUSDT,0.0001\n2024-01-01T00:08:00Z,BTCUSDT,-0.0004\n"
        try Self.withFolder(["BTCUSDT_5m_x.csv": Self.header + Self.rows, "BTCUSDT_funding.csv": text]) { dir in
            let bars = try Self.read("2024-01-01", "2024-01-01", ["source": .string(dir), "funding": .string(dir)])
            #expect(Array(try bars.float64("funding_rate")) == [0.0001, 0.0001, -0.0004])
        }
        // The real funding file parses (200 prints) and its symbol column is checked.
        #expect(try FundingFile.read(path: Self.funding + "/ETHUSDT_funding.csv", symbol: "ETHUSDT").ts.count == 200)
        let wrong = Self.message { _ = try FundingFile.read(path: Self.funding + "/ETHUSDT_funding.csv", symbol: "BTCUSDT") }
        #expect(wrong.contains("ETHUSDT_funding.csv:2: symbol mismatch"))
    }

    @Test func badFilesAreClearErrorsNamingFileAndLine() throws {
        let truncated = Self.header + Self.rows + "2024-01-01T00:15:00Z,100.0,100.3"
        let inverted = Self.header + Self.rows.replacingOccurrences(of: "100.5,100.9,100.1,100.2", with: "100.5,100.0,100.9,100.2")
        let cutLine = Self.header + "2024-01-01T00:00:00Z,100.0,101.0\n"
        try Self.withFolder(["BTCUSDT_5m_a.csv": truncated, "BTCUSDT_5m_b.csv": inverted, "ETHUSDT_5m_c.csv": Self.header + Self.rows,
                             "BTCUSDT_5m_d.csv": cutLine]) { dir in
            func error(_ file: String, symbol: String = "BTCUSDT") -> String {
                Self.message { _ = try Self.read("2024-01-01", "2024-01-01", symbol: symbol, ["source": .string(dir + "/" + file)]) }
            }
            #expect(error("BTCUSDT_5m_a.csv").contains("BTCUSDT_5m_a.csv:5: truncated file"))
            #expect(error("BTCUSDT_5m_b.csv").contains("BTCUSDT_5m_b.csv:3: bad bar at 2024-01-01T00:05:00Z: high 100.0 low 100.9"))
            #expect(error("ETHUSDT_5m_c.csv").contains("ETHUSDT_5m_c.csv: symbol mismatch: the file name says ETHUSDT, the query asks for BTCUSDT"))
            #expect(error("BTCUSDT_5m_d.csv").contains("BTCUSDT_5m_d.csv:2: expected 6 fields, got 3"))
            #expect(error("missing.csv").contains("missing.csv: no such file or folder"))
            #expect(Self.message { _ = try Self.read("2024-01-01", "2024-01-01", symbol: "SOLUSDT", ["source": .string(dir)]) }
                .contains("no SOLUSDT_5m_*.csv file"))
            #expect(Self.message { _ = try Self.read("2025-01-01", "2025-01-01", ["source": .string(dir + "/BTCUSDT_5m_d.csv")]) } != "no error")
        }
    }

    @Test func gapsAreReportedNeverFilled() throws {
        let gappy = Self.header + Self.rows + "2024-01-01T00:30:00Z,100.0,100.4,99.9,100.1,1.0\n"
        try Self.withFolder(["BTCUSDT_5m_g.csv": gappy]) { dir in
            let output = try CSVAdapter.load(try CryptoQuery(.object(["start": .string("2024-01-01"), "end": .string("2024-01-01")]),
                                                             try CryptoFixtures.params(csvAdapter.info.params, ["source": .string(dir)])), funding: "")
            #expect(output.frame.rowCount == 4)
            #expect(output.warnings.first == "\(dir): BTCUSDT 5m has 1 gap(s), 3 bar(s) missing (largest: 3 from 2024-01-01T00:15:00Z); gaps are not filled")
            // The folder has no ETHUSDT file: the spread's other leg is missing, and said so.
            #expect(output.warnings.count == 2 && output.warnings[1].hasPrefix("ETHUSDT bars for the cross-symbol spread: ")
                    && output.warnings[1].hasSuffix("; ret_spread is NaN"))
        }
    }
}
