/// What the features and the labeler need from a snapshot, reduced to numbers.
public struct ChainSummary: Sendable, Equatable {
    /// Strike with the largest open interest (calls + puts): where the price is said to pin.
    public var pinStrike: Double
    /// Strike nearest to spot (the lower one on a tie).
    public var atmStrike: Double
    /// Mean of the ATM call's and put's implied volatilities (the one present if only one is).
    public var atmIV: Double
    public var atmCallBid: Double
    public var atmCallAsk: Double
    public var atmPutBid: Double
    public var atmPutAsk: Double
    /// Strike with the largest gamma × open interest (calls + puts).
    public var gammaPeakStrike: Double
    /// (Σ gamma·OI below spot − Σ above) / Σ all, in [−1, 1]; NaN when there is no gamma.
    public var gammaSkew: Double

    public init(_ snapshot: ChainSnapshot) {
        // Per-strike totals by walking the quotes in strike order (chains usually arrive
        // sorted; a sort-and-merge is much cheaper than hashing on the hot path).
        let quotes = snapshot.quotes
        var order = Array(quotes.indices)
        if !zip(quotes, quotes.dropFirst()).allSatisfy({ $0.strike <= $1.strike }) {
            order.sort { quotes[$0].strike < quotes[$1].strike }
        }
        var strikes: [Double] = [], oi: [Double] = [], gex: [Double] = []
        strikes.reserveCapacity(quotes.count)
        var below = 0.0, above = 0.0
        for i in order {
            let q = quotes[i]
            let g = q.gamma.isFinite ? q.gamma * q.openInterest : 0
            if strikes.last != q.strike {
                strikes.append(q.strike)
                oi.append(0)
                gex.append(0)
            }
            oi[oi.count - 1] += q.openInterest
            gex[gex.count - 1] += g
            if q.strike < snapshot.spot { below += g } else if q.strike > snapshot.spot { above += g }
        }
        // Ties go to the lower strike: the first maximum in strike order.
        func argmax(_ values: [Double]) -> Double {
            var best = -1
            for i in values.indices where best < 0 || values[i] > values[best] { best = i }
            return best < 0 ? .nan : strikes[best]
        }
        pinStrike = argmax(oi)
        gammaPeakStrike = gex.contains { $0 > 0 } ? argmax(gex) : .nan
        gammaSkew = below + above > 0 ? (below - above) / (below + above) : .nan
        let atm = strikes.min { abs($0 - snapshot.spot) < abs($1 - snapshot.spot) } ?? .nan
        atmStrike = atm
        let call = snapshot.quotes.first { $0.right == .call && $0.strike == atm }
        let put = snapshot.quotes.first { $0.right == .put && $0.strike == atm }
        atmCallBid = call?.bid ?? .nan
        atmCallAsk = call?.ask ?? .nan
        atmPutBid = put?.bid ?? .nan
        atmPutAsk = put?.ask ?? .nan
        let ivs = [call?.iv, put?.iv].compactMap { $0 }.filter(\.isFinite)
        atmIV = ivs.isEmpty ? .nan : ivs.reduce(0, +) / Double(ivs.count)
    }

    /// The values in the order of `MarketFrame.chainColumns` after `chain_age_s`.
    public var values: [Double] {
        [pinStrike, atmStrike, atmIV, atmCallBid, atmCallAsk, atmPutBid, atmPutAsk, gammaPeakStrike, gammaSkew]
    }
}
