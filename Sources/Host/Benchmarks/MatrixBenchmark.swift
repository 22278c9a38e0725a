import Foundation
import PackKit

/// Preview + build of a model on a bars file in a throwaway workspace: wall time of each,
/// input rows per second and the process's peak resident memory.
public enum MatrixBenchmark {
    /// `adapter` is the pack's adapter id; `source` is passed to it unless nil (simulated data).
    public static func run(catalogue: PackCatalogue, pack: String, indicatorSet: String, adapter: String, source: String?,
                           start: String, end: String) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let workspace = Workspace(root: root)
        let defaults = try PackDefaults(pack: try catalogue.pack(pack))
        let config = try ModelConfig(json: .object([
            "pack": .string(pack), "indicator_set": .string(indicatorSet),
            "adapter": .object(["id": .string(adapter)]), "query": .object(source.map { ["source": .string($0)] } ?? [:]),
        ]), context: "bench model") { _ in defaults }
        try ModelStore(workspace: workspace).save(config, catalogue: catalogue)
        let plan = try ModelPlan(config: config, catalogue: catalogue, workspace: workspace)
        let stages = MatrixStages(workspace: workspace, ledger: RunLedger(workspace: workspace))
        let (first, last) = (try Timestamps.parseDate(start), try Timestamps.parseDate(end))
        let t0 = Date()
        let preview = try stages.preview(plan, start: first, end: last, force: true)
        let t1 = Date()
        let build = try stages.build(plan, start: first, end: last, force: true, allowQAFail: true)
        let t2 = Date()
        var inputRows = 0.0
        if case .array(let days)? = build.report["coverage"]?["days"] {
            inputRows = days.compactMap { $0["bars"]?.doubleValue }.reduce(0, +)
        }
        let total = t2.timeIntervalSince(t0)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return JSON.object([
            "bench": .string("matrix.preview_build.\(adapter)"), "pack": .string(pack), "indicator_set": .string(indicatorSet),
            "adapter": .string(adapter), "source": .string(source.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "simulated"),
            "range": .string("\(start)..\(end)"),
            "preview_s": .rounded(t1.timeIntervalSince(t0), 4), "build_s": .rounded(t2.timeIntervalSince(t1), 4),
            "total_s": .rounded(total, 4), "goal_s": .number(2),
            "input_rows": .number(inputRows), "rows_per_s": .rounded(2 * inputRows / total, 0),
            "decisions": build.report["rows"] ?? .null, "qa": .string(preview.status),
            "peak_rss_mb": .rounded(Double(usage.ru_maxrss) / 1024, 1), "unit": .string("s"),
        ]).text
    }
}
