import PackKit
import Testing
@testable import ZeroEdge

/// direction_to_close on constructed sessions: decision times, labels and option outcomes.
@Suite struct LabelerTests {
    typealias Chain = MarketFrames.Chain
    let labeler = ZeroEdge.labelers.first { $0.info.id == "direction_to_close" }!

    struct Labels {
        var ts: [Int64], end: [Int64], label: [String], call: [Double], put: [Double], none: [Double]
    }

    private func label(_ f: MarketFrames, _ overrides: [String: JSON] = [:]) throws -> Labels {
        let out = try labeler.label(f.frame(), MarketFrames.params(labeler.info, overrides))
        #expect(out.columnNames == ["ts", "label_end_ts", "label", "outcome_call", "outcome_put", "outcome_none"])
        return Labels(ts: Array(try out.timestamps()), end: Array(try out.timestamps("label_end_ts")),
                      label: try out.utf8("label"), call: Array(try out.float64("outcome_call")),
                      put: Array(try out.float64("outcome_put")), none: Array(try out.float64("outcome_none")))
    }

    /// A full 2024-07-01 session: 500.00 at 09:59 with the ATM 500 call at 1.20 and put at 1.10,
    /// 501.00 at 11:59, 499.70 at 13:59, 502.00 at the close (15:59); 500.50 elsewhere.
    static func constructedDay() -> MarketFrames {
        var f = MarketFrames()
        let closes = [29: 500.0, 149: 501.0, 269: 499.70, 389: 502.0]
        f.session("2024-07-01", close: { closes[$0] ?? 500.5 }) { k in
            k == 29 ? Chain(atm: 500, callAsk: 1.20, putAsk: 1.10)
                : k == 89 ? Chain(atm: 500, callAsk: 0, putAsk: .nan)
                : Chain(atm: 501, callAsk: 0.80, putAsk: 0.90)
        }
        return f
    }

    @Test func constructedDayHasKnownLabelsAndOutcomes() throws {
        let l = try label(Self.constructedDay())
        let hours = [10, 11, 12, 13, 14, 15]
        #expect(l.ts == hours.map { MarketFrames.instant("2024-07-01", $0, 0) })
        #expect(l.end == hours.map { _ in MarketFrames.instant("2024-07-01", 16, 0) })
        // Entries 500.00, 500.50, 501.00, 500.50, 499.70, 500.50 against the 502.00 close.
        #expect(l.label == ["UP", "UP", "UP", "UP", "UP", "UP"])
        #expect(l.none == [0, 0, 0, 0, 0, 0])
        let cost = 1.30 / 100
        #expect(abs(l.call[0] - (2.00 - 1.20 - cost) / 1.20) < 1e-12)
        #expect(abs(l.put[0] - (0 - 1.10 - cost) / 1.10) < 1e-12)
        // 11:00 (the 10:59 bar): no usable call ask (0) nor put ask (NaN).
        #expect(l.call[1].isNaN && l.put[1].isNaN)
        #expect(abs(l.call[2] - (1.00 - 0.80 - cost) / 0.80) < 1e-12)
        #expect(abs(l.put[2] - (0 - 0.90 - cost) / 0.90) < 1e-12)
    }

    @Test func bandSeparatesUpDownAndFlat() throws {
        var f = MarketFrames()
        let closes = [29: 500.0, 89: 503.0, 149: 501.6, 209: 501.4, 389: 501.0]
        f.session("2024-07-01", close: { closes[$0] ?? 501.0 })
        // r = 501/500 − 1 = 0.002, 501/503 − 1 = −0.00398, 501/501.6 − 1 = −0.0012, 501/501.4 − 1 = −0.0008, 0, 0.
        let l = try label(f, ["band": .number(0.001)])
        #expect(l.label == ["UP", "DOWN", "DOWN", "FLAT", "FLAT", "FLAT"])
        #expect(l.call.allSatisfy { $0.isNaN } && l.put.allSatisfy { $0.isNaN }, "no chain, no outcome")
        let wide = try label(f, ["band": .number(0.005)])
        #expect(wide.label == ["FLAT", "FLAT", "FLAT", "FLAT", "FLAT", "FLAT"])
    }

