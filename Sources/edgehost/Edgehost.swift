import ArgumentParser
import Foundation
import Host

@main
struct Edgehost: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgehost",
        abstract: "Intraday trading models from raw market data to live alerts, extended by packs.",
        discussion: """
            Packs are shared libraries found on the plugin path: --plugin-dir folders, then \
            EDGEHOST_PLUGIN_PATH (colon-separated), then the folder of this executable.

            Examples:
              edgehost packs                      list packs and their components
              edgehost packs show zeroedge        every descriptor with parameters and causality
              edgehost pack verify ./libmy.so     run the conformance kit on a pack you built
            """,
        version: EdgehostVersion.current,
        subcommands: [Run.self, Models.self, Preview.self, Build.self, Train.self, Backtest.self, Sweep.self, SweepRules.self, Smoke.self, Leaderboard.self, Alerts.self, Packs.self, Pack.self, Bench.self, RegistryCommand.self, DBNCommand.self, Serve.self, Health.self, Discover.self, ValidateOOS.self, BacktestStrategy.self, Monitor.self, KillSwitchCommand.self, Clean.self, Events.self, LakeCommand.self, Live.self, Stream.self, Replay.self, Reconcile.self, Calibration.self]
    )

    /// The argument parser reports its own errors (usage: 64) and a command's `ExitCode`; every
    /// other error becomes an `EdgehostError`: `Error: <object>: <message> [<code>]` and the exit
    /// status of its class (README, "Exit codes").
    static func main() {
        var command: any ParsableCommand
        do { command = try parseAsRoot() } catch { exit(withError: error) }
        do {
            try command.run()
        } catch where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            // ExitCode, ValidationError, CleanExit and help requests (which `run` may throw too).
            exit(withError: error)
        } catch {
            let report = EdgehostError(error)
            FileHandle.standardError.write(Data("Error: \(report)\n".utf8))
            Foundation.exit(report.exit.rawValue)
        }
    }
}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Also look for packs in this folder (repeatable).", valueName: "dir"))
    var pluginDir: [String] = []

    @Option(name: .long, help: ArgumentHelp("Load this pack file (repeatable).", valueName: "file.so"))
    var plugin: [String] = []

    @Option(name: .long, help: "Log level: trace, debug, info, warn, error.")
    var logLevel: String = "warn"

    func apply() throws {
        guard let level = Log.Level(name: logLevel) else {
            throw ValidationError("--log-level must be one of trace, debug, info, warn, error (got '\(logLevel)')")
        }
        Log.setLevel(level)
    }

    func catalogue() throws -> PackCatalogue {
        try apply()
        // Packs read secrets (API keys) from the environment, then from ./.env.
        return try PackCatalogue(searchPath: PackSearchPath(files: plugin, pluginDirs: pluginDir),
                                 environment: HostEnvironment(dotEnvPath: ".env"))
    }
}
