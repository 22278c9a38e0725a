import Foundation
@testable import Host
import MarketKit
import PackKit
import Testing

/// The live cycle's labeler tail (`LabelerTail`, `CandidateBuilder.verifyTail`): with the
/// declared lookback checked at start-up, each cycle labels the session's bars instead of the
/// whole delivered frame, and every candidate row comes out bit for bit as from the whole frame;
/// a false claim is caught at start-up and the whole frame stays in use.
@Suite struct LabelerTailTests {
    static let session = MarketDate.parse("2024-07-01")!

    static func workspace() -> Workspace {
        Workspace(root: FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-tail-\(UUID().uuidString)").path)
    }

    /// zerodteput's default plan and the bars a recording of 2024-07-01 holds (the session and
    /// the features' warm-up history before it, read as `stream capture` reads them).
    static let zerodteput: Result<(ModelPlan, Frame), any Error> = Result {
        let packs = try Fixtures.catalogue([Fixtures.swiftPack("zerodteput")])
        let defaults = try PackDefaults(pack: try packs.pack("zerodteput"))
        let config = try ModelConfig(json: .object(["pack": .string("zerodteput")]), context: "test") { _ in defaults }
        let plan = try ModelPlan(config: config, catalogue: packs, workspace: workspace())
        let adapter = try PackDataAdapter(pack: try packs.pack(plan.adapter.pack), id: plan.adapter.id, params: plan.adapter.params)
        let history = MatrixBuilder.warmUpDays(try plan.indicatorSet.features.map { try FeatureComputer($0, catalogue: packs) }, market: try adapter.market())
        return (plan, try adapter.read(MatrixBuilder(plan: plan).query(from: session - Int32(history), through: session)))
    }

    /// The rows a stream has delivered by `clock`: bars whose data exists by then.
    static func delivered(_ bars: Frame, lag: Int64, clock: Int64) throws -> Frame {
        let ts = try bars.timestamps()
        return bars.prefix(rows: ts.filter { $0 + lag <= clock }.count)
    }

    static func expectSame(_ a: CandidateBuilder.Candidates, _ b: CandidateBuilder.Candidates, _ what: String) {
        #expect(a.matrix.featureNames == b.matrix.featureNames && a.matrix.keys == b.matrix.keys && a.warmUpDropped == b.warmUpDropped, "\(what)")
        #expect(a.matrix.csv() == b.matrix.csv(), "\(what): the candidate rows differ")
    }

    @Test func theSessionTailGivesTheWholeFramesCandidatesBitForBit() throws {
        let (plan, bars) = try Self.zerodteput.get()
        let whole = try CandidateBuilder(plan: plan, declaring: nil)
        let bounded = try CandidateBuilder(plan: plan)
        // The pack declares its labeler's lookback, a session (defaults.yaml labeler_lookback_minutes).
        #expect(bounded.declaredTail == LabelerTail(bars: 0, nanoseconds: 390 * 60_000_000_000))
        let ts = try bars.timestamps()
        let known = bars.prefix(rows: ts.filter { bounded.market.day($0) < Self.session }.count)
        #expect(try bounded.verifyTail(known) == nil && bounded.tail != nil)
        // The labeler now gets the session's bars only: a quarter of the recording.
        let from = try #require(bounded.tail).start(ts, day: Self.session, market: bounded.market)
        #expect(from == known.rowCount && bars.rowCount - from == 390, "tail from row \(from) of \(bars.rowCount)")

        // The whole session at once, then each instant as the cycle that brings its bar builds it.
        let all = try whole.candidates(bars, day: Self.session, clock: .max, skip: { _, _ in false })
        Self.expectSame(all, try bounded.candidates(bars, day: Self.session, clock: .max, skip: { _, _ in false }), "the session")
        let instants = Array(Set(all.matrix.ts)).sorted()
        #expect(instants.count == 11 && all.matrix.rowCount > instants.count, "\(instants.count) instants, \(all.matrix.rowCount) rows")
        for t in instants {
            let cut = try Self.delivered(bars, lag: whole.adapterLag, clock: t)
            let a = try whole.candidates(cut, day: Self.session, clock: t, skip: { ts, _ in ts < t })
            #expect(a.matrix.rowCount > 0 && Set(a.matrix.ts) == [t])
            Self.expectSame(a, try bounded.candidates(cut, day: Self.session, clock: t, skip: { ts, _ in ts < t }), Timestamps.iso(t))
        }
    }

    /// es0dte's labeler reads the levels of earlier sessions: a claimed lookback of one bar is
    /// false, the start-up check says so by decision and feature, and the cycles keep the whole frame.
    @Test func aFalseLookbackIsCaughtAndTheWholeFrameKept() throws {
        let plan = try ES0DTEPipelineTests.plan(Self.workspace())
        let adapter = try PackDataAdapter(pack: try plan.catalogue.pack(plan.adapter.pack), id: plan.adapter.id, params: plan.adapter.params)
        let bars = try adapter.read(MatrixBuilder(plan: plan).query(from: MarketDate.parse("2024-03-04")!, through: MarketDate.parse("2024-03-08")!))
        let whole = try CandidateBuilder(plan: plan, declaring: nil)
        let claimed = try CandidateBuilder(plan: plan, declaring: LabelerTail(bars: 1, nanoseconds: 0))
        let note = try #require(try claimed.verifyTail(bars))
        #expect(note.contains("labeler 'es0dte.") && note.contains("declares a lookback of 1 bars") && note.contains("differ"), "\(note)")
        #expect(claimed.tail == nil)
        let day = whole.market.day(try bars.timestamps().last!)
        Self.expectSame(try whole.candidates(bars, day: day, clock: .max, skip: { _, _ in false }),
                        try claimed.candidates(bars, day: day, clock: .max, skip: { _, _ in false }), "after a failed check")
    }
}
