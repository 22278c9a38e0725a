import ArgumentParser
import Foundation
import Host
import PackKit

/// Options of the commands that work in a workspace.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Workspace folder (default: $EDGEHOST_HOME, else ./edgehost-work).", valueName: "dir"))
    var workspace: String?

    var resolved: Workspace { Workspace.resolve(workspace) }

    /// Argument parsing calls this before any command runs.
    func validate() throws {
        try checkFolder(resolved.root, what: "workspace", option: "--workspace (or EDGEHOST_HOME)")
    }
}

/// `FolderCheck` for a `validate()`: a folder option that names a file is a usage error (exit 64);
/// the parser would report any other error thrown there as 1.
func checkFolder(_ path: String, what: String, option: String) throws {
    do { try FolderCheck.check(path, what: what, option: option) } catch { throw ValidationError(error.message) }
}

/// Where a stage's data comes from, when not the model's own adapter.
struct DataOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Data adapter of the model's pack for this run (e.g. sim, csv, polygon).", valueName: "id"))
    var adapter: String?

    @Option(help: ArgumentHelp("Input file or folder for file adapters (query key 'source').", valueName: "path"))
    var source: String?

    @Option(help: ArgumentHelp("Option chain: sim, none, or a chain file/folder (query key 'chain').", valueName: "chain"))
    var chain: String?

    @Option(name: .customLong("query"), help: ArgumentHelp("Any other adapter query key (repeatable).", valueName: "key=value"))
    var queryPairs: [String] = []

    @Option(name: .customLong("adapter-param"), help: ArgumentHelp("Adapter parameter (repeatable).", valueName: "key=value"))
    var adapterParams: [String] = []

    var query: [String: JSON] {
        get throws {
            var q = try keyValues(queryPairs, option: "--query")
            if let source { q["source"] = .string(source) }
            if let chain { q["chain"] = .string(chain) }
            return q
        }
    }

    /// The adapter these options ask for; `--adapter-param` alone adjusts `current`.
    func adapterRef(pack: String, current: ComponentRef?) throws -> ComponentRef? {
        let params = try keyValues(adapterParams, option: "--adapter-param")
        if adapter == nil, !params.isEmpty, current == nil { throw ValidationError("--adapter-param needs --adapter") }
        return ComponentRef.overriding(current, pack: pack, id: adapter, params: params)
    }
}

/// `key=value` pairs; values that parse as JSON (numbers, true/false) keep their type.
func keyValues(_ pairs: [String], option: String) throws -> [String: JSON] {
    var out: [String: JSON] = [:]
    for pair in pairs {
        guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
            throw ValidationError("\(option) takes key=value, got '\(pair)'")
        }
        let value = String(pair[pair.index(after: eq)...])
        let parsed = try? JSON.parse(value)
        out[String(pair[..<eq])] = parsed.flatMap { if case .object = $0 { return nil }; if case .array = $0 { return nil }; return $0 } ?? .string(value)
    }
    return out
}

/// Prints `report` as JSON, or the summary line and the files for people.
func emit(_ result: StageResult, json: Bool, workspace: Workspace) {
    if json {
        print(result.report.prettyText, terminator: "")
        return
    }
    print(result.summary)
    for path in result.paths { print("  \(workspace.relative(path)) (in \(workspace.root))") }
    if case .array(let warnings)? = result.report["warnings"], !warnings.isEmpty {
        print("  warnings:")
        for w in warnings.prefix(12) { print("    - \(w.stringValue ?? w.text)") }
        if warnings.count > 12 { print("    … \(warnings.count - 12) more in the report") }
    }
}
