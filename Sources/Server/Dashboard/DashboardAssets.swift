import Foundation
import Host

/// The dashboard's static files (`Resources/dashboard/`), read once when the server starts.
/// Only the files found there are served, by exact name: a request can name nothing else, so no
/// path leaves the folder whatever it spells.
struct DashboardAssets: Sendable {
    struct Asset: Sendable {
        let bytes: [UInt8]
        let contentType: String
        /// A strong validator: the file's SHA-256, so a browser revalidates cheaply (304).
        let etag: String
    }

    /// The page `/` serves.
    static let index = "index.html"

    /// Extensions the dashboard uses and their types; any other file in the folder is not served.
    static let contentTypes = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "css": "text/css; charset=utf-8", "svg": "image/svg+xml",
    ]

    let assets: [String: Asset]

    /// Reads the resource folder; a build without it is an internal error named at start-up.
    static func load() throws -> DashboardAssets {
        guard let folder = Bundle.module.url(forResource: "dashboard", withExtension: nil, subdirectory: "Resources")?.path,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw EdgehostError(code: "internal", "the server's dashboard resources are missing from the build", exit: .internalError)
        }
        var assets: [String: Asset] = [:]
        for name in names where ModelID.isValid(name) {
            guard let type = contentTypes[(name as NSString).pathExtension],
                  let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name)) else { continue }
            assets[name] = Asset(bytes: Array(data), contentType: type, etag: "\"\(Hashing.sha256(data).prefix(32))\"")
        }
        guard assets[index] != nil else {
            throw EdgehostError(code: "internal", "the server's dashboard has no \(index)", exit: .internalError)
        }
        return DashboardAssets(assets: assets)
    }

    subscript(name: String) -> Asset? { assets[name] }
}
