#!/usr/bin/env python3
"""Checks `edgehost sweep-rules` against vectorbt, configuration by configuration, and compares speed.

Usage:
    compare.py EDGEHOST [--bars CSV] [--signal zscore:60] [--start 2024-04-01] [--sessions 60]
               [--thresholds 0.25,...] [--holds 5,...] [--repeats 20]
    compare.py --oracle < request.json      (Tests/HostTests/RuleSweepTests: vectorbt's figures)

The strategy, per (threshold, hold), as vectorbt expresses it:
    entries = signal >= threshold                           (NaN never enters)
    exits   = vbt.signals.nb.generate_ex_nb(entries, wait=1, until_next=False, skip_until_exit=True,
                                            choice = [entry + hold] if it is a bar, else none)
    entries &= ~exits     a bar with both is a conflict for from_signals ('ignore' by default would
                          cancel the exit too), so no entry happens on an exit bar
    Portfolio.from_signals(close, entries, exits, freq="1min")   all-in (size inf), no fees
    total return  pf.total_return();  trades  pf.trades.count() (an open one at the end counts);
    wins  pf.trades.winning.count();  Sharpe  pf.sharpe_ratio(year_freq=252*390 minutes), i.e.
    mean / std (ddof 1) of the per-bar returns * sqrt(252 * 390) (through pf.returns().vbt.returns).

The main mode runs EDGEHOST sweep-rules --timing on the first --sessions New York dates from --start,
runs vectorbt on the same bars (signal from TA-Lib / numpy, as edgehost's builtins match them), checks
trades, total return and Sharpe agree (1e-9 relative), and prints one JSON line:
    {"bench": "sweep_rules.vs_vectorbt", "configs": 200, "edgehost_configs_per_s": ...,
     "vectorbt_configs_per_s": ..., "speedup": ..., "goal_speedup": 100, ...}
Speeds are of the sweep alone (signal given): edgehost's is timed inside the binary (best of --repeats),
vectorbt's from the entries to the metrics (best of --repeats, numba compiled beforehand). The exit
status is 1 when a figure disagrees.
"""
import argparse
import json
import math
import subprocess
import sys
import time

import numpy as np

BARS_PER_YEAR = 252 * 390
THRESHOLDS = [round(0.25 * k, 2) for k in range(1, 21)]
HOLDS = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180]
TOLERANCE = 1e-9


def vectorbt_sweep(close, signal, thresholds, holds):
    """Per configuration (thresholds outer, holds inner): trades, wins, total return, Sharpe."""
    import vectorbt as vbt
    from vectorbt.signals.nb import generate_ex_nb

    columns = [(t, h) for t in thresholds for h in holds]
    level = np.array([t for t, _ in columns], dtype=np.float64)
    hold = np.array([h for _, h in columns], dtype=np.int64)
    with np.errstate(invalid="ignore"):
        entries = signal[:, None] >= level[None, :]
    exits = generate_ex_nb(entries, 1, False, True, True, _hold_exit_nb(), hold)
    entries &= ~exits
    pf = vbt.Portfolio.from_signals(close[:, None], entries, exits, freq="1min")
    trades = pf.trades
    return {
        "trades": np.asarray(trades.count(), dtype=np.int64),
        "wins": np.asarray(trades.winning.count(), dtype=np.int64),
        "total_return": np.asarray(pf.total_return(), dtype=np.float64),
        # The returns accessor gives pf.sharpe_ratio()'s very numbers, without its second of overhead per call.
        "sharpe": np.asarray(pf.returns().vbt.returns(freq="1min", year_freq=f"{BARS_PER_YEAR}min").sharpe_ratio(), dtype=np.float64),
    }


_HOLD_EXIT = None


def _hold_exit_nb():
    """The exit choice: `hold` bars after the entry (from_i is entry + 1), none past the last bar."""
    global _HOLD_EXIT
    if _HOLD_EXIT is None:
        from numba import njit

        @njit
        def hold_exit(from_i, to_i, col, hold):
            i = from_i - 1 + hold[col]
            if i < to_i:
                return np.array([i], dtype=np.int64)
            return np.empty(0, dtype=np.int64)

        _HOLD_EXIT = hold_exit
    return _HOLD_EXIT


def signal_values(close, spec):
    """edgehost's `NAME:PARAM` signals; its builtins equal TA-Lib bit for bit (zscore: SMA over STDDEV)."""
    name, _, param = spec.partition(":")
    n = int(param) if param else None
    if name == "ret":
        out = np.full(close.shape, np.nan)
        out[n:] = np.log(close[n:] / close[:-n])
        return out
    import talib

    if name == "zscore":
        deviation = talib.STDDEV(close, n, 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            out = (close - talib.SMA(close, n)) / deviation
        out[deviation == 0] = np.nan
        return out
    if name in ("rsi", "sma", "ema"):
        return getattr(talib, name.upper())(close, n)
    sys.exit(f"compare.py: signal '{spec}' has no reference here (zscore, rsi, ret, sma, ema)")


def session_bars(path, start, sessions):
    """Closes of the first `sessions` New York dates on or after `start`, and those dates' span."""
    import pandas as pd

    bars = pd.read_csv(path)
    ts = pd.to_datetime(bars["ts"], utc=True)
    day = ts.dt.tz_convert("America/New_York").dt.strftime("%Y-%m-%d")
    days = sorted(d for d in day.unique() if d >= start)[:sessions]
    if len(days) < sessions:
        sys.exit(f"compare.py: {path} has only {len(days)} sessions from {start}, {sessions} asked")
    keep = (day >= days[0]) & (day <= days[-1])
    return bars["close"].to_numpy(dtype=np.float64)[keep.to_numpy()], days[0], days[-1]


def run_edgehost(binary, args):
    began = time.perf_counter()
    done = subprocess.run([binary, "sweep-rules", *args, "--timing"], capture_output=True, text=True)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        sys.exit(f"compare.py: {binary} sweep-rules failed ({done.returncode}): {done.stderr.strip()}")
    return json.loads(done.stdout), seconds


def best_time(function, repeats):
    best, result = math.inf, None
    for _ in range(repeats):
        began = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - began)
    return best, result


