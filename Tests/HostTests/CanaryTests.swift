import Foundation
@testable import Host
import PackKit
import Testing

/// Canary routing, the PSI and the rollout guard's decisions.
@Suite struct CanaryTests {
    // MARK: - Router

    /// Python: int.from_bytes(hashlib.sha256(b"7|abc").digest()[:8], "big") / 2**64.
    @Test func drawIsSHA256OfSeedAndKey() {
        #expect(CanaryRouter(seed: 7, fraction: 0.1).draw(key: "abc") == 576_326_125_277_313_288.0 / 18_446_744_073_709_551_616.0)
        #expect(abs(CanaryRouter(seed: 0, fraction: 0.5).draw(key: "2024-07-01T17:00:00Z") - 0.7953049695895007) < 1e-15)
        #expect(CanaryRouter(seed: 7, fraction: 0.04).route(key: "abc") == .canary)
        #expect(CanaryRouter(seed: 7, fraction: 0.03).route(key: "abc") == .baseline)
    }

    @Test func sameKeySameRoute() {
        let keys = (0..<500).map { "key-\($0)" }
        let a = CanaryRouter(seed: 42, fraction: 0.3), b = CanaryRouter(seed: 42, fraction: 0.3)
        #expect(keys.map(a.route) == keys.map(b.route))
        #expect(keys.map(a.route) == keys.map(a.route))
        // Another seed is another split.
        #expect(keys.map(a.route) != keys.map(CanaryRouter(seed: 43, fraction: 0.3).route))
    }

    @Test(arguments: [0.05, 0.1, 0.25, 0.5, 0.9], [UInt64(0), 7, 123_456_789])
    func realisedFractionIsNearTheTarget(fraction: Double, seed: UInt64) {
        let router = CanaryRouter(seed: seed, fraction: fraction)
        let canary = (0..<10_000).filter { router.route(key: Signal.decisionKey(model: "m", ts: Int64($0) * 3_600_000_000_000)) == .canary }.count
        #expect(abs(Double(canary) / 10_000 - fraction) <= 0.03, "fraction \(fraction), seed \(seed): \(canary) of 10000")
    }

    @Test func zeroAndOneRouteEverything() {
        let keys = (0..<1000).map(String.init)
        #expect(keys.allSatisfy { CanaryRouter(seed: 1, fraction: 0).route(key: $0) == .baseline })
        #expect(keys.allSatisfy { CanaryRouter(seed: 1, fraction: 1).route(key: $0) == .canary })
    }

    @Test func rolloutModeDecidesTheRoute() {
        let key = "abc"
        #expect(RolloutConfig(mode: .canary, canaryFraction: 0.04, rngSeed: 7).route(decisionKey: key) == "canary")
        #expect(RolloutConfig(mode: .canary, canaryFraction: 0.03, rngSeed: 7).route(decisionKey: key) == "baseline")
        #expect(RolloutConfig(mode: .full, canaryFraction: 1, rngSeed: 7).route(decisionKey: key) == "full")
        #expect(RolloutConfig(mode: .disabled, canaryFraction: 1, rngSeed: 7).route(decisionKey: key) == "full")
    }

    // MARK: - PSI

    @Test func psiKnownAnswers() {
        #expect(PSI.value(canary: [0.55, 0.65, 0.75], baseline: [0.55, 0.65, 0.75]) == 0)
        // Shares (0.25, 0.75) against (0.5, 0.5): −0.25·ln 0.5 + 0.25·ln 1.5 = 0.25·ln 3.
        #expect(abs(PSI.value(canary: [0.55, 0.65, 0.65, 0.65], baseline: [0.55, 0.65]) - 0.27465307216702745) < 1e-12)
        // Disjoint: two bins at ε against 1: 2·(1 − ε)·ln(1/ε).
        #expect(abs(PSI.value(canary: [0.85], baseline: [0.95]) - 18.41883867587797) < 1e-9)
        // 1.0 falls in the last bin, with 0.9.
        #expect(PSI.value(canary: [1.0], baseline: [0.9]) == 0)
        // Symmetric in the two arms.
        #expect(abs(PSI.value(canary: [0.55, 0.65], baseline: [0.55, 0.65, 0.65, 0.65]) - 0.27465307216702745) < 1e-12)
    }

