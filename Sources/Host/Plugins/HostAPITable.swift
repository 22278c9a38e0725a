import Foundation
import PackKit
import PluginAPI
import Synchronization

/// The `edgehost_host_api_t` one pack receives, and the host state behind it.
///
/// The table is followed in memory by a pointer to this object, so the C callbacks can find
/// the pack they serve (the pack only ever sees the table).
final class HostAPITable: @unchecked Sendable {
    let packID: String
    let environment: HostEnvironment
    let pointer: UnsafeMutablePointer<edgehost_host_api_t>
    private let versionString: UnsafeMutablePointer<CChar>
    private let envService: UnsafeMutablePointer<edgehost_env_service_t>
    /// Values handed out by the env service; kept until deinit as the header promises.
    private let handedOut = Mutex<[String: UnsafeMutablePointer<CChar>]>([:])

    init(packID: String, environment: HostEnvironment) {
        self.packID = packID
        self.environment = environment
        versionString = strdup(EdgehostVersion.current)
        envService = .allocate(capacity: 1)
        envService.initialize(to: edgehost_env_service_t(header: .current(for: edgehost_env_service_t.self), get: envGet))
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: MemoryLayout<edgehost_host_api_t>.stride + MemoryLayout<UnsafeRawPointer>.size,
            alignment: MemoryLayout<edgehost_host_api_t>.alignment)
        pointer = raw.bindMemory(to: edgehost_host_api_t.self, capacity: 1)
        pointer.initialize(to: edgehost_host_api_t(
            header: .current(for: edgehost_host_api_t.self), host_version: UnsafePointer(versionString),
            log: hostLog, alloc: hostAlloc, free: hostFree, get_service: hostGetService))
        (raw + MemoryLayout<edgehost_host_api_t>.stride).storeBytes(of: Unmanaged.passUnretained(self).toOpaque(), as: UnsafeMutableRawPointer.self)
    }

    static func from(_ api: UnsafePointer<edgehost_host_api_t>?) -> HostAPITable? {
        guard let api else { return nil }
        let raw = UnsafeRawPointer(api) + MemoryLayout<edgehost_host_api_t>.stride
        return Unmanaged<HostAPITable>.fromOpaque(raw.load(as: UnsafeMutableRawPointer.self)).takeUnretainedValue()
    }

    var envServicePointer: UnsafeRawPointer { UnsafeRawPointer(envService) }

    func environmentValue(_ name: String) -> UnsafePointer<CChar>? {
        guard let value = environment.value(name) else { return nil }
        return handedOut.withLock { cache in
            if let p = cache[name], String(cString: p) == value { return UnsafePointer(p) }
            let p = strdup(value)!
            if let old = cache[name] { free(old) }
            cache[name] = p
            return UnsafePointer(p)
        }
    }

    deinit {
        handedOut.withLock { cache in cache.values.forEach { free($0) } }
        UnsafeMutableRawPointer(pointer).deallocate()
        envService.deallocate()
        free(versionString)
    }
}

private let hostLog: @convention(c) (UnsafePointer<edgehost_host_api_t>?, Int32, UnsafePointer<CChar>?) -> Void = { api, level, message in
    let table = HostAPITable.from(api)
    let mapped = Log.Level(rawValue: Int(level)) ?? .info
    Log.write(mapped, String(optionalCString: message), source: "pack \(table?.packID ?? "?")")
}

private let hostAlloc: @convention(c) (UnsafePointer<edgehost_host_api_t>?, Int) -> UnsafeMutableRawPointer? = { _, size in
    var p: UnsafeMutableRawPointer?
    return posix_memalign(&p, 64, max(size, 1)) == 0 ? p : nil
}

private let hostFree: @convention(c) (UnsafePointer<edgehost_host_api_t>?, UnsafeMutableRawPointer?) -> Void = { _, p in
    free(p)
}

private let hostGetService: @convention(c) (UnsafePointer<edgehost_host_api_t>?, UnsafePointer<CChar>?) -> UnsafeRawPointer? = { api, id in
    guard let table = HostAPITable.from(api), let id else { return nil }
    if String(cString: id) == EDGEHOST_SERVICE_CALENDAR { return UnsafeRawPointer(CalendarService.table) }
    return String(cString: id) == EDGEHOST_SERVICE_ENV ? table.envServicePointer : nil
}

private let envGet: @convention(c) (UnsafePointer<edgehost_host_api_t>?, UnsafePointer<CChar>?) -> UnsafePointer<CChar>? = { api, name in
    guard let table = HostAPITable.from(api), let name else { return nil }
    return table.environmentValue(String(cString: name))
}
