import Foundation
import Testing
import TestSupport

/// `edgehost replay` and `reconcile` on the zerodteput ladder (several rows per instant), on the
/// live rows and alerts `ZeroDTEPutLiveTests` has just made (called from its test, to reuse its
/// workspace, live run, build and alerts), then a recording with a late bar and the capture's
/// health figures; and a recording of the `alpaca` adapter (the fake server) refused for this
/// model, which reads `sim`.
extension ZeroDTEPutLiveTests {
    /// The event outputs every replayed zerodteput row carries.
    static let eventFields = ["breach_probability", "ci_low", "ci_high", "risk_tier", "ladder_rank", "policy_status"]

    /// Every alert of signals.csv and every row of live_monitor.jsonl replays bit for bit, and the
    /// session reconciles with zero differences. `rows`: the live rows, `signals`: signals.csv's.
    static func replayAndReconcile(_ wb: Workbench, rows: [[String: Any]], signals: Int) throws {
        // A sim recording has no capture health: no lag, and the state as it was.
        #expect(rows.allSatisfy { $0["stream_lag_seconds"] as? Double == 0 })
        let health = try #require(wb.json("live_data/\(model)/live_state.json")?["health"] as? [String: Any])
        #expect(!health.keys.contains { $0.hasPrefix("capture_") }, "\(health)")
        let all = wb.run(["replay", "--all", "--model", model])
        let n = rows.count + signals
        #expect(all.status == 0 && all.stdout.contains("replay \(model): \(n) alert(s), \(n) equal bit for bit, 0 not"), "\(all.stdout)\(all.stderr)")
        // One live row alone prints its event outputs (the ladder's), one signal its columns.
        let key = try #require(rows.first?["key"] as? String)
        let one = wb.run(["replay", "--alert", key, "--model", model])
        #expect(one.status == 0 && one.stdout.contains("equal: the replayed live decision is the recorded one, bit for bit"), "\(one.stdout)\(one.stderr)")
        for field in eventFields + ["entity_key", "strike_return"] { #expect(one.stdout.contains("\n  \(field) = "), "\(field): \(one.stdout)") }
        let csv = (wb.read("live_data/\(model)/signals.csv") ?? "").split(separator: "\n")
        let header = try #require(csv.first).split(separator: ",").map(String.init)
        let signalKey = String(try #require(csv.dropFirst().first).split(separator: ",", omittingEmptySubsequences: false)[try #require(header.firstIndex(of: "key"))])
        let signal = wb.run(["replay", "--alert", signalKey, "--model", model])
        #expect(signal.status == 0 && signal.stdout.contains("equal: the replayed signal is the recorded one, bit for bit"), "\(signal.stdout)\(signal.stderr)")
        for field in eventFields + ["decision_key"] { #expect(signal.stdout.contains("\n  \(field) = "), "\(field): \(signal.stdout)") }

        let out = wb.run(["reconcile", "--model", model, "--session", session])
        #expect(out.status == 0 && out.stdout.contains("\(rows.count) row(s) compared, \(rows.count) equal, 0 differing, 0 live only, 0 batch only"), "\(out.stdout)\(out.stderr)")
        let report = try #require(wb.json("reports/reconcile/\(model)/\(session).json"))
        #expect(report["status"] as? String == "reconciled" && report["rows_compared"] as? Int == rows.count)
    }

    /// The recording again, with two things a vendor capture can say: the 12:40 New York bar
    /// (16:40Z) reached the stream 30 minutes late (`late_bars`), and its health (stream lag
    /// 12.5 s, 2 reconnects, 3 pages pending, flushed 4.5 s after the last answer). The loop
    /// scores the 13:00 ladder without that bar (a gap in its zscore_60 window) and blocks it
    /// ("data gap", `bars_missing`); the replay of
    /// such a row is still bit for bit (the late delivery is part of the recording); reconcile
    /// names exactly those rows (session, decision time, strike) and their features; every row
    /// and the state carry the capture's 12.5 s lag at least, and the 13:30 ladder, delivered
    /// with the late bar, its 1,740 s.
    static func lateBarAndCaptureHealth(_ wb: Workbench, fresh: [String: [String: Any]]) throws {
        let late = wb.path("rec-late")
        try? FileManager.default.removeItem(atPath: late)
        try FileManager.default.copyItem(atPath: wb.path("rec"), toPath: late)
        var capture = try #require(wb.json("rec-late/capture.json"))
        capture["late_bars"] = ["SPX": [["ts": "2024-07-01T16:40:00Z", "delivered_at": "2024-07-01T17:10:00Z"]]]
        capture["health"] = ["SPX": ["requests": 5, "pages": 4, "retries": 1, "reconnects": 2, "queue_depth": 3, "flush_age_seconds": 4.5,
                                     "stream_lag_seconds": 12.5, "last_event_time": "2024-07-01T19:59:00Z", "last_adapter_event_time": NSNull()]]
        try wb.write(String(decoding: try JSONSerialization.data(withJSONObject: capture, options: [.sortedKeys]), as: UTF8.self), to: "rec-late/capture.json")

        try FileManager.default.removeItem(atPath: wb.path("live_data/\(model)"))
        let run = wb.run(["live", "--model", model, "--symbol", "SPX", "--replay-from", late, "--speed", "max", "--every", "30m", "--stale-after", "45m"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let rows = Self.rows(wb)
        #expect(rows.count == fresh.count)
        let gap = "2024-07-01T17:00:00Z"
        for row in rows {
            let before = try #require(fresh[decision(row)])
            let features = row["features"] as? [String: Double] ?? [:], was = before["features"] as? [String: Double] ?? [:]
            if row["decision_ts"] as? String == gap {
                #expect(features["zscore_60"] != was["zscore_60"], "\(decision(row)): scored without the 16:40 bar")
                // Features on a gap are not what the model was trained on: the ladder is blocked, and says why.
                #expect(row["bars_missing"] as? [String] == ["2024-07-01T16:40:00Z"] && row["policy_status"] as? String == "blocked"
                        && row["policy_reason"] as? String == "data gap: 1 bar(s) up to the decision not delivered yet (2024-07-01T16:40:00Z)", "\(row)")
            } else {
                #expect(row["bars_missing"] == nil, "\(decision(row))")
                #expect(features == was && row["breach_probability"] as? Double == before["breach_probability"] as? Double, "\(decision(row))")
            }
            let lag = row["stream_lag_seconds"] as? Double ?? 0
            #expect(row["decision_ts"] as? String == "2024-07-01T17:30:00Z" ? lag == 1_740 : lag == 12.5, "\(decision(row)): lag \(lag)")
        }
        let health = try #require(wb.json("live_data/\(model)/live_state.json")?["health"] as? [String: Any])
        #expect((health["stream_lag_seconds"] as? Double ?? 0) >= 12.5 && health["capture_stream_lag_seconds"] as? Double == 12.5, "\(health)")
        #expect(health["capture_reconnects"] as? Int == 2 && health["capture_queue_depth"] as? Int == 3 && health["capture_flush_age_seconds"] as? Double == 4.5, "\(health)")

        let gapped = rows.filter { $0["decision_ts"] as? String == gap }
        let key = try #require(gapped.first?["key"] as? String)
        let replayed = wb.run(["replay", "--alert", key, "--model", model])
        #expect(replayed.status == 0 && replayed.stdout.contains("equal: the replayed live decision is the recorded one, bit for bit"), "\(replayed.stdout)\(replayed.stderr)")

        let out = wb.run(["reconcile", "--model", model, "--session", session])
        #expect(out.status == 1 && out.stdout.contains("\(rows.count - gapped.count) equal, \(gapped.count) differing, 0 live only, 0 batch only"), "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.contains("note: SPX bar 2024-07-01T16:40:00Z delivered late"), "\(out.stdout)")
        let report = try #require(wb.json("reports/reconcile/\(model)/\(session).json"))
        let differences = try #require(report["differences"] as? [[String: Any]])
        let named = Set(differences.map { "\($0["session_date"] as? String ?? "") \($0["decision_ts"] as? String ?? "") \($0["entity_key"] as? String ?? "")" })
        #expect(named == Set(gapped.map { "\(session) \(gap) \($0["entity_key"] as? String ?? "")" }), "\(differences)")
        #expect(differences.contains { $0["field"] as? String == "features.zscore_60" }, "\(differences)")
    }

    /// A recording made by `stream capture --adapter alpaca` against the fake Alpaca replays only
    /// for a model reading that adapter with the same parameters: this one reads `sim`, so the
    /// loop refuses it before starting (65, `recording-mismatch`, both adapters named), and writes nothing.
    @Test func anAlpacaRecordingIsRefusedForASimModel() throws {
        let wb = Self.shared
        let server = try FixtureHTTPServer(script: AlpacaCaptureTests.script)
        defer { server.stop() }
        let dir = try AlpacaCaptureTests.folder(secret: AlpacaCaptureTests.secret)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(AlpacaCaptureTests.capture(server.base, in: dir).status == 0)
        let before = wb.read("live_data/\(Self.model)/live_monitor.jsonl")
        let out = wb.run(["live", "--model", Self.model, "--symbol", "SPX", "--replay-from", "\(dir)/rec", "--speed", "max", "--every", "30m", "--stale-after", "45m"])
        #expect(out.status == 65 && out.stderr.contains("[recording-mismatch]"), "\(out.stdout)\(out.stderr)")
        #expect(out.stderr.contains("recorded from zerodteput.alpaca {") && out.stderr.contains("but model \(Self.model) reads zerodteput.sim {"), "\(out.stderr)")
        #expect(!out.stderr.contains(AlpacaCaptureTests.secret) && wb.read("live_data/\(Self.model)/live_monitor.jsonl") == before)
    }
}
