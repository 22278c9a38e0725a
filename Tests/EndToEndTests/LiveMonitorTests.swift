import Foundation
import Host
import Testing

/// `edgehost stream capture` and `edgehost live` on the zeroedge pack: a model trained on a
/// simulated month and registered once for the suite, a recorded session (2024-07-01) replayed
/// as fast as possible.
@Suite(.serialized) struct LiveMonitorTests {
    static let model = "spy_opt_0dte_hourly"
    static let session = "2024-07-01"

    /// The workbench with v1 active and the recording in `rec/`, built once.
    static let shared: Workbench = {
        let wb = Workbench()
        func ok(_ out: CLITests.Output, _ what: String) { #expect(out.status == 0, "\(what): \(out.stderr)") }
        ok(wb.createModel(), "models create")
        ok(wb.run(["build", "--model", model, "--start", "2024-06-03", "--end", "2024-06-28"]), "build")
        // v1 (hours 13–15) active, v2 (hours 14–15) shadow.
        for (hours, version, slot) in [("13,14,15", "v1", "active"), ("14,15", "v2", "shadow")] {
            ok(wb.run(["train", "--model", model, "--allowed-hours", hours, "--force"]), "train \(hours)")
            // Registration needs a backtest report of this artifact; the walk-forward itself is not under test here.
            wb.writePassingBacktestReport(model: model)
            ok(wb.run(["registry", "register", "--model", model, "--registry", wb.path("registry")]), "register \(version)")
            ok(wb.run(["registry", "promote", "--to", slot, "--id", "\(model)@\(version)", "--registry", wb.path("registry")]), "promote \(version)")
        }
        ok(wb.run(["stream", "capture", "--pack", "zeroedge", "--adapter", "sim", "--symbols", "SPY", "--session", session,
                   "--model", model, "--out", wb.path("rec")]), "capture")
        return wb
    }()

    static func live(_ wb: Workbench, _ extra: [String] = [], speed: String = "max") -> [String] {
        ["live", "--model", model, "--symbol", "SPY", "--replay-from", wb.path("rec"), "--speed", speed, "--every", "2m",
         "--stale-after", "150s", "--threshold", "0.34"] + extra
    }

    /// The rows of live_monitor.jsonl.
    static func rows(_ wb: Workbench) -> [[String: Any]] {
        (wb.read("live_data/\(model)/live_monitor.jsonl") ?? "").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Starts `arguments`, reading live_state.json as often as it can while the process runs;
    /// returns the exit status, stdout and how many reads found the file (each must parse).
    static func runWatchingState(_ wb: Workbench, _ arguments: [String], signalAfterFirstState: Bool = false) throws -> (Int32, String, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(CLITests.buildDir)/edgehost")
        process.arguments = arguments + ["--workspace", wb.root]
        process.environment = ProcessInfo.processInfo.environment.merging(["EDGEHOST_REGISTRY": wb.path("registry")]) { _, new in new }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("live-out-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = FileHandle.nullDevice
        try process.run()
        var reads = 0, signalled = false
        let state = wb.path("live_data/\(model)/live_state.json")
        while process.isRunning {
            if let data = FileManager.default.contents(atPath: state) {
                let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
                #expect(json?["health"] != nil, "live_state.json read while the loop runs is not the state: \(String(decoding: data.prefix(200), as: UTF8.self))")
                reads += 1
                if signalAfterFirstState, !signalled { process.terminate(); signalled = true }
            }
        }
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: out, encoding: .utf8)) ?? "", reads)
    }

