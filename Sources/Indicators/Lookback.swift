/// How many leading rows of each indicator are NaN for an input without NaNs (TA-Lib's
/// `TA_*_Lookback`). With leading NaNs in the input, add the index of the first valid row.
///
/// These are plain formulas: they do not validate their arguments.
public enum Lookback {
    /// `period - 1`, as `TA_SMA_Lookback`.
    public static func sma(period: Int) -> Int { period - 1 }
    /// `period - 1`, as `TA_EMA_Lookback` with no unstable period.
    public static func ema(period: Int) -> Int { period - 1 }
    /// `period`, as `TA_RSI_Lookback` with no unstable period.
    public static func rsi(period: Int) -> Int { period }
    /// `period`, as `TA_ATR_Lookback` with no unstable period.
    public static func atr(period: Int) -> Int { period }
    /// `period - 1`, as `TA_BBANDS_Lookback` with an SMA.
    public static func bollinger(period: Int) -> Int { period - 1 }
    /// `max(fast, slow) - 1 + signal - 1` (33 for 12/26/9), as `TA_MACD_Lookback`.
    public static func macd(fast: Int, slow: Int, signal: Int) -> Int {
        ema(period: Swift.max(fast, slow)) + ema(period: signal)
    }
    /// 0: every bar has a value (NaN only while the session's volume is 0).
    public static func sessionVWAP() -> Int { 0 }
    /// `period - 1`, as TA-Lib's SMA and STDDEV.
    public static func rollingZScore(period: Int) -> Int { period - 1 }
    /// 1: the first bar has no previous close.
    public static func logReturns() -> Int { 1 }
    /// `period`: one row for the first return plus `period` returns.
    public static func realizedVolatility(period: Int) -> Int { period }
}
