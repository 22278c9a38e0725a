import Foundation
import MarketKit
import PackKit

/// A built matrix as train, backtest, sweep and alerts take it. `build` writes the CSV, then
/// its profile, which names the CSV's digest: the profile is the commit record of the pair.
/// A matrix whose digest is not its profile's (a build killed between the two renames, or a
/// file edited by hand) is refused rather than trained on.
public struct BuiltMatrix: Sendable {
    /// The matrix with its market.
    public func read() throws -> Matrix { try Matrix.read(path: path, market: market) }

    public let path: String
    /// SHA-256 of the CSV, equal to the profile's `matrix_sha`.
    public let sha: String
    /// The profile's `config_sha`: what built this matrix (model, set, adapter and query of
    /// that build, `--adapter`/`--source` overrides included), for the lineage of what uses it.
    public let configSHA: String
    /// The profile's `market` (absent in a NYSE profile, so New York outputs stay as they were).
    public let market: Market

    init(matrix: String, profile: String, model: String, workspace: Workspace) throws {
        let rebuild = "run `edgehost build --model \(model) --force`"
        guard FileManager.default.fileExists(atPath: matrix) else {
            throw WorkspaceError("no built matrix for \(model) at \(workspace.relative(matrix)): run `edgehost build --model \(model)` first")
        }
        guard let data = FileManager.default.contents(atPath: profile),
              let json = try? JSON.parse(String(decoding: data, as: UTF8.self)),
              let recorded = json["matrix_sha"]?.stringValue, let config = json["config_sha"]?.stringValue else {
            throw WorkspaceError("\(profile): missing or unreadable (no matrix_sha and config_sha), so \(workspace.relative(matrix)) cannot be trusted; \(rebuild)")
        }
        let actual = try Hashing.sha256(path: matrix)
        guard actual == recorded else {
            throw WorkspaceError("\(matrix): SHA-256 \(actual.prefix(12)) is not the profile's matrix_sha \(recorded.prefix(12)) (an interrupted build, or an edited file); \(rebuild)")
        }
        do {
            market = try Market(json: json["market"])
        } catch {
            throw WorkspaceError("\(profile): market: \(error.description); \(rebuild)")
        }
        (path, sha, configSHA) = (matrix, actual, config)
    }
}
