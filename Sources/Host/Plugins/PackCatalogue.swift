import Foundation
import PackKit

/// Where packs are looked for, in order: `--plugin-dir` folders, `EDGEHOST_PLUGIN_PATH`
/// (colon-separated), then the folder of the executable. Explicit files come first of all.
public struct PackSearchPath: Sendable {
    public var files: [String]
    public var directories: [String]

    public init(files: [String] = [], pluginDirs: [String] = [],
                environment: [String: String] = ProcessInfo.processInfo.environment,
                includeExecutableFolder: Bool = true) {
        self.files = files
        var dirs = pluginDirs
        if let path = environment["EDGEHOST_PLUGIN_PATH"] {
            dirs += path.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        if includeExecutableFolder {
            dirs.append(PackSearchPath.executableFolder)
        }
        var seen = Set<String>()
        directories = dirs.map { URL(fileURLWithPath: $0).standardizedFileURL.path }.filter { seen.insert($0).inserted }
    }

    /// The folder of the running executable. argv[0] would be wrong when the program was found
    /// through PATH (it is then a bare name, resolved against the current directory).
    static var executableFolder: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).resolvingSymlinksInPath().deletingLastPathComponent().path
    }

    /// Candidate pack files: explicit files as given; in folders, shared objects that export
    /// the entry symbol (other libraries beside the executable are not packs).
    func candidates() throws(PluginError) -> [String] {
        var out = files.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        for dir in directories {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
                Log.write(.debug, "plugin folder \(dir) does not exist; skipped")
                continue
            }
            for name in names.sorted() where name.hasSuffix(".so") {
                let path = (dir as NSString).appendingPathComponent(name)
                guard !out.contains(path) else { continue }
                if let elf = try? ELFFile(path: path), !elf.exportedSymbols.contains("edgehost_pack_entry") {
                    Log.write(.debug, "\(path) exports no edgehost_pack_entry; not a pack, skipped")
                    continue
                }
                out.append(path)
            }
        }
        return out
    }
}

/// All packs found on the search path, loaded and initialised, with their components.
public final class PackCatalogue: @unchecked Sendable {
    public let packs: [LoadedPack]

    /// Loads every pack. Any broken pack is an error naming its file: a half-loaded catalogue
    /// would make results depend on which packs happened to load.
    public init(searchPath: PackSearchPath, environment: HostEnvironment = HostEnvironment()) throws(PluginError) {
        var probes: [LoadedPack.Probe] = []
        for path in try searchPath.candidates() {
            let probe = try LoadedPack.probe(path: path)
            if let other = probes.first(where: { $0.id == probe.id }) {
                throw PluginError(.duplicatePack, file: path, "pack id '\(probe.id)' is already provided by \(other.path); remove one of them from the plugin path")
            }
            probes.append(probe)
        }
        var packs: [LoadedPack] = []
        for probe in probes {
            packs.append(try LoadedPack.open(probe, environment: environment))
        }
        self.packs = packs
    }

    /// The pack `id`, or an error listing the packs that exist.
    public func pack(_ id: String) throws(PluginError) -> LoadedPack {
        guard let pack = packs.first(where: { $0.id == id }) else {
            let known = packs.map(\.id).joined(separator: ", ")
            throw PluginError(.unknownPack, file: nil, "no pack '\(id)' on the plugin path (loaded: \(known.isEmpty ? "none" : known)); see `edgehost packs`")
        }
        return pack
    }
}
