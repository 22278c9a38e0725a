import Foundation
import Host
import Testing

/// Alerts served from the registry: the active version alerts, the shadow is scored beside it,
/// a canary rollout routes decisions between them, and the guard rolls a bad canary back.
@Suite(.serialized) struct ShadowAlertsTests {
    static let model = "spy_opt_0dte_hourly"

    let wb = Workbench()
    var registry: String { wb.path("registry") }

    /// `edgehost registry …` for subcommands without --workspace.
    func registryCommand(_ arguments: [String]) -> CLITests.Output {
        CLITests.run("\(CLITests.buildDir)/edgehost", ["registry"] + arguments + ["--registry", registry])
    }

    /// A passing backtest report matching the trained artifact's lineage (registration needs one;
    /// running the walk-forward here would only slow the test down).
    func writeReport() throws {
        let meta = try #require(wb.json("artifacts/\(Self.model)/balanced/meta.json"))
        let lineage = try #require(meta["lineage"] as? [String: Any])
        let report: [String: Any] = [
            "model_id": Self.model, "status": "pass",
            "lineage": ["matrix_sha": lineage["matrix_sha"] ?? "", "config_sha": lineage["config_sha"] ?? ""],
            "best": ["threshold": 0.6], "gates": [["risk_profile": "balanced", "threshold": 0.6, "status": "pass", "reasons": [String]()]],
        ]
        try wb.write(String(decoding: try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]), as: UTF8.self),
                     to: "reports/backtest_\(Self.model).json")
    }

    func expectOK(_ out: CLITests.Output, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(out.status == 0, "\(what): \(out.stderr)", sourceLocation: sourceLocation)
    }

    /// Rows of a signals file as fields, header first.
    func rows(_ file: String) -> [[String]] {
        (wb.read("live_data/\(Self.model)/\(file)") ?? "").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// v1, v2, v3 from three trainings on other hours; v2 active (v1 before it), v3 shadow.
    func setUp() throws {
        expectOK(wb.createModel(), "models create")
        expectOK(wb.run(["build", "--model", Self.model, "--start", "2024-01-02", "--end", "2024-06-28"]), "build")
        for hours in ["13,14,15", "13,14", "14,15"] {
            expectOK(wb.run(["train", "--model", Self.model, "--allowed-hours", hours, "--force"]), "train \(hours)")
            try writeReport()
            expectOK(wb.run(["registry", "register", "--model", Self.model, "--registry", registry]), "register \(hours)")
        }
        for (version, slot) in [("v1", "active"), ("v2", "active"), ("v3", "shadow")] {
            expectOK(wb.run(["registry", "promote", "--to", slot, "--id", "\(Self.model)@\(version)", "--registry", registry]), "promote \(version)")
        }
    }

    @Test func activeAlertsShadowIsRecordedCanaryRoutesAndTheGuardRollsBack() throws {
        try setUp()
        let today = ["EDGEHOST_TODAY": "2024-07-01"]
        expectOK(wb.run(["build", "--model", Self.model, "--start", "today", "--end", "today"], environment: today), "today build")

        // Full mode: v2 alerts, v3 only into shadow_signals.csv.
        let first = wb.run(["alerts", "--model", Self.model, "--threshold", "0.34", "--registry", registry, "--json"])
        expectOK(first, "alerts")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(summary["model_version"] as? String == "v2" && summary["source"] as? String == "registry \(Self.model)@v2")
        #expect((summary["shadow"] as? [String: Any])?["model_version"] as? String == "v3")
        let signals = rows("signals.csv"), shadow = rows("shadow_signals.csv")
        #expect(signals.first == SignalsFile.header.split(separator: ",").map(String.init))
        #expect(shadow.first == signals.first)
        #expect(signals.count > 1 && shadow.count > 1)
        for row in signals.dropFirst() { #expect(row[2] == "v2" && row[8] == "full") }
        for row in shadow.dropFirst() { #expect(row[2] == "v3" && row[8] == "shadow") }
        // A rerun adds nothing to either file.
        let again = wb.run(["alerts", "--model", Self.model, "--threshold", "0.34", "--registry", registry, "--json"])
        #expect(again.stdout.contains("\"added\" : 0") && rows("signals.csv") == signals && rows("shadow_signals.csv") == shadow)

        // Canary mode on the next day: each decision's route is the router's, its version the route's.
        expectOK(registryCommand(["rollout", "--model", Self.model, "--mode", "canary", "--fraction", "0.5", "--seed", "7"]), "rollout")
        expectOK(wb.run(["build", "--model", Self.model, "--start", "today", "--end", "today"], environment: ["EDGEHOST_TODAY": "2024-07-02"]), "build 07-02")
        expectOK(wb.run(["alerts", "--model", Self.model, "--threshold", "0.34", "--registry", registry]), "canary alerts")
        let routed = rows("signals.csv").filter { $0[0].hasPrefix("2024-07-02") }
        #expect(!routed.isEmpty)
        let router = CanaryRouter(seed: 7, fraction: 0.5)
        for row in routed {
            let expected = router.route(key: String(Hashing.sha256("\(Self.model)|\(row[0])").prefix(16))).rawValue
            #expect(row[8] == expected && row[2] == (expected == "canary" ? "v3" : "v2"), "\(row)")
        }

        // Signals at past decisions whose outcomes are known: the baseline won, the canary lost.
        expectOK(wb.run(["build", "--model", Self.model, "--start", "2024-01-02", "--end", "2024-06-28"]), "rebuild")
        let matrix = try Matrix.read(path: wb.path("matrices/\(Self.model)/training_matrix_built.csv"))
        let call = try #require(matrix.outcomeNames.firstIndex(of: "outcome_call"))
        let wins = matrix.ts.indices.filter { matrix.outcomes[call][$0] > 0 }.prefix(6)
        let losses = matrix.ts.indices.filter { matrix.outcomes[call][$0] < 0 }.prefix(6)
        let past = wins.map { (matrix.ts[$0], "v2", "baseline") } + losses.map { (matrix.ts[$0], "v3", "canary") }
        try SignalsFile.append(past.map { Signal(ts: $0.0, modelID: Self.model, modelVersion: $0.1, action: "call", probability: 0.6,
                                                 threshold: 0.34, hour: Timestamps.newYorkHour($0.0), route: $0.2) },
                               to: wb.path("live_data/\(Self.model)/signals.csv"))
        let verdict = wb.run(["registry", "guard", "--model", Self.model, "--registry", registry, "--min-sample", "6"])
        expectOK(verdict, "guard")
        #expect(verdict.stdout.contains("guard \(Self.model): tripped: TRIPPED: canary win rate 0.0% is 100.0 points below the baseline's 100.0%"), "\(verdict.stdout)")
        #expect(verdict.stdout.contains("rolled back v2 → v1"))
        let history = registryCommand(["history", "--model", Self.model])
        expectOK(history, "history")
        #expect(history.stdout.contains("guard") && history.stdout.contains("guard tripped"), "\(history.stdout)")
        // The next alerts serve v1 alone.
        expectOK(wb.run(["build", "--model", Self.model, "--start", "today", "--end", "today"], environment: ["EDGEHOST_TODAY": "2024-07-03"]), "build 07-03")
        let after = wb.run(["alerts", "--model", Self.model, "--threshold", "0.34", "--registry", registry, "--json"])
        let afterSummary = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])
        #expect(afterSummary["model_version"] as? String == "v1" && afterSummary["rollout"] as? String == "disabled")
        for row in rows("signals.csv") where row[0].hasPrefix("2024-07-03") { #expect(row[2] == "v1" && row[8] == "full") }
    }
}
