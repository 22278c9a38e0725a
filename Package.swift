// swift-tools-version:6.1
import Foundation
import PackageDescription

/// Absolute path of this package, so linker flags can name files in it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path

/// A Swift pack exports exactly one dynamic symbol (`edgehost_pack_entry`): the version
/// script hides everything else, as it does for C packs.
let packLinkerSettings: [LinkerSetting] = [
    .unsafeFlags(["-Xlinker", "--version-script=\(root)/Plugins/exports.map"])
]

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "edgehost",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "edgehost", targets: ["edgehost"]),
        .library(name: "PackKit", targets: ["PackKit"]),
        .library(name: "zeroedge", type: .dynamic, targets: ["ZeroEdge", "ZeroEdgeEntry"]),
        .library(name: "swiftexample", type: .dynamic, targets: ["SwiftExample", "SwiftExampleEntry"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The ABI: one header, nothing else (plus its companion helpers for C authors).
        .target(name: "PluginAPI", path: "Sources/PluginAPI"),
        // The Swift SDK for pack authors: frames, Arrow import/export, component declarations.
        .target(name: "PackKitC", dependencies: ["PluginAPI"], path: "Sources/PackKitC"),
        .target(name: "PackKit", dependencies: ["PluginAPI", "PackKitC"], path: "Sources/PackKit",
                swiftSettings: strict),
        // The built-in indicator library (TA-Lib conventions); usable by the host and by packs.
        .target(name: "Indicators", path: "Sources/Indicators", swiftSettings: strict),
        // Market knowledge shared by packs: exchange calendars, option pricing, chain snapshots,
        // simulated and file-backed bars.
        .target(name: "MarketKit", dependencies: ["PackKit", "Indicators"], path: "Sources/MarketKit", swiftSettings: strict),
        // System libraries, found with pkg-config: XGBoost for the trainer, SQLite for the stores.
        .systemLibrary(name: "CXGBoost", path: "Sources/CXGBoost", pkgConfig: "xgboost", providers: [.apt(["libxgboost-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // SHA-256 of the artifacts' inputs, in C: see its header for why not swift-crypto.
        .target(name: "CSHA256", path: "Sources/CSHA256"),
        .target(name: "Host", dependencies: [
            "PluginAPI", "PackKit", "Indicators", "MarketKit", "CXGBoost", "CSQLite", "CLibPQ", "Yams",
            "CSHA256",
        ], path: "Sources/Host", swiftSettings: strict),
        .executableTarget(name: "edgehost", dependencies: [
            "Host", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/edgehost", swiftSettings: strict),

        // Packs shipped with edgehost. Each Swift pack is a Swift target plus a one-line C entry.
        .target(name: "ZeroEdge", dependencies: ["PackKit", "Indicators", "MarketKit"], path: "Plugins/zeroedge/Sources/ZeroEdge",
                resources: [], swiftSettings: strict, linkerSettings: packLinkerSettings),
        .target(name: "ZeroEdgeEntry", dependencies: ["PackKitC"], path: "Plugins/zeroedge/Sources/ZeroEdgeEntry"),
        .target(name: "SwiftExample", dependencies: ["PackKit", "Indicators"], path: "Plugins/examples/swift-pack/Sources/SwiftExample",
                swiftSettings: strict, linkerSettings: packLinkerSettings),
        .target(name: "SwiftExampleEntry", dependencies: ["PackKitC"], path: "Plugins/examples/swift-pack/Sources/SwiftExampleEntry"),

        .testTarget(name: "PackKitTests", dependencies: ["PackKit"], path: "Tests/PackKitTests"),
        .testTarget(name: "IndicatorsTests", dependencies: ["Indicators"], path: "Tests/IndicatorsTests"),
        .testTarget(name: "MarketKitTests", dependencies: ["MarketKit"], path: "Tests/MarketKitTests"),
        .testTarget(name: "ZeroEdgeTests", dependencies: ["ZeroEdge", "MarketKit", "TestSupport"], path: "Tests/ZeroEdgeTests"),
        // Support shared by the test targets (a throw-away PostgreSQL server).
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "HostTests", dependencies: ["Host", "PackKit", "PackTestKit", "TestSupport"], path: "Tests/HostTests"),
        .testTarget(name: "EndToEndTests", dependencies: ["Host", "TestSupport"], path: "Tests/EndToEndTests"),
    ],
    swiftLanguageModes: [.v6]
)

// The fuzzing harness (Fuzz/README in the main README's "Fuzzing" section): one executable, every parser a target.
package.targets.append(.executableTarget(name: "edgehost-fuzz", dependencies: ["Host", "MarketKit", "PackKit", "PluginAPI"],
                                         path: "Fuzz/Sources/edgehost-fuzz", swiftSettings: strict))
package.products.append(.executable(name: "edgehost-fuzz", targets: ["edgehost-fuzz"]))

// Databento DBN files (README "DBN files"): libzstd as a system library, the streaming decoder, its
// tests; the host's `dbn info` / `dbn dump` and the fuzz target use it.
package.targets.append(contentsOf: [
    .systemLibrary(name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
    .target(name: "DBN", dependencies: ["CZstd"], path: "Sources/DBN", swiftSettings: strict),
    .testTarget(name: "DBNTests", dependencies: ["DBN", "CZstd", "Host", "PackKit"], path: "Tests/DBNTests"),
])
for target in package.targets where target.name == "Host" || target.name == "edgehost-fuzz" {
    target.dependencies.append("DBN")
}

// PackTestKit (README "Testing your pack"): golden bars in any market, the conformance checks of
// `edgehost pack verify` and an in-process harness, for a pack's own test target. It depends on
// Host because the checks and the loader are the host's own: a pack is tested by the code that runs it.
package.targets.append(.target(name: "PackTestKit", dependencies: ["Host", "PackKit", "PluginAPI"],
                               path: "Sources/PackTestKit", swiftSettings: strict))
package.products.append(.library(name: "PackTestKit", targets: ["PackTestKit"]))
package.targets.append(.testTarget(name: "PackTestKitTests", dependencies: ["PackTestKit"],
                                   path: "Tests/PackTestKitTests", swiftSettings: strict))

// The HTTP server (README "Server"): its own module so packs and most tests don't build Hummingbird.
package.dependencies.append(contentsOf: [
    // Without the default trait ConfigurationSupport: the server reads no swift-configuration
    // files, and leaving it out saves CI compiling that package (47 files).
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    // Already in the graph through Hummingbird; named for NIOPosix's executor take-over (`serve`).
    .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
])
package.targets.append(contentsOf: [
    .target(name: "EdgehostServer", dependencies: [
        "Host",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "Logging", package: "swift-log"),
    ], path: "Sources/Server", resources: [.copy("Resources")], swiftSettings: strict),
    .testTarget(name: "ServerTests", dependencies: ["EdgehostServer", "Host", "TestSupport"], path: "Tests/ServerTests"),
])
if let cli = package.targets.first(where: { $0.name == "edgehost" }) {
    cli.dependencies.append("EdgehostServer")
}

// The crypto pack (Plugins/crypto/README.md): BTCUSDT/ETHUSDT 24/7 klines (sim, csv, binance),
// features and event detectors for discovery, the strategy blueprints and risk profiles.
// Product `cryptopack` (libcryptopack.so; pack id `crypto`): a libcrypto.so would shadow OpenSSL's.
package.products.append(.library(name: "cryptopack", type: .dynamic, targets: ["CryptoPack", "CryptoPackEntry"]))
// PackHTTP: blocking GETs over URLSession for the packs' vendor adapters (zeroedge's Polygon, crypto's Binance).
package.targets.append(.target(name: "PackHTTP", path: "Sources/PackHTTP", swiftSettings: strict))
for target in package.targets where target.name == "ZeroEdge" {
    target.dependencies.append("PackHTTP")
}
package.targets.append(contentsOf: [
    .target(name: "CryptoPack", dependencies: ["PackKit", "MarketKit", "PackHTTP"], path: "Plugins/crypto/Sources/CryptoPack",
            swiftSettings: strict, linkerSettings: packLinkerSettings),
    .target(name: "CryptoPackEntry", dependencies: ["PackKitC"], path: "Plugins/crypto/Sources/CryptoPackEntry"),
    .testTarget(name: "CryptoTests", dependencies: ["CryptoPack", "PackKit", "PackTestKit", "PackHTTP", "TestSupport"],
                path: "Tests/CryptoTests", swiftSettings: strict),
])

// The es0dte pack (Plugins/es0dte): ES futures and ES 0DTE options, level touches with
// triple-barrier labels; several decisions per instant (a `key` per level).
// Its exported entry is a target of its own, so the test bundle can link ES0DTE beside ZeroEdge.
package.products.append(.library(name: "es0dte", type: .dynamic, targets: ["ES0DTE", "ES0DTEExport", "ES0DTEEntry"]))
package.targets += [
    .target(name: "ES0DTE", dependencies: ["PackKit", "Indicators", "MarketKit"], path: "Plugins/es0dte/Sources/ES0DTE",
            swiftSettings: strict),
    .target(name: "ES0DTEExport", dependencies: ["ES0DTE", "PackKit"], path: "Plugins/es0dte/Sources/ES0DTEExport",
            swiftSettings: strict, linkerSettings: packLinkerSettings),
    .target(name: "ES0DTEEntry", dependencies: ["PackKitC"], path: "Plugins/es0dte/Sources/ES0DTEEntry"),
    .testTarget(name: "ES0DTETests", dependencies: ["ES0DTE", "MarketKit", "PackKit"], path: "Tests/ES0DTETests"),
]

// The zerodteput pack (Plugins/zerodteput): SPXW 0DTE put breach probability over a strike
// ladder (a `key` per strike), Wilson intervals from the walk-forward's calibration.
// Its exported entry is a target of its own, like es0dte's, so tests can link ZeroDTEPut beside ZeroEdge.
package.products.append(.library(name: "zerodteput", type: .dynamic, targets: ["ZeroDTEPut", "ZeroDTEPutExport", "ZeroDTEPutEntry"]))
package.targets += [
    .target(name: "ZeroDTEPut", dependencies: ["PackKit", "Indicators", "MarketKit"], path: "Plugins/zerodteput/Sources/ZeroDTEPut",
            swiftSettings: strict),
    .target(name: "ZeroDTEPutExport", dependencies: ["ZeroDTEPut", "PackKit"], path: "Plugins/zerodteput/Sources/ZeroDTEPutExport",
            swiftSettings: strict, linkerSettings: packLinkerSettings),
    .target(name: "ZeroDTEPutEntry", dependencies: ["PackKitC"], path: "Plugins/zerodteput/Sources/ZeroDTEPutEntry"),
    .testTarget(name: "ZeroDTEPutTests", dependencies: ["ZeroDTEPut", "MarketKit", "PackKit"], path: "Tests/ZeroDTEPutTests"),
]
// The fuzz harness also drives the crypto pack's parsers (Fuzz/Sources/edgehost-fuzz/CryptoTargets.swift).
for target in package.targets where target.name == "edgehost-fuzz" { target.dependencies.append("CryptoPack") }
// zerodteput's `alpaca` adapter speaks HTTP (PackHTTP); its tests start a fake Alpaca (TestSupport).
for target in package.targets where target.name == "ZeroDTEPut" { target.dependencies.append("PackHTTP") }
for target in package.targets where target.name == "ZeroDTEPutTests" { target.dependencies.append("TestSupport") }
// The fuzz harness drives zerodteput's Alpaca body parsers (Fuzz/Sources/edgehost-fuzz/AlpacaTargets.swift).
for target in package.targets where target.name == "edgehost-fuzz" { target.dependencies.append("ZeroDTEPut") }
