import Foundation
import PackKit

/// What `GET /healthz` and `edgehost health` report: each data adapter (simulated ones say so;
/// vendor adapters are reached only when a stage reads, so they are listed, not probed), the
/// store (reached and counted, named without its password) and the registry (verified).
public struct HealthReport: Sendable {
    /// False when the store cannot be reached or the registry has problems.
    public var ok: Bool
    public var json: JSON

    /// `rows` counts the leaderboard (default: open the store and count; the server passes its open
    /// store). `verify` checks every registry version's files (the CLI); without it the manifest is read.
    public init(catalogue: PackCatalogue, store: StoreLocation, registry: Registry, rows: (() throws -> Int)? = nil, verify: Bool = true) {
        var ok = true
        let adapters: [JSON] = catalogue.packs.flatMap { pack in
            (pack.components[.dataAdapter] ?? []).map { info in
                JSON.object(["pack": .string(pack.id), "id": .string(info.id),
                             "status": .string(info.id == "sim" ? "simulated" : "not probed")])
            }
        }
        var storeJSON: [String: JSON] = ["location": .string(store.description),
                                         "backend": .string({ if case .sqlite = store { "sqlite" } else { "postgres" } }())]
        do {
            storeJSON["leaderboard_rows"] = .number(Double(try rows?() ?? store.open().count()))
            storeJSON["status"] = .string("ok")
        } catch {
            ok = false
            storeJSON["status"] = .string("unavailable")
            storeJSON["error"] = .string(Redaction.redact(EdgehostError(error).description))
        }
        var registryJSON: [String: JSON] = ["root": .string(registry.root)]
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: registry.root, isDirectory: &isFolder) {
            registryJSON["status"] = .string("absent")
        } else if !isFolder.boolValue {
            ok = false
            registryJSON["status"] = .string("not a folder")
        } else {
            do {
                if verify {
                    let result = try registry.verify()
                    registryJSON["status"] = .string(result.ok ? "ok" : "problems")
                    registryJSON["problems"] = .number(Double(result.problems.count))
                    ok = ok && result.ok
                } else {
                    registryJSON["models"] = .number(Double(try registry.models().count))
                    registryJSON["status"] = .string("ok")
                }
            } catch {
                ok = false
                registryJSON["status"] = .string("unreadable")
                registryJSON["error"] = .string(Redaction.redact(EdgehostError(error).description))
            }
        }
        self.ok = ok
        json = .object([
            "status": .string(ok ? "ok" : "degraded"), "version": .string(EdgehostVersion.current),
            "adapters": .array(adapters), "store": .object(storeJSON), "registry": .object(registryJSON),
        ])
    }
}
