"""Event discovery benchmark (`make bench`): edgehost's phase 2 against a pandas peer.

Builds the fixture pack `discoverysim` (Tests/Fixtures/packs/discovery), runs
`edgehost bench discovery` over a year of 5-minute bars for two symbols (about 210k bars;
every event type, horizon, verb and state), then computes the same candidates with pandas and
numpy (Newey-West by lagged dot products, BH with scipy) from the bars and event columns
edgehost wrote, timed in the same run. Prints one JSON line each, then checks that both
agree (to 1e-9 relative) and exits 1 if they do not.

    python3 Benchmarks/discovery/bench.py .build/release/edgehost [--start 2024-01-01 --end 2024-12-31]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd
import scipy.stats

HORIZONS = [1, 3, 6, 12, 24, 48]
STATES = ["range_lowvol", "range_highvol", "trend_lowvol", "trend_highvol"]
VERBS = [("mean_revert", -1.0), ("continue", 1.0)]
BAR_NS = 300_000_000_000  # the fixture pack's 5-minute bars


def newey_west(x, lag):
    """statsmodels' HAC t of the mean (Bartlett, no small-sample correction) and its normal p."""
    n = len(x)
    if n == 0:
        return np.nan, np.nan, np.nan, np.nan
    m = x.mean()
    e = x - m
    s = e @ e
    for j in range(1, min(lag, n - 1) + 1):
        s += 2 * (1 - j / (lag + 1)) * (e[j:] @ e[:-j])
    se = np.sqrt(s) / n if n > 1 and s > 0 else np.nan
    t = m / se if np.isfinite(se) and se > 0 else np.nan
    p = 2 * scipy.stats.norm.sf(abs(t)) if np.isfinite(t) else np.nan
    return m, se, t, p


def overlap_lag(ts, horizon, bar_ns):
    """edgehost's Newey-West lag: h - 1 bars counted in events (the most later events that
    start less than h bars after one event), at most h - 1."""
    if len(ts) == 0:
        return 0
    later = np.searchsorted(ts, ts + horizon * bar_ns, side="left") - np.arange(len(ts)) - 1
    return int(min(horizon - 1, later.max()))


def occurrences(frames, event_type, costs):
    """Every event of one type, pooled over symbols in (ts, symbol) order, with its
    directional forward return at each horizon and its round-trip cost (bps)."""
    parts = []
    for symbol_index, df in enumerate(frames):
        flag = df[f"{event_type}_flag"].to_numpy()
        close, open_ = df["close"].to_numpy(), df["open"].to_numpy()
        prev = df["close"].shift(1).to_numpy()
        rows = np.flatnonzero(flag == 1)
        rows = rows[(rows > 0) & (close[rows] != prev[rows])]
        direction = np.where(close[rows] > prev[rows], 1.0, -1.0)
        entry = rows + 1  # contiguous bars, no availability lag: the next bar's open
        out = pd.DataFrame({"ts": df["ts"].to_numpy()[rows], "symbol": symbol_index,
                            "state": df[f"{event_type}_state"].to_numpy()[rows]})
        n = len(df)
        for h in HORIZONS:
            exit_ = entry + h
            ok = exit_ < n
            value = np.full(len(rows), np.nan)
            value[ok] = direction[ok] * (open_[exit_[ok]] / open_[entry[ok]] - 1) * 10_000
            out[f"f{h}"] = value
        window = int(costs["slippage_volume_window"])
        mean_volume = df["volume"].rolling(window, min_periods=1).mean().to_numpy()[rows]
        volume = df["volume"].to_numpy()[rows]
        range_pct = 100 * (df["high"].to_numpy()[rows] - df["low"].to_numpy()[rows]) / close[rows]
        thin = np.minimum(costs["slippage_max_volume_factor"], np.sqrt(mean_volume / volume))
        out["cost"] = 2 * costs["taker_fee_bps"] + 2 * costs["slippage_bps_per_range_pct"] * range_pct * thin
        parts.append(out)
    return pd.concat(parts).sort_values(["ts", "symbol"], kind="stable").reset_index(drop=True)


