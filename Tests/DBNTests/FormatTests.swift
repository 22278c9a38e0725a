import DBN
import Foundation
import Host
import PackKit
import Testing

/// Prices, times and the host's `dbn info` / `dbn dump` output, on known values.
@Suite("DBN formatting and commands")
struct FormatTests {
    @Test("fixed-point prices as decimals, UNDEF_PRICE as null")
    func prices() {
        #expect(DBNFormat.price(4_799_250_000_000) == "4799.250000000")
        #expect(DBNFormat.price(-1) == "-0.000000001")
        #expect(DBNFormat.price(0) == "0.000000000")
        #expect(DBNFormat.price(Int64.min) == "-9223372036.854775808")
        #expect(DBNFormat.price(Int64.max) == nil)
        #expect(DBNFormat.priceValue(Int64.max).isNaN)
        #expect(DBNFormat.priceValue(3_702_250_000_000) == 3702.25)
    }

    @Test("timestamps as ISO 8601 with nanoseconds, UNDEF_TIMESTAMP as null")
    func timestamps() {
        #expect(DBNFormat.timestamp(0) == "1970-01-01T00:00:00.000000000Z")
        #expect(DBNFormat.timestamp(1_703_422_805_243_925_307) == "2023-12-24T13:00:05.243925307Z")
        #expect(DBNFormat.timestamp(1_709_251_199_999_999_999) == "2024-02-29T23:59:59.999999999Z")
        #expect(DBNFormat.timestamp(UInt64.max - 1) == "2554-07-21T23:34:33.709551614Z")
        #expect(DBNFormat.timestamp(UInt64.max) == nil)
        #expect(DBNFormat.date(20_231_225) == "2023-12-25")
    }

    static let trades = Locations.dbnFolder + "/dbn/test_data.trades.dbn"

    @Test("dbn info: metadata and record count", .enabled(if: Locations.sharedFilesPresent, "../shared/data/es/dbn not found"))
    func info() throws {
        let info = try DBNFileInfo.read(path: Locations.mboFile)
        let lines = info.lines
        #expect(lines.contains("version:     DBN 1"))
        #expect(lines.contains("dataset:     GLBX.MDP3"))
        #expect(lines.contains("schema:      mbo"))
        #expect(lines.contains("start:       2023-12-25T00:00:00.000000000Z"))
        #expect(lines.contains("end:         2023-12-26T00:00:00.000000000Z"))
        #expect(lines.contains("stype:       raw_symbol -> instrument_id"))
        #expect(lines.contains("symbols:     ESH4"))
        #expect(lines.contains("  ESH4 -> 17077  2023-12-25 .. 2023-12-26"))
        #expect(lines.contains("records:     68792"))
        #expect(lines.contains("  MboMsg: 68792"))
    }

    @Test("dbn dump: CSV and JSON lines with decimal prices and ISO times", .enabled(if: Locations.sharedFilesPresent, "../shared/data/es/dbn not found"))
    func dump() throws {
        var csv: [String] = []
        #expect(try DBNDump(format: .csv).run(path: Self.trades) { csv.append($0) } == 2)
        #expect(csv.count == 3)
        #expect(csv[0] == "rtype,publisher_id,instrument_id,ts_event,price,size,action,side,flags,depth,ts_recv,ts_in_delta,sequence")
        #expect(csv[1].hasPrefix("0,1,5482,2020-12-28T13:00:00.098821953Z") && csv[1].contains(",3720.250000000,5,T,A,"))
        var json: [String] = []
        #expect(try DBNDump(format: .json, limit: 1).run(path: Self.trades) { json.append($0) } == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json[0].utf8)) as? [String: Any])
        #expect(object["price"] as? String == "3720.250000000")
        #expect(object["action"] as? String == "T")
        #expect(object["size"] as? Int == 5)
        #expect((object["ts_recv"] as? String)?.hasPrefix("2020-12-28T13:00:00.099150057Z") == true)
    }

    @Test("an unreadable file is an I/O error, a bad one bad input")
    func errors() throws {
        #expect(throws: EdgehostError.self) { try DBNFileInfo.read(path: "/nonexistent/x.dbn") }
        do { _ = try DBNFileInfo.read(path: "/nonexistent/x.dbn") } catch let error as EdgehostError {
            #expect(error.exit == .io && error.object == "/nonexistent/x.dbn")
        }
        let path = NSTemporaryDirectory() + "dbn-format-test-\(getpid()).dbn"
        try Data("DBN\u{9}xxxx".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do { _ = try DBNFileInfo.read(path: path); Issue.record("version 9 decoded") } catch let error as EdgehostError {
            #expect(error.exit == .badInput && error.code == "dbn-unknown-version")
        }
    }
}

/// Batches as the ABI's frames (Arrow types).
@Suite("DBN frames")
struct FrameTests {
    @Test("an MBP-1 batch becomes an Arrow frame with typed columns", .enabled(if: Locations.sharedFilesPresent, "../shared/data/es/dbn not found"))
    func mbp1Frame() throws {
        let decoder = try DBNDecoder(path: Locations.dbnFolder + "/databento-python/test_data.mbp-1.dbn.zst")
        let frame = try #require(try decoder.nextBatch()).frame()
        #expect(frame.rowCount == 4)
        #expect(frame["price"]?.arrowFormat == "g" && frame["ts_recv"]?.arrowFormat == "tsn:UTC")
        #expect(frame["side"]?.arrowFormat == "u" && frame["size"]?.arrowFormat == "l")
        #expect(try frame.float64("bid_px_00")[0] == 3702.25)
        #expect(try frame.utf8("action")[0] == "A")
        #expect(try frame.timestamps("ts_event")[0] == 1_609_113_600_005_871_213)
    }
}
