import Foundation
@testable import Host

/// The shared DBN files the lake tests file, and fresh lake folders.
enum LakeFixtures {
    static let dbnFolder = "\(Fixtures.repoRoot)/../shared/data/es/dbn"
    static var present: Bool { FileManager.default.fileExists(atPath: mbo) }
    static let mbo = "\(dbnFolder)/esh4-glbx-mdp3-20231225.mbo.dbn.zst"
    static let trades = "\(dbnFolder)/databento-python/test_data.trades.dbn.zst"
    static let tradesV2 = "\(dbnFolder)/dbn/test_data.trades.dbn"
    static let mbp1 = "\(dbnFolder)/databento-python/test_data.mbp-1.dbn.zst"

    static func folder(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-lake-\(name)-\(UUID().uuidString)").path
    }

    static func read(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }
}
