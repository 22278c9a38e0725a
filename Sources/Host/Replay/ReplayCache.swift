import Foundation
import PackKit

/// What the replays of one command share: a matrix rebuilt per model and range (a signal's
/// replay rebuilds its whole build range), and a pinned monitor per recorded run and version.
final class ReplayCache {
    private var matrices: [String: (matrix: Matrix, sha: String)] = [:]
    private var monitors: [String: LiveMonitor] = [:]

    /// The plan's matrix over `start`…`end` through the batch builder, and its CSV's digest.
    func matrix(plan: ModelPlan, start: Int32, end: Int32) throws -> (matrix: Matrix, sha: String) {
        let key = "\(plan.configSHA)|\(start)|\(end)"
        if let built = matrices[key] { return built }
        let matrix = try MatrixBuilder(plan: plan).build(start: start, end: end, checkCausality: false).matrix
        let built = (matrix, Hashing.sha256(matrix.csv()))
        matrices[key] = built
        return built
    }

    /// The monitor of a run (its `replay_inputs` text) pinned to `version`, made once.
    func monitor(_ run: String, _ version: String, make: () throws -> LiveMonitor) throws -> LiveMonitor {
        let key = Hashing.sha256(run + "|" + version)
        if let monitor = monitors[key] { return monitor }
        let monitor = try make()
        monitors[key] = monitor
        return monitor
    }
}
