import ArgumentParser
import Host

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks; each prints JSON lines ({\"bench\": …, \"unit\": …}). `make bench` runs them all.",
        subcommands: [ABI.self, IndicatorsBench.self, MatrixBench.self, TrainBench.self, DiscoveryBench.self, StrategyBench.self, HTTPPeer.self, LiveBench.self]
    )

    struct ABI: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "abi",
            abstract: "An indicator called through the ABI with Arrow frames vs the same Swift function called directly.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Rows in the frame.") var rows = 1_000_000
        @Option(help: "Repetitions; the best time counts.") var repeats = 30

        func run() throws {
            for line in try ABIBenchmark.run(catalogue: try global.catalogue(), rows: rows, repeats: repeats) {
                print(line)
            }
        }
    }

    struct IndicatorsBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "indicators",
            abstract: "Builtin indicators' time per row on a bars file (compare with TA-Lib: Benchmarks/indicators/compare.py).")

        @Option(help: "Bars CSV (ts,open,high,low,close,volume).") var spy = "../shared/data/spy/SPY_1m_2024.csv"
        @Option(help: "Repetitions; the best time counts.") var repeats = 30

        func run() throws {
            for line in try IndicatorTimings.run(barsFile: spy, repeats: repeats) { print(line) }
        }
    }

    struct TrainBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "train",
            abstract: "XGBoost training time and holdout AUC on a built matrix (Benchmarks/train/compare.py runs the Python peer).")

        @Option(help: "A matrix built by `edgehost build`.") var matrix: String
        @Option(help: "Boosting rounds (no early stopping).") var rounds = 200
        @Option(help: "Timed repetitions; the median is reported.") var repeats = 5

        func run() throws {
            print(try TrainBenchmark.run(matrixPath: matrix, rounds: rounds, repeats: repeats))
        }
    }

    struct MatrixBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "matrix",
            abstract: "Preview + build of a model over a whole bars file (goal: SPY 2024 with v2 under 2 s).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The pack's adapter: csv reads --source, sim simulates.") var adapter = "csv"
        @Option(help: "Bars CSV (csv adapter).") var source = "../shared/data/spy/SPY_1m_2024.csv"
        @Option(help: "Pack.") var pack = "zeroedge"
        @Option(help: "Indicator set.") var indicatorSet = "zeroedge_headfake_reversal_v2"
        @Option(help: "First date.") var start = "2024-03-26"
        @Option(help: "Last date.") var end = "2024-12-31"

        func run() throws {
            print(try MatrixBenchmark.run(catalogue: try global.catalogue(), pack: pack, indicatorSet: indicatorSet, adapter: adapter,
                                          source: adapter == "sim" ? nil : source, start: start, end: end))
        }
    }
}