    /// 2024-07-03 closes at 13:00: decisions at 10, 11 and 12 only, exiting at 13:00.
    @Test func halfDayDecidesUntilNoon() throws {
        var f = MarketFrames()
        // Entries 500.145, 500.445, 500.745 against 501.045: r = 0.0018, 0.0012, 0.0006.
        f.session("2024-07-03", bars: 210, close: { 500 + Double($0) / 200 })
        let l = try label(f)
        #expect(l.ts == [10, 11, 12].map { MarketFrames.instant("2024-07-03", $0, 0) })
        #expect(l.end == [Int64](repeating: MarketFrames.instant("2024-07-03", 13, 0), count: 3))
        #expect(l.label == ["UP", "UP", "FLAT"])
    }

    /// 10:59 missing: 11:00 uses the 10:58 bar; 11:53–11:59 missing: nothing ends in
    /// 11:55–12:00, so 12:00 is skipped. Also a DST Monday, 2024-03-11 (10:00 EDT = 14:00 UTC).
    @Test func gapsFallBackToTheLastFiveMinutesOrSkip() throws {
        var f = MarketFrames()
        f.session("2024-03-11", skipping: Set([89]).union(143...149), close: { $0 == 88 ? 490 : $0 == 389 ? 495.0 : 500 })
        let l = try label(f, ["first_hour": .number(10), "last_hour": .number(12)])
        #expect(l.ts == [1_710_165_600_000_000_000, MarketFrames.instant("2024-03-11", 11, 0)])
        #expect(l.label == ["DOWN", "UP"])
    }

    @Test func decisionsAfterTheLastBarAreNotMade() throws {
        var f = MarketFrames()
        f.session("2024-07-01", bars: 120, close: { 500 + Double($0) })
        let l = try label(f)
        // The data ends at 11:30: the 11:00 decision exits at 11:30, 12:00 and later do not exist.
        #expect(l.ts == [10, 11].map { MarketFrames.instant("2024-07-01", $0, 0) })
        #expect(l.end == [Int64](repeating: MarketFrames.instant("2024-07-01", 11, 30), count: 2))
    }

    @Test func labelsEndingBeforeACutDoNotDependOnLaterRows() throws {
        let frame = try CausalFeatureTests.history()
        let params = try MarketFrames.params(labeler.info)
        let full = try labeler.label(frame, params)
        let (ts, end, label) = (try full.timestamps(), try full.timestamps("label_end_ts"), try full.utf8("label"))
        let rows = try frame.timestamps()
        #expect(full.rowCount == 6 * 6 + 3)
        for cut in stride(from: 100, to: frame.rowCount, by: 97) {
            let part = try labeler.label(frame.prefix(rows: cut), params)
            let known = (0..<full.rowCount).filter { end[$0] <= rows[cut - 1] + NewYorkClock.minute }
            #expect(part.rowCount >= known.count)
            let (partTS, partLabel) = (try part.timestamps(), try part.utf8("label"))
            let (partCall, fullCall) = (try part.float64("outcome_call"), try full.float64("outcome_call"))
            for row in known {
                #expect(partTS[row] == ts[row] && partLabel[row] == label[row])
                #expect(partCall[row].bitPattern == fullCall[row].bitPattern)
            }
        }
    }

    @Test func causalityAndParametersAreDeclared() throws {
        #expect(labeler.info.causality == Causality(horizonNanoseconds: 7 * 3_600_000_000_000))
        let bad = try MarketFrames.params(labeler.info, ["first_hour": .number(15), "last_hour": .number(10)])
        #expect(throws: ComponentError.self) { try labeler.label(try Self.constructedDay().frame(), bad) }
    }
}
