#!/usr/bin/env python3
"""Times TA-Lib (and numpy, for the built-ins TA-Lib lacks) on the SPY bars.

Usage: bench_talib.py [csv] [--repeats N]

Each built-in of edgehost's Indicators module runs with its default parameters on the same
close/high/low/volume arrays the Swift benchmark uses; the fastest of N runs is reported as
one JSON object per line:

    {"bench": "talib.sma", "rows": 75707, "ns_per_row": 1.2, "unit": "ns/row"}

Indicators with no TA-Lib function (vwap, log_return, realized_vol) are timed as the numpy
reference of Tests/oracles/talib_reference.py and reported as "numpy.<name>".
Requires Tests/oracles/requirements.txt.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import talib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "Tests", "oracles"))
import talib_reference as reference  # noqa: E402  (the oracle's numpy code is the baseline)

DEFAULT_CSV = os.path.join(ROOT, "..", "shared", "data", "spy", "SPY_1m_2024.csv")


def cases(instants, bars):
    high, low, close, volume = bars["high"], bars["low"], bars["close"], bars["volume"]
    days = reference.new_york_days(instants)
    return [
        ("talib.sma", lambda: talib.SMA(close, timeperiod=20)),
        ("talib.ema", lambda: talib.EMA(close, timeperiod=20)),
        ("talib.rsi", lambda: talib.RSI(close, timeperiod=14)),
        ("talib.atr", lambda: talib.ATR(high, low, close, timeperiod=14)),
        ("talib.bollinger", lambda: talib.BBANDS(close, timeperiod=20, nbdevup=2, nbdevdn=2, matype=talib.MA_Type.SMA)),
        ("talib.macd", lambda: talib.MACD(close, fastperiod=12, slowperiod=26, signalperiod=9)),
        # What a TA-Lib user writes for a z-score: two TA-Lib calls and a numpy division.
        ("talib.zscore", lambda: reference.rolling_zscore(close, 20)),
        # The NY dates come from the tz database once; only the accumulation is timed.
        ("numpy.vwap", lambda: reference.session_vwap(days, high, low, close, volume)),
        ("numpy.log_return", lambda: reference.log_returns(close)),
        ("numpy.realized_vol", lambda: reference.realized_volatility(close, 30)),
    ]


def best_ns(function, repeats):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter_ns()
        function()
        best = min(best, time.perf_counter_ns() - start)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", default=DEFAULT_CSV)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    instants, bars = reference.read_bars(args.csv)
    rows = len(bars["close"])
    for name, function in cases(instants, bars):
        function()  # warm caches and lazy imports
        ns = best_ns(function, args.repeats)
        print(json.dumps({"bench": name, "rows": rows, "ns_per_row": ns / rows, "unit": "ns/row"}), flush=True)


if __name__ == "__main__":
    main()
