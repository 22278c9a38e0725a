import Foundation
import PackKit

/// `edgehost kill-switch`: three checks on a run's strategies for one symbol, each PASS, WARN
/// or HALT, the worst deciding (exit 0, 1, 2), written to `runs/<run>/kill_switch_status.json`.
///
/// - staleness: the age in bars of the newest bar the run's strategy reports saw for the symbol
///   (`Freshness`'s rule, `now` against its close); HALT above the limit.
/// - drawdown: the deepest `max_drawdown` (≤ 0) of the run's strategies trading the symbol;
///   HALT at or below the limit (e.g. −0.15).
/// - slippage ratio: realised over assumed mean slippage per round trip from the strategy
///   reports (`slippage.realised_bps_mean / slippage.assumed_bps_mean`; 1 when both are 0);
///   HALT above the limit.
/// Each check WARNs from 80 % of its limit.
public struct KillSwitch: Sendable {
    public enum Verdict: String, Sendable, Comparable {
        case pass = "PASS", warn = "WARN", halt = "HALT"
        public static func < (a: Verdict, b: Verdict) -> Bool { a.rank < b.rank }
        var rank: Int { self == .pass ? 0 : self == .warn ? 1 : 2 }
        public var exitCode: Int32 { Int32(rank) }
    }

    public struct Check: Sendable {
        public let name: String
        public let value: Double
        public let limit: Double
        public let verdict: Verdict
    }

    public static let warnShare = 0.8

    public let runID, symbol: String
    public let checks: [Check]
    public let now: Int64
    public var verdict: Verdict { checks.map(\.verdict).max() ?? .pass }

    public init(workspace: Workspace, runID: String, symbol: String, maxStalenessBars: Double, maxDrawdown: Double,
                maxSlippageRatio: Double, now: Int64) throws {
        guard maxStalenessBars > 0, maxStalenessBars.isFinite, maxDrawdown < 0, maxDrawdown > -1, maxSlippageRatio > 0, maxSlippageRatio.isFinite else {
            throw EdgehostError(code: "usage", "need --max-staleness-bars > 0, --max-drawdown in (−1, 0), --max-slippage-ratio > 0", exit: .usage)
        }
        let paths = try StrategyFiles.reports(workspace: workspace, runID: runID)
        var newest: Int64?, bar: Int64?, deepest = 0.0, assumed = 0.0, realised = 0.0, found = false
        for path in paths {
            let report = try JSON.parse(try String(contentsOfFile: path, encoding: .utf8))
            guard case .array(let symbols)? = report["symbols"],
                  let mine = symbols.first(where: { $0["symbol"]?.stringValue == symbol }) else { continue }
            found = true
            if let last = mine["last"]?.stringValue.flatMap(Timestamps.parseInstant) { newest = max(newest ?? last, last) }
            if let seconds = mine["bar_seconds"]?.doubleValue, seconds > 0, seconds < 1e7 { bar = Int64(seconds * 1e9) }
            deepest = min(deepest, report["metrics"]?["max_drawdown"]?.doubleValue ?? 0)
            assumed = max(assumed, report["slippage"]?["assumed_bps_mean"]?.doubleValue ?? 0)
            realised = max(realised, report["slippage"]?["realised_bps_mean"]?.doubleValue ?? 0)
        }
        guard found, let newest, let bar else {
            throw EdgehostError(code: "no-strategy-report", object: workspace.relative(workspace.path("reports", "strategies", runID)),
                                "no strategy report of run '\(runID)' trades \(symbol): run `edgehost backtest-strategy --run-id \(runID)` first",
                                exit: .badInput)
        }
        let age = Double(now - (newest + bar)) / Double(bar)
        let ratio = assumed > 0 ? realised / assumed : (realised > 0 ? .infinity : 1)
        func above(_ x: Double, _ limit: Double) -> Verdict { x > limit ? .halt : x > Self.warnShare * limit ? .warn : .pass }
        checks = [
            Check(name: "staleness_bars", value: age, limit: maxStalenessBars, verdict: above(age, maxStalenessBars)),
            Check(name: "drawdown", value: deepest, limit: maxDrawdown, verdict: deepest <= maxDrawdown ? .halt : deepest <= Self.warnShare * maxDrawdown ? .warn : .pass),
            Check(name: "slippage_ratio", value: ratio, limit: maxSlippageRatio, verdict: above(ratio, maxSlippageRatio)),
        ]
        self.runID = runID
        self.symbol = symbol
        self.now = now
    }

    public var json: JSON {
        .object([
            "run_id": .string(runID), "symbol": .string(symbol), "now": .string(Timestamps.iso(now)), "status": .string(verdict.rawValue),
            "checks": .array(checks.map { c in
                .object(["check": .string(c.name), "value": .finite(c.value), "limit": .number(c.limit), "verdict": .string(c.verdict.rawValue)])
            }),
        ])
    }

    /// Writes `runs/<run>/kill_switch_status.json` in one rename; returns its path.
    public func write(workspace: Workspace) throws -> String {
        let path = workspace.path("runs", runID, "kill_switch_status.json")
        try AtomicFile.write(json.prettyText, to: path)
        return path
    }
}
