import Foundation

/// Population stability index of two samples of probabilities:
///
///     PSI = Σᵢ (cᵢ − bᵢ) · ln(cᵢ / bᵢ)
///
/// over 10 equal bins of [0, 1] (`[0, 0.1)`, …, `[0.9, 1]`: 1 falls in the last bin), where cᵢ and
/// bᵢ are the shares of the canary's and the baseline's values in bin i. An empty bin's share is
/// replaced by ε (1e-4) so the log stays finite; shares are not renormalised. 0 = same shape;
/// the usual reading: < 0.1 stable, 0.1–0.25 drifting, > 0.25 a different population.
public enum PSI {
    public static let bins = 10
    public static let epsilon = 1e-4

    public static func value(canary: [Double], baseline: [Double]) -> Double {
        let c = shares(canary), b = shares(baseline)
        return zip(c, b).reduce(0) { $0 + ($1.0 - $1.1) * log($1.0 / $1.1) }
    }

    /// Each bin's share of `values`, ε for an empty bin (all ε for no values).
    static func shares(_ values: [Double]) -> [Double] {
        var counts = Array(repeating: 0, count: bins)
        for v in values where v.isFinite { counts[min(max(Int(v * Double(bins)), 0), bins - 1)] += 1 }
        let total = Double(counts.reduce(0, +))
        return counts.map { $0 == 0 || total == 0 ? epsilon : Double($0) / total }
    }
}

/// One arm's signals with a known outcome.
public struct GuardArm: Sendable, Equatable {
    public var samples = 0
    public var wins = 0
    public var probabilities: [Double] = []

    public init() {}

    /// Wins per 100 signals (0 without samples).
    public var winRate: Double { samples == 0 ? 0 : 100 * Double(wins) / Double(samples) }

    /// The `baseline` and `canary` rows of a signals file, joined with the matrix's
    /// `outcome_<action>` at the signal's time (a win: outcome > 0). Rows whose outcome is not
    /// known yet (no such decision in the matrix, or an empty outcome) are skipped, as are rows
    /// of other versions than the ones being compared (`nil` = any version).
    public static func arms(_ rows: [SignalsFile.Row], matrix: Matrix, baselineVersion: String?, canaryVersion: String?)
        -> (baseline: GuardArm, canary: GuardArm) {
        // A keyed matrix (several decisions per instant) joins on the time and the decision key.
        var rowAt: [String: Int] = [:]
        for (r, ts) in matrix.ts.enumerated() { rowAt[Timestamps.iso(ts) + (matrix.keys.map { "|" + $0[r] } ?? "")] = r }
        let column = Dictionary(uniqueKeysWithValues: matrix.outcomeNames.enumerated().map { ($1, $0) })
        var baseline = GuardArm(), canary = GuardArm()
        for row in rows {
            let isCanary = row.route == CanaryRouter.Route.canary.rawValue
            guard isCanary || row.route == CanaryRouter.Route.baseline.rawValue else { continue }
            if let wanted = isCanary ? canaryVersion : baselineVersion, wanted != row.modelVersion { continue }
            guard let r = rowAt[row.ts + (row.decisionKey.map { "|" + $0 } ?? "")], let o = column["outcome_\(row.action)"], matrix.outcomes[o][r].isFinite else { continue }
            let win = matrix.outcomes[o][r] > 0
            if isCanary { canary.record(row.probability, win: win) } else { baseline.record(row.probability, win: win) }
        }
        return (baseline, canary)
    }

    mutating func record(_ probability: Double, win: Bool) {
        samples += 1
        wins += win ? 1 : 0
        probabilities.append(probability)
    }
}

/// The guard's limits (`edgehost registry guard` options).
public struct GuardLimits: Sendable, Equatable {
    public var minSample: Int
    /// Percentage points the canary's win rate may fall below the baseline's.
    public var maxWinRateDrop: Double
    public var maxPSI: Double
    public var cooldownHours: Double

    public init(minSample: Int = 30, maxWinRateDrop: Double = 5, maxPSI: Double = 0.25, cooldownHours: Double = 24) {
        self.minSample = minSample
        self.maxWinRateDrop = maxWinRateDrop
        self.maxPSI = maxPSI
        self.cooldownHours = cooldownHours
    }
}

/// Canary against baseline under the limits: what would trip, before any cooldown.
public struct GuardAssessment: Sendable, Equatable {
    public let baseline: GuardArm
    public let canary: GuardArm
    /// Baseline win rate − canary win rate, in percentage points (positive = the canary is worse).
    public let winRateDrop: Double
    public let psi: Double
    public let enoughData: Bool
    /// Why the guard trips (empty = it does not, or there is not enough data).
    public let trips: [String]

    public init(baseline: GuardArm, canary: GuardArm, limits: GuardLimits) {
        self.baseline = baseline
        self.canary = canary
        winRateDrop = baseline.winRate - canary.winRate
        psi = PSI.value(canary: canary.probabilities, baseline: baseline.probabilities)
        enoughData = baseline.samples >= limits.minSample && canary.samples >= limits.minSample
        var trips: [String] = []
        if enoughData, winRateDrop > limits.maxWinRateDrop {
            trips.append("canary win rate \(Self.fixed(canary.winRate, 1))% is \(Self.fixed(winRateDrop, 1)) points below the baseline's \(Self.fixed(baseline.winRate, 1))% (limit \(Self.fixed(limits.maxWinRateDrop, 1)))")
        }
        if enoughData, psi > limits.maxPSI {
            trips.append("PSI of the probabilities \(Self.fixed(psi, 3)) > \(Self.fixed(limits.maxPSI, 3))")
        }
        self.trips = trips
    }

    static func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
}
