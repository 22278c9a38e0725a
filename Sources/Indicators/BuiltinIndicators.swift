/// The table of built-in indicators the host can list and run.
public enum BuiltinIndicators {
    /// Every built-in, in a stable order.
    public static let all: [BuiltinIndicator] = [
        BuiltinIndicator(
            id: "sma", summary: "Simple moving average (TA-Lib SMA)",
            parameters: [.smaPeriod], inputs: ["close"],
            lookback: { Lookback.sma(period: $0.int("period")) },
            kernel: { c, p, o in try sma(c["close"], period: p.int("period"), into: o[0]) }),
        BuiltinIndicator(
            id: "ema", summary: "Exponential moving average seeded with an SMA (TA-Lib EMA)",
            parameters: [.emaPeriod], inputs: ["close"],
            lookback: { Lookback.ema(period: $0.int("period")) },
            history: { HistoryNeed(bars: History.ema(period: $0.int("period"))) },
            kernel: { c, p, o in try ema(c["close"], period: p.int("period"), into: o[0]) }),
        BuiltinIndicator(
            id: "rsi", summary: "Relative strength index, Wilder smoothing (TA-Lib RSI)",
            parameters: [.rsiPeriod], inputs: ["close"],
            lookback: { Lookback.rsi(period: $0.int("period")) },
            history: { HistoryNeed(bars: History.wilder(period: $0.int("period"))) },
            kernel: { c, p, o in try rsi(c["close"], period: p.int("period"), into: o[0]) }),
        BuiltinIndicator(
            id: "atr", summary: "Average true range, Wilder smoothing (TA-Lib ATR)",
            parameters: [.atrPeriod], inputs: ["high", "low", "close"],
            lookback: { Lookback.atr(period: $0.int("period")) },
            history: { HistoryNeed(bars: History.wilder(period: $0.int("period"))) },
            kernel: { c, p, o in
                try atr(high: c["high"], low: c["low"], close: c["close"], period: p.int("period"), into: o[0])
            }),
        BuiltinIndicator(
            id: "bollinger", summary: "Bollinger bands: SMA ± k population deviations (TA-Lib BBANDS, SMA)",
            parameters: [.bollingerPeriod, .bollingerUp, .bollingerDown], inputs: ["close"],
            outputs: ["upper", "middle", "lower"],
            lookback: { Lookback.bollinger(period: $0.int("period")) },
            kernel: { c, p, o in
                try bollinger(c["close"], period: p.int("period"), nbDevUp: p.float("nbdev_up"),
                              nbDevDown: p.float("nbdev_down"), upper: o[0], middle: o[1], lower: o[2])
            }),
        BuiltinIndicator(
            id: "macd", summary: "MACD line, signal and histogram (TA-Lib MACD)",
            parameters: [.macdFast, .macdSlow, .macdSignal], inputs: ["close"],
            outputs: ["macd", "signal", "hist"],
            lookback: { Lookback.macd(fast: $0.int("fast"), slow: $0.int("slow"), signal: $0.int("signal")) },
            history: { HistoryNeed(bars: History.macd(fast: $0.int("fast"), slow: $0.int("slow"), signal: $0.int("signal"))) },
            kernel: { c, p, o in
                try macd(c["close"], fast: p.int("fast"), slow: p.int("slow"), signal: p.int("signal"),
                         macdOut: o[0], signalOut: o[1], histogramOut: o[2])
            }),
        BuiltinIndicator(
            id: "vwap", summary: "Session VWAP of the typical price, reset at each New York date",
            inputs: ["ts", "high", "low", "close", "volume"],
            lookback: { _ in Lookback.sessionVWAP() },
            history: { _ in HistoryNeed(bars: 0, nanoseconds: History.sessionVWAPNanoseconds) },
            kernel: { c, _, o in
                try sessionVWAP(ts: c.ts, high: c["high"], low: c["low"], close: c["close"], volume: c["volume"], into: o[0])
            }),
        BuiltinIndicator(
            id: "zscore", summary: "Rolling z-score against the SMA and population deviation",
            parameters: [.zScorePeriod], inputs: ["close"],
            lookback: { Lookback.rollingZScore(period: $0.int("period")) },
            kernel: { c, p, o in try rollingZScore(c["close"], period: p.int("period"), into: o[0]) }),
        BuiltinIndicator(
            id: "log_return", summary: "Log return ln(close / previous close)",
            inputs: ["close"],
            lookback: { _ in Lookback.logReturns() },
            kernel: { c, _, o in try logReturns(c["close"], into: o[0]) }),
        BuiltinIndicator(
            id: "realized_vol", summary: "Square root of the sum of squared log returns (not annualised)",
            parameters: [.realizedVolatilityPeriod], inputs: ["close"],
            lookback: { Lookback.realizedVolatility(period: $0.int("period")) },
            kernel: { c, p, o in try realizedVolatility(c["close"], period: p.int("period"), into: o[0]) }),
    ]

    /// The built-in with this id, if any.
    public static func named(_ id: String) -> BuiltinIndicator? {
        all.first { $0.id == id }
    }
}
