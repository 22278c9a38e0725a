import Foundation
import Host
import PackKit
import PluginAPI

/// A pack loaded in this process, called through its C tables exactly as `edgehost` calls it
/// (parameters validated, outputs checked), for a pack's own tests.
///
/// One pack is loaded once per process and never released: a pack's init/deinit act on
/// process-wide state (a Swift pack's runtime), so two live loads of one entry, or a deinit
/// while parallel tests still call it, would break it. Harnesses of the same pack share it.
public final class PackHarness: Sendable {
    public let pack: LoadedPack

    /// The pack linked into this test process: pass its `edgehost_pack_entry`.
    public init(entry: edgehost_pack_entry_t, environment: HostEnvironment = HostEnvironment()) throws {
        let key = "entry:\(String(optionalCString: entry.pack_id))"
        pack = try Self.loaded.get(key) { () throws(PluginError) in try LoadedPack.load(entry: entry, environment: environment) }
    }

    /// A pack file (a built `.so`), loaded with dlopen as `edgehost` would.
    public init(path: String, environment: HostEnvironment = HostEnvironment()) throws {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        pack = try Self.loaded.get("path:\(absolute)") { () throws(PluginError) in
            let search = PackSearchPath(files: [absolute], environment: [:], includeExecutableFolder: false)
            let catalogue = try PackCatalogue(searchPath: search, environment: environment)
            return catalogue.packs[0]
        }
    }

    // MARK: calling components

    public func indicator(_ id: String, params: [String: JSON] = [:]) throws -> PackIndicator {
        try PackIndicator(pack: pack, id: id, params: params)
    }

    /// Runs indicator `id` on `input` (by default the golden bars of `market`).
    public func compute(_ id: String, params: [String: JSON] = [:], on input: Frame? = nil,
                        market: GoldenMarket = .newYorkRTH) throws -> Frame {
        let instance = try indicator(id, params: params)
        return try instance.compute(input ?? goldenBars(for: instance.info, market: market))
    }

    /// Labels `bars` (by default the golden bars of `market`) with labeler `id`.
    public func label(_ id: String, params: [String: JSON] = [:], bars: Frame? = nil,
                      market: GoldenMarket = .newYorkRTH) throws -> Frame {
        let instance = try PackLabeler(pack: pack, id: id, params: params)
        return try instance.label(bars ?? goldenBars(for: instance.info, market: market))
    }

    /// Gate `id`'s verdict on `facts`.
    public func evaluate(_ id: String, params: [String: JSON] = [:], facts: JSON) throws -> JSON {
        try PackGate(pack: pack, id: id, params: params).evaluate(facts)
    }

    /// Risk profile `id`'s budgets.
    public func budgets(_ id: String, params: [String: JSON] = [:]) throws -> JSON {
        try PackRiskProfile(pack: pack, id: id, params: params).budgets()
    }

    /// Every batch adapter `id` returns for `query`, as one frame (`ts` checked increasing).
    public func read(_ id: String, params: [String: JSON] = [:], query: JSON) throws -> Frame {
        try PackDataAdapter(pack: pack, id: id, params: params).read(query)
    }

    /// The pack's `defaults.yaml`, parsed as `edgehost run` parses it.
    public func defaults() throws -> PackDefaults { try PackDefaults(pack: pack) }

    /// A resource shipped in the pack, as text; nil when absent.
    public func resource(_ name: String) -> String? {
        pack.resources[name].map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: checks

    /// Golden bars of `market` with every float64 input `info` declares.
    public func goldenBars(for info: ComponentInfo, market: GoldenMarket, sessions: Int = 3) throws -> Frame {
        try GoldenBars.frame(market, sessions: sessions, extraColumns: info.inputs.filter { $0.format == "g" }.map(\.name))
    }

    /// The earliest row whose value changes when the future is cut off (nil: causal), on
    /// `input` or the golden bars of `market`.
    public func causalityViolation(indicator id: String, params: [String: JSON] = [:], on input: Frame? = nil,
                                   market: GoldenMarket = .newYorkRTH) throws -> CausalityCheck.Violation? {
        let instance = try indicator(id, params: params)
        let bars = try input ?? goldenBars(for: instance.info, market: market)
        let full = try instance.compute(bars)
        return try CausalityCheck.check(input: bars, full: full, cuts: CausalityCheck.cuts(rows: bars.rowCount)) {
            try instance.compute($0)
        }
    }

    /// Packs loaded in this process, by entry or file.
    private static let loaded = LoadedPacks()
}

/// The process-wide table of loaded packs (see `PackHarness`).
final class LoadedPacks: @unchecked Sendable {
    private let lock = NSLock()
    private var packs: [String: LoadedPack] = [:]

    func get(_ key: String, load: () throws(PluginError) -> LoadedPack) throws(PluginError) -> LoadedPack {
        lock.lock()
        defer { lock.unlock() }
        if let pack = packs[key] { return pack }
        let pack = try load()
        packs[key] = pack
        return pack
    }
}
