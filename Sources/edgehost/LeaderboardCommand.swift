import ArgumentParser
import Foundation
import Host
import PackKit

extension LeaderboardMetric: ExpressibleByArgument {}

struct Leaderboard: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The best backtested configurations, ranked by a metric, with their gate verdicts.",
        discussion: """
            Every backtest (and sweep) writes one row per configuration: model × risk profile × threshold × \
            top-% × allowed hours. Rerunning a configuration replaces its row. Rows are ranked by --metric, \
            highest first; a metric with no value (no trades) ranks last, and ties go by the row's key, so the \
            order never changes between runs or backends.

            Columns: config is risk profile / threshold / top-% / hours; defl. Sharpe is the deflated Sharpe \
            ratio (the chance the Sharpe is real, given every configuration tried); gate is the verdict of the \
            pack's quality gate and the risk profile's budgets on that configuration: PASS, or FAIL with the reasons. \
            matrix and config are the first 8 characters of the SHA-256 of the training matrix and the model \
            configuration, to tell apart rows of the same model built from different data or settings.

            The store is --db, else $EDGEHOST_DB, else <workspace>/edgehost.sqlite: a postgres://user:password@\
            host:port/database URL shares one leaderboard between machines; sqlite:PATH or a path is a file.

            Examples:
              edgehost leaderboard                          the 20 best rows by Sharpe
              edgehost leaderboard --pass-gate-only --json  the passing ones, as JSON
              edgehost leaderboard --model spy_opt_0dte_hourly --metric calmar --top 5
              edgehost leaderboard --db postgres://edgehost@db.internal:5432/research
            """)

    @OptionGroup var ws: WorkspaceOptions
    @OptionGroup var store: StoreOptions
    @Option(help: "Only this model's rows.") var model: String?
    @Flag(help: "Only rows whose risk profile's gate passed.") var passGateOnly = false
    @Option(help: "How many rows to show.") var top = 20
    @Option(help: "The figure to rank by.") var metric: LeaderboardMetric = .sharpe
    @Flag(help: "Print a JSON array (every field; NaN as null).") var json = false

    func validate() throws {
        guard top > 0 else { throw ValidationError("--top must be at least 1, got \(top)") }
    }

    func run() throws {
        let location = try LeaderboardStores.location(store.db, workspace: ws.resolved)
        let leaderboard = try location.open()
        let rows = try leaderboard.ranked(model: model, metric: metric, top: top, passGateOnly: passGateOnly)
        if json {
            print(JSON.array(rows.map(\.json)).prettyText, terminator: "")
        } else if rows.isEmpty {
            let filters = [model.map { "model \($0)" }, passGateOnly ? "a passing gate" : nil].compactMap { $0 }
            print("no leaderboard rows\(filters.isEmpty ? "" : " with " + filters.joined(separator: " and ")) in \(location)")
            if try leaderboard.count() == 0 {
                print("  backtest a model first: edgehost run --pack zeroedge, or edgehost backtest --model <id>")
            }
        } else {
            print("leaderboard \(location): \(rows.count) row(s) by \(metric.rawValue)\(model.map { ", model \($0)" } ?? "")\(passGateOnly ? ", gate passed" : "")")
            print(LeaderboardTable(rows).text, terminator: "")
        }
    }
}

/// The rows as fixed-width columns, numbers right-aligned; the gate's reasons come last since
/// their length varies.
struct LeaderboardTable {
    static let header = ["#", "model", "config", "trades", "Sharpe", "defl. Sharpe", "max DD", "gate", "matrix", "config sha", "reasons"]
    /// Columns aligned to the right (numbers).
    static let numeric: Set<Int> = [0, 3, 4, 5, 6]

    let cells: [[String]]

    init(_ rows: [LeaderboardRow]) {
        cells = rows.enumerated().map { rank, row in
            [String(rank + 1), row.modelID, Self.config(row), String(row.trades), Self.number(row.sharpe, "%.2f"),
             Self.number(row.deflatedSharpe, "%.2f"), Self.number(row.maxDrawdown * 100, "%.1f%%"), Self.badge(row.gateStatus),
             String(row.matrixSHA.prefix(8)), String(row.configSHA.prefix(8)), row.gateReasons]
        }
    }

    var text: String {
        let lines = [Self.header] + cells
        let widths = Self.header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { line in
            var text = line.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return Self.numeric.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text + "\n"
        }.joined()
    }

    /// risk profile / threshold / top-% / hours, e.g. "balanced / 0.55 / top 10% / 13,14,15".
    static func config(_ row: LeaderboardRow) -> String {
        let share = row.topPct.map { "top " + number($0 * 100, "%.4g") + "%" } ?? "all"
        let hours = row.allowedHours.isEmpty ? "all hours" : row.allowedHours
        return "\(row.riskProfile) / \(number(row.threshold, "%.2f")) / \(share) / \(hours)"
    }

    static func badge(_ status: String) -> String {
        switch status {
        case "pass": "PASS"
        case "fail": "FAIL"
        default: "-"
        }
    }

    static func number(_ x: Double, _ format: String) -> String { x.isNaN ? "n/a" : String(format: format, x) }
}
