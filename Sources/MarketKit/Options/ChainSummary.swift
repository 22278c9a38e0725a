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
        var oiByStrike: [Double: Double] = [:], gexByStrike: [Double: Double] = [:]
        var below = 0.0, above = 0.0
        for q in snapshot.quotes {
            oiByStrike[q.strike, default: 0] += q.openInterest
            let gex = q.gamma.isFinite ? q.gamma * q.openInterest : 0
            gexByStrike[q.strike, default: 0] += gex
            if q.strike < snapshot.spot { below += gex } else if q.strike > snapshot.spot { above += gex }
        }
        // Ties go to the lower strike so the result does not depend on dictionary order.
        func argmax(_ values: [Double: Double]) -> Double {
            values.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }?.key ?? .nan
        }
        pinStrike = argmax(oiByStrike)
        gammaPeakStrike = gexByStrike.values.contains { $0 > 0 } ? argmax(gexByStrike) : .nan
        gammaSkew = below + above > 0 ? (below - above) / (below + above) : .nan
        let strikes = Set(snapshot.quotes.map(\.strike)).sorted()
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