    // MARK: - Assessment

    static func arm(_ samples: Int, wins: Int, p: Double = 0.6) -> GuardArm {
        var a = GuardArm()
        for i in 0..<samples { a.record(p, win: i < wins) }
        return a
    }

    @Test func assessmentTripsOnWinRateAndPSI() {
        let limits = GuardLimits(minSample: 30, maxWinRateDrop: 5, maxPSI: 0.25)
        let worse = GuardAssessment(baseline: Self.arm(40, wins: 24), canary: Self.arm(40, wins: 20), limits: limits)
        #expect(worse.winRateDrop == 10 && worse.psi == 0 && worse.enoughData)
        #expect(worse.trips == ["canary win rate 50.0% is 10.0 points below the baseline's 60.0% (limit 5.0)"])
        let close = GuardAssessment(baseline: Self.arm(40, wins: 24), canary: Self.arm(40, wins: 22), limits: limits)
        #expect(close.winRateDrop == 5 && close.trips.isEmpty)
        let shifted = GuardAssessment(baseline: Self.arm(40, wins: 20, p: 0.65), canary: Self.arm(40, wins: 30, p: 0.95), limits: limits)
        #expect(shifted.trips.count == 1 && shifted.trips[0].hasPrefix("PSI of the probabilities 18.419 > 0.250"))
        let few = GuardAssessment(baseline: Self.arm(40, wins: 40), canary: Self.arm(29, wins: 0), limits: limits)
        #expect(!few.enoughData && few.trips.isEmpty)
    }

    /// Two decisions a day at 17:00Z and 18:00Z; outcome_call = +1 on even rows, −1 on odd, the last row unknown.
    static func matrix(rows: Int) -> Matrix {
        let ts: [Int64] = (0..<rows).map { (r: Int) -> Int64 in
            let seconds: Int = 1_719_853_200 + (r / 2) * 86_400 + (r % 2) * 3600
            return Int64(seconds) * 1_000_000_000
        }
        let call: [Double] = (0..<rows).map { (r: Int) -> Double in r == rows - 1 ? .nan : (r % 2 == 0 ? 1 : -1) }
        return Matrix(ts: ts, featureNames: ["x"], features: [ts.map { _ in 0 }], labels: ts.map { _ in "UP" }, labelEnd: ts,
                      outcomeNames: ["outcome_call", "outcome_put"], outcomes: [call, call.map { -$0 }])
    }

    static func signal(_ ts: Int64, version: String, route: String, action: String = "call", p: Double = 0.6) -> Signal {
        Signal(ts: ts, modelID: "m", modelVersion: version, action: action, probability: p, threshold: 0.55,
               hour: Timestamps.newYorkHour(ts), route: route)
    }

