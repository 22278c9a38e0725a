#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
@testable import CryptoPack
import PackKit

/// Shared by the crypto suites: the real data beside the repository, and components run as
/// the host runs them (declared defaults filled in, then the test's parameters).
enum CryptoFixtures {
    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let data = URL(fileURLWithPath: repository).deletingLastPathComponent().path + "/shared/data/crypto"

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func params(_ specs: [ParamSpec], _ extra: [String: JSON]) throws -> Params {
        var values: [String: JSON] = [:]
        for spec in specs { if let d = spec.defaultJSON { values[spec.name] = try JSON.parse(d) } }
        return Params(values.merging(extra) { $1 })
    }

    static func read(_ adapter: DataAdapter, start: String, end: String, symbol: String? = nil, _ extra: [String: JSON] = [:]) throws -> Frame {
        var query: [String: JSON] = ["start": .string(start), "end": .string(end)]
        if let symbol { query["symbol"] = .string(symbol) }
        let source = try adapter.open(.object(query), try params(adapter.info.params, extra))
        var frames: [Frame] = []
        while let f = try source.next() { frames.append(f) }
        return try Frame(concatenating: frames)
    }

    static func compute(_ indicator: Indicator, _ input: Frame, _ extra: [String: JSON] = [:]) throws -> Frame {
        try indicator.compute(input, try params(indicator.info.params, extra))
    }

    /// A month of simulated 5-minute bars (cached: the simulation runs once per process and seed).
    static func simMonth(symbol: String = "BTCUSDT", effects: String = "all", seed: Int = 7) throws -> Frame {
        try read(simAdapter, start: "2024-01-01", end: "2024-01-31", symbol: symbol,
                 ["effects": .string(effects), "seed": .number(Double(seed))])
    }
}
