import Foundation
import PackKit
import PluginAPI

/// The kinds of component a pack can provide, by their versioned factory id.
public enum ComponentKind: String, CaseIterable, Sendable {
    case dataAdapter = "edgehost.data-adapter/1"
    case indicator = "edgehost.indicator/1"
    case labeler = "edgehost.labeler/1"
    case gate = "edgehost.gate/1"
    case riskProfile = "edgehost.risk-profile/1"

    /// Short plural name for tables.
    public var label: String {
        switch self {
        case .dataAdapter: "adapters"
        case .indicator: "indicators"
        case .labeler: "labelers"
        case .gate: "gates"
        case .riskProfile: "risk profiles"
        }
    }
}

/// One pack loaded with dlopen: the only type that touches its entry and factories.
///
/// Packs are loaded RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE and never unloaded: a Swift pack's
/// runtime metadata must outlive any object it handed out. `deinit` runs the pack's deinit.
public final class LoadedPack: @unchecked Sendable {
    public let path: String
    public let id: String
    public let version: String
    public let description: String
    public let abiMajor: UInt32
    public let abiMinor: UInt32
    /// Every component's descriptor, by kind, in the pack's order.
    public let components: [ComponentKind: [ComponentInfo]]
    /// Resources shipped in the pack, by name.
    public let resources: [String: [UInt8]]

    let entry: UnsafePointer<edgehost_pack_entry_t>
    let factories: [ComponentKind: UnsafePointer<edgehost_factory_t>]
    private let hostAPI: HostAPITable

    /// Reads the entry without running pack code: enough to check the ABI and the id.
    struct Probe {
        let path: String
        let entry: UnsafePointer<edgehost_pack_entry_t>
        var id: String { String(optionalCString: entry.pointee.pack_id) }
    }

    /// Opens `path` and validates its entry. Nothing of the pack runs except its ELF
    /// constructors (which dlopen always runs).
    static func probe(path: String) throws(PluginError) -> Probe {
        guard FileManager.default.fileExists(atPath: path) else {
            throw PluginError(.missingFile, file: path, "no such file")
        }
        _ = try ELFFile(path: path)
        // dlopen searches the library path for a name without a slash: make it absolute so
        // `pack verify t.so` opens the file in the current folder, as every other command would.
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let handle = dlopen(absolute, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown dlopen error"
            throw PluginError(.loadFailed, file: path, "dlopen failed: \(reason)")
        }
        guard let symbol = dlsym(handle, EDGEHOST_PACK_ENTRY_SYMBOL) else {
            throw PluginError(.missingEntry, file: path,
                              "no exported symbol '\(EDGEHOST_PACK_ENTRY_SYMBOL)'; a pack must define `EDGEHOST_EXPORT const edgehost_pack_entry_t edgehost_pack_entry`")
        }
        return try probe(symbol: UnsafeRawPointer(symbol), path: path)
    }

