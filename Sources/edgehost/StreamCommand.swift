import ArgumentParser
import Foundation
import Host
import PackKit

struct Stream: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record data streams for the live monitor.",
        subcommands: [Capture.self])

    struct Capture: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "capture",
            abstract: "Record a session of an adapter's bars into a folder that `edgehost live --replay-from` replays.",
            discussion: """
                Writes DIR/bars/<SYMBOL>.csv (the adapter's bars, history days then the session) and DIR/capture.json \
                (pack, adapter and its parameters, query, symbols, session, market, availability lag, each file's \
                SHA-256 and rows, the last event time per symbol; for a vendor adapter its health per symbol: \
                requests, pages, retries, reconnects, queue depth, flush age, stream lag), capture.json last. With --model the recording \
                follows that model's adapter parameters, query and warm-up history, so a replay scores exactly the \
                rows a batch build of the session gives (README "Live monitor").

                Example:
                  edgehost stream capture --pack zeroedge --adapter sim --symbols SPY --session 2024-07-01 --out rec/
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "Pack of the adapter (default: the --model's adapter pack).") var pack: String?
        @Option(help: "Data adapter id (e.g. sim).") var adapter: String
        @Option(help: ArgumentHelp("Comma-separated symbols.", valueName: "S1,S2")) var symbols: String
        @Option(help: ArgumentHelp("Trading day to record.", valueName: "YYYY-MM-DD")) var session: String
        @Option(help: ArgumentHelp("Folder to write.", valueName: "dir")) var out: String
        @Option(help: ArgumentHelp("Follow this stored model (its adapter parameters, query, warm-up history).", valueName: "id")) var model: String?
        @Option(help: ArgumentHelp("Calendar days of history before the session (default: the model's warm-up, else 7).", valueName: "n")) var historyDays: Int?
        @Option(name: .customLong("adapter-param"), help: ArgumentHelp("Adapter parameter over the model's (repeatable), e.g. base_url=http://127.0.0.1:8080.", valueName: "key=value"))
        var adapterParams: [String] = []
        @OptionGroup var ws: WorkspaceOptions

        func run() throws {
            try global.apply()
            let catalogue = try global.catalogue()
            let plan = try model.map { try ModelContext(workspace: ws.resolved, catalogue: catalogue, model: $0).plan }
            guard let pack = pack ?? plan?.adapter.pack else {
                throw EdgehostError(code: "usage", object: "--pack", "give the adapter's pack, or --model to follow a stored model's", exit: .usage)
            }
            var capture = StreamCapture(pack: pack, adapter: adapter, symbols: symbols.split(separator: ",").map(String.init),
                                        session: try Timestamps.parseDate(session), out: out, historyDays: historyDays, plan: plan)
            capture.adapterParams = try keyValues(adapterParams, option: "--adapter-param")
            let outcome = try capture.run(catalogue: catalogue)
            for symbol in capture.symbols {
                print("stream capture \(pack).\(adapter) \(symbol) \(session): \(outcome.rows[symbol] ?? 0) bars (\(outcome.sessionRows[symbol] ?? 0) on the session), last event \(outcome.manifest["last_event_time"]?[symbol]?.stringValue ?? "none")")
                if let h = outcome.health[symbol] {
                    print("  health: \(h.requests) requests, \(h.pages) pages, \(h.retries) retries, \(h.reconnects) reconnects, queue depth \(h.queueDepth)"
                          + (h.streamLagSeconds.map { ", stream lag \($0) s" } ?? ""))
                }
            }
            print("  \(out)/capture.json (capture_sha \(outcome.manifest["capture_sha"]?.stringValue?.prefix(12) ?? "")…)")
        }
    }
}
