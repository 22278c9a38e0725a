import Foundation

/// A throwaway workspace and the commands a researcher types in it.
struct Workbench {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-wb-\(UUID().uuidString)").path
    var plugins: [String] = []

    static let spy = "\(CLITests.repoRoot)/../shared/data/spy/SPY_1m_2024.csv"
    static var hasSPY: Bool { FileManager.default.fileExists(atPath: spy) }

    /// `edgehost <command> … --workspace root` (plus any `--plugin`).
    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) -> CLITests.Output {
        var args = arguments + ["--workspace", root]
        for plugin in plugins { args += ["--plugin", plugin] }
        // Each workbench has its own registry, never the checkout's ./registry.
        let env = ["EDGEHOST_REGISTRY": path("registry")].merging(environment) { _, new in new }
        return CLITests.run("\(CLITests.buildDir)/edgehost", args, stdin: stdin, environment: env)
    }

    func path(_ relative: String) -> String { "\(root)/\(relative)" }

    func read(_ relative: String) -> String? { try? String(contentsOfFile: path(relative), encoding: .utf8) }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    func json(_ relative: String) -> [String: Any]? {
        guard let text = read(relative) else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    }

    /// The matrix as rows of fields (header first).
    func matrix(_ model: String) -> [[String]] {
        (read("matrices/\(model)/training_matrix_built.csv") ?? "").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Creates the default zeroedge model (`spy_opt_0dte_hourly`) with extra options.
    @discardableResult
    func createModel(_ extra: [String] = [], set: String = "zeroedge_pin_drift_v1") -> CLITests.Output {
        run(["models", "create", "--pack", "zeroedge", "--ticker", "SPY", "--asset-type", "opt", "--horizon", "0dte",
             "--cadence", "hourly", "--indicator-set", set] + extra)
    }

    func write(_ text: String, to relative: String) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// A passing backtest report for the artifact `train` just wrote (threshold 0.4, balanced),
    /// which registration asks for: for suites whose subject is not the walk-forward.
    func writePassingBacktestReport(model: String) {
        guard let meta = json("artifacts/\(model)/balanced/meta.json"), let lineage = meta["lineage"] as? [String: Any],
              let data = try? JSONSerialization.data(withJSONObject: [
                  "model_id": model, "status": "pass", "best": ["threshold": 0.4],
                  "lineage": ["matrix_sha": lineage["matrix_sha"] ?? "", "config_sha": lineage["config_sha"] ?? ""],
                  "gates": [["risk_profile": "balanced", "threshold": 0.4, "status": "pass", "reasons": [String]()]],
              ] as [String: Any]) else { return }
        try? write(String(decoding: data, as: UTF8.self), to: "reports/backtest_\(model).json")
    }
}