    @Test func replayWritesKeyedRowsOnceFlagsStaleDataAndMatchesTheBatchScores() throws {
        let wb = Self.shared
        let capture = try #require(wb.json("rec/capture.json"))
        #expect(capture["format"] as? String == "edgehost-capture/1" && capture["session"] as? String == Self.session)
        #expect((capture["last_event_time"] as? [String: Any])?["SPY"] as? String == "2024-07-01T19:59:00Z")
        #expect(wb.exists("rec/bars/SPY.csv"))

        try? FileManager.default.removeItem(atPath: wb.path("live_data/\(Self.model)"))
        // First replay: one row per hourly decision of the session (10:00–15:00 New York), keyed.
        let (status, stdout, reads) = try Self.runWatchingState(wb, Self.live(wb))
        #expect(status == 0, "\(stdout)")
        #expect(reads > 0 && stdout.contains("replay finished"), "\(stdout)")
        let rows = Self.rows(wb)
        #expect(rows.map { $0["decision_ts"] as? String ?? "" } == (14...19).map { "2024-07-01T\($0):00:00Z" })
        for row in rows {
            for field in ["key", "session_date", "decision_ts", "entry_anchor_ts", "probability", "policy_status", "policy_reason",
                          "stream_lag_seconds", "data_freshness_seconds", "scoring_latency_ms", "stale_flag", "model_version",
                          "assumptions_hash", "trained_through_session"] {
                #expect(row[field] != nil, "\(field) missing in \(row)")
            }
            #expect(row["model_version"] as? String == "v1" && row["session_date"] as? String == Self.session)
            #expect(row["trained_through_session"] as? String == "2024-06-28" && row["stale_flag"] as? Bool == false)
            #expect((row["key"] as? String)?.count == 16)
        }
        #expect(Set(rows.compactMap { $0["key"] as? String }).count == rows.count)
        // At threshold 0.34 the model's hours (13–15 New York) are favorable when their class trades; the morning is neutral.
        let favorable = rows.filter { $0["policy_status"] as? String == "favorable" }.compactMap { $0["decision_ts"] as? String }
        #expect(favorable.contains("2024-07-01T17:00:00Z"), "\(rows.map { "\($0["decision_ts"] ?? "") \($0["policy_reason"] ?? "")" })")
        #expect(rows.prefix(3).allSatisfy { ($0["policy_reason"] as? String)?.contains("is not among the model's hours 13,14,15") == true })
        let state = try #require(wb.json("live_data/\(Self.model)/live_state.json"))
        let counters = try #require(state["counters"] as? [String: Any])
        #expect(counters["decisions_total"] as? Int == 6)
        // The shadow (v2, hours 14–15) scored every decision; it approves what clears 0.34 in its own hours.
        #expect(state["shadow_version"] as? String == "v2" && counters["shadow_signals_evaluated_total"] as? Int == 6)
        let shadowApproved = rows.filter { ($0["shadow"] as? [String: Any])?["approved"] as? Bool == true }
        #expect(counters["shadow_signals_approved_total"] as? Int == shadowApproved.count)
        #expect(shadowApproved.allSatisfy { ["2024-07-01T18:00:00Z", "2024-07-01T19:00:00Z"].contains($0["decision_ts"] as? String ?? "") })
        #expect(rows.allSatisfy { ($0["shadow"] as? [String: Any])?["version"] as? String == "v2" && $0["route"] as? String == "full" })
        #expect((state["decisions"] as? [Any])?.count == 6)

        // A second run (a restart) adds nothing and leaves the file as it was.
        let file = wb.read("live_data/\(Self.model)/live_monitor.jsonl")
        let again = wb.run(Self.live(wb))
        #expect(again.status == 0 && again.stdout.contains("0 new row(s), 6 in all"), "\(again.stdout)\(again.stderr)")
        #expect(wb.read("live_data/\(Self.model)/live_monitor.jsonl") == file)

        // The batch path on the same session: the same decisions, the same probabilities.
        #expect(wb.run(["build", "--model", Self.model, "--start", Self.session, "--end", Self.session]).status == 0)
        let matrixTimes = wb.matrix(Self.model).dropFirst().map { $0[0] }
        #expect(matrixTimes == rows.map { $0["decision_ts"] as? String ?? "" })
        let alerts = wb.run(["alerts", "--model", Self.model, "--threshold", "0.01", "--registry", wb.path("registry")])
        #expect(alerts.status == 0, "\(alerts.stderr)")
        let signals = (wb.read("live_data/\(Self.model)/signals.csv") ?? "").split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(!signals.isEmpty)
        for signal in signals {
            let row = try #require(rows.first { $0["decision_ts"] as? String == signal[0] })
            #expect(String(format: "%.6f", row["probability"] as? Double ?? -1) == signal[4], "\(signal[0]): live \(row["probability"] ?? "none"), batch \(signal[4])")
            #expect(row["action"] as? String == signal[3] || row["policy_status"] as? String != "favorable")
        }

        // The stream pauses from just after the 13:00 bar arrives for ten minutes: that decision,
        // favorable above, is scored eleven minutes late, so stale and blocked with the reason
        // (same probability); the others stay as they were.
        try FileManager.default.removeItem(atPath: wb.path("live_data/\(Self.model)"))
        let paused = wb.run(Self.live(wb, ["--replay-pause-at", "2024-07-01T17:00:30Z", "--replay-pause-for", "10m"]))
        #expect(paused.status == 0, "\(paused.stderr)")
        let stale = Self.rows(wb).filter { $0["stale_flag"] as? Bool == true }
        #expect(stale.map { $0["decision_ts"] as? String } == ["2024-07-01T17:00:00Z"])
        for row in Self.rows(wb) {
            let fresh = try #require(rows.first { $0["decision_ts"] as? String == row["decision_ts"] as? String })
            #expect(row["probability"] as? Double == fresh["probability"] as? Double)
            if row["stale_flag"] as? Bool == true {
                #expect(row["policy_status"] as? String == "blocked")
                #expect((row["policy_reason"] as? String ?? "").contains("stale data: scored 660 s after its entry anchor (stale after 150 s)"), "\(row)")
            } else {
                #expect(row["policy_status"] as? String == fresh["policy_status"] as? String)
            }
        }
        #expect(Self.rows(wb).count == 6)
        #expect((wb.json("live_data/\(Self.model)/live_state.json")?["counters"] as? [String: Any])?["stale_rows_total"] as? Int == 1)
    }

