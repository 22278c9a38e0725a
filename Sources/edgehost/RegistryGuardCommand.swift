import ArgumentParser
import Foundation
import Host
import PackKit

/// `edgehost registry guard`: one look at a canary rollout, acting when it has gone wrong.
struct RegistryGuard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guard",
        abstract: "Compare canary and baseline signals on realised outcomes; roll back when the canary is worse.",
        discussion: """
            Reads live_data/<model>/signals.csv rows routed baseline (the active version) and canary (the shadow \
            version) and joins each with the built matrix's outcome_<action> at its time (a win: outcome > 0; rows \
            whose outcome is not known yet are skipped). With at least --min-sample such rows per arm it compares \
            win rates (percentage points) and the PSI of the two arms' probabilities (10 equal bins on [0, 1], \
            empty bins as 1e-4: PSI = Σ (canary share − baseline share) · ln(canary share / baseline share)).

            It trips when the canary's win rate is more than --max-win-rate-drop points below the baseline's or the \
            PSI exceeds --max-psi. Then, unless an earlier trip's cooldown is still running, it rolls the active \
            version back (ledger action "guard") and disables the rollout for --cooldown-hours. Every run writes a \
            ledger line with its verdict. Exit 0 whatever the verdict; 1 only on errors.

            Example (e.g. hourly from cron):
              edgehost registry guard --model spy_opt_0dte_hourly --min-sample 30 --max-win-rate-drop 5 --max-psi 0.25
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @Option(help: "Model id.") var model: String
    @Option(help: ArgumentHelp("Model registry folder (default: $EDGEHOST_REGISTRY, else ./registry).", valueName: "dir")) var registry: String?
    @Option(help: ArgumentHelp("Signals with known outcomes each arm needs before the guard judges.", valueName: "n")) var minSample = 30
    @Option(help: ArgumentHelp("Percentage points the canary's win rate may fall below the baseline's.", valueName: "points")) var maxWinRateDrop = 5.0
    @Option(name: .customLong("max-psi"), help: ArgumentHelp("Largest PSI of the probabilities tolerated.", valueName: "psi")) var maxPSI = 0.25
    @Option(help: ArgumentHelp("Hours the rollout stays disabled after a trip.", valueName: "hours")) var cooldownHours = 24.0
    @Option(help: ArgumentHelp("Who acts, for the ledger (default: $USER, else edgehost).", valueName: "name")) var actor: String?
    @Flag(help: "Print the verdict as JSON.") var json = false

    func validate() throws {
        guard minSample >= 1 else { throw ValidationError("--min-sample must be at least 1, got \(minSample)") }
        guard maxWinRateDrop >= 0, maxWinRateDrop.isFinite else { throw ValidationError("--max-win-rate-drop must be ≥ 0 points, got \(maxWinRateDrop)") }
        guard maxPSI >= 0, maxPSI.isFinite else { throw ValidationError("--max-psi must be ≥ 0, got \(maxPSI)") }
        guard cooldownHours >= 0, cooldownHours.isFinite else { throw ValidationError("--cooldown-hours must be ≥ 0, got \(cooldownHours)") }
        try checkRegistryFolder(Registry.resolve(registry))
    }

    func run() throws {
        try global.apply()
        let who = actor ?? defaultActor
        let limits = GuardLimits(minSample: minSample, maxWinRateDrop: maxWinRateDrop, maxPSI: maxPSI, cooldownHours: cooldownHours)
        let verdict = try RolloutGuard(registry: Registry.resolve(registry), workspace: ws.resolved)
            .run(model: model, limits: limits, actor: who, now: Date())
        if json {
            print(Self.json(verdict).prettyText, terminator: "")
        } else {
            print("guard \(model): \(verdict.decision.rawValue): \(verdict.message)")
        }
    }

    static func json(_ v: RolloutGuard.Verdict) -> JSON {
        func arm(_ a: GuardArm) -> JSON {
            .object(["samples": .number(Double(a.samples)), "wins": .number(Double(a.wins)), "win_rate": .rounded(a.winRate)])
        }
        var o: [String: JSON] = ["decision": .string(v.decision.rawValue), "message": .string(v.message)]
        if let a = v.assessment {
            o["baseline"] = arm(a.baseline)
            o["canary"] = arm(a.canary)
            o["win_rate_drop"] = .rounded(a.winRateDrop)
            o["psi"] = .rounded(a.psi, 6)
            o["trips"] = .strings(a.trips)
        }
        if let r = v.rollback {
            o["rollback"] = .object(["from": r.from.map(JSON.string) ?? .null, "to": r.to.map(JSON.string) ?? .null])
        }
        return .object(o)
    }
}
