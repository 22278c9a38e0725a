@testable import ES0DTE
import Testing

/// Triple-barrier labels on hand-made paths: level 5000, target 15, an approach from below
/// (side +1: BREAK at 5015, BOUNCE at 4985) entered at 4998.
struct TripleBarrierTests {
    let barrier = TripleBarrier(target: 15)

    func label(_ bars: [(o: Double, h: Double, l: Double, c: Double)], side: Double = 1, entry: Double = 4998) -> TripleBarrier.Result {
        barrier.label(level: 5000, side: side, entry: entry, bars: 0..<bars.count,
                      open: bars.map(\.o), high: bars.map(\.h), low: bars.map(\.l), close: bars.map(\.c))
    }

    @Test func breakFirst() {
        let r = label([(4998, 5004, 4996, 5003), (5003, 5012, 5001, 5010), (5010, 5016, 5008, 5014), (5014, 5014, 4980, 4981)])
        #expect(r == .init(label: .breakThrough, lastBar: 2, breakPoints: 17))
    }

    @Test func bounceFirst() {
        let r = label([(4998, 4999, 4990, 4991), (4991, 4992, 4984, 4986), (4986, 5020, 4986, 5019)])
        #expect(r == .init(label: .bounce, lastBar: 1, breakPoints: -13))
    }

    /// Both barriers in one bar: the one nearer the bar's open is hit first.
    @Test func bothInOneBarNearestToTheOpen() {
        let nearBreak = label([(5010, 5016, 4984, 5000)])
        #expect(nearBreak == .init(label: .breakThrough, lastBar: 0, breakPoints: 17))
        let nearBounce = label([(4990, 5016, 4984, 5000)])
        #expect(nearBounce == .init(label: .bounce, lastBar: 0, breakPoints: -13))
        // Equidistant: BREAK.
        #expect(label([(5000, 5016, 4984, 5000)]).label == .breakThrough)
    }

    @Test func timeoutAtTheHorizon() {
        let r = label([(4998, 5010, 4990, 5005), (5005, 5014, 4986, 5001)])
        #expect(r == .init(label: .timeout, lastBar: 1, breakPoints: 3))
        #expect(label([]) == .init(label: .timeout, lastBar: nil, breakPoints: 0))
    }

    /// From above (side −1): BREAK is 15 points below the level, BOUNCE 15 above.
    @Test func fromAboveMirrors() {
        let r = label([(5002, 5003, 4984, 4985)], side: -1, entry: 5002)
        #expect(r == .init(label: .breakThrough, lastBar: 0, breakPoints: 17))
        let up = label([(5002, 5016, 5001, 5015)], side: -1, entry: 5002)
        #expect(up == .init(label: .bounce, lastBar: 0, breakPoints: -13))
    }
}