    @Test func armsJoinSignalsWithOutcomes() throws {
        let m = Self.matrix(rows: 6)
        let signals = [
            Self.signal(m.ts[0], version: "v1", route: "baseline"),               // win
            Self.signal(m.ts[1], version: "v1", route: "baseline"),               // loss
            Self.signal(m.ts[2], version: "v2", route: "canary", action: "put"),  // put = −call: loss
            Self.signal(m.ts[3], version: "v2", route: "canary", action: "put"),  // win
            Self.signal(m.ts[4], version: "v2", route: "canary"),                 // win
            Self.signal(m.ts[5], version: "v2", route: "canary"),                 // unknown: skipped
            Self.signal(m.ts[5] + 86_400_000_000_000, version: "v2", route: "canary"), // not in the matrix: skipped
            Self.signal(m.ts[0], version: "v0", route: "baseline", action: "put"), // another version: skipped
            Self.signal(m.ts[1], version: "v1", route: "full"),                    // not routed: skipped
        ]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("canary-\(UUID().uuidString)/signals.csv").path
        defer { try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent) }
        try SignalsFile.append(signals, to: file)
        let rows = try SignalsFile.read(file)
        let arms = GuardArm.arms(rows, matrix: m, baselineVersion: "v1", canaryVersion: "v2")
        #expect(arms.baseline.samples == 2 && arms.baseline.wins == 1)
        #expect(arms.canary.samples == 3 && arms.canary.wins == 2)
        #expect(abs(arms.canary.winRate - 200.0 / 3) < 1e-12)
        let any = GuardArm.arms(rows, matrix: m, baselineVersion: nil, canaryVersion: nil)
        #expect(any.baseline.samples == 3 && any.baseline.wins == 1)
    }

    @Test func oldEightColumnFilesReadAsFull() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("canary-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/signals.csv"
        let old = Self.signal(Self.matrix(rows: 2).ts[0], version: "abc", route: "full")
        let oldLine = "2024-07-01T17:00:00Z,m,abc,call,0.600000,0.55,13,\(old.key)"
        try AtomicFile.write(SignalsFile.legacyHeader + "\n" + oldLine + "\n", to: file)
        let rows = try SignalsFile.read(file)
        #expect(rows.map(\.route) == ["full"] && rows[0].line == oldLine + ",full")
        // Nothing new: the old file stays as it is; a new row upgrades the whole file.
        #expect(try SignalsFile.append([old], to: file) == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix(SignalsFile.legacyHeader + "\n"))
        let added = try SignalsFile.append([Self.signal(Self.matrix(rows: 2).ts[1], version: "v2", route: "canary")], to: file)
        #expect(added == 1)
        let text = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(text.first.map(String.init) == SignalsFile.header && text.count == 3 && text[1].hasSuffix(",full") && text[2].hasSuffix(",canary"))
    }
}

/// The guard on a registry made through the registry's own API: v1 then v2 active (v1 is the
/// rollback target), v3 shadow, a canary rollout, and signals whose outcomes the test chooses.
@Suite struct GuardTests {
    static let model = RegistryBench.model
    static let now = Date(timeIntervalSince1970: 1_767_625_200) // 2026-01-05T15:00:00Z

    /// `baseline` and `canary` arms of `n` signals each with that many wins; `canaryP` their probability.
    static func bench(n: Int, baselineWins: Int, canaryWins: Int, canaryP: Double = 0.6) throws -> RegistryBench {
        let b = RegistryBench()
        _ = try b.registered(3)
        try b.promote("v1")
        try b.promote("v2")
        try b.promote("v3", .shadow)
        try b.registry.setRollout(model: model, RolloutConfig(mode: .canary, canaryFraction: 0.5, rngSeed: 7), reason: "start", actor: "tester")
        // One decision an hour; the first n are the baseline's, the next n the canary's.
        let ts: [Int64] = (0..<(2 * n)).map { (i: Int) -> Int64 in Int64(1_719_853_200 + i * 3600) * 1_000_000_000 }
        let call: [Double] = (0..<(2 * n)).map { (i: Int) -> Double in
            let win = i < n ? i < baselineWins : i - n < canaryWins
            return win ? 0.01 : -0.01
        }
        let matrix = Matrix(ts: ts, featureNames: ["f1", "f2"], features: [ts.map { _ in 0 }, ts.map { _ in 0 }], labels: ts.map { _ in "UP" },
                            labelEnd: ts, outcomeNames: ["outcome_call"], outcomes: [call])
        try AtomicFile.write(matrix.csv(), to: b.workspace.matrixFile(model))
        let signals = ts.enumerated().map { i, t in
            CanaryTests.signal(t, version: i < n ? "v2" : "v3", route: i < n ? "baseline" : "canary", p: i < n ? 0.6 : canaryP)
        }.map { var s = $0; s.modelID = model; return s }
        try SignalsFile.append(signals, to: b.workspace.signalsFile(model))
        return b
    }

    func run(_ b: RegistryBench, _ limits: GuardLimits = GuardLimits(), at now: Date = GuardTests.now) throws -> RolloutGuard.Verdict {
        try RolloutGuard(registry: b.registry, workspace: b.workspace).run(model: Self.model, limits: limits, actor: "guard-test", now: now)
    }

