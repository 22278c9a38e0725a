import Indicators
import Testing

@Suite("Session VWAP")
struct SessionVWAPTests {
    func at(_ iso: String) throws -> Int64 { try #require(parseInstant(iso), "bad instant \(iso)") }

    @Test func resetsAtNewYorkMidnight() throws {
        // Typical prices 10, 20 | 30, 40: the third bar is 00:00 EST on 2024-11-05.
        let ts = [try at("2024-11-04T20:59:00Z"), try at("2024-11-05T04:59:59Z"),
                  try at("2024-11-05T05:00:00Z"), try at("2024-11-05T14:30:00Z")]
        let vwap = try sessionVWAP(ts: ts, high: [11, 21, 31, 41], low: [9, 19, 29, 39], close: [10, 20, 30, 40],
                                   volume: [1, 3, 2, 2])
        let expected: [Double] = [10, 70.0 / 4, 30, 140.0 / 4]
        #expect(vwap == expected)
    }

    @Test func sessionSpansTheFallBackDay() throws {
        // 2024-11-03 lasts 25 hours in New York: 04:00Z to 05:00Z next day is one session.
        let ts = [try at("2024-11-03T04:00:00Z"), try at("2024-11-03T06:30:00Z"), try at("2024-11-04T04:59:00Z"),
                  try at("2024-11-04T05:00:00Z")]
        let vwap = try sessionVWAP(ts: ts, high: [1, 2, 3, 4], low: [1, 2, 3, 4], close: [1, 2, 3, 4], volume: [1, 1, 1, 1])
        let expected: [Double] = [1, 1.5, 2, 4]
        #expect(vwap == expected)
    }

    @Test func zeroVolumeAtSessionStartIsNaN() throws {
        let ts = [try at("2024-06-03T13:30:00Z"), try at("2024-06-03T13:31:00Z")]
        let vwap = try sessionVWAP(ts: ts, high: [3, 6], low: [3, 6], close: [3, 6], volume: [0, 2])
        #expect(vwap[0].isNaN)
        #expect(vwap[1] == 6)
    }

    @Test func goingBackToAnEarlierDayStartsANewSession() throws {
        let ts = [try at("2024-06-04T14:00:00Z"), try at("2024-06-03T14:00:00Z")]
        let vwap = try sessionVWAP(ts: ts, high: [1, 5], low: [1, 5], close: [1, 5], volume: [1, 1])
        let expected: [Double] = [1, 5]
        #expect(vwap == expected)
    }
}
