import Foundation
@testable import Host
import Indicators
import PackKit
import Testing

/// `PipelineRun` called as any front end calls it: one run id, the stages in order, the best
/// threshold, and the files a user audits the report with.
@Suite(.serialized) struct PipelineRunTests {
    static let model = "spy_opt_0dte_hourly"

    static func workspace() -> Workspace {
        Workspace(root: FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-run-\(UUID().uuidString)").path)
    }

    /// One catalogue for the suite, of a private copy of the pack: a pack's deinit ends its state,
    /// so it must not share a loaded file with other suites (the conformance kit loads and
    /// unloads libzeroedge.so in parallel with this suite).
    static let sharedCatalogue: Result<PackCatalogue, any Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-run-pack-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.swiftPack("zeroedge"), toPath: "\(folder)/libzeroedge.so")
        return try Fixtures.catalogue(["\(folder)/libzeroedge.so"])
    }

    static func catalogue() throws -> PackCatalogue { try sharedCatalogue.get() }

    static func pipeline(_ workspace: Workspace, runID: String) throws -> PipelineRun {
        var run = PipelineRun(pack: "zeroedge")
        run.runID = runID
        run.registry = workspace.path("registry")
        run.start = try Timestamps.parseDate("2024-01-02")
        run.end = try Timestamps.parseDate("2024-04-30")
        return run
    }

    /// Four months of the pack's simulated data, run once for the tests below.
    static let shared: Result<(Workspace, PipelineRun.Outcome), any Error> = Result {
        let ws = workspace()
        return (ws, try pipeline(ws, runID: "test-run-1").run(catalogue: try catalogue(), workspace: ws))
    }

    static func json(_ path: String) throws -> JSON {
        try JSON.parse(try String(contentsOfFile: path, encoding: .utf8))
    }

    @Test func oneRunIsOneFolderWithEveryStagesManifestAndLog() throws {
        let (ws, outcome) = try Self.shared.get()
        #expect(outcome.runID == "test-run-1" && outcome.stoppedBy == nil)
        let manifest = try Self.json(outcome.manifest)
        #expect(outcome.manifest == ws.path("runs", "test-run-1", "run_manifest.json"))
        #expect(manifest["status"]?.stringValue == "ok" && manifest["failed_stage"] == nil)
        guard case .array(let stages)? = manifest["stages"] else { Issue.record("no stages"); return }
        #expect(stages.map { $0["stage"]?.stringValue } == ["model", "preview", "build", "train-balanced", "backtest", "alerts"])
        for stage in stages {
            let name = try #require(stage["stage"]?.stringValue)
            #expect(stage["status"]?.stringValue == "ok", "\(name): \(stage)")
            let log = try String(contentsOfFile: ws.path("runs", "test-run-1", "\(name).log"), encoding: .utf8)
            #expect(log.contains("\(name) started") && log.contains("\(name) done"))
            guard name != "model" else { continue }
            #expect(stage["input_sha"]?.stringValue?.count == 64, "\(name)")
            #expect(FileManager.default.fileExists(atPath: ws.path("runs", "test-run-1", "\(name).json")))
        }
        // The backtest's outputs are hashed in the run manifest; no other run folder was made.
        let backtest = try #require(stages.first { $0["stage"]?.stringValue == "backtest" })
        #expect(backtest["outputs"]?["reports/backtest_\(Self.model)_trades.csv"]?.stringValue?.count == 64)
        let runs = try FileManager.default.contentsOfDirectory(atPath: ws.path("runs")).sorted()
        #expect(runs == ["index.json", "test-run-1"])
        // --start/--end chose the build range; the preview covers its first week.
        #expect(outcome.build?.report["start"]?.stringValue == "2024-01-02" && outcome.build?.report["end"]?.stringValue == "2024-04-30")
        #expect(outcome.preview.report["start"]?.stringValue == "2024-01-02" && outcome.preview.report["end"]?.stringValue == "2024-01-08")
    }

    @Test func aFailingStageIsNamedAndTheSourceIsKeptInTheModel() throws {
        let ws = Self.workspace()
        var run = try Self.pipeline(ws, runID: "failing")
        run.adapterID = "csv"
        run.query = ["source": .string(ws.path("missing.csv"))]
        #expect(throws: (any Error).self) { try run.run(catalogue: try Self.catalogue(), workspace: ws) }
        let manifest = try Self.json(ws.path("runs", "failing", "run_manifest.json"))
        #expect(manifest["status"]?.stringValue == "failed")
        #expect(manifest["failed_stage"]?.stringValue == "preview")
        #expect(manifest["error"]?.stringValue?.contains("missing.csv") == true)
        // The pack's own status is named in the error.
        #expect(manifest["error"]?.stringValue?.contains("(EDGEHOST_ERR_") == true, "\(manifest["error"] ?? .null)")
        let log = try String(contentsOfFile: ws.path("runs", "failing", "preview.log"), encoding: .utf8)
        #expect(log.contains("preview failed"))
        let model = try ModelStore(workspace: ws).load(Self.model)
        #expect(model.adapter.id == "csv" && model.query["source"]?.stringValue == ws.path("missing.csv"))
        // A run id must be a plain folder name.
        run.runID = "../elsewhere"
        #expect(throws: WorkspaceError.self) { try run.run(catalogue: try Self.catalogue(), workspace: ws) }
    }

    @Test func aFileSourceWithoutARangeUsesTheFilesSpan() throws {
        let ws = Self.workspace()
        let file = ws.path("bars.csv")
        try FileManager.default.createDirectory(atPath: ws.root, withIntermediateDirectories: true)
        try "ts,open,high,low,close,volume\n2024-03-26T13:30:00Z,1,1,1,1,1\n2024-04-02T19:59:00Z,1,1,1,1,1\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let catalogue = try Self.catalogue()
        let config = try ModelConfig(pack: "zeroedge", ticker: "SPY", assetType: "opt", horizon: "0dte", cadence: "hourly",
                                     indicatorSet: "zeroedge_pin_drift_v1", adapter: ComponentRef(pack: "zeroedge", id: "csv"),
                                     query: ["source": .string(file)])
        let plan = try ModelPlan(config: config, catalogue: catalogue, workspace: ws)
        let defaults = try PackDefaults(pack: try catalogue.pack("zeroedge"))
        let (preview, build, notes) = try PipelineRun(pack: "zeroedge").ranges(plan: plan, defaults: defaults)
        #expect(Timestamps.date(build.start) == "2024-03-26" && Timestamps.date(build.end) == "2024-04-02")
        #expect(Timestamps.date(preview.start) == "2024-03-26" && Timestamps.date(preview.end) == "2024-04-01")
        #expect(notes == ["no --start/--end: using the span of \(file), 2024-03-26..2024-04-02"])
    }

    @Test func aPacksDefaultsMayCarryAQuery() throws {
        let defaults = try PackDefaults(yaml: "query: { source: bars.csv, chain: none }\nadapter: { id: csv }", source: "test", pack: "p")
        let body: [String: JSON] = [
            "pack": .string("p"), "ticker": .string("SPY"), "asset_type": .string("eq"), "horizon": .string("1h"),
            "cadence": .string("hourly"), "indicator_set": .string("s"), "query": .object(["chain": .string("sim")]),
        ]
        let config = try ModelConfig(json: .object(body), context: "test", defaults: { _ in defaults })
        let expected: [String: JSON] = ["source": .string("bars.csv"), "chain": .string("sim")]
        #expect(config.query == expected)
        #expect(config.adapter.id == "csv")
    }

    /// The issue's case: one lucky trade (Sharpe 2.10) must not beat 57 trades (Sharpe 1.2).
    @Test func theBestThresholdMeetsTheMinimumTradesElseFallsBackSaying() {
        let candidates: [(threshold: Double, trades: Int, sharpe: Double)] = [(0.55, 57, 1.2), (0.60, 12, 1.5), (0.65, 1, 2.10)]
        #expect(ConfigurationResult.bestIndex(candidates, minTrades: 30).map { [$0.index] } == [0])
        #expect(ConfigurationResult.bestIndex(candidates, minTrades: 30)?.fellBack == false)
        #expect(ConfigurationResult.bestIndex(candidates, minTrades: 10)?.index == 1)
        let fallback = ConfigurationResult.bestIndex(candidates, minTrades: 100)
        #expect(fallback?.index == 2 && fallback?.fellBack == true)
        #expect(ConfigurationResult.bestIndex([(0.9, 0, .nan)], minTrades: 1) == nil)
    }

    @Test func theAlertsUseTheProfilesBestThresholdChosenAmongEnoughTrades() throws {
        let (_, outcome) = try Self.shared.get()
        let report = try #require(outcome.backtest?.report)
        let minTrades = try #require(report["min_trades"]?.doubleValue)
        #expect(minTrades == 30, "the zeroedge quality gate's min_trades")
        if let best = report["best"], best != .null {
            let trades = try #require(best["metrics"]?["trades"]?.doubleValue)
            #expect(best["fell_back"]?.boolValue == !(trades >= minTrades))
            #expect((best["note"] != nil) == (best["fell_back"]?.boolValue == true))
        }
        guard case .array(let gates)? = report["gates"], let own = gates.first(where: { $0["risk_profile"]?.stringValue == "balanced" }) else {
            Issue.record("no balanced gate"); return
        }
        let alerts = try #require(outcome.alerts)
        if let t = own["threshold"]?.doubleValue, t >= 0.60 {
            #expect(alerts.threshold == t && alerts.thresholdSource.contains("best backtested"))
        } else {
            #expect(alerts.threshold == 0.60)
        }
    }

    /// The report's metrics recomputed from `backtest_M_trades.csv` and the daily returns.
    @Test func theTradesAndDailyReturnsReproduceTheReportsMetrics() throws {
        let (ws, outcome) = try Self.shared.get()
        let report = try #require(outcome.backtest?.report)
        let trades = try CSVRows(path: ws.backtestTrades(Self.model))
        let daily = try CSVRows(path: ws.backtestDailyReturns(Self.model))
        #expect(trades.header == ["threshold", "top_pct", "decision_ts", "fold", "action", "label", "probability", "stake", "outcome", "pnl"])
        #expect(daily.header == ["threshold", "top_pct", "date", "return"])
        guard case .array(let configs)? = report["configurations"] else { Issue.record("no configurations"); return }
        #expect(configs.count == 3)
        var traded = 0
        for config in configs {
            let t = try #require(config["threshold"]?.doubleValue)
            let m = try #require(config["metrics"])
            let mine = trades.rows.filter { Double($0[0]) == t }
            let days = daily.rows.filter { Double($0[0]) == t }
            let returns = days.map { Double($0[3])! }
            #expect(Double(mine.count) == m["trades"]?.doubleValue)
            #expect(Double(days.count) == m["sessions"]?.doubleValue)
            traded += mine.count
            // Each session's return is the sum of its trades' P&L (New York dates).
            var byDay: [String: Double] = [:]
            for row in mine {
                #expect(Double(row[6])! >= t && abs(Double(row[9])! - Double(row[7])! * Double(row[8])!) < 1e-15)
                let day = Timestamps.date(NewYorkDay.of(row[2]))
                byDay[day, default: 0] += Double(row[9])!
            }
            for row in days { #expect(abs((byDay[row[2]] ?? 0) - Double(row[3])!) < 1e-12, "\(t) \(row[2])") }
            func close(_ key: String, _ value: Double) {
                let reported = m[key]?.doubleValue
                #expect(reported.map { abs($0 - value) < 1e-6 } ?? value.isNaN, "\(t) \(key): report \(String(describing: reported)), recomputed \(value)")
            }
            close("sharpe", ReturnMetrics.sharpe(returns))
            close("sortino", ReturnMetrics.sortino(returns))
            close("total_return", ReturnMetrics.totalReturn(returns))
            close("max_drawdown", ReturnMetrics.maxDrawdown(returns))
            if !mine.isEmpty { close("win_rate", Double(mine.filter { Double($0[8])! > 0 }.count) / Double(mine.count)) }
        }
        #expect(traded > 0, "the simulated quarter trades at some threshold")
    }
}

