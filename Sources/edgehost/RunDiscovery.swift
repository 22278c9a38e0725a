import Foundation
import Host
import PackKit

extension Run {
    /// `run` for a pack with `workflow: discovery`: the flow is Host's `DiscoveryPipelineRun`;
    /// this prints its summary (events, candidates, the planted effects found or not, strategies, paths).
    func runDiscovery(catalogue: PackCatalogue, workspace: Workspace) throws {
        var flow = DiscoveryPipelineRun(pack: pack)
        flow.runID = runID
        flow.adapterID = data.adapter
        flow.adapterParams = try keyValues(data.adapterParams, option: "--adapter-param")
        flow.query = try data.query
        flow.start = try start.map { try Timestamps.parseDate($0) }
        flow.end = try end.map { try Timestamps.parseDate($0) }
        flow.force = force
        flow.progress = Progress("[\(pack)]")
        let o = try flow.run(catalogue: catalogue, workspace: workspace, leaderboard: try LeaderboardStores.open(nil, workspace: workspace))
        let d = o.discovery
        print("edgehost run --pack \(pack): discovery on \(Timestamps.date(o.start))..\(Timestamps.date(o.end)), workspace \(workspace.root)")
        for r in d.lake { print("   \(r.line)") }
        print("1. events: " + d.eventTypes.map { "\($0) \(d.events[$0] ?? 0)" }.joined(separator: ", "))
        print("2. candidates tried: \(d.candidates.count); passing the false-discovery gate (BH, n, after-cost > 0): \(d.passing)")
        let planted = o.planted.map { p in
            "\(p.eventType) \(p.verb) \(p.horizon) bars " + (p.found ? "found" : "NOT found")
                + (p.netBps.map { String(format: " (%.1f bps after costs)", $0) } ?? "")
        }
        print("3. planted effects: " + (planted.isEmpty ? "none declared" : planted.joined(separator: "; ")))
        print("   controls: " + o.controls.map { "\($0.eventType) \($0.passing == 0 ? "nothing passes" : "\($0.passing) passing")" }.joined(separator: ", "))
        print("4. blueprints: \(d.blueprints.count)")
        for file in d.files where file.hasSuffix("blueprints.jsonl") || file.hasSuffix("candidates.csv") { print("   \(file)") }
        print("5. " + StrategyBacktestRun.summary(o.strategies, workspace: workspace).replacingOccurrences(of: "\n", with: "\n   "))
        if let about = o.about { print("  meaning   \(about)") }
        print("  run       \(o.runID): \(workspace.relative(workspace.path("runs", o.runID, "run_manifest.json")))")
    }
}