def candidates(frames, types, costs):
    rows = []
    for event_type in types:
        events = occurrences(frames, event_type, costs)
        for h in HORIZONS:
            for verb, sign in VERBS:
                for state_index, state in [(None, "all")] + list(enumerate(STATES)):
                    sel = events if state_index is None else events[events["state"] == state_index]
                    sel = sel[np.isfinite(sel[f"f{h}"])]
                    gross = sign * sel[f"f{h}"].to_numpy()
                    net = gross - sel["cost"].to_numpy()
                    mean, _, t, p = newey_west(gross, overlap_lag(sel["ts"].to_numpy(), h, BAR_NS))
                    net_mean = net.mean() if len(net) else np.nan
                    rows.append({"event_type": event_type, "horizon": h, "verb": verb, "state": state, "n_events": len(gross),
                                 "gross_bps": mean, "net_bps": net_mean, "nw_t": t, "p_value": p,
                                 "hit_rate": (net > 0).mean() if len(net) else np.nan})
    table = pd.DataFrame(rows)
    p = table["p_value"].fillna(1.0).to_numpy()
    table["bh_q"] = scipy.stats.false_discovery_control(p, method="bh")
    table["gate_phase2_final"] = (table["bh_q"] <= 0.05) & (table["n_events"] >= 30) & (table["net_bps"] > 0)
    return table


def agree(a, b):
    both_nan = np.isnan(a) & np.isnan(b)
    close = np.abs(a - b) <= 1e-9 * np.maximum(np.abs(a), np.abs(b)) + 1e-12
    return both_nan | close


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("edgehost")
    parser.add_argument("--start", default="2024-01-01")
    parser.add_argument("--end", default="2024-12-31")
    parser.add_argument("--pack", default="discoverysim", choices=["discoverysim", "crypto"],
                        help="discoverysim: the C fixture pack (2 event types); crypto: the shipped pack (4)")
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with tempfile.TemporaryDirectory(prefix="edgehost-bench-discovery-") as tmp:
        if args.pack == "crypto":
            symbols, selection = ["BTCUSDT", "ETHUSDT"], ["--pack", "crypto", "--symbols", "BTCUSDT,ETHUSDT"]
        else:
            pack = os.path.join(tmp, "libdiscoverysim.so")
            subprocess.run(["cc", "-std=c11", "-O2", "-shared", "-fPIC", "-I", os.path.join(root, "Sources/PluginAPI/include"),
                            f"-Wl,--version-script={os.path.join(root, 'Plugins/exports.map')}", "-o", pack,
                            os.path.join(root, "Tests/Fixtures/packs/discovery/discovery_pack.c"), "-lm"], check=True)
            symbols, selection = ["AAA", "BBB"], ["--plugin", pack]
        out = subprocess.run([args.edgehost, "bench", "discovery", *selection, "--start", args.start, "--end", args.end,
                              "--out-dir", tmp], check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        ours = json.loads(out)
        print(out, flush=True)

        frames = [pd.read_csv(os.path.join(tmp, f"bars_{s}.csv")) for s in symbols]
        costs = json.load(open(os.path.join(tmp, "costs.json")))
        types = sorted(c[: -len("_flag")] for c in frames[0].columns if c.endswith("_flag"))
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            table = candidates(frames, types, costs)
            best = min(best, time.perf_counter() - started)
        print(json.dumps({"bench": "discovery_phase2", "impl": "pandas", "pack": args.pack, "unit": "s", "candidates": len(table),
                          "seconds": round(best, 6), "candidates_per_s": round(len(table) / best, 1),
                          "edgehost_speedup": round(best / ours["seconds"], 1),
                          "scope": "occurrences (directions, forward returns, costs) from the read bars and event columns, "
                                   "every candidate's statistics, the BH gate; read_csv not timed"}), flush=True)

        reference = pd.read_csv(os.path.join(tmp, "candidates.csv"))
        mismatches = []
        for column in ["n_events", "gross_bps", "net_bps", "nw_t", "p_value", "hit_rate", "bh_q"]:
            ok = agree(reference[column].to_numpy(dtype=float), table[column].to_numpy(dtype=float))
            if not ok.all():
                mismatches.append(f"{column}: {int((~ok).sum())} rows differ")
        if (reference["gate_phase2_final"].to_numpy() != table["gate_phase2_final"].to_numpy()).any():
            mismatches.append("gate_phase2_final differs")
        if mismatches:
            print("discovery bench: edgehost and pandas disagree: " + "; ".join(mismatches), file=sys.stderr)
            sys.exit(1)


if __name__ == "__main__":
    main()
