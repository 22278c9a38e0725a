import Foundation
@testable import Host
import Testing

/// `edgehost lake silver`: one-minute bars per date from the bronze trades, skip-unchanged,
/// `--force` byte-identical.
@Suite(.enabled(if: LakeFixtures.present, "../shared/data/es/dbn not found")) struct SilverBuildTests {
    @Test func mboTradesBecomeMinuteBarsAndRebuildsAreIdentical() throws {
        let lake = LakeFixtures.folder("silver")
        defer { try? FileManager.default.removeItem(atPath: lake) }
        _ = try BronzeImport(lake: lake).run(files: [LakeFixtures.mbo, LakeFixtures.trades, LakeFixtures.mbp1])
        let first = try SilverBuild(lake: lake).run()
        #expect(first.built.map(\.date) == ["2020-12-28", "2023-12-24", "2023-12-25"] && first.skipped.isEmpty)
        // 2023-12-25: the MBO file's trades (action T). databento-dbn 0.72 on the same file:
        // 2,973 trades, 9,892 contracts, in 60 distinct minutes (23:00–23:59 UTC).
        let day = try #require(first.built.last)
        #expect(day.rows == 60 && day.inputs.map(\.path) == ["bronze/futures/mbo/underlying=ES/date=2023-12-25/esh4-glbx-mdp3-20231225.mbo.dbn.zst"])
        let text = String(decoding: LakeFixtures.read("\(lake)/\(day.output)"), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "ts,contract,open,high,low,close,volume")
        #expect(lines[1] == "2023-12-25T23:00:00Z,ESH4,4800.25,4805,4800.25,4804.75,600")
        #expect(lines.dropFirst().map { Int($0.split(separator: ",")[6])! }.reduce(0, +) == 9_892)
        #expect(lines.dropFirst().map { Double($0.split(separator: ",")[3])! }.max() == 4811.75)
        // 2020-12-28: the trades file (the mbp-1 file is a quotes input, not a trades one), 4 trades in one minute.
        let trades = String(decoding: LakeFixtures.read("\(lake)/\(first.built[0].output)"), as: UTF8.self)
        #expect(trades == "ts,contract,open,high,low,close,volume\n2020-12-28T00:00:00Z,ESH1,3702.75,3702.75,3702.5,3702.75,4\n")
        // …and its quotes.csv: the mbp-1 file's last top of book of the minute and the trades'
        // signed volume (B +1, B +1, A −1, B +1), as databento-dbn 0.72 decodes both files.
        let quotes = try #require(first.built[0].quotes)
        #expect(String(decoding: LakeFixtures.read("\(lake)/\(quotes)"), as: UTF8.self)
            == "ts,contract,bid,ask,bid_size,ask_size,signed_volume\n2020-12-28T00:00:00Z,ESH1,3702.25,3702.75,21,14,2\n")
        #expect(first.built[0].inputs.map(\.path).contains { $0.contains("mbp-1") || $0.contains("nbbo") })
        // Unchanged inputs: nothing rebuilt; --force: every date rebuilt to the same bytes.
        let manifest = LakeFixtures.read(SilverBuild.manifestPath(lake: lake))
        let again = try SilverBuild(lake: lake).run()
        #expect(again.built.isEmpty && again.skipped.count == 3)
        let forced = try SilverBuild(lake: lake, force: true).run()
        #expect(forced.built.count == 3 && LakeFixtures.read("\(lake)/\(day.output)") == Data(text.utf8))
        #expect(LakeFixtures.read(SilverBuild.manifestPath(lake: lake)) == manifest)
        // A changed input rebuilds its date only.
        _ = try BronzeImport(lake: lake, force: true).run(files: [LakeFixtures.tradesV2])
        let after = try SilverBuild(lake: lake).run()
        #expect(after.built.map(\.date) == ["2020-12-28"] && after.skipped.count == 2)
    }

    @Test func noBronzeLakeIsAClearError() {
        #expect(throws: EdgehostError.self) { _ = try SilverBuild(lake: LakeFixtures.folder("none")).run() }
    }
}
