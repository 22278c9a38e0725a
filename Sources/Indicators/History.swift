#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// History a value needs so that it no longer depends on older data: given at least this much
/// before a row (bars and wall time), the row's value equals the full-history value to the
/// host's history-invariance tolerance (README "History invariance").
///
/// For windowed indicators this is the TA-Lib lookback (`Lookback`). A recursive one (EMA,
/// Wilder's RSI and ATR, MACD) never forgets its seed exactly: after the lookback it still
/// carries `(1 − α)^m` of the seed's error after `m` more bars, so its history adds the bars
/// for that factor to fall below 1e-10. That leaves four orders of magnitude of margin under
/// the 1e-6 relative tolerance for a seed error larger than the value itself (a MACD
/// histogram near zero against a seed error on the price scale).
public struct HistoryNeed: Sendable, Equatable {
    public var bars: Int
    public var nanoseconds: Int64

    public init(bars: Int, nanoseconds: Int64 = 0) {
        self.bars = bars
        self.nanoseconds = nanoseconds
    }
}

public enum History {
    /// The factor a seed's error must decay to.
    public static let seedDecay = 1e-10

    /// Bars for a smoother keeping `1 − alpha` of its previous value to forget its seed.
    public static func convergence(alpha: Double) -> Int {
        guard alpha > 0, alpha < 1 else { return 0 }
        return Int((log(seedDecay) / log(1 - alpha)).rounded(.up))
    }

    /// EMA: TA-Lib's lookback, then convergence with `α = 2 / (period + 1)`.
    public static func ema(period: Int) -> Int {
        Lookback.ema(period: period) + convergence(alpha: 2 / Double(period + 1))
    }

    /// Wilder smoothing (RSI, ATR): TA-Lib's lookback, then convergence with `α = 1 / period`.
    public static func wilder(period: Int) -> Int {
        period + convergence(alpha: 1 / Double(period))
    }

    /// MACD: both EMAs (the slower decides) and the signal EMA of the line must converge.
    public static func macd(fast: Int, slow: Int, signal: Int) -> Int {
        Lookback.macd(fast: fast, slow: slow, signal: signal)
            + convergence(alpha: 2 / Double(Swift.max(fast, slow) + 1)) + convergence(alpha: 2 / Double(signal + 1))
    }

    /// Session VWAP accumulates from the start of the New York date: 25 hours (a date is 23 to
    /// 25 hours long across daylight-saving changes) reach back past it.
    public static let sessionVWAPNanoseconds: Int64 = 25 * 3_600 * 1_000_000_000
}
