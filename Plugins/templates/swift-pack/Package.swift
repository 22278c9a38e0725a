// swift-tools-version:6.1
// A standalone edgehost pack: copy this folder anywhere, point EDGEHOST_PATH at an edgehost
// checkout, then `swift build` (the pack: libmypack.so) and `swift test` (PackTestKit).
import Foundation
import PackageDescription

/// This folder: the linker's version script lives here.
let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
/// The edgehost checkout: EDGEHOST_PATH, else this template's own place in it (Plugins/templates/swift-pack).
let edgehostPath = URL(fileURLWithPath: ProcessInfo.processInfo.environment["EDGEHOST_PATH"] ?? "\(here)/../../..")
    .standardizedFileURL.path
/// SwiftPM names a path dependency after its folder ("edgehost", or a worktree's name).
let edgehost = URL(fileURLWithPath: edgehostPath).lastPathComponent

let package = Package(
    name: "mypack",
    platforms: [.macOS(.v14)],
    products: [
        // The pack: one shared object exporting only `edgehost_pack_entry`.
        .library(name: "mypack", type: .dynamic, targets: ["MyPack", "MyPackEntry"]),
    ],
    dependencies: [
        .package(path: edgehostPath),
    ],
    targets: [
        // The pack's components, in Swift.
        .target(name: "MyPack", dependencies: [.product(name: "PackKit", package: edgehost)],
                swiftSettings: [.enableUpcomingFeature("ExistentialAny")],
                linkerSettings: [.unsafeFlags(["-Xlinker", "--version-script=\(here)/exports.map"])]),
        // The one-line C entry (Swift cannot define a C data symbol).
        .target(name: "MyPackEntry", dependencies: [.product(name: "PackKit", package: edgehost)]),
        // The pack linked into the test process, checked by PackTestKit through its C tables.
        .testTarget(name: "MyPackTests", dependencies: [
            "MyPack", "MyPackEntry", .product(name: "PackTestKit", package: edgehost),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
