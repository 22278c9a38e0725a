import Foundation
@testable import Host
import PackKit
import Testing

/// A pack's prior as XGBoost's base margin, its `training:` settings, and the calibration
/// interval's effective sessions.
@Suite struct TrainingPriorTests {
    static let prior = TrainingPrior(feature: "q", label: "BREACHED")

    /// Rows whose label is drawn with probability q (a fixed LCG: deterministic).
    static func matrix(rows: Int = 400) -> Matrix {
        var state: UInt64 = 7
        let ts = (0..<rows).map { Int64($0) * 60_000_000_000 }
        let q = (0..<rows).map { 0.02 + 0.5 * Double($0 % 10) / 10 }
        let labels = q.map { p -> String in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) < p ? "BREACHED" : "SAFE"
        }
        return Matrix(ts: ts, featureNames: ["q", "noise"], features: [q, q.indices.map { Double($0 % 7) }], labels: labels, labelEnd: ts,
                      outcomeNames: ["outcome_none"], outcomes: [ts.map { _ in 0 }])
    }

    /// The margin is the log-odds of XGBoost's positive class (SAFE, the encoder's second): of 1 − q.
    @Test func marginsAreTheLogOddsOfThePositiveClass() throws {
        var m = Self.matrix(rows: 3)
        m.features[0] = [0.2, 0.5, 0]
        let margins = try Self.prior.margins(m, rows: [0, 1, 2], classes: ["BREACHED", "SAFE"])
        #expect(abs(Double(margins[0]) - log(0.8 / 0.2)) < 1e-6 && margins[1] == 0)
        // Clamped to 1 − 1e-4: a prior of 0 is not a margin no tree can move.
        #expect(abs(Double(margins[2]) - log(0.9999 / 0.0001)) < 1e-4)
        m.features[0][1] = .nan
        #expect(throws: WorkspaceError.self) { try Self.prior.margins(m, rows: [1], classes: ["BREACHED", "SAFE"]) }
        #expect(throws: WorkspaceError.self) { try TrainingPrior(feature: "q", label: "UP").margins(m, rows: [0], classes: ["BREACHED", "SAFE"]) }
    }

    /// Trees that cannot split (min_child_weight above the data's weight) leave the prior: the
    /// model's P(BREACHED) stays within a round's step of q; the artifact on disk, read back,
    /// scores the same numbers (every scoring path sets the margin).
    @Test func aModelStartsFromItsPriorAndItsArtifactScoresAlike() throws {
        let matrix = Self.matrix()
        var policy = TrainingPolicy()
        policy.prior = Self.prior
        policy.minChildWeight = 1_000
        policy.embargoSeconds = 0
        let fitted = try Trainer.fit(matrix, rows: Array(0..<matrix.rowCount), policy: policy)
        let rows = Array(0..<20)
        let p = try fitted.probabilities(matrix, rows: rows)
        let breached = try #require(fitted.encoder.classes.firstIndex(of: "BREACHED"))
        for (r, probabilities) in zip(rows, p) { #expect(abs(probabilities[breached] - matrix.features[0][r]) < 0.05, "row \(r): \(probabilities)") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgehost-prior-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = try fitted.booster.json()
        let meta: JSON = .object(["features": .strings(fitted.featureNames), "label_encoder": .object(["classes": .strings(fitted.encoder.classes)]),
                                  "model_sha": .string(Hashing.sha256(model)), "policy": policy.json])
        try ModelArtifact.write(folder: folder, model: model, meta: meta, importance: .object([:]))
        let artifact = try ModelArtifact(folder: folder)
        #expect(artifact.prior == Self.prior)
        #expect(try artifact.probabilities(matrix, rows: rows) == p)
    }

    /// `prior:` and `training:` from defaults.yaml reach the policy; a policy without a prior
    /// keeps its old JSON (and policy_sha); a fractional depth is refused by name.
    @Test func defaultsCarryThePriorAndTheTrainingSettings() throws {
        let yaml = "prior: { feature: x_rn_breach, label: BREACHED }\ntraining: { max_depth: 2, min_child_weight: 50 }\n"
        let defaults = try PackDefaults(yaml: yaml, source: "test", pack: "p")
        let policy = defaults.trainingPolicy(hours: [10])
        #expect(policy.prior == TrainingPrior(feature: "x_rn_breach", label: "BREACHED") && policy.maxDepth == 2 && policy.minChildWeight == 50)
        #expect(policy.json["prior"]?["feature"]?.stringValue == "x_rn_breach")
        #expect(TrainingPolicy(allowedHours: [10]).json["prior"] == nil)
        #expect(PackDefaults().trainingPolicy(hours: [10]) == TrainingPolicy(allowedHours: [10]))
        #expect(throws: WorkspaceError.self) { try PackDefaults(yaml: "training: { max_depth: 2.5 }\n", source: "test", pack: "p") }
    }

    /// Kish's effective sessions: 3 rows of one session and 1 of another weigh as 16 / 10 = 1.6
    /// sessions; a rate of 0 keeps a lower bound of exactly 0 at a fractional n.
    @Test func effectiveSessionsAndExactBounds() {
        let c = EventCalibration(probability: [0.1, 0.1, 0.1, 0.1], happened: [false, false, false, false], session: [1, 1, 1, 2], bins: 1)
        #expect(c.bins.count == 1 && c.bins[0].sessions == 2 && abs(c.bins[0].effectiveSessions - 1.6) < 1e-12)
        #expect(WilsonInterval(rate: 0, n: 1.6).low == 0 && WilsonInterval(rate: 1, n: 1.6).high == 1)
        #expect(EventCalibration.Bin(lower: 0, upper: 1, rows: 4, events: 1, sessions: 3).effectiveSessions == 3)
    }
}
