import PackKit

/// The per-row outputs of a pack with `event_outputs` (Plugins/zerodteput/docs/policy.md):
/// the event's probability, its confidence interval, risk tier, rank among the rows of one
/// instant, and policy status with its reason. One function for the alerts and for live rows.
public enum EventRowOutputs {
    /// One scored row: the model's probability of the event and the features the value needs.
    public struct Row: Sendable, Equatable {
        public var key: String
        public var probability: Double
        public var credit: Double, mid: Double, riskNeutral: Double

        public init(key: String, probability: Double, credit: Double, mid: Double, riskNeutral: Double) {
            self.key = key
            self.probability = probability
            self.credit = credit
            self.mid = mid
            self.riskNeutral = riskNeutral
        }
    }

    public struct Output: Sendable, Equatable {
        public var probability: Double
        public var interval: WilsonInterval
        public var riskTier: String
        public var ladderRank: Int
        public var policyStatus: String
        public var policyReason: String

        /// The values of `EventOutputSpec.columns`, as written (no comma in any of them).
        public var fields: [String] {
            [Facts.decimal(probability, 6), Facts.decimal(interval.low, 6), Facts.decimal(interval.high, 6), riskTier, String(ladderRank),
             policyStatus, policyReason.replacingOccurrences(of: ",", with: ";")]
        }
    }

    /// The outputs of the rows of ONE instant (a ladder), in the rows' order: each probability
    /// gets the interval of its calibration bin; `blockedBy` blocks every row with that reason.
    public static func score(_ rows: [Row], calibration: EventCalibration, cap: Double, blockedBy: String? = nil) -> [Output] {
        let candidates = rows.map { r in
            EventPolicy.Candidate(key: r.key, probability: r.probability, interval: calibration.interval(for: r.probability),
                                  credit: r.credit, mid: r.mid, riskNeutral: r.riskNeutral)
        }
        let decisions = EventPolicy(cap: cap).decide(candidates, blockedBy: blockedBy)
        return zip(candidates, decisions).map { c, d in
            Output(probability: c.probability, interval: c.interval, riskTier: d.riskTier, ladderRank: d.ladderRank,
                   policyStatus: d.status, policyReason: d.reason)
        }
    }
}
