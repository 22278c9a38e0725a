import ArgumentParser
import Foundation
import Host

extension Bench {
    struct LiveBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "live",
            abstract: "Live scoring latency on the zerodteput simulation: per decision p50/p99 (goal p99 < 1 ms) and a whole cycle of a ladder (the peer: Benchmarks/live/peer.py).",
            discussion: "Runs `run --pack zerodteput` on five simulated weeks and records 2024-07-01 in --out-dir (kept, and reused on a rerun), then times the live path.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Decisions (rows) to time.") var decisions = 10_000
        @Option(help: "Strikes in the ladder of the whole-cycle figure.") var strikes = 40
        @Option(help: ArgumentHelp("Folder for the workspace, registry, recording and the peer's inputs.", valueName: "dir")) var outDir = ".build/bench-live"

        func run() throws {
            print(try LiveBenchmark.run(catalogue: try global.catalogue(), folder: outDir, decisions: decisions, strikes: strikes))
        }
    }
}
