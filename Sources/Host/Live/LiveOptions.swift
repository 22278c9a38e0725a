import Foundation

/// What `edgehost live` was asked: the model and symbol, the loop's cadence and limits, the
/// freshness rule and the recorded-data clock.
public struct LiveOptions: Sendable {
    public var model: String
    public var symbol: String
    /// Simulated (replay) time between cycles.
    public var every: Int64 = 10_000_000_000
    /// Wall-clock seconds after which the loop stops (after finishing its cycle).
    public var maxRuntime: Double = 6 * 3_600
    /// Data older than this at the clock, or a decision scored this long after its entry anchor, is stale.
    public var staleAfter: Int64 = 30_000_000_000
    /// A recording (`edgehost stream capture`) to replay; with `poll`, the folder the loop
    /// records what it polls into (and then reads as a recording).
    public var replayFrom: String
    /// Read the model's own adapter each cycle instead of replaying (`LivePoller`): the session.
    public var poll: Int32? {
        didSet { if poll != nil { polled = true } }
    }
    /// The rows are (or, in a replay of one, were) made by polling: their provenance is the
    /// digest of the bars they knew, not the recording's, which grew after them.
    public var polled = false
    /// The loop's first clock: nil = a replay's first session bar, or the wall clock when polling
    /// (then each cycle waits for the wall clock); given, the clock is simulated from it (tests,
    /// demos, and replays of a polled run's rows).
    public var firstClock: Int64?
    /// Simulated seconds per real second; nil = as fast as possible (no sleeping: tests).
    public var speed: Double?
    /// Stale injection: the stream delivers nothing from `pauseAt` for `pauseFor` (then its backlog).
    public var pauseAt: Int64?
    public var pauseFor: Int64 = 0
    /// The lowest probability that is favorable; nil = the alerts' choice (the version's best
    /// backtested threshold of its risk profile when at or above the floor, else the floor).
    public var threshold: Double?
    /// A model trained through a session more than this many calendar days before the live session is refused.
    public var maxModelAgeDays: Int = 30

    public init(model: String, symbol: String, replayFrom: String) {
        self.model = model
        self.symbol = symbol
        self.replayFrom = replayFrom
    }

    /// Refuses values the loop cannot honour, naming the option.
    public func check() throws {
        func usage(_ option: String, _ message: String) -> EdgehostError { EdgehostError(code: "usage", object: option, message, exit: .usage) }
        guard every > 0 else { throw usage("--every", "must be positive") }
        guard staleAfter > every else {
            throw usage("--stale-after", "\(staleAfter / 1_000_000_000) s must exceed --every (\(every / 1_000_000_000) s): otherwise a decision can be stale only because the loop had not run yet")
        }
        guard maxRuntime > 0, maxRuntime.isFinite else { throw usage("--max-runtime", "must be positive") }
        if let speed { guard speed > 0, speed.isFinite else { throw usage("--speed", "must be positive (or 'max')") } }
        guard pauseFor >= 0, (pauseAt == nil) == (pauseFor == 0) else {
            throw usage("--replay-pause-for", "--replay-pause-at and --replay-pause-for go together, with a positive length")
        }
        if let threshold, !(threshold > 0 && threshold <= 1) { throw usage("--threshold", "must be a probability in (0, 1], got \(threshold)") }
        guard (0...3_660).contains(maxModelAgeDays) else { throw usage("--max-model-age", "must be 0–3660 days") }
    }

    /// `10s`, `5m`, `2h`, `1d` (or plain seconds) → nanoseconds.
    public static func duration(_ text: String, option: String) throws -> Int64 {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        let unit = text.last.flatMap { units[$0] }
        guard let n = Int64(unit == nil ? text : String(text.dropLast())), n >= 0, n <= 366 * 86_400 / (unit ?? 1) else {
            throw EdgehostError(code: "usage", object: option, "'\(text)' is not a duration such as 30s, 5m, 2h or 1d", exit: .usage)
        }
        return n * (unit ?? 1) * 1_000_000_000
    }
}
