import ArgumentParser
import Foundation
import Host
import PackKit

struct Calibration: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a model's confidence intervals (packs with event_outputs) on fresh data.",
        subcommands: [CalibrationCheckCommand.self])
}

struct CalibrationCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Do the calibration bins' intervals hold the realised event rate of fresh sessions?",
        discussion: """
            The frozen model (the registry's active version, else the workspace artifact) scores a fresh build of its \
            own adapter (same parameters, --seed and/or dates it was not trained on); each prediction falls in its \
            calibration bin as a live row's does, and each bin's realised event rate is checked against the bin's \
            interval. N(-d2)'s bins (the backtest's baseline) are checked the same way for reference. Give several \
            times the calibration's sessions (k <= 0.25), or even exact intervals cover less. Writes \
            reports/calibration_check/<model>/…json. Exit 0 when at least --min-coverage of the bins cover, 1 otherwise.

            Example:
              edgehost calibration check --model spx_opt_0dte_event --seed 6 --start 2023-01-03 --end 2023-12-29
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ws: WorkspaceOptions
    @Option(help: ArgumentHelp("Stored model id.", valueName: "id")) var model: String
    @Option(help: ArgumentHelp("First New York date of the fresh sessions.", valueName: "YYYY-MM-DD")) var start: String
    @Option(help: ArgumentHelp("Last New York date of the fresh sessions, inclusive.", valueName: "YYYY-MM-DD")) var end: String
    @Option(help: ArgumentHelp("The adapter's seed for the fresh sessions (default: the model's).", valueName: "n")) var seed: Int?
    @Option(help: ArgumentHelp("Share of bins that must cover.", valueName: "x")) var minCoverage = 0.9
    @Option(help: ArgumentHelp("Model registry folder (default: $EDGEHOST_REGISTRY, else ./registry).", valueName: "dir")) var registry: String?

    func validate() throws {
        guard minCoverage >= 0, minCoverage <= 1 else { throw ValidationError("--min-coverage must be in [0, 1], got \(minCoverage)") }
    }

    func run() throws {
        let context = try ModelContext(global, ws, model: model)
        let from: Int32, to: Int32
        do { (from, to) = (try Timestamps.parseDate(start), try Timestamps.parseDate(end)) } catch { throw ValidationError("--start/--end: \(error)") }
        var check = CalibrationCheck(context: context, start: from, end: to)
        (check.registry, check.seed, check.minCoverage) = (registry, seed, minCoverage)
        let o = try check.run()
        print("calibration check \(model) (\(o.source)) on \(o.sessions) fresh session(s), \(o.rows) row(s), seed \(o.seed.map(String.init) ?? "-"): "
            + "\(o.model.covered) of \(o.model.bins) bins covered (a calibrated model expects \(String(format: "%.1f", o.model.expectedCovered)); largest k \(String(format: "%.2f", o.model.largestK)))"
            + (o.baseline.map { "; N(-d2): \($0.covered) of \($0.bins)" } ?? ""))
        let s = o.scores
        print(String(format: "  Brier %.5f (N(-d2) %.5f); mean probability %.4f (N(-d2) %.4f), realised rate %.4f",
                     s.modelBrier, s.baselineBrier, s.modelMean, s.baselineMean, s.realisedRate))
        print("  bin  probabilities        interval             rows  events  rate      k     covered")
        for (i, b) in o.model.perBin.enumerated() {
            print(String(format: "  %3d  %.4f-%.4f  [%.4f, %.4f]  %6d  %6d  %.4f  %.2f  ", i + 1, b.lower, b.upper, b.ciLow, b.ciHigh, b.rows, b.events,
                         b.rate, b.k) + (b.covered ? "yes" : "no"))
        }
        for note in o.notes { print("  note: \(note)") }
        print("  \(context.workspace.relative(o.reportPath))")
        if !o.passed { throw ExitCode(1) }
    }
}