/// A CSV without quoting: the header and the rows' fields.
struct CSVRows {
    let header: [String]
    let rows: [[String]]

    init(path: String) throws {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        header = lines.first ?? []
        rows = Array(lines.dropFirst())
    }
}

/// The New York day of an ISO-8601 UTC time as the files write it.
enum NewYorkDay {
    static func of(_ iso: String) -> Int32 {
        let f = ISO8601DateFormatter()
        let seconds = f.date(from: iso)!.timeIntervalSince1970
        return NewYorkCalendar.date(nanoseconds: Int64(seconds) * 1_000_000_000)
    }
}

extension PipelineRunTests {
    @Test func smokeTrainsAndRegistersOnlyPastTheGuardrails() throws {
        let (ws, _) = try Self.shared.get()
        let context = try ModelContext(workspace: ws, catalogue: try Self.catalogue(), model: Self.model)
        let risk = try RiskBudget(nil, pack: context.plan.pack, defaults: context.defaults)
        // The shared run's range and backtest: both stages are found unchanged.
        var smoke = SmokeRun(start: try Timestamps.parseDate("2024-01-02"), end: try Timestamps.parseDate("2024-04-30"),
                             guardrails: Guardrails(minSharpe: 100, minTrades: 0))
        smoke.registry = ws.path("registry")
        let failed = try smoke.run(context, risk: risk)
        #expect(failed.build.skippedFrom == "test-run-1" && failed.backtest.skippedFrom == "test-run-1")
        #expect(!failed.passed && failed.trained == nil && failed.entry == nil && !failed.failures.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: ws.path("registry")))
        smoke.guardrails = Guardrails(minSharpe: -100, minTrades: 0)
        let passed = try smoke.run(context, risk: risk)
        let entry = try #require(passed.entry)
        #expect(passed.passed && !passed.alreadyRegistered && entry.modelID == Self.model)
        let again = try smoke.run(context, risk: risk)
        #expect(again.alreadyRegistered && again.entry?.id == entry.id)
    }
}
