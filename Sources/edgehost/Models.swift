import ArgumentParser
import Foundation
import Host
import PackKit

struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and show models (pack + instrument + horizon + cadence + indicator set).",
        subcommands: [Create.self, List.self, Show.self],
        defaultSubcommand: List.self
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a model in the workspace.",
            discussion: """
                The id is <ticker>_<asset-type>_<horizon>_<cadence> in lower case unless --id is given. \
                What you leave out comes from the pack's defaults.

                Examples:
                  edgehost models create --pack zeroedge --ticker SPY --asset-type opt --horizon 0dte \\
                      --cadence hourly --indicator-set zeroedge_pin_drift_v1
                  echo '{"pack":"zeroedge","ticker":"SPY","asset_type":"opt","horizon":"0dte","cadence":"hourly",
                         "indicator_set":"zeroedge_pin_drift_v1"}' | edgehost models create --json-body -
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var ws: WorkspaceOptions
        @OptionGroup var data: DataOptions
        @Option(help: "Pack id (see `edgehost packs`).") var pack: String?
        @Option(help: "Instrument, e.g. SPY.") var ticker: String?
        @Option(help: "Asset type, e.g. opt.") var assetType: String?
        @Option(help: "Horizon, e.g. 0dte.") var horizon: String?
        @Option(help: "Decision cadence, e.g. hourly.") var cadence: String?
        @Option(help: "Indicator set shipped by the pack (or the model's own YAML in the workspace).") var indicatorSet: String?
        @Option(help: "Model id (default derived from ticker, asset type, horizon, cadence).") var id: String?
        @Option(help: ArgumentHelp("Read the model as a JSON request body from a file, or - for standard input.", valueName: "file|-"))
        var jsonBody: String?
        @Flag(help: "Overwrite a model of the same id with other settings.") var replace = false

        func run() throws {
            let catalogue = try global.catalogue()
            let defaults = { (pack: String) throws -> PackDefaults in try PackDefaults(pack: try catalogue.pack(pack)) }
            var body: [String: JSON] = [:]
            if let jsonBody {
                let text = jsonBody == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                    : try String(contentsOfFile: jsonBody, encoding: .utf8)
                guard case .object(let o) = try JSON.parse(text) else { throw ValidationError("--json-body: expected a JSON object") }
                body = o
            }
            let options: [(String, String?)] = [("pack", pack), ("ticker", ticker), ("asset_type", assetType), ("horizon", horizon),
                                                ("cadence", cadence), ("indicator_set", indicatorSet), ("model_id", id)]
            for (key, value) in options { if let value { body[key] = .string(value) } }
            guard let packID = body["pack"]?.stringValue else { throw ValidationError("--pack is required (or \"pack\" in --json-body)") }
            if let adapter = try data.adapterRef(pack: packID, current: try defaults(packID).adapter) { body["adapter"] = adapter.json }
            let query = try data.query
            if !query.isEmpty { body["query"] = .object(query) }
            let config = try ModelConfig(json: .object(body), context: jsonBody.map { "model body \($0 == "-" ? "(stdin)" : $0)" } ?? "model", defaults: defaults)
            let (path, changed) = try ModelStore(workspace: ws.resolved).save(config, catalogue: catalogue, replace: replace)
            print("\(changed ? "created" : "unchanged") model \(config.modelID) → \(path)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The workspace's models.")
        @OptionGroup var ws: WorkspaceOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let models = try ModelStore(workspace: ws.resolved).list()
            if json {
                print(JSON.array(models.map(\.json)).prettyText, terminator: "")
            } else if models.isEmpty {
                print("no models in \(ws.resolved.root); create one with `edgehost models create --pack zeroedge`")
            } else {
                for m in models { print("\(m.modelID)  pack=\(m.pack)  set=\(m.indicatorSet)  adapter=\(m.adapter.pack).\(m.adapter.id)") }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One model's settings, resolved against its pack.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var ws: WorkspaceOptions
        @Argument(help: "Model id.") var id: String

        func run() throws {
            let workspace = ws.resolved
            let config = try ModelStore(workspace: workspace).load(id)
            let plan = try ModelPlan(config: config, catalogue: try global.catalogue(), workspace: workspace)
            print(plan.showJSON.prettyText, terminator: "")
        }
    }
}
