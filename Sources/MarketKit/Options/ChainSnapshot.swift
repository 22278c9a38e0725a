/// Call or put.
public enum OptionRight: String, Sendable, Hashable {
    case call = "C", put = "P"
}

/// One option's quote in a chain snapshot.
public struct OptionQuote: Sendable, Equatable {
    public var right: OptionRight
    public var strike: Double
    public var bid: Double
    public var ask: Double
    /// Implied volatility, annualised (0.15 = 15 %); NaN when unknown.
    public var iv: Double
    public var delta: Double
    public var gamma: Double
    public var theta: Double
    public var vega: Double
    public var openInterest: Double
    public var volume: Double

    public init(right: OptionRight, strike: Double, bid: Double, ask: Double, iv: Double = .nan, delta: Double = .nan,
                gamma: Double = .nan, theta: Double = .nan, vega: Double = .nan, openInterest: Double = 0, volume: Double = 0) {
        self.right = right
        self.strike = strike
        self.bid = bid
        self.ask = ask
        self.iv = iv
        self.delta = delta
        self.gamma = gamma
        self.theta = theta
        self.vega = vega
        self.openInterest = openInterest
        self.volume = volume
    }
}

/// The quotes of one expiry at one instant.
public struct ChainSnapshot: Sendable, Equatable {
    /// When the quotes were taken, nanoseconds since the epoch (UTC).
    public var ts: Int64
    /// The expiry's New York date, days since 1970-01-01.
    public var expiry: Int32
    /// The underlying's price at `ts`.
    public var spot: Double
    public var quotes: [OptionQuote]

    public init(ts: Int64, expiry: Int32, spot: Double, quotes: [OptionQuote]) {
        self.ts = ts
        self.expiry = expiry
        self.spot = spot
        self.quotes = quotes
    }
}
