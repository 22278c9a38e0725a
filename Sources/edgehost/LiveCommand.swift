import ArgumentParser
import Dispatch
import Foundation
import Host
import PackKit

struct Live: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the registry's frozen active model on a session as its data arrives (replayed from a recording).",
        discussion: """
            Never trains. Refuses (exit 78) a model without an active registry version, one whose feature schema \
            differs from the data's, or one trained through a session more than --max-model-age days before. Each \
            cycle builds the candidate decisions known at the clock (features only), scores them with the active \
            version (and the shadow), upserts them into live_data/<model>/live_monitor.jsonl by a deterministic key \
            and replaces live_data/<model>/live_state.json. Stale data blocks every decision, with the reason. \
            SIGINT or SIGTERM finishes the cycle, writes the state and exits 0. Decision support only: no order is sent.

            Example:
              edgehost stream capture --pack zeroedge --adapter sim --symbols SPY --session 2024-07-01 --model spy_opt_0dte_hourly --out rec/
              edgehost live --model spy_opt_0dte_hourly --symbol SPY --replay-from rec/ --speed 600 --max-runtime 2m
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @Option(help: "Pack of the model (checked against the stored model).") var pack: String?
    @Option(help: ArgumentHelp("Stored model id.", valueName: "id")) var model: String
    @Option(help: "Symbol to score (the model's ticker).") var symbol: String
    @Option(help: "Time between cycles on the loop's clock (10s, 1m).") var every = "10s"
    @Option(help: "Stop after this much wall time (2m, 6h).") var maxRuntime = "6h"
    @Option(help: "Data older than this is stale (30s).") var staleAfter = "30s"
    @Option(help: ArgumentHelp("Recording to replay (edgehost stream capture).", valueName: "dir")) var replayFrom: String?
    @Option(help: ArgumentHelp("Replay speed: simulated seconds per second, or 'max' for no waiting.", valueName: "n|max")) var speed = "60"
    @Option(help: ArgumentHelp("Stale injection: the replayed stream pauses at this UTC instant.", valueName: "ISO-8601")) var replayPauseAt: String?
    @Option(help: "Length of that pause (e.g. 10m).") var replayPauseFor = "0s"
    @Option(help: ArgumentHelp("Lowest probability that is favorable (default: as `edgehost alerts` chooses).", valueName: "p")) var threshold: Double?
    @Option(help: ArgumentHelp("Refuse a model trained through a session more than this many days before.", valueName: "days")) var maxModelAge = 30
    @Option(help: ArgumentHelp("Model registry folder (default: $EDGEHOST_REGISTRY, else ./registry).", valueName: "dir")) var registry: String?

    func run() throws {
        try global.apply()
        guard let replayFrom else {
            throw EdgehostError(code: "usage", object: "--replay-from",
                                "no live adapter is configured in this build: record a session with `edgehost stream capture` and replay it with --replay-from DIR",
                                exit: .usage)
        }
        let context = try ModelContext(global, ws, model: model)
        if let pack, pack != context.plan.pack.id {
            throw EdgehostError(code: "usage", object: "--pack", "model \(model) belongs to pack \(context.plan.pack.id), not \(pack)", exit: .usage)
        }
        var options = LiveOptions(model: model, symbol: symbol, replayFrom: replayFrom)
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
        print("live \(model) \(monitor.modelVersion) on \(symbol) \(Timestamps.date(monitor.recording.session)) (replay of \(replayFrom), threshold \(String(format: "%.2f", monitor.threshold)))")
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
