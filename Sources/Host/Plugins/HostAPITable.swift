import Foundation
import PackKit
import PluginAPI
import Synchronization

/// The `edgehost_host_api_t` one pack receives, and the host state behind it.
///
/// The table's `host_data` points to this object, so the C callbacks can find the pack they
/// serve (packs never touch it).
final class HostAPITable: @unchecked Sendable {
    let packID: String
    let environment: HostEnvironment
    let pointer: UnsafeMutablePointer<edgehost_host_api_t>
    private let versionString: UnsafeMutablePointer<CChar>
    private let envService: UnsafeMutablePointer<edgehost_env_service_t>
    /// Values handed out by the env service: the latest per name, and every one ever handed
    /// out, freed only at deinit as the header promises ("valid until deinit"), even when the
    /// environment changed in between.
    private let handedOut = Mutex<(latest: [String: UnsafeMutablePointer<CChar>], all: [UnsafeMutablePointer<CChar>])>(([:], []))

    init(packID: String, environment: HostEnvironment) {
        self.packID = packID
        self.environment = environment
        versionString = strdup(EdgehostVersion.current)
        envService = .allocate(capacity: 1)
        envService.initialize(to: edgehost_env_service_t(header: .current(for: edgehost_env_service_t.self), get: envGet))
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: edgehost_host_api_t(
            header: .current(for: edgehost_host_api_t.self), host_version: UnsafePointer(versionString),
            log: hostLog, alloc: hostAlloc, free: hostFree, get_service: hostGetService, host_data: nil))
        pointer.pointee.host_data = Unmanaged.passUnretained(self).toOpaque()
    }

    static func from(_ api: UnsafePointer<edgehost_host_api_t>?) -> HostAPITable? {
        guard let data = api?.pointee.host_data else { return nil }
        return Unmanaged<HostAPITable>.fromOpaque(data).takeUnretainedValue()
    }

    var envServicePointer: UnsafeRawPointer { UnsafeRawPointer(envService) }

    func environmentValue(_ name: String) -> UnsafePointer<CChar>? {
        guard let value = environment.value(name) else { return nil }
        // The address leaves the lock as a number: the pointer itself stays in the locked state.
        let address = handedOut.withLock { cache in
            if let p = cache.latest[name], String(cString: p) == value { return Int(bitPattern: p) }
            // A changed value gets a new string; the old one stays valid for whoever holds it.
            let p = strdup(value)!
            cache.latest[name] = p
            cache.all.append(p)
            return Int(bitPattern: p)
        }
        return UnsafePointer(bitPattern: address)
    }

    deinit {
        handedOut.withLock { cache in cache.all.forEach { free($0) } }
        pointer.deallocate()
        envService.deallocate()
        free(versionString)
    }
}

// Typed with the header's function types: a signature that drifts fails to compile here.
private let hostLog: edgehost_host_log_fn = { api, level, message in
    let table = HostAPITable.from(api)
    let mapped = Log.Level(rawValue: Int(level)) ?? .info
    Log.write(mapped, String(optionalCString: message), source: "pack \(table?.packID ?? "?")")
}

private let hostAlloc: edgehost_host_alloc_fn = { _, size in
    var p: UnsafeMutableRawPointer?
    return posix_memalign(&p, 64, max(size, 1)) == 0 ? p : nil
}

private let hostFree: edgehost_host_free_fn = { _, p in
    free(p)
}

private let hostGetService: edgehost_host_get_service_fn = { api, id in
    guard let table = HostAPITable.from(api), let id else { return nil }
    if String(cString: id) == EDGEHOST_SERVICE_CALENDAR { return UnsafeRawPointer(CalendarService.table) }
    return String(cString: id) == EDGEHOST_SERVICE_ENV ? table.envServicePointer : nil
}

private let envGet: edgehost_env_get_fn = { api, name in
    guard let table = HostAPITable.from(api), let name else { return nil }
    return table.environmentValue(String(cString: name))
}
