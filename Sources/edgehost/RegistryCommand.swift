import ArgumentParser
import Foundation
import Host
import PackKit

extension RegistrySlot: ExpressibleByArgument {}
extension RolloutConfig.Mode: ExpressibleByArgument {}

/// `edgehost registry …`: versioned, promotable copies of trained models.
struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Register trained models as versions, promote them to active or shadow, roll back, audit.",
        discussion: """
            The registry is a folder (--registry, else $EDGEHOST_REGISTRY, else ./registry): \
            <model>/<version>/ holds a frozen copy of model.json, meta.json, importance.json and the backtest report \
            (backtest.json) with entry.json; ledger.jsonl records every change, one JSON line each, and is the source \
            of truth; manifest.json is the ledger replayed (entries, slots, earlier active versions, rollout configs). \
            Writes hold an exclusive lock on .lock; a write interrupted by a crash is repaired by the next one, and \
            `verify --repair` rebuilds the manifest from the ledger at any time. $EDGEHOST_REGISTRY_NOW pins the \
            time written on ledger lines (ISO-8601 UTC; for drills and tests).

            Examples:
              edgehost registry register --model spy_opt_0dte_hourly --notes "2024 matrix"
              edgehost registry promote --to active --id spy_opt_0dte_hourly@v1
              edgehost registry rollback --model spy_opt_0dte_hourly --reason "drawdown"
              edgehost registry history --model spy_opt_0dte_hourly --at 2026-01-05T14:00:00Z
              edgehost registry verify
            """,
        subcommands: [List.self, Show.self, Register.self, Promote.self, Rollback.self, History.self, Verify.self, Rollout.self, RegistryGuard.self]
    )
}

/// Options every registry subcommand takes (the workspace matters to register and promote only).
struct RegistryOptions: ParsableArguments {
    @OptionGroup var ws: WorkspaceOptions
    @Option(help: ArgumentHelp("Model registry folder (default: $EDGEHOST_REGISTRY, else ./registry).", valueName: "dir")) var registry: String?
    @Option(help: ArgumentHelp("Who acts, for the ledger (default: $USER, else edgehost).", valueName: "name")) var actor: String?

    var resolved: Registry {
        let r = Registry.resolve(registry)
        if let pinned = ProcessInfo.processInfo.environment["EDGEHOST_REGISTRY_NOW"], !pinned.isEmpty { r.clock = { pinned } }
        return r
    }

    var who: String { actor ?? defaultActor }

    /// Argument parsing calls this before any command runs.
    func validate() throws { try checkRegistryFolder(resolved) }
}

/// A registry path that is a file, named as such (not a raw NSCocoaErrorDomain error).
func checkRegistryFolder(_ registry: Registry) throws {
    try checkFolder(registry.root, what: "registry", option: "--registry (or EDGEHOST_REGISTRY)")
}

/// Who a ledger line names when `--actor` is not given: $USER, else "edgehost".
var defaultActor: String { ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "edgehost" }

