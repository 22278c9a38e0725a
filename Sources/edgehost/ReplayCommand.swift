import ArgumentParser
import Foundation
import Host
import PackKit

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make an alert again from what it was made from and compare it with the record, bit for bit.",
        discussion: """
            Any alert: a row of live_data/<model>/signals.csv or live_data/<model>/live_monitor.jsonl, by its key. \
            The decision is re-derived from its recorded inputs (the build's data and range, or the live recording and \
            the loop's clock; the pack binaries; the exact model version) through the same code (builder, scorer, the \
            alerts' call or the live decision). Prints every field (numbers with 17 digits and their bits) and \
            "equal", or the FIRST difference: an input digest, else a feature, else a probability, else a field. \
            Exit 0 equal, 1 different, 69 a recorded input is gone (recording, model version), 65 no such alert or \
            no replay record. --all replays every alert of --model (one line each; exit 0 when all are equal, \
            else 1).

            Examples:
              edgehost replay --alert 3f2a9c0d1e4b5a67 --model spy_opt_0dte_hourly
              edgehost replay --all --model spy_opt_0dte_hourly
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @Option(help: ArgumentHelp("The alert's key (16 hex digits).", valueName: "key")) var alert: String?
    @Flag(help: "Replay every alert of --model.") var all = false
    @Option(help: ArgumentHelp("Model whose files hold the alert (default: every model's).", valueName: "id")) var model: String?
    @Option(help: ArgumentHelp("Model registry folder (default: the one recorded with the alert).", valueName: "dir")) var registry: String?

    func validate() throws {
        guard (alert == nil) == all else { throw ValidationError("give --alert <key> or --all (with --model)") }
        if all, model == nil { throw ValidationError("--all needs --model") }
    }

    func run() throws {
        let replay = DecisionReplay(workspace: ws.resolved, catalogue: try global.catalogue(), registry: registry.map { Registry(root: $0) })
        guard let alert else { return try runAll(replay, model: model ?? "") }
        let o = try replay.replay(key: alert, model: model)
        print("replay \(o.key): \(o.kind) of \(o.model) in \(ws.resolved.relative(o.file))")
        for field in o.fields { print("  \(field.name) = \(field.value)") }
        for line in o.checked { print("  checked: \(line)") }
        if let d = o.difference {
            print("DIFFERENT: \(d.line)")
            throw ExitCode(1)
        }
        print("equal: the replayed \(o.kind) is the recorded one, bit for bit")
    }

    func runAll(_ replay: DecisionReplay, model: String) throws {
        let outcomes = try replay.replayAll(model: model)
        for o in outcomes {
            let verdict = o.error.map { "ERROR: \($0)" } ?? o.difference.map { "DIFFERENT: \($0.line)" } ?? "equal"
            print("\(o.key)  \(o.kind)  \(verdict)")
        }
        let equal = outcomes.filter(\.equal).count
        print("replay \(model): \(outcomes.count) alert(s), \(equal) equal bit for bit, \(outcomes.count - equal) not")
        if equal < outcomes.count { throw ExitCode(1) }
    }
}