    /// A canary rollout through the loop (a copy of the registry, so the other tests keep
    /// their shadow): each decision goes to the baseline (v1) or the canary (v2) by the router's
    /// seeded draw on its key, the canary's rows are the canary's call (its probability, its
    /// hours, its version), the state counts the realised fraction, and a canary row replays
    /// bit for bit.
    @Test func aCanaryRolloutRoutesDecisionsAndTheyReplay() throws {
        let wb = Self.shared
        let registry = wb.path("registry-canary")
        try? FileManager.default.removeItem(atPath: registry)
        try FileManager.default.copyItem(atPath: wb.path("registry"), toPath: registry)
        let rollout = CLITests.run("\(CLITests.buildDir)/edgehost", ["registry", "rollout", "--model", Self.model, "--mode", "canary", "--fraction", "0.5",
                                                                   "--seed", "7", "--registry", registry])
        #expect(rollout.status == 0, "\(rollout.stderr)")
        try? FileManager.default.removeItem(atPath: wb.path("live_data/\(Self.model)"))
        let run = wb.run(Self.live(wb, ["--registry", registry]))
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let rows = Self.rows(wb)
        #expect(rows.count == 6)
        let router = CanaryRouter(seed: 7, fraction: 0.5)
        for row in rows {
            let key = Signal.decisionKey(model: Self.model, ts: try #require(Timestamps.parseInstant(row["decision_ts"] as? String ?? "")), key: nil)
            let route = router.route(key: key).rawValue
            let shadow = try #require(row["shadow"] as? [String: Any])
            #expect(row["route"] as? String == route, "\(row["decision_ts"] ?? ""): \(row["route"] ?? "") not \(route)")
            #expect(row["served_version"] as? String == (route == "canary" ? "v2" : "v1") && row["model_version"] as? String == "v1", "\(row)")
            if route == "canary" {
                #expect(row["probability"] as? Double == shadow["probability"] as? Double, "\(row)")
                // The canary's hours (14–15) decide: before them it does not trade.
                if ["2024-07-01T14:00:00Z", "2024-07-01T15:00:00Z", "2024-07-01T16:00:00Z", "2024-07-01T17:00:00Z"].contains(row["decision_ts"] as? String ?? "") {
                    #expect(row["policy_status"] as? String == "neutral" && (row["policy_reason"] as? String ?? "").contains("model's hours 14,15"), "\(row)")
                }
            }
        }
        let canary = rows.filter { $0["route"] as? String == "canary" }
        #expect(!canary.isEmpty && canary.count < rows.count, "the seeded draw sends \(canary.count) of 6 to the canary")
        let counters = try #require(wb.json("live_data/\(Self.model)/live_state.json")?["counters"] as? [String: Any])
        #expect(counters["canary_fraction_realized"] as? Double == Double(canary.count) / 6, "\(counters)")
        let key = try #require(canary.first?["key"] as? String)
        let replayed = wb.run(["replay", "--alert", key, "--model", Self.model])
        #expect(replayed.status == 0 && replayed.stdout.contains("equal"), "\(replayed.stdout)\(replayed.stderr)")
    }

    /// Without --replay-from the loop polls the model's own adapter (the sim here, on a clock
    /// simulated from the first bar's due time) and records what it saw: the same decisions,
    /// features, probabilities and policy as the replay of a capture of the session; every row
    /// carries the digest of the bars it knew, replays bit for bit from the loop's own
    /// recording, and reconciles with the batch path.
    @Test func pollingTheAdapterScoresAsAReplayAndRecordsWhatItSaw() throws {
        let wb = Self.shared
        try? FileManager.default.removeItem(atPath: wb.path("live_data/\(Self.model)"))
        #expect(wb.run(Self.live(wb)).status == 0)
        let replayed = Self.rows(wb)
        try FileManager.default.removeItem(atPath: wb.path("live_data/\(Self.model)"))
        // Every 10 minutes from 13:31: each hourly bar is scored the minute it is due.
        let polled = ["live", "--model", Self.model, "--symbol", "SPY", "--clock-start", "2024-07-01T13:31:00Z", "--speed", "max", "--every", "10m",
                      "--stale-after", "15m", "--threshold", "0.34"]
        let run = wb.run(polled)
        let folder = "live_data/\(Self.model)/polled/2024-07-01/20240701T133100Z"
        #expect(run.status == 0 && run.stdout.contains("polling zeroedge.sim into \(folder)") && run.stdout.contains("session closed"), "\(run.stdout)\(run.stderr)")
        let rows = Self.rows(wb)
        #expect(rows.map { $0["decision_ts"] as? String } == replayed.map { $0["decision_ts"] as? String })
        for (row, was) in zip(rows, replayed) {
            for field in ["probability", "policy_status", "predicted_class"] {
                #expect(row[field] as? NSObject == was[field] as? NSObject, "\(row["decision_ts"] ?? "") \(field): polled \(row[field] ?? "-"), replayed \(was[field] ?? "-")")
            }
            #expect(row["features"] as? [String: Double] == was["features"] as? [String: Double])
            #expect((row["known_data_sha"] as? String)?.count == 64 && row["recording_sha"] is NSNull, "\(row)")
            #expect((row["replay_inputs"] as? [String: Any])?["mode"] as? String == "poll")
        }
        #expect(wb.json("\(folder)/capture.json")?["session"] as? String == Self.session)
        #expect(wb.json("live_data/\(Self.model)/live_state.json")?["mode"] as? String == "poll")
        for key in rows.compactMap({ $0["key"] as? String }) {
            let out = wb.run(["replay", "--alert", key, "--model", Self.model])
            #expect(out.status == 0 && out.stdout.contains("equal"), "\(out.stdout)\(out.stderr)")
        }
        let reconciled = wb.run(["reconcile", "--model", Self.model, "--session", Self.session])
        #expect(reconciled.status == 0 && reconciled.stdout.contains("\(rows.count) equal, 0 differing"), "\(reconciled.stdout)\(reconciled.stderr)")
        // A restart on the same clock records anew and adds no row.
        let again = wb.run(polled)
        #expect(again.status == 0 && again.stdout.contains("0 new row(s), \(rows.count) in all"), "\(again.stdout)\(again.stderr)")
    }

    @Test func sigtermFinishesTheCycleWritesTheStateAndExitsZero() throws {
        let wb = Self.shared
        // No state yet, so the signal comes after the handlers are installed (the first cycle writes it).
        try? FileManager.default.removeItem(atPath: wb.path("live_data/\(Self.model)"))
        // 600 simulated seconds a second: a cycle every 0.2 s, so the signal comes mid-session.
        let (status, stdout, reads) = try Self.runWatchingState(wb, Self.live(wb, speed: "600"), signalAfterFirstState: true)
        #expect(status == 0 && stdout.contains("stopped by a signal"), "\(stdout)")
        #expect(reads > 0)
        #expect(wb.json("live_data/\(Self.model)/live_state.json")?["health"] != nil)
    }

    @Test func missingActiveModelStopsBeforeTheLoop() throws {
        let wb = Workbench()
        #expect(wb.createModel().status == 0)
        let out = wb.run(["live", "--model", Self.model, "--symbol", "SPY", "--replay-from", wb.path("rec"), "--speed", "max"])
        #expect(out.status == 78, "\(out.stderr)")
        #expect(out.stderr.contains("no active version in the registry") && out.stderr.contains("[no-active-model]"), "\(out.stderr)")
        #expect(!wb.exists("live_data/\(Self.model)/live_state.json"))
    }
}
