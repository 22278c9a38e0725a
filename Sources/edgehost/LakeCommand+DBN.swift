import ArgumentParser
import Foundation
import Host

/// `edgehost lake import|silver|fetch`: the bronze lake of DBN files (futures and options, by
/// schema and date) and its silver minute bars; `fetch` files Databento's historical API answers.
extension LakeCommand {
    struct LakeOptions: ParsableArguments {
        @Option(help: ArgumentHelp("The lake's root folder.", valueName: "dir")) var lake = "lake"
        @Option(help: "The underlying, a folder level (underlying=ES).") var underlying = "ES"
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Validate DBN files (decoded whole) and file them by schema and date, with a manifest.",
            aliases: ["import-dbn"])

        @OptionGroup var options: LakeOptions
        @Option(help: "futures or options.") var asset = "futures"
        @Flag(help: "Replace a lake file of the same name whose bytes differ.") var force = false
        @Argument(help: ArgumentHelp("DBN files (.dbn, .dbn.zst).", valueName: "file")) var files: [String]

        func run() throws {
            guard let kind = BronzeImport.Asset(rawValue: asset) else { throw ValidationError("--asset must be futures or options (got '\(asset)')") }
            let importer = BronzeImport(lake: options.lake, asset: kind, underlying: options.underlying, force: force)
            for filed in try importer.run(files: files) {
                print("\(filed.outcome.rawValue)\t\(filed.entry.path)\t\(filed.entry.schema)\t\(filed.entry.records) records")
            }
        }
    }

    struct Silver: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build per-date one-minute bars (silver/es-minute) from the bronze futures trades; unchanged dates are skipped.")

        @OptionGroup var options: LakeOptions
        @Flag(help: "Rebuild every date.") var force = false

        func run() throws {
            let report = try SilverBuild(lake: options.lake, underlying: options.underlying, force: force).run()
            for p in report.built { print("built\t\(p.output)\t\(p.rows) bars") }
            for p in report.skipped { print("unchanged\t\(p.output)\t\(p.rows) bars") }
        }
    }

    struct Fetch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download timeseries.get_range (DBN, zstd) from Databento's historical API into the bronze lake.",
            discussion: "The key comes from DATABENTO_API_KEY in the environment or in ./.env and is never printed.")

        @OptionGroup var options: LakeOptions
        @Option(help: "Dataset, e.g. GLBX.MDP3.") var dataset: String
        @Option(help: "Schema, e.g. trades, mbo, mbp-1.") var schema: String
        @Option(help: "Comma-separated symbols.") var symbols: String
        @Option(help: "Input symbology: raw_symbol, parent, continuous, instrument_id.") var stypeIn = "raw_symbol"
        @Option(help: "Inclusive start (ISO 8601 date or time).") var start: String
        @Option(help: "Exclusive end (ISO 8601 date or time).") var end: String
        @Option(help: "At most this many records.") var limit: Int?
        @Option(help: ArgumentHelp("The API's address.", valueName: "url")) var baseURL = DatabentoHistorical.defaultBase
        @Flag(help: "Replace a lake file of the same name whose bytes differ.") var force = false

        func run() throws {
            let key = try DatabentoKey.resolve(environment: ProcessInfo.processInfo.environment)
            let request = DatabentoRequest(dataset: dataset, schema: schema, symbols: symbols.split(separator: ",").map(String.init),
                                           stypeIn: stypeIn, start: start, end: end, limit: limit)
            let filed = try DatabentoHistorical(key: key, base: baseURL)
                .fetch(request, into: BronzeImport(lake: options.lake, underlying: options.underlying, force: force))
            print("\(filed.outcome.rawValue)\t\(filed.entry.path)\t\(filed.entry.schema)\t\(filed.entry.records) records")
        }
    }
}
