"""Independent reference of the strategy backtester (Sources/Host/Strategies/StrategyEngine.swift),
a plain pandas loop written from the README's rules, not from the Swift code.

stdin: JSON {"csv": path, "rows": n, "event_move": x, "blueprint": {...}, "rules": {...}}
Events: |close_t / close_{t-1} - 1| > event_move (state 0 everywhere).
stdout: JSON {"trades": [...], "daily_returns": [...], "drops": {reason: count}}
"""
import json
import math
import sys

import numpy as np
import pandas as pd


def main():
    spec = json.load(sys.stdin)
    bars = pd.read_csv(spec["csv"], nrows=spec["rows"])
    ts = pd.to_datetime(bars["ts"], utc=True).dt.as_unit("ns").astype("int64").to_numpy()
    o, h, l, c, v = (bars[k].to_numpy(dtype=float) for k in ("open", "high", "low", "close", "volume"))
    move = np.abs(c[1:] / c[:-1] - 1)
    flag = np.concatenate([[0.0], (move > spec["event_move"]).astype(float)])
    out = simulate(ts, o, h, l, c, v, flag, spec["blueprint"], spec["rules"])
    json.dump(out, sys.stdout)


def simulate(ts, o, h, l, c, v, flag, bp, r):
    n = len(ts)
    fee = r["taker_fee_bps"] / 1e4
    stop = bp["stop_bps"] / 1e4
    horizon = bp["horizon_bars"]
    day_ns = 86_400 * 10**9

    def slip(i):
        range_pct = 100 * (h[i] - l[i]) / c[i]
        thin = 2.0 if v[i] < r["slippage_low_volume"] else 1.0
        return (r["slippage_base_bps"] + r["slippage_bps_per_range_pct"] * range_pct * thin) / 1e4

    cash = r["starting_balance_usd"]
    realised = {}
    streak, halt_until = 0, -(2**63)
    pos, pending = None, None
    trades, drops, equity = [], {}, []

    def drop(reason):
        drops[reason] = drops.get(reason, 0) + 1

    def close(i, raw, slip_row, reason):
        nonlocal cash, streak, halt_until, pos
        s = slip(slip_row)
        price = raw * (1 - pos["side"] * s)
        gross = pos["side"] * pos["qty"] * (price - pos["price"])
        exit_fee = pos["qty"] * price * r["taker_fee_bps"] / 1e4
        pnl = gross - pos["fee"] - exit_fee
        cash += gross - exit_fee
        realised[ts[i] // day_ns] = realised.get(ts[i] // day_ns, 0.0) + pnl
        if pnl < 0:
            streak += 1
            if streak >= r["loss_streak_max"]:
                halt_until = ts[i] + int(round(r["session_cooldown_minutes"] * 60)) * 10**9
                streak = 0
        else:
            streak = 0
        trades.append({"side": pos["side"], "signal": pos["signal"], "entry": pos["entry"], "exit": i, "entry_price": pos["price"],
                       "exit_price": price, "qty": pos["qty"], "pnl": pnl, "reason": reason})
        pos = None

    for i in range(n):
        if pos is not None and i == pos["entry"] + horizon:
            close(i, o[i], i - 1, "horizon")
        if pending is not None:
            sig, side = pending
            pending = None
            margin = pos["qty"] * pos["price"] / r["leverage"] if pos else 0.0
            free = cash - margin
            price = o[i] * (1 + side * slip(i - 1))
            if realised.get(ts[i] // day_ns, 0.0) <= -r["daily_loss_cap_usd"] and (ts[i] // day_ns) in realised:
                drop("daily_cap")
            elif ts[i] < halt_until:
                drop("streak_halt")
            elif free < r["min_free_balance_usd"]:
                drop("min_free_balance")
            elif 1 / r["leverage"] - r["maintenance_margin_rate"] < r["sl_buffer_multiplier"] * stop:
                drop("near_liquidation_long" if side > 0 else "near_liquidation_short")
            else:
                budget = min(r["notional_cap_usd"], max(free, 0) * r["leverage"])
                qty = math.floor((budget / price) / r["lot_step"]) * r["lot_step"]
                if qty < r["min_qty"] or qty <= 0:
                    drop("min_qty")
                else:
                    f = qty * price * r["taker_fee_bps"] / 1e4
                    cash -= f
                    pos = {"side": side, "signal": sig, "entry": i, "price": price, "qty": qty, "fee": f,
                           "stop": price * (1 - side * stop)}
        if pos is not None:
            long = pos["side"] > 0
            if i > pos["entry"] and (o[i] <= pos["stop"] if long else o[i] >= pos["stop"]):
                close(i, o[i], i - 1, "stop_gap")
            elif (l[i] <= pos["stop"]) if long else (h[i] >= pos["stop"]):
                close(i, pos["stop"], i - 1, "stop")
        if i >= 1 and flag[i] == 1 and c[i] != c[i - 1]:
            direction = 1 if c[i] > c[i - 1] else -1
            side = direction if bp["verb"] == "continue" else -direction
            if pos is not None:
                drop("position_open")
            elif i == n - 1:
                drop("end_of_data")
            else:
                pending = (i, side)
        mark = cash + (pos["side"] * pos["qty"] * (c[i] - pos["price"]) if pos else 0.0)
        equity.append(mark)
    if pos is not None:
        close(n - 1, c[n - 1], n - 1, "end_of_data")
        equity[-1] = cash
    daily = pd.Series(equity, index=ts // day_ns).groupby(level=0).last()
    returns = (daily / daily.shift(1, fill_value=r["starting_balance_usd"]) - 1).tolist()
    return {"trades": trades, "daily_returns": returns, "drops": drops}


if __name__ == "__main__":
    main()