    @Test func aWorseCanaryRollsBackAndDisablesTheRollout() throws {
        let b = try Self.bench(n: 30, baselineWins: 18, canaryWins: 12)
        let verdict = try run(b)
        #expect(verdict.decision == .tripped)
        #expect(verdict.assessment?.winRateDrop == 20)
        #expect(verdict.rollback?.from == "v2" && verdict.rollback?.to == "v1")
        #expect(try b.active == "v1")
        let rollout = try b.registry.rollout(model: Self.model)
        #expect(rollout.mode == .disabled && rollout.cooldownUntil == "2026-01-06T15:00:00Z" && rollout.rngSeed == 7)
        let ledger = try b.registry.ledger().suffix(2)
        #expect(ledger.map(\.action) == ["guard", "rollout"])
        #expect(ledger.first?.fromVersion == "v2" && ledger.first?.toVersion == "v1" && ledger.first?.actor == "guard-test")
        #expect(ledger.first?.reason.contains("canary win rate 40.0% is 20.0 points below the baseline's 60.0%") == true)
        // Next run: nothing is running any more, and it says so.
        let again = try run(b)
        #expect(again.decision == .idle && again.message == "rollout mode is disabled: no canary to guard")
        #expect(try b.registry.ledger().last?.action == "guard")
        #expect(try b.active == "v1")
    }

    @Test func theCooldownHoldsTheGuardBack() throws {
        let b = try Self.bench(n: 30, baselineWins: 18, canaryWins: 12)
        try b.registry.setRollout(model: Self.model, RolloutConfig(mode: .canary, canaryFraction: 0.5, rngSeed: 7, cooldownUntil: "2026-01-05T16:00:00Z"),
                                  reason: "restart", actor: "tester")
        let held = try run(b)
        #expect(held.decision == .coolingDown && held.message.contains("cooldown runs until 2026-01-05T16:00:00Z"))
        #expect(try b.active == "v2" && b.registry.rollout(model: Self.model).mode == .canary)
        let last = try b.registry.ledger().last
        #expect(last?.action == "guard" && last?.reason.hasPrefix("would trip") == true)
        // An hour later the cooldown has passed.
        #expect(try run(b, at: Self.now.addingTimeInterval(3600)).decision == .tripped)
        #expect(try b.active == "v1")
    }

    @Test func tooFewSignalsDoNothing() throws {
        let b = try Self.bench(n: 20, baselineWins: 20, canaryWins: 0)
        let verdict = try run(b)
        #expect(verdict.decision == .notEnoughData)
        #expect(verdict.message.hasPrefix("not enough data: baseline v2 20/20 wins (100.0%), canary v3 0/20 (0.0%)"))
        #expect(try b.active == "v2" && b.registry.rollout(model: Self.model).mode == .canary)
        let last = try #require(try b.registry.ledger().last)
        #expect(last.action == "guard" && last.reason == verdict.message)
        // With a smaller sample the same data trips.
        #expect(try run(b, GuardLimits(minSample: 20)).decision == .tripped)
    }

    @Test func aSimilarCanaryPassesAndAShiftedOneTripsOnPSI() throws {
        let similar = try Self.bench(n: 30, baselineWins: 15, canaryWins: 14)
        let passed = try run(similar)
        #expect(passed.decision == .passed && passed.assessment?.psi == 0)
        #expect(try similar.registry.ledger().last?.reason.hasPrefix("passed: baseline v2 15/30 wins (50.0%), canary v3 14/30 (46.7%), PSI 0.000") == true)
        #expect(try similar.active == "v2")
        let shifted = try Self.bench(n: 30, baselineWins: 15, canaryWins: 15, canaryP: 0.95)
        let tripped = try run(shifted)
        #expect(tripped.decision == .tripped && tripped.assessment?.trips.count == 1)
        #expect(tripped.message.contains("PSI of the probabilities 18.419 > 0.250"))
    }
}

extension GuardTests {
    @Test func aModelOutsideTheRegistryIsAnErrorAndWritesNothing() throws {
        let b = RegistryBench()
        #expect(throws: WorkspaceError.self) { try run(b) }
        #expect(!FileManager.default.fileExists(atPath: "\(b.registry.root)/ledger.jsonl"))
    }
}
