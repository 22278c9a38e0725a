"""The strategy backtester against vectorbt on the same strategy and bars: identical trades, and speed.

    python3 Benchmarks/strategy/compare.py .build/release/edgehost [--bars FILE]

Bars: a year of simulated 5-minute BTCUSDT-like klines (105,120 bars, seeded GBM with volatility
clustering), written to .build/strategy_bench/bars_5m_1y.csv unless --bars names a file.
Strategy: event |close_t / close_{t-1} - 1| > 0.4 %, mean_revert, 12 bars, no stop; taker fee 4 bps,
slippage 1 bp a fill, 1,000 USD a trade on 0.0001 lots, controls off (vectorbt has none).
vectorbt: Portfolio.from_signals on the opens (entries one bar after the event, exits 12 bars after
the entry through generate_ex_nb(skip_until_exit), no entry on an exit bar, an opposite entry
while in a position ignored as ours is), fees=0.0004,
slippage=0.0001, size floor(1,000 USD / fill price / 0.0001) lots (size_type amount).
One JSON line; exit 1 when the closed trades differ (bars, side) or their P&L differs by > 1e-6 USD.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time

import numpy as np
import pandas as pd

EVENT_MOVE, HORIZON, FEE, SLIP, VALUE, LOT = 0.004, 12, 0.0004, 0.0001, 1_000.0, 0.0001


def simulated_bars(path, n=105_120, seed=7):
    rng = np.random.default_rng(seed)
    vol = np.empty(n)
    v, shocks = 0.0012, rng.standard_t(4, n) / math.sqrt(2)
    for i in range(n):  # GARCH-like clustering
        v = math.sqrt(0.000001 + 0.08 * (v * shocks[i - 1]) ** 2 + 0.9 * v * v) if i else v
        vol[i] = v
    close = 20_000 * np.exp(np.cumsum(vol * shocks))
    open_ = np.concatenate([[close[0]], close[:-1]])
    wiggle = np.abs(rng.normal(0, 0.0005, n))
    high = np.maximum(open_, close) * (1 + wiggle)
    low = np.minimum(open_, close) * (1 - wiggle)
    ts = pd.date_range("2023-01-01", periods=n, freq="5min", tz="UTC").strftime("%Y-%m-%dT%H:%M:%SZ")
    volume = rng.gamma(2.0, 50.0, n)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    pd.DataFrame({"ts": ts, "open": open_, "high": high, "low": low, "close": close, "volume": volume}).to_csv(
        path, index=False, float_format="%.6f")


def vectorbt_trades(bars):
    import vectorbt as vbt
    from numba import njit
    from vectorbt.signals.nb import generate_ex_nb

    @njit
    def hold_exit(from_i, to_i, col, hold):
        i = from_i - 1 + hold
        return np.array([i], dtype=np.int64) if i < to_i else np.empty(0, dtype=np.int64)

    close, open_ = bars["close"].to_numpy(), bars["open"].to_numpy()
    move = np.concatenate([[0.0], close[1:] / close[:-1] - 1])
    event = np.abs(move) > EVENT_MOVE
    # mean_revert: an up move is sold at the next open, a down move bought.
    long_signal = np.concatenate([[False], (event & (move < 0))[:-1]])
    short_signal = np.concatenate([[False], (event & (move > 0))[:-1]])
    entries = (long_signal | short_signal)[:, None]
    exits = generate_ex_nb(entries.copy(), 1, False, True, True, hold_exit, HORIZON)
    entries &= ~exits
    longs, shorts = entries & long_signal[:, None], entries & short_signal[:, None]
    # Each exit closes the entry HORIZON bars before it: a long exit or a short one, never both
    # (vectorbt ignores a bar that asks for both).
    def later(a):
        return np.concatenate([np.zeros((HORIZON, 1), dtype=bool), a[:-HORIZON]])
    # The sizing rule on vectorbt's fill price (open ± slippage), in whole lots: its own
    # size_granularity leaves a lot open when it floors the closing order too.
    fill = np.where(long_signal, open_ * (1 + SLIP), open_ * (1 - SLIP))
    amount = np.floor((VALUE / fill) / LOT) * LOT
    pf = vbt.Portfolio.from_signals(close[:, None], longs, exits & later(longs), short_entries=shorts,
                                    short_exits=exits & later(shorts), price=open_[:, None], upon_opposite_entry="ignore",
                                    fees=FEE, slippage=SLIP, size=amount[:, None], size_type="amount", init_cash=1e9, freq="5min")
    # From the orders, paired open/close: vectorbt's trade and position records merge a long and
    # the short after it into one record when both directions are allowed.
    o = pf.orders.records
    idx, size, price, fees, side = (o[k].to_numpy() for k in ("idx", "size", "price", "fees", "side"))
    out = []
    for k in range(0, len(idx) - 1, 2):
        direction = 1 if side[k] == 0 else -1  # OrderSide.Buy == 0
        pnl = direction * size[k] * (price[k + 1] - price[k]) - fees[k] - fees[k + 1]
        out.append((int(idx[k]), int(idx[k + 1]), direction, float(pnl)))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("edgehost")
    parser.add_argument("--bars", default=".build/strategy_bench/bars_5m_1y.csv")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if not os.path.exists(args.bars):
        simulated_bars(args.bars)
    trades_out = os.path.join(os.path.dirname(args.bars) or ".", "edgehost_trades.csv")
    budgets = {"taker_fee_bps": FEE * 1e4, "slippage_base_bps": SLIP * 1e4, "notional_cap_usd": VALUE, "lot_step": LOT,
               "min_qty": LOT, "starting_balance_usd": 1e9}
    done = subprocess.run([args.edgehost, "bench", "strategy", "--bars", args.bars, "--event-move", str(EVENT_MOVE),
                           "--horizon-bars", str(HORIZON), "--budgets", json.dumps(budgets), "--repeats", str(args.repeats),
                           "--trades-out", trades_out], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"compare.py: edgehost bench strategy failed ({done.returncode}): {done.stderr.strip()}")
    ours = json.loads(done.stdout)
    bars = pd.read_csv(args.bars)
    vectorbt_trades(bars.iloc[:500])  # numba compiles outside the timing
    best, theirs = math.inf, None
    for _ in range(args.repeats):
        began = time.perf_counter()
        theirs = vectorbt_trades(bars)
        best = min(best, time.perf_counter() - began)
    mine = pd.read_csv(trades_out)
    mine = mine[mine["exit_reason"] != "end_of_data"]
    ours_list = [(int(a), int(b), 1 if s == "long" else -1, float(p)) for a, b, s, p in
                 zip(mine["entry_index"], mine["exit_index"], mine["side"], mine["pnl"])]
    same = [x[:3] for x in ours_list] == [x[:3] for x in theirs]
    worst = max((abs(a[3] - b[3]) for a, b in zip(ours_list, theirs)), default=0.0)
    print(json.dumps({
        "bench": "strategy_backtest.vs_vectorbt", "bars": ours["bars"], "trades": len(ours_list), "vectorbt_trades": len(theirs),
        "identical_trades": same, "max_pnl_diff_usd": worst, "edgehost_seconds": ours["seconds"], "vectorbt_seconds": best,
        "speedup": best / ours["seconds"], "goal_speedup": 50, "edgehost_scope": ours.get("scope"),
        "vectorbt_scope": "signals from the closes, exits (generate_ex_nb), Portfolio.from_signals, trades from its orders; "
                          "the bars CSV read before timing",
    }))
    if not same or worst > 1e-6:
        sys.exit(1)


if __name__ == "__main__":
    main()
