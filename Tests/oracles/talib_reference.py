#!/usr/bin/env python3
"""Reference values for the Swift `Indicators` module, computed with TA-Lib and numpy.

Usage: talib_reference.py <SPY csv> <output file>

Reads a bar CSV (ts,open,high,low,close,volume; ts is UTC ISO-8601 with Z) and writes every
built-in indicator with its default parameters. The output is binary so values round-trip
exactly:

    line 1: "edgehost-oracle 1 <rows>\\n"
    line 2: comma-separated column names, "\\n"
    then, per column in that order, <rows> little-endian float64 values.

Exit status 3 with a message on stderr when ta-lib or numpy is missing.
"""
import csv
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo

try:
    import numpy as np
    import talib
except ImportError as error:  # the Swift test turns this into a failure with the fix
    sys.stderr.write(f"{error}; run: pip install -r Tests/oracles/requirements.txt\n")
    sys.exit(3)

NEW_YORK = ZoneInfo("America/New_York")
EPOCH_DAY = date(1970, 1, 1).toordinal()


def read_bars(path):
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    instants = [datetime.fromisoformat(row["ts"].replace("Z", "+00:00")) for row in rows]
    columns = {name: np.array([float(row[name]) for row in rows]) for name in ("open", "high", "low", "close", "volume")}
    return instants, columns


def new_york_days(instants):
    """Local calendar date of each bar, as days since 1970-01-01, from the tz database."""
    return np.array([instant.astimezone(NEW_YORK).date().toordinal() - EPOCH_DAY for instant in instants], dtype=np.int64)


def session_vwap(days, high, low, close, volume):
    """Cumulative typical-price VWAP, restarted whenever the New York date changes."""
    typical_volume = (high + low + close) / 3.0 * volume
    out = np.empty_like(close)
    starts = np.flatnonzero(np.diff(days, prepend=days[0] - 1))
    for start, end in zip(starts, list(starts[1:]) + [len(days)]):
        with np.errstate(invalid="ignore", divide="ignore"):
            out[start:end] = np.cumsum(typical_volume[start:end]) / np.cumsum(volume[start:end])
    return out


def log_returns(close):
    out = np.full_like(close, np.nan)
    out[1:] = np.log(close[1:] / close[:-1])
    return out


def realized_volatility(close, period):
    returns = log_returns(close)
    out = np.full_like(close, np.nan)
    if len(close) > period:
        windows = np.lib.stride_tricks.sliding_window_view(returns[1:] ** 2, period)
        out[period:] = np.sqrt(windows.sum(axis=1))
    return out


def rolling_zscore(close, period):
    deviation = talib.STDDEV(close, timeperiod=period, nbdev=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (close - talib.SMA(close, timeperiod=period)) / deviation
    z[deviation == 0] = np.nan
    return z


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    instants, bars = read_bars(argv[1])
    high, low, close, volume = bars["high"], bars["low"], bars["close"], bars["volume"]
    days = new_york_days(instants)
    upper, middle, lower = talib.BBANDS(close, timeperiod=20, nbdevup=2, nbdevdn=2, matype=talib.MA_Type.SMA)
    line, signal, hist = talib.MACD(close, fastperiod=12, slowperiod=26, signalperiod=9)
    columns = {
        "sma": talib.SMA(close, timeperiod=20),
        "ema": talib.EMA(close, timeperiod=20),
        "rsi": talib.RSI(close, timeperiod=14),
        "atr": talib.ATR(high, low, close, timeperiod=14),
        "bollinger.upper": upper,
        "bollinger.middle": middle,
        "bollinger.lower": lower,
        "macd.macd": line,
        "macd.signal": signal,
        "macd.hist": hist,
        "vwap": session_vwap(days, high, low, close, volume),
        "zscore": rolling_zscore(close, 20),
        "log_return": log_returns(close),
        "realized_vol": realized_volatility(close, 30),
        "ny_date": days.astype(np.float64),
    }
    with open(argv[2], "wb") as out:
        out.write(f"edgehost-oracle 1 {len(close)}\n".encode())
        out.write((",".join(columns) + "\n").encode())
        for values in columns.values():
            out.write(np.ascontiguousarray(values, dtype="<f8").tobytes())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