def differences(ours, theirs):
    """Largest absolute differences, and the configurations outside the tolerance."""
    worst = {"total_return": 0.0, "sharpe": 0.0}
    bad = []
    for k, row in enumerate(ours):
        config = f"threshold {row['threshold']} hold {row['hold']}"
        if row["trades"] != theirs["trades"][k] or row["wins"] != theirs["wins"][k]:
            bad.append(f"{config}: trades/wins {row['trades']}/{row['wins']} vs vectorbt {theirs['trades'][k]}/{theirs['wins'][k]}")
        for key in worst:
            a = math.nan if row[key] is None else row[key]
            b = float(theirs[key][k])
            if not (math.isfinite(a) and math.isfinite(b)):
                # No trade: edgehost says null (NaN), vectorbt +inf (0 / 0 deviation).
                if math.isfinite(a) or math.isfinite(b):
                    bad.append(f"{config}: {key} {a} vs vectorbt {b}")
                continue
            worst[key] = max(worst[key], abs(a - b))
            if abs(a - b) > TOLERANCE * max(1.0, abs(b)):
                bad.append(f"{config}: {key} {a!r} vs vectorbt {b!r}")
    return worst, bad


def oracle():
    """Reads {close, signal (null = NaN), thresholds, holds}; prints vectorbt's figures per configuration."""
    import numba
    import pandas
    import vectorbt

    request = json.load(sys.stdin)
    signal = np.array([math.nan if v is None else v for v in request["signal"]], dtype=np.float64)
    result = vectorbt_sweep(np.array(request["close"], dtype=np.float64), signal, request["thresholds"], request["holds"])

    def number(x):
        return x if math.isfinite(x) else ("nan" if math.isnan(x) else ("inf" if x > 0 else "-inf"))

    rows = [{key: (int(values[k]) if values.dtype.kind == "i" else number(float(values[k]))) for key, values in result.items()}
            for k in range(len(result["trades"]))]
    versions = {"vectorbt": vectorbt.__version__, "numba": numba.__version__, "numpy": np.__version__, "pandas": pandas.__version__}
    print(json.dumps({"versions": versions, "results": rows}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edgehost", nargs="?")
    parser.add_argument("--oracle", action="store_true")
    parser.add_argument("--bars", default="../shared/data/spy/SPY_1m_2024.csv")
    parser.add_argument("--signal", default="zscore:60")
    parser.add_argument("--start", default="2024-04-01")
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--thresholds", default=",".join(str(t) for t in THRESHOLDS))
    parser.add_argument("--holds", default=",".join(str(h) for h in HOLDS))
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    if args.oracle:
        return oracle()
    if not args.edgehost:
        parser.error("give the edgehost binary (or --oracle)")

    thresholds = [float(t) for t in args.thresholds.split(",")]
    holds = [int(h) for h in args.holds.split(",")]
    close, first, last = session_bars(args.bars, args.start, args.sessions)
    report, process_seconds = run_edgehost(args.edgehost, [
        "--bars", args.bars, "--signal", args.signal, "--thresholds", args.thresholds, "--holds", args.holds,
        "--start", first, "--end", last, "--repeats", str(args.repeats)])
    if report["bars"] != len(close):
        sys.exit(f"compare.py: edgehost read {report['bars']} bars, pandas {len(close)} ({first} .. {last})")

    signal = signal_values(close, args.signal)
    vectorbt_sweep(close, signal, thresholds, holds)  # numba compiles here, untimed
    vectorbt_seconds, theirs = best_time(lambda: vectorbt_sweep(close, signal, thresholds, holds), max(1, min(args.repeats, 3)))
    worst, bad = differences(report["results"], theirs)

    configs = len(report["results"])
    timing = report["timing"]
    ours_per_s = configs / timing["sweep_seconds"]
    theirs_per_s = configs / vectorbt_seconds
    print(json.dumps({
        "bench": "sweep_rules.vs_vectorbt", "signal": args.signal, "sessions": args.sessions, "first": first, "last": last,
        "bars": len(close), "configs": configs,
        "edgehost_configs_per_s": ours_per_s, "vectorbt_configs_per_s": theirs_per_s,
        "speedup": ours_per_s / theirs_per_s, "goal_speedup": 100,
        "edgehost_sweep_seconds": timing["sweep_seconds"], "edgehost_signal_seconds": timing["signal_seconds"],
        "edgehost_process_seconds": process_seconds, "vectorbt_seconds": vectorbt_seconds,
        "max_abs_diff_total_return": worst["total_return"], "max_abs_diff_sharpe": worst["sharpe"],
        "trades_equal": all(r["trades"] == theirs["trades"][k] for k, r in enumerate(report["results"])),
        "mismatches": len(bad), "unit": "configs/s"}))
    if bad:
        print("compare.py: edgehost and vectorbt disagree:\n  " + "\n  ".join(bad[:20]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
