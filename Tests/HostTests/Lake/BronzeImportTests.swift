import Foundation
@testable import Host
import Testing

/// `edgehost lake import`: DBN files validated whole, filed by schema and date, a manifest of
/// hashes, counts and time ranges; a malformed file leaves the lake untouched.
@Suite(.enabled(if: LakeFixtures.present, "../shared/data/es/dbn not found")) struct BronzeImportTests {
    @Test func filesBySchemaAndDateWithAManifest() throws {
        let lake = LakeFixtures.folder("bronze")
        defer { try? FileManager.default.removeItem(atPath: lake) }
        let importer = BronzeImport(lake: lake)
        let filed = try importer.run(files: [LakeFixtures.mbo, LakeFixtures.trades, LakeFixtures.tradesV2, LakeFixtures.mbp1])
        #expect(filed.map(\.outcome) == [.added, .added, .added, .added])
        #expect(filed.map(\.entry.path) == [
            "bronze/futures/mbo/underlying=ES/date=2023-12-25/esh4-glbx-mdp3-20231225.mbo.dbn.zst",
            "bronze/futures/trades/underlying=ES/date=2020-12-28/test_data.trades.dbn.zst",
            "bronze/futures/trades/underlying=ES/date=2020-12-28/test_data.trades.dbn",
            "bronze/futures/nbbo/underlying=ES/date=2020-12-28/test_data.mbp-1.dbn.zst",
        ])
        let mbo = filed[0].entry
        // 68,792 messages (the data README), DBN v1, the snapshot's first order from 2023-12-24.
        #expect(mbo.records == 68_792 && mbo.dbnVersion == 1 && mbo.schema == "mbo" && mbo.symbols == ["ESH4"])
        #expect(mbo.firstTsEvent == "2023-12-24T13:00:05.243925307Z" && mbo.lastTsEvent == "2023-12-25T23:59:59.446724905Z")
        #expect(mbo.sha256 == (try Hashing.sha256(path: LakeFixtures.mbo)) && mbo.bytes == 997_238)
        #expect(filed[1].entry.records == 4 && filed[1].entry.dbnVersion == 3 && filed[2].entry.records == 2 && filed[2].entry.dbnVersion == 2)
        for entry in filed.map(\.entry) {
            #expect(LakeFixtures.read("\(lake)/\(entry.path)") == LakeFixtures.read(filed.first { $0.entry == entry }!.source))
        }
        // The manifest: every file, sorted by path; a second import changes nothing.
        let manifestPath = BronzeImport.manifestPath(lake: lake)
        let manifest = try JSONDecoder().decode(BronzeManifest.self, from: LakeFixtures.read(manifestPath))
        #expect(manifest.files.map(\.path) == filed.map(\.entry.path).sorted())
        let before = LakeFixtures.read(manifestPath)
        #expect(try importer.run(files: [LakeFixtures.trades, LakeFixtures.mbp1]).map(\.outcome) == [.unchanged, .unchanged])
        #expect(LakeFixtures.read(manifestPath) == before)
    }

    @Test func malformedFileNamesItsOffsetAndWritesNothing() throws {
        let lake = LakeFixtures.folder("bad")
        let scratch = LakeFixtures.folder("bad-input")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let cut = "\(scratch)/cut.mbo.dbn.zst"
        try LakeFixtures.read(LakeFixtures.mbo).prefix(5000).write(to: URL(fileURLWithPath: cut))
        do {
            _ = try BronzeImport(lake: lake).run(files: [LakeFixtures.trades, cut])
            Issue.record("a truncated file was filed")
        } catch let error as EdgehostError {
            #expect(error.exit == .badInput && error.object == cut)
            #expect(error.message.contains("truncated") && error.message.contains("byte 5000 of the compressed file"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: lake))
    }

    @Test func sameNameOtherBytesNeedsForce() throws {
        let lake = LakeFixtures.folder("conflict")
        let scratch = LakeFixtures.folder("conflict-input")
        defer { for f in [lake, scratch] { try? FileManager.default.removeItem(atPath: f) } }
        _ = try BronzeImport(lake: lake).run(files: [LakeFixtures.trades])
        // Another request's file of the same name and date: the v2 trades file (plain DBN; zstd is
        // told by its magic, not the name).
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let other = "\(scratch)/test_data.trades.dbn.zst"
        try LakeFixtures.read(LakeFixtures.tradesV2).write(to: URL(fileURLWithPath: other))
        #expect(throws: EdgehostError.self) { _ = try BronzeImport(lake: lake).run(files: [other]) }
        #expect(try BronzeImport(lake: lake, force: true).run(files: [other]).map(\.outcome) == [.replaced])
    }
}
