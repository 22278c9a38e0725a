import ArgumentParser
import Dispatch
import Foundation
import Host
import PackKit

struct Live: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the registry's frozen active model on a session as its data arrives (from its adapter, or replayed from a recording).",
        discussion: """
            Never trains. Refuses (exit 78) a model without an active registry version, one whose feature schema \
            differs from the data's, or one trained through a session more than --max-model-age days before. Each \
            cycle builds the candidate decisions known at the clock (features only), scores them with the active \
            version (and the shadow), upserts them into live_data/<model>/live_monitor.jsonl by a deterministic key \
            and replaces live_data/<model>/live_state.json. Stale data blocks every decision, with the reason. \
            SIGINT or SIGTERM finishes the cycle, writes the state and exits 0. Decision support only: no order is sent.

            Without --replay-from the loop reads the model's own adapter each cycle (as `stream capture` does), \
            on the wall clock (waiting for the open if it is early), and records what it saw into \
            live_data/<model>/polled/<session>/<start>/, a recording `live --replay-from`, `replay` and `reconcile` read. \
            --clock-start runs that clock simulated from an instant instead (demos, tests), --speed paced as a replay.

            Examples:
              edgehost stream capture --pack zeroedge --adapter sim --symbols SPY --session 2024-07-01 --model spy_opt_0dte_hourly --out rec/
              edgehost live --model spy_opt_0dte_hourly --symbol SPY --replay-from rec/ --speed 600 --max-runtime 2m
              edgehost live --model spy_opt_0dte_hourly --symbol SPY --every 1m
              edgehost live --model spy_opt_0dte_hourly --symbol SPY --clock-start 2024-07-01T13:31:00Z --speed max
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @Option(help: "Pack of the model (checked against the stored model).") var pack: String?
    @Option(help: ArgumentHelp("Stored model id.", valueName: "id")) var model: String
    @Option(help: "Symbol to score (the model's ticker).") var symbol: String
    @Option(help: "Time between cycles on the loop's clock (10s, 1m).") var every = "10s"
    @Option(help: "Stop after this much wall time (2m, 6h).") var maxRuntime = "6h"
    @Option(help: "Data older than this is stale (30s).") var staleAfter = "30s"
    @Option(help: ArgumentHelp("Recording to replay (edgehost stream capture); without it the loop polls the model's adapter.", valueName: "dir")) var replayFrom: String?
    @Option(help: ArgumentHelp("Replay speed: simulated seconds per second, or 'max' for no waiting.", valueName: "n|max")) var speed = "60"
    @Option(help: ArgumentHelp("Stale injection: the replayed stream pauses at this UTC instant.", valueName: "ISO-8601")) var replayPauseAt: String?
    @Option(help: "Length of that pause (e.g. 10m).") var replayPauseFor = "0s"
    @Option(help: ArgumentHelp("Without --replay-from: the session to poll (default: the clock's).", valueName: "YYYY-MM-DD")) var session: String?
    @Option(help: ArgumentHelp("Without --replay-from: a simulated clock from this UTC instant instead of the wall clock.", valueName: "ISO-8601")) var clockStart: String?
    @Option(help: ArgumentHelp("Lowest probability that is favorable (default: as `edgehost alerts` chooses).", valueName: "p")) var threshold: Double?
    @Option(help: ArgumentHelp("Refuse a model trained through a session more than this many days before.", valueName: "days")) var maxModelAge = 30
    @Option(help: ArgumentHelp("Model registry folder (default: $EDGEHOST_REGISTRY, else ./registry).", valueName: "dir")) var registry: String?

    func run() throws {
        try global.apply()
        let context = try ModelContext(global, ws, model: model)
        if let pack, pack != context.plan.pack.id {
            throw EdgehostError(code: "usage", object: "--pack", "model \(model) belongs to pack \(context.plan.pack.id), not \(pack)", exit: .usage)
        }
        let start = try clockStart.map { text in
            guard let at = Timestamps.parseInstant(text) else {
                throw EdgehostError(code: "usage", object: "--clock-start", "'\(text)' is not a UTC instant such as 2024-07-01T13:31:00Z", exit: .usage)
            }
            return at
        }
        var options = LiveOptions(model: model, symbol: symbol, replayFrom: replayFrom ?? "")
        options.firstClock = start
        if replayFrom == nil {
            let now = start ?? Int64(Date().timeIntervalSince1970) * 1_000_000_000
            let day = try session.map { try Timestamps.parseDate($0) } ?? context.plan.market().day(now)
            options.poll = day
            let stamp = Timestamps.iso(now).replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
            options.replayFrom = context.workspace.path("live_data", model, "polled", Timestamps.date(day), stamp)
            if replayPauseAt != nil {
                throw EdgehostError(code: "usage", object: "--replay-pause-at", "a stall is injected into a replay (--replay-from); a polled adapter stalls by itself", exit: .usage)
            }
        } else if session != nil {
            throw EdgehostError(code: "usage", object: "--session", "--session is for polling the adapter; a recording names its own session", exit: .usage)
        }
        options.every = try LiveOptions.duration(every, option: "--every")
        options.maxRuntime = Double(try LiveOptions.duration(maxRuntime, option: "--max-runtime")) / 1e9
        options.staleAfter = try LiveOptions.duration(staleAfter, option: "--stale-after")
        if speed != "max" {
            guard let n = Double(speed) else { throw EdgehostError(code: "usage", object: "--speed", "'\(speed)' is not a number or 'max'", exit: .usage) }
            options.speed = n
        }
        if let replayPauseAt {
            guard let at = Timestamps.parseInstant(replayPauseAt) else {
                throw EdgehostError(code: "usage", object: "--replay-pause-at", "'\(replayPauseAt)' is not a UTC instant such as 2024-07-01T17:01:30Z", exit: .usage)
            }
            options.pauseAt = at
        }
        options.pauseFor = try LiveOptions.duration(replayPauseFor, option: "--replay-pause-for")
        options.maxModelAgeDays = maxModelAge
        options.threshold = threshold
        let monitor = try LiveMonitor(context: context, options: options, registry: Registry.resolve(registry))
        for note in monitor.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
        let source = replayFrom.map { "replay of \($0)" } ?? "polling \(context.plan.adapter.pack).\(context.plan.adapter.id) into \(context.workspace.relative(options.replayFrom))"
        print("live \(model) \(monitor.modelVersion) on \(symbol) \(Timestamps.date(monitor.recording.session)) (\(source), threshold \(String(format: "%.2f", monitor.threshold)))")
        let stop = Cancellation()
        let signals = StopSignals(stop)
        let outcome = try monitor.run(stop: stop)
        withExtendedLifetime(signals) {}
        let ws = context.workspace
        print("live \(model): \(outcome.cycles) cycle(s), \(outcome.added) new row(s), \(outcome.rows) in all (\(outcome.staleRows) stale); \(outcome.ended)")
        print("  \(ws.relative(monitor.monitorPath))  \(ws.relative(monitor.statePath))")
    }
}

/// SIGINT and SIGTERM cancel `stop` instead of ending the process, so the loop finishes its
/// cycle and writes its state (the server's graceful shutdown, for the live loop).
final class StopSignals {
    private let sources: [any DispatchSourceSignal]

    init(_ stop: Cancellation) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.cancel() }
            source.resume()
            return source
        }
    }
}
