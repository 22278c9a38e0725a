import ArgumentParser
import Foundation
import Host
import PackKit

extension Bench {
    struct DiscoveryBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "discovery",
            abstract: "Phase 2 of event discovery over a pack's bars: candidates/s (the peer: Benchmarks/discovery/bench.py).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Pack id.") var pack = "discoverysim"
        @Option(help: ArgumentHelp("Symbols, comma-separated.", valueName: "A,B")) var symbols = "AAA,BBB"
        @Option(help: "First day.") var start = "2024-01-01"
        @Option(help: "Last day.") var end = "2024-12-31"
        @Option(name: .customLong("adapter-param"), help: ArgumentHelp("Adapter parameter (repeatable).", valueName: "key=value"))
        var adapterParams: [String] = []
        @Option(help: ArgumentHelp("Folder for the peer's inputs (bars, candidates).", valueName: "dir")) var outDir: String
        @Option(help: "Repetitions; the best time counts.") var repeats = 3

        func run() throws {
            print(try DiscoveryBenchmark.run(catalogue: try global.catalogue(), pack: pack,
                                             adapterParams: try keyValues(adapterParams, option: "--adapter-param"),
                                             symbols: symbols.split(separator: ",").map(String.init),
                                             start: try Timestamps.parseDate(start), end: try Timestamps.parseDate(end),
                                             outDir: outDir, repeats: repeats))
        }
    }
}
