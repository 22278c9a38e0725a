import PluginAPI

/// The host's services, for pack code: logging and configuration.
public enum HostServices {
    public enum Level: Int32, Sendable {
        case trace = 0, debug, info, warn, error
    }

    /// Logs through the host (tagged with the pack's id). No-op before init.
    public static func log(_ level: Level, _ message: String) {
        currentRuntime?.log(level.rawValue, message)
    }

    /// A configuration value or secret from the environment or the workspace's `.env`
    /// (service `edgehost.env/1`), or nil. Never log what this returns.
    public static func environment(_ name: String) -> String? {
        guard let runtime = currentRuntime,
              let raw = runtime.host.pointee.get_service?(runtime.host, EDGEHOST_SERVICE_ENV) else { return nil }
        guard (try? ABIError.check(raw, as: edgehost_env_service_t.self, what: "env service")) != nil else { return nil }
        let service = raw.assumingMemoryBound(to: edgehost_env_service_t.self)
        return service.pointee.get?(runtime.host, name).map { String(cString: $0) }
    }
}
