import DBN
import Testing

/// The ESH4 market-by-order hour (DBN v1, multi-frame zstd): known answers taken from the
/// reference decoder (ReferenceTests compares every field too).
@Suite("DBN MBO file")
struct MBOFileTests {
    @Test("68,792 MBO records: the same trades and book events as databento-dbn",
          .enabled(if: Locations.sharedFilesPresent, "../shared/data/es/dbn not found"))
    func mboAggregates() throws {
        let decoded = try Decoded(path: Locations.mboFile)
        #expect(decoded.metadata.version == 1)
        #expect(decoded.metadata.schema == .mbo)
        #expect(decoded.metadata.symbols == ["ESH4"])
        #expect(decoded.metadata.mappings.first?.intervals.first?.symbol == "17077")
        #expect(decoded.count == 68_792)
        #expect(Set(decoded.batches.map(\.layoutName)) == ["MboMsg"])

        var events: [String: Int] = [:]
        var size = 0, tradeSize = 0, trades = 0
        var priceSum: Int64 = 0, tradePriceSum: Int64 = 0
        for batch in decoded.batches {
            guard case .uint8(let actions)? = batch.column("action")?.values, case .uint8(let sides)? = batch.column("side")?.values,
                  case .uint32(let sizes)? = batch.column("size")?.values, case .int64(let prices)? = batch.column("price")?.values
            else { Issue.record("MBO columns missing or mistyped"); return }
            for i in 0..<batch.count {
                events["\(DBNFormat.char(actions[i]))\(DBNFormat.char(sides[i]))", default: 0] += 1
                size += Int(sizes[i])
                priceSum += prices[i]
                if actions[i] == UInt8(ascii: "T") {
                    trades += 1
                    tradeSize += Int(sizes[i])
                    tradePriceSum += prices[i]
                }
            }
        }
        #expect(events == ["AA": 13_289, "AB": 15_927, "CA": 9_007, "CB": 8_992, "FA": 3_231, "FB": 3_105, "FN": 35,
                           "MA": 5_441, "MB": 6_792, "TA": 1_430, "TB": 1_542, "TN": 1])
        #expect(trades == 2_973)
        #expect(size == 192_312)
        #expect(tradeSize == 9_892)
        #expect(priceSum == 330_362_247_500_000_000)
        #expect(tradePriceSum == 14_295_324_000_000_000)
    }

    @Test("small read chunks decode the same records (chunk boundaries inside records and frames)",
          .enabled(if: Locations.sharedFilesPresent, "../shared/data/es/dbn not found"))
    func chunkingIsInvisible() throws {
        let whole = try Decoded(path: Locations.mboFile)
        let chunked = try Decoded(path: Locations.mboFile, readSize: 4096)
        #expect(chunked.count == whole.count)
        #expect(chunked.records == whole.records)
    }
}
