import ArgumentParser
import Foundation
import Host
import PackKit

/// `edgehost lake ingest|clean|features|build`: the lake's stages on their own (Host's `Lake`);
/// `import|silver|fetch`, the DBN bronze lake, are in LakeCommand+DBN.swift.
struct LakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lake",
        abstract: "The data lake: ingest → clean → features by symbol and day, each with a manifest; DBN files into bronze and silver.",
        discussion: """
            Partitions live in lake/<raw|cleaned|features>/<symbol>/<timeframe>/date=YYYY-MM-DD/ (part.csv and \
            manifest.json: input hash, params, pack version, row counts). A stage skips a partition whose inputs are \
            unchanged and whose data is intact, and says so; --force recomputes it (to the same bytes). \
            `discover` and `run` go through these stages themselves.

            Example:
              edgehost lake build --pack crypto --symbols BTCUSDT,ETHUSDT --start 2024-01-01 --end 2024-01-31
              edgehost lake clean --pack crypto --symbols BTCUSDT --start 2023-01-02 --end 2023-03-10 --adapter csv --source ../shared/data/crypto/binance

            DBN files (es0dte) go to a bronze lake of their own (--lake, default ./lake), then to silver minute bars:
              edgehost lake import ../shared/data/es/dbn/esh4-glbx-mdp3-20231225.mbo.dbn.zst --lake lake
              edgehost lake silver --lake lake
              DATABENTO_API_KEY=... edgehost lake fetch --dataset GLBX.MDP3 --schema trades --symbols ESH4 \\
                  --start 2023-12-26 --end 2023-12-27 --lake lake
            """,
        subcommands: [Ingest.self, CleanStage.self, Features.self, Build.self, Import.self, Silver.self, Fetch.self])

    struct Options: ParsableArguments {
        @OptionGroup var global: GlobalOptions
        @OptionGroup var ws: WorkspaceOptions
        @OptionGroup var data: DataOptions
        @Option(help: "Pack id.") var pack: String
        @Option(help: ArgumentHelp("Symbols, comma-separated.", valueName: "A,B")) var symbols: String
        @Option(help: ArgumentHelp("First day of the window, YYYY-MM-DD (ingest and clean also cover the features' history before it).", valueName: "date"))
        var start: String
        @Option(help: ArgumentHelp("Last day of the window, inclusive.", valueName: "date")) var end: String
        @Flag(help: "Recompute every partition even when its inputs are unchanged.") var force = false

        func build() throws -> LakeBuild {
            try global.apply()
            var lake = try Lake(catalogue: try global.catalogue(), workspace: ws.resolved, pack: pack, adapter: data.adapter,
                                adapterParams: try keyValues(data.adapterParams, option: "--adapter-param"), query: try data.query)
            lake.force = force
            let list = symbols.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            var build = try LakeBuild(lake: lake, symbols: list, start: try Timestamps.parseDate(start), end: try Timestamps.parseDate(end))
            build.progress = Progress("[lake]")
            return build
        }
    }

    static func show(_ reports: [LakeStageReport]) {
        for r in reports { print(r.line) }
    }

    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The adapter's bars → lake/raw/ (one partition per symbol and day).")
        @OptionGroup var options: Options
        func run() throws { LakeCommand.show(try options.build().ingest()) }
    }

    struct CleanStage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clean",
            abstract: "lake/raw/ → lake/cleaned/: sorted, duplicates and bad bars removed and counted, gaps reported (never filled).")
        @OptionGroup var options: Options
        func run() throws { LakeCommand.show(try options.build().clean()) }
    }

    struct Features: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "lake/cleaned/ → lake/features/: the pack's indicator set and event detectors; --run-id also writes runs/<run>/features/<symbol>.csv for drift.")
        @OptionGroup var options: Options
        @Option(help: ArgumentHelp("Also write the drift features files of this run.", valueName: "id")) var runID: String?
        func run() throws {
            let (reports, _, files) = try options.build().features(runID: runID)
            LakeCommand.show(reports)
            for file in files { print("  \(file)") }
        }
    }

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "ingest, clean and features in order.")
        @OptionGroup var options: Options
        @Option(help: ArgumentHelp("Also write the drift features files of this run.", valueName: "id")) var runID: String?
        func run() throws {
            let build = try options.build()
            LakeCommand.show(try build.ingest())
            LakeCommand.show(try build.clean())
            let (reports, _, files) = try build.features(runID: runID)
            LakeCommand.show(reports)
            for file in files { print("  \(file)") }
        }
    }
}
