import PackKit

/// What the pack adds to each scored decision (docs/policy.md): the risk tier, the rank of the
/// strike in its ladder and the policy status with its reason. Decision support only.
public struct EventPolicy: Sendable {
    /// The highest upper CI a `favorable` decision may have (the risk profile's cap).
    public var cap: Double
    /// Upper CI bounds of the tiers: `low` up to `lowCap`, `elevated` up to `elevatedCap`, else `high`.
    public var lowCap: Double
    public var elevatedCap: Double
    /// An interval wider than this is at least `elevated`: too little calibration to call it low.
    public var maxLowWidth: Double

    public init(cap: Double = 0.05, lowCap: Double = 0.05, elevatedCap: Double = 0.15, maxLowWidth: Double = 0.10) {
        self.cap = cap
        self.lowCap = lowCap
        self.elevatedCap = elevatedCap
        self.maxLowWidth = maxLowWidth
    }

    /// One strike of a decision, as scored.
    public struct Candidate: Sendable {
        public var key: String
        public var probability: Double
        public var interval: WilsonInterval
        /// The bid less fees, index points.
        public var credit: Double
        /// The put's mid and its risk-neutral breach probability: mid / N(−d2) estimates the
        /// expected loss given a breach (E[(K − S)⁺] = P(breach) · E[K − S | breach]).
        public var mid: Double
        public var riskNeutral: Double

        public init(key: String, probability: Double, interval: WilsonInterval, credit: Double, mid: Double, riskNeutral: Double) {
            self.key = key
            self.probability = probability
            self.interval = interval
            self.credit = credit
            self.mid = mid
            self.riskNeutral = riskNeutral
        }

        /// Expected after-cost value of selling the put if the breach probability were the upper CI.
        public var valueAtUpper: Double {
            let lossGivenBreach = riskNeutral > 0 ? mid / riskNeutral : 0
            return credit - interval.high * lossGivenBreach
        }
    }

    public struct Decision: Sendable, Equatable {
        public var key: String
        public var riskTier: String
        public var ladderRank: Int
        public var status: String
        public var reason: String
    }

    public func tier(_ interval: WilsonInterval) -> String {
        if interval.high <= lowCap, interval.width <= maxLowWidth { return "low" }
        return interval.high <= elevatedCap ? "elevated" : "high"
    }

    /// The decisions of one ladder (one instant), in the candidates' order; `blockedBy` (why the
    /// instant's data cannot be trusted: "stale data: …", "data gap: …") blocks all, with that reason.
    public func decide(_ ladder: [Candidate], blockedBy: String? = nil) -> [Decision] {
        let ranked = ladder.indices.sorted { (-ladder[$0].valueAtUpper, ladder[$0].key) < (-ladder[$1].valueAtUpper, ladder[$1].key) }
        var rank = [Int](repeating: 0, count: ladder.count)
        for (position, index) in ranked.enumerated() { rank[index] = position + 1 }
        return ladder.indices.map { i in
            let c = ladder[i]
            let (status, reason): (String, String)
            if let blockedBy {
                (status, reason) = ("blocked", blockedBy)
            } else if c.interval.high > cap {
                (status, reason) = ("blocked", "CI upper \(Self.text(c.interval.high)) > tier cap \(Self.text(cap))")
            } else if c.valueAtUpper > 0 {
                (status, reason) = ("favorable", "value at CI upper \(Self.text(c.valueAtUpper)) > 0")
            } else {
                (status, reason) = ("neutral", "value at CI upper \(Self.text(c.valueAtUpper)) <= 0")
            }
            return Decision(key: c.key, riskTier: tier(c.interval), ladderRank: rank[i], status: status, reason: reason)
        }
    }

    static func text(_ x: Double) -> String { Facts.decimal(x, 2) }
}
