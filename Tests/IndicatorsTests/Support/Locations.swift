import Foundation

/// Paths the tests need, found from this file's location so any working directory works.
enum Locations {
    /// The package root (this file is `Tests/IndicatorsTests/Support/Locations.swift`).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The SPY 1-minute bars of 2024, kept outside the repository in `../shared`; the
    /// `EDGEHOST_SPY_CSV` environment variable overrides it.
    static let spyBars: String = ProcessInfo.processInfo.environment["EDGEHOST_SPY_CSV"]
        ?? repositoryRoot.appendingPathComponent("../shared/data/spy/SPY_1m_2024.csv").standardized.path

    static var spyBarsPresent: Bool { FileManager.default.fileExists(atPath: spyBars) }

    static let oracleScript = repositoryRoot.appendingPathComponent("Tests/oracles/talib_reference.py").path
}