    /// Validates an entry already in memory; `path` names it in messages.
    static func probe(symbol: UnsafeRawPointer, path: String) throws(PluginError) -> Probe {
        do {
            try ABIError.check(symbol, as: edgehost_pack_entry_t.self, what: "edgehost_pack_entry")
        } catch {
            let hint = error.reason == .majorVersion
                ? "rebuild the pack against edgehost_plugin.h \(EDGEHOST_ABI_MAJOR).x"
                : "initialise the header with EDGEHOST_HEADER(edgehost_pack_entry_t)"
            throw PluginError(error, file: path, hint: hint)
        }
        let entry = symbol.assumingMemoryBound(to: edgehost_pack_entry_t.self)
        let e = entry.pointee
        guard e.`init` != nil, e.deinit != nil, e.get_factory != nil, e.last_error != nil else {
            throw PluginError(.invalidEntry, file: path, "edgehost_pack_entry has a NULL function (init, deinit, get_factory and last_error are all required)")
        }
        let id = String(optionalCString: e.pack_id)
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw PluginError(.invalidEntry, file: path, "pack id '\(id)' is invalid: use [a-z0-9_-]+")
        }
        return Probe(path: path, entry: entry)
    }

    /// Loads a pack linked into this process, from its entry (a test target's
    /// `edgehost_pack_entry`), with the same checks as a file; `name` stands for the path in
    /// messages. The entry is copied to memory that is never freed, as a dlopened pack is never
    /// unloaded.
    public static func load(entry: edgehost_pack_entry_t, name: String? = nil,
                            environment: HostEnvironment = HostEnvironment()) throws(PluginError) -> LoadedPack {
        let copy = UnsafeMutablePointer<edgehost_pack_entry_t>.allocate(capacity: 1)
        copy.initialize(to: entry)
        let label = name ?? "in-process pack '\(String(optionalCString: entry.pack_id))'"
        return try open(probe(symbol: UnsafeRawPointer(copy), path: label), environment: environment)
    }

    /// The pack of `probe`: the one already alive in this process for the same library
    /// (`LivePacks`), or a new one whose init runs now.
    static func open(_ probe: Probe, environment: HostEnvironment) throws(PluginError) -> LoadedPack {
        try LivePacks.shared.pack(for: probe.entry) { () throws(PluginError) in
            try LoadedPack(probe: probe, environment: environment)
        }
    }

    /// Runs the pack's init and reads every descriptor (through `open`, never twice at once).
    private init(probe: Probe, environment: HostEnvironment) throws(PluginError) {
        path = probe.path
        entry = probe.entry
        let e = entry.pointee
        id = probe.id
        version = String(optionalCString: e.pack_version)
        description = String(optionalCString: e.description)
        abiMajor = e.header.abi_major
        abiMinor = e.header.abi_minor
        hostAPI = HostAPITable(packID: id, environment: environment)
        let status = e.`init`(UnsafePointer(hostAPI.pointer))
        guard status == EDGEHOST_OK else {
            let message = e.last_error().map { String(cString: $0) } ?? "no message"
            throw PluginError(.initFailed, file: path, status: status, "pack '\(id)' init failed with status \(PluginError.statusText(status)): \(message)")
        }
        var factories: [ComponentKind: UnsafePointer<edgehost_factory_t>] = [:]
        var components: [ComponentKind: [ComponentInfo]] = [:]
        do throws(ABIError) {
            for kind in ComponentKind.allCases {
                guard let raw = e.get_factory(kind.rawValue) else { continue }
                try ABIError.check(raw, as: edgehost_factory_t.self, what: "\(kind.rawValue) factory")
                let factory = raw.assumingMemoryBound(to: edgehost_factory_t.self)
                guard let count = factory.pointee.count, let describe = factory.pointee.descriptor,
                      factory.pointee.create != nil, factory.pointee.last_error != nil else {
                    throw ABIError("\(kind.rawValue) factory has a NULL function")
                }
                var infos: [ComponentInfo] = []
                for i in 0..<count(factory) {
                    guard let d = describe(factory, i) else { throw ABIError("\(kind.rawValue) descriptor \(i) is NULL") }
                    infos.append(try ComponentInfo(cDescriptor: d))
                }
                factories[kind] = factory
                components[kind] = infos
            }
            resources = try LoadedPack.readResources(e.get_factory(EDGEHOST_RESOURCES_V1))
        } catch {
            e.deinit()
            throw PluginError(.invalidEntry, file: path, "pack '\(id)': \(error.message)")
        }
        self.factories = factories
        self.components = components
    }

    private static func readResources(_ raw: UnsafeRawPointer?) throws(ABIError) -> [String: [UInt8]] {
        guard let raw else { return [:] }
        try ABIError.check(raw, as: edgehost_resource_table_t.self, what: "resource table")
        let table = raw.assumingMemoryBound(to: edgehost_resource_table_t.self).pointee
        var out: [String: [UInt8]] = [:]
        for i in 0..<Int(table.count) {
            guard let r = table.resources?[i] else { throw ABIError("resource \(i) is NULL") }
            try ABIError.check(UnsafeRawPointer(r), as: edgehost_resource_t.self, what: "resource \(i)")
            let bytes = r.pointee.data.map { Array(UnsafeBufferPointer(start: $0, count: Int(r.pointee.size))) } ?? []
            out[String(optionalCString: r.pointee.name)] = bytes
        }
        return out
    }

    /// The descriptor of component `id` of `kind`.
    public func info(_ kind: ComponentKind, _ componentID: String) throws(PluginError) -> ComponentInfo {
        guard factories[kind] != nil else {
            throw PluginError(.noFactory, file: path, "pack '\(id)' provides no \(kind.rawValue) factory (get_factory returned NULL)")
        }
        guard let info = components[kind]?.first(where: { $0.id == componentID }) else {
            let known = components[kind]?.map(\.id).joined(separator: ", ") ?? ""
            throw PluginError(.unknownComponent, file: path, "pack '\(id)' has no \(kind.label.dropLast()) '\(componentID)' (it has: \(known))")
        }
        return info
    }

    /// Creates an instance after validating `params` against the descriptor and checks the
    /// instance struct's header; the caller wraps it in its handle type, which destroys it.
    func create<Instance: PackComponentInstance>(_ kind: ComponentKind, _ componentID: String, params: [String: JSON],
                          as _: Instance.Type) throws(PluginError) -> (UnsafeMutablePointer<Instance>, ComponentInfo) {
        let info = try info(kind, componentID)
        let complete = try ParameterValidator.complete(params, against: info.params, component: "\(id).\(componentID)")
        let factory = factories[kind]!
        var out: UnsafeMutableRawPointer?
        let status = factory.pointee.create(factory, componentID, JSON.object(complete).text, &out)
        guard status == EDGEHOST_OK, let instance = out else {
            let message = factory.pointee.last_error(factory).map { String(cString: $0) } ?? "no message"
            throw PluginError(.componentFailed, file: path, status: status, "pack '\(id)' could not create \(kind.label.dropLast()) '\(componentID)' (status \(PluginError.statusText(status))): \(message)")
        }
        do {
            try ABIError.check(instance, as: Instance.self, what: "\(kind.label.dropLast()) '\(id).\(componentID)' instance",
                               minimumSize: Instance.minimumSize)
        } catch {
            // Its destroy cannot be trusted without a valid header: leaking is the safe choice.
            throw PluginError(error, file: path)
        }
        return (instance.assumingMemoryBound(to: Instance.self), info)
    }

    deinit {
        let entry = entry
        LivePacks.shared.finish(entry) { entry.pointee.deinit() }
    }
}

extension PluginError {
    /// A failed header check, as the error a user sees.
    init(_ abi: ABIError, file: String, hint: String? = nil) {
        let code: Code = switch abi.reason {
        case .majorVersion: .abiMismatch
        case .structSize: .structTooSmall
        case .malformed: .invalidEntry
        }
        self.init(code, file: file, hint.map { "\(abi.message); \($0)" } ?? abi.message)
    }
}