extension RegistryCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Registered versions with their slots, Sharpe and notes.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: RegistryOptions
        @Option(help: "Only this model's versions.") var model: String?
        @Flag(help: "Print a JSON array of entries (each with its slot).") var json = false

        func run() throws {
            try global.apply()
            let registry = options.resolved
            if json { return print(JSON.array(try registry.describedEntries(model: model)).prettyText, terminator: "") }
            let entries = try registry.entries(model: model)
            var slots: [String: String] = [:]
            for m in Set(entries.map(\.modelID)) {
                for slot in RegistrySlot.allCases { if let e = try registry.slot(slot, model: m) { slots[e.id] = slot.rawValue } }
            }
            guard !entries.isEmpty else { return print("no registered versions\(model.map { " of \($0)" } ?? "") in \(registry.root)") }
            let rows = [["id", "slot", "created", "schema", "sharpe", "notes"]] + entries.map { e in
                [e.id, slots[e.id] ?? "-", e.createdAt, String(e.schemaHash.prefix(12)),
                 e.metrics["metrics"]?["sharpe"]?.doubleValue.map { String(format: "%.2f", $0) } ?? "n/a", e.notes]
            }
            let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
            for row in rows {
                var line = row.enumerated().map { $1 + String(repeating: " ", count: widths[$0] - $1.count) }.joined(separator: "  ")
                while line.last == " " { line.removeLast() }
                print(line)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One version's entry (JSON) and its folder.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: RegistryOptions
        @Argument(help: ArgumentHelp("The version, model@version.", valueName: "id")) var id: String

        func run() throws {
            try global.apply()
            let registry = options.resolved
            let entry = try registry.entry(id: id)
            guard case .object(var o) = registry.describe(entry, slot: try registry.slot(of: entry)) else { return }
            o["folder"] = .string(registry.folder(entry))
            print(JSON.object(o).prettyText, terminator: "")
        }
    }

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a trained model and its backtest report into the registry as the model's next version.",
            discussion: "Reads <workspace>/artifacts/<model>/<risk_profile>/ and <workspace>/reports/backtest_<model>.json.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: RegistryOptions
        @Option(help: "Model id.") var model: String
        @Option(help: "Risk profile of the trained model (default: the only one trained).") var riskProfile: String?
        @Option(help: "Free text kept with the version and in the ledger.") var notes = ""
        @Flag(help: "Register a model.json that is already registered, as a new version.") var force = false

        func run() throws {
            try global.apply()
            let registry = options.resolved
            let entry = try registry.register(model: model, workspace: options.ws.resolved, riskProfile: riskProfile, notes: notes,
                                              actor: options.who, force: force)
            print("registered \(entry.id): model \(entry.lineage["model_sha"]?.stringValue?.prefix(12) ?? ""), schema \(entry.schemaHash.prefix(12)) → \(registry.folder(entry))")
        }
    }

    struct Promote: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a version in the active or shadow slot.",
            discussion: """
                Refuses (exit 1) a version whose feature schema differs from the workspace's matrix of the model, \
                or whose backtest report is missing or failed its gate, unless --force --reason "…". Promoting to \
                active keeps the previous active version as the rollback target.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: RegistryOptions
        @Option(help: "The slot: active or shadow.") var to: RegistrySlot
        @Option(help: ArgumentHelp("The version, model@version.", valueName: "id")) var id: String
        @Flag(help: "Skip the schema and gate checks (needs --reason).") var force = false
        @Option(help: "Why; required with --force, recorded in the ledger.") var reason = ""

        func run() throws {
            try global.apply()
            let (from, to) = try options.resolved.promote(id: id, to: self.to, workspace: options.ws.resolved, force: force, reason: reason, actor: options.who)
            print("promoted \(id) to \(self.to.rawValue) (was \(from ?? "empty"))\(force ? ", forced" : "") → \(to)")
        }
    }

    struct Rollback: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make the previous active version active again.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: RegistryOptions
        @Option(help: "Model id.") var model: String
        @Option(help: "Why, recorded in the ledger.") var reason = ""

        func run() throws {
            try global.apply()
            let (from, to) = try options.resolved.rollback(model: model, reason: reason, actor: options.who)
            print("rolled back \(model): active \(from ?? "none") → \(to ?? "none")")
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A model's ledger events; with --at, the version active at that instant.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: RegistryOptions
        @Option(help: "Model id.") var model: String
        @Option(help: ArgumentHelp("An instant, ISO-8601 UTC (2026-01-05T14:00:00Z).", valueName: "time")) var at: String?
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if let at, Timestamps.parseInstant(at) == nil {
                throw ValidationError("--at takes a real ISO-8601 UTC instant like 2026-01-05T14:00:00Z (month 1–12, a day the month has, hour < 24, minute and second < 60), got '\(EscapedText.text(at))'")
            }
        }

        func run() throws {
            try global.apply()
            let registry = options.resolved
            if let at {
                let version = try registry.activeVersion(model: model, at: at)
                if json {
                    print(JSON.object(["model_id": .string(model), "at": .string(at), "active": version.map(JSON.string) ?? .null]).prettyText, terminator: "")
                } else {
                    print(version.map { "active at \(at): \(model)@\($0)" } ?? "no active version of \(model) at \(at)")
                }
                return
            }
            let lines = try registry.ledger().filter { $0.modelID == model }
            if json { return print(JSON.array(lines.map(\.json)).prettyText, terminator: "") }
            guard !lines.isEmpty else { return print("no ledger events for \(model) in \(registry.root)") }
            for l in lines {
                let change = "\(l.fromVersion ?? "-") → \(l.toVersion ?? "-")"
                print([l.ts, l.action, l.slot?.rawValue ?? "", change, "by \(l.actor)", l.reason.isEmpty ? "" : "(\(l.reason))"]
                    .filter { !$0.isEmpty }.joined(separator: "  "))
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the ledger, the manifest and every version folder; exit 1 listing problems.",
            discussion: """
                Every ledger line must parse and replay; the manifest must equal the ledger replayed up to the \
                line count it records (a manifest one write behind is a note: the next write repairs it); every \
                registered version's folder must hold its files, with model.json matching lineage.model_sha. \
                --repair first cuts a partial last ledger line and rebuilds the manifest from the ledger.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: RegistryOptions
        @Flag(help: "Rebuild the manifest from the ledger first.") var repair = false

        func run() throws {
            try global.apply()
            let registry = options.resolved
            if repair, try registry.repair() { print("repaired: manifest rebuilt from the ledger") }
            let result = try registry.verify()
            for note in result.notes { print("note: \(note)") }
            guard result.ok else {
                throw EdgehostError(code: "verify-failed", "registry \(registry.root): \(result.problems.count) problem(s):\n  - " + result.problems.joined(separator: "\n  - "),
                                    exit: .checkFailed)
            }
            print("registry \(registry.root): ok (\(result.ledgerLines) ledger lines, \(try registry.entries(model: nil).count) versions)")
        }
    }

    struct Rollout: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set how a model's traffic is split between its active and shadow versions.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: RegistryOptions
        @Option(help: "Model id.") var model: String
        @Option(help: "disabled, canary or full.") var mode: RolloutConfig.Mode
        @Option(help: "Share of decisions the shadow serves in canary mode (default: unchanged, else 0.1).") var fraction: Double?
        @Option(help: "Seed of the canary's routing (default: unchanged, else 0).") var seed: UInt64?
        @Option(help: "Why, recorded in the ledger.") var reason = ""

        func validate() throws {
            if let fraction, !(fraction >= 0 && fraction <= 1) { throw ValidationError("--fraction must be in [0, 1], got \(fraction)") }
        }

        func run() throws {
            try global.apply()
            let registry = options.resolved
            var config = try registry.rollout(model: model)
            config.mode = mode
            if let fraction { config.canaryFraction = fraction }
            if let seed { config.rngSeed = seed }
            try registry.setRollout(model: model, config, reason: reason, actor: options.who)
            print("rollout \(model): \(config.json.text)")
        }
    }
}
