import PackKitC
import PluginAPI

/// An opaque handle to a pack definition, returned by a Swift pack's `edgehost_swift_pack`.
/// Optional because the C side declares `void*`; `exportPack` never returns nil.
public typealias PackHandle = UnsafeMutableRawPointer?

/// Wraps a pack definition for the C entry; call it from the pack's `edgehost_swift_pack`.
public func exportPack(_ definition: PackDefinition) -> PackHandle {
    Unmanaged.passRetained(DefinitionBox(definition)).toOpaque()
}

/// The Swift type of a pack's `edgehost_swift_pack`, to pin it:
/// `private let pinned: SwiftPackFunction = edgehostSwiftPack`.
public typealias SwiftPackFunction = edgehost_swift_pack_fn

final class DefinitionBox {
    let definition: PackDefinition
    init(_ definition: PackDefinition) { self.definition = definition }
}

/// The state of a Swift pack between init and deinit: its definition, the host's services,
/// and the C tables it hands out.
final class PackRuntime {
    let packID: String
    let host: UnsafePointer<edgehost_host_api_t>
    let definition: PackDefinition
    let arena = CArena()
    private(set) var factories: [String: UnsafeMutablePointer<edgehost_factory_t>] = [:]
    private(set) var descriptors: [String: [UnsafeMutablePointer<edgehost_component_desc_t>]] = [:]
    private(set) var resourceTable: UnsafeMutablePointer<edgehost_resource_table_t>?
    let factoryErrors = CMessage()

    init(packID: String, host: UnsafePointer<edgehost_host_api_t>, definition: PackDefinition) {
        self.packID = packID
        self.host = host
        self.definition = definition
        let kinds: [(String, [ComponentInfo])] = [
            (EDGEHOST_DATA_ADAPTER_V1, definition.adapters.map(\.info)),
            (EDGEHOST_INDICATOR_V1, definition.indicators.map(\.info)),
            (EDGEHOST_LABELER_V1, definition.labelers.map(\.info)),
            (EDGEHOST_GATE_V1, definition.gates.map(\.info)),
            (EDGEHOST_RISK_PROFILE_V1, definition.riskProfiles.map(\.info)),
        ]
        for (kind, infos) in kinds where !infos.isEmpty {
            descriptors[kind] = infos.map { $0.cDescriptor(in: arena) }
            factories[kind] = arena.value(edgehost_factory_t(
                header: .current(for: edgehost_factory_t.self),
                count: factoryCount, descriptor: factoryDescriptor, create: factoryCreate, last_error: factoryLastError))
        }
        if !definition.resources.isEmpty {
            let resources = definition.resources.map { r in
                arena.value(edgehost_resource_t(
                    header: .current(for: edgehost_resource_t.self), name: arena.string(r.name),
                    media_type: arena.string(r.mediaType), data: arena.bytes(r.bytes), size: UInt64(r.bytes.count)))
            }
            resourceTable = arena.value(edgehost_resource_table_t(
                header: .current(for: edgehost_resource_table_t.self), count: UInt32(resources.count),
                reserved: 0, resources: arena.pointers(resources)))
        }
    }

    func kind(of factory: UnsafePointer<edgehost_factory_t>?) -> String? {
        factories.first { UnsafePointer($0.value) == factory }?.key
    }

    func log(_ level: Int32, _ message: String) {
        host.pointee.log?(host, level, message)
    }
}

// The runtime is written only by init and deinit, which the ABI serialises ([main-thread]);
// everything else reads it.
nonisolated(unsafe) var currentRuntime: PackRuntime?
nonisolated(unsafe) private var entryError = CMessage()

@_cdecl("edgehost_packkit_init")
func packkitInit(_ host: UnsafePointer<edgehost_host_api_t>?, _ packID: UnsafePointer<CChar>?,
                 _ makePack: edgehost_swift_pack_fn?) -> edgehost_status_t {
    let id = String(optionalCString: packID)
    do {
        try ABIError.check(UnsafeRawPointer(host), as: edgehost_host_api_t.self, what: "host API given to pack '\(id)'")
    } catch {
        entryError.set(error.message)
        return EDGEHOST_ERR_INVALID_ARGUMENT
    }
    guard let host, let makePack, let raw = makePack() else {
        entryError.set("pack '\(id)': edgehost_swift_pack returned no definition")
        return EDGEHOST_ERR_INTERNAL
    }
    let definition = Unmanaged<DefinitionBox>.fromOpaque(raw).takeRetainedValue().definition
    currentRuntime = PackRuntime(packID: id, host: host, definition: definition)
    currentRuntime?.log(EDGEHOST_LOG_DEBUG, "pack '\(id)' initialised by PackKit")
    return EDGEHOST_OK
}

@_cdecl("edgehost_packkit_deinit")
func packkitDeinit() {
    currentRuntime = nil
}

@_cdecl("edgehost_packkit_get_factory")
func packkitGetFactory(_ id: UnsafePointer<CChar>?) -> UnsafeRawPointer? {
    guard let runtime = currentRuntime, let id else { return nil }
    let kind = String(cString: id)
    if kind == EDGEHOST_RESOURCES_V1 { return runtime.resourceTable.map { UnsafeRawPointer($0) } }
    return runtime.factories[kind].map { UnsafeRawPointer($0) }
}

@_cdecl("edgehost_packkit_last_error")
func packkitLastError() -> UnsafePointer<CChar>? {
    entryError.cString
}

// Pins: a signature that drifts from the header fails to compile here.
private let pinnedInit: edgehost_packkit_init_fn = packkitInit
private let pinnedDeinit: edgehost_deinit_fn = packkitDeinit
private let pinnedGetFactory: edgehost_get_factory_fn = packkitGetFactory
private let pinnedLastError: edgehost_entry_last_error_fn = packkitLastError

private let factoryCount: edgehost_factory_count_fn = { factory in
    guard let runtime = currentRuntime, let kind = runtime.kind(of: factory) else { return 0 }
    return UInt32(runtime.descriptors[kind]?.count ?? 0)
}

private let factoryDescriptor: edgehost_factory_descriptor_fn = { factory, index in
    guard let runtime = currentRuntime, let kind = runtime.kind(of: factory),
          let list = runtime.descriptors[kind], Int(index) < list.count else { return nil }
    return UnsafePointer(list[Int(index)])
}

private let factoryLastError: edgehost_factory_last_error_fn = { _ in
    currentRuntime?.factoryErrors.cString
}

private let factoryCreate: edgehost_factory_create_fn = { factory, id, paramsJSON, out in
    guard let runtime = currentRuntime, let kind = runtime.kind(of: factory), let out else {
        return EDGEHOST_ERR_INVALID_ARGUMENT
    }
    out.pointee = nil
    let componentID = String(optionalCString: id)
    do {
        let params = try Params(json: String(optionalCString: paramsJSON))
        guard let instance = try makeInstance(kind: kind, id: componentID, params: params, definition: runtime.definition) else {
            runtime.factoryErrors.set("pack '\(runtime.packID)' has no \(kind) component '\(componentID)'")
            return EDGEHOST_ERR_INVALID_ARGUMENT
        }
        out.pointee = instance
        return EDGEHOST_OK
    } catch {
        runtime.factoryErrors.set("creating \(kind) '\(componentID)': \(error)")
        return (error as? ComponentError)?.status ?? EDGEHOST_ERR_INTERNAL
    }
}
