import ArgumentParser
import Foundation
import Host
import PackKit

extension ModelContext {
    /// The stored model `model` resolved against the packs the options load.
    init(_ global: GlobalOptions, _ ws: WorkspaceOptions, model: String) throws {
        try self.init(workspace: ws.resolved, catalogue: try global.catalogue(), model: model)
    }

    /// `--allowed-hours` when given, else the pack's default hours (empty = every hour).
    func hours(_ option: String?) throws -> [Int] {
        hours(try option.map(parseHours))
    }
}

/// `13,14,15` → [13, 14, 15], each a New York hour 0–23.
func parseHours(_ text: String) throws -> [Int] {
    // An empty list used to mean every hour, silently; "all hours" is leaving the option out.
    guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw ValidationError("--allowed-hours is empty: give New York hours 0–23 (e.g. 13,14,15), or leave the option out for the pack's default")
    }
    return try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
        guard let h = Int(part.trimmingCharacters(in: .whitespaces)), (0...23).contains(h) else {
            throw ValidationError("--allowed-hours takes New York hours 0–23 separated by commas (e.g. 13,14,15), got '\(EscapedText.text(text))'")
        }
        return h
    }.sorted()
}

/// Options of the commands that use a trained model.
struct ModelOptions: ParsableArguments {
    @Option(help: "Model id (see `edgehost models list`).") var model: String
    @Option(help: ArgumentHelp("New York decision hours to train on and trade, e.g. 13,14,15 (default: the pack's).", valueName: "hours"))
    var allowedHours: String?
    @Option(help: ArgumentHelp("Risk profile of the model's pack, any case (default: the pack's).", valueName: "name"))
    var riskProfile: String?
    @Option(name: .customLong("risk-param"), help: ArgumentHelp("Override one budget of the risk profile (repeatable), e.g. threshold_floor=0.7.", valueName: "key=value"))
    var riskParams: [String] = []
    @Option(help: ArgumentHelp("YAML file of budget overrides, e.g. `{threshold_floor: 0.7, max_trades_per_day: 1}`.", valueName: "file"))
    var riskFile: String?
    @Flag(help: "Rerun even when the inputs are unchanged.") var force = false
    @Flag(help: "Print the report as JSON.") var json = false

    /// The budget overrides: the file's, then each --risk-param on top.
    func riskOverrides() throws -> [String: JSON] {
        var params: [String: JSON] = [:]
        if let riskFile {
            guard let data = FileManager.default.contents(atPath: riskFile) else { throw ValidationError("--risk-file \(riskFile): no such file") }
            guard case .object(let o) = try YAMLDocument.parse(String(decoding: data, as: UTF8.self), source: riskFile) else {
                throw ValidationError("--risk-file \(riskFile): expected a mapping of budget names to values")
            }
            params = o
        }
        return params.merging(try keyValues(riskParams, option: "--risk-param")) { _, new in new }
    }

    /// The risk profile asked for (any case; default the pack's), with the overrides.
    func risk(_ context: ModelContext) throws -> RiskBudget {
        try RiskBudget(riskProfile, pack: context.plan.pack, defaults: context.defaults, params: try riskOverrides())
    }
}
