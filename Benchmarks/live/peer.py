#!/usr/bin/env python3
"""The peer of `edgehost bench live`: Python xgboost's `Booster.inplace_predict` on the same
ladder rows (the features edgehost scored, from its peer_inputs) with the same model file.
Times one decision's rows and the whole ladder like edgehost's model_ms figures, checks the
breach probabilities agree, and prints edgehost's line with a `peer` object added.

Usage: peer.py <file holding edgehost bench live's JSON line>
"""
import csv
import json
import statistics
import sys
import time

import numpy as np
import xgboost as xgb


def stats(ms):
    s = sorted(ms)
    return {"p50": round(float(np.percentile(s, 50)), 4), "p99": round(float(np.percentile(s, 99)), 4),
            "max": round(s[-1], 4), "n": len(s)}


def timed(booster, x, repeats):
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        booster.inplace_predict(x)
        out.append((time.perf_counter_ns() - t0) / 1e6)
    return out


def main():
    ours = next(json.loads(l) for l in open(sys.argv[1]) if l.startswith("{"))
    inputs = ours["peer_inputs"]
    with open(inputs["ladder"], newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [[float(v) for v in r] for r in reader]
    x = np.array([r[:-1] for r in rows], dtype=np.float32)
    swift = np.array([r[-1] for r in rows])
    booster = xgb.Booster(model_file=inputs["model"])
    booster.set_param({"nthread": 1})
    # Binary logistic: the margin's sigmoid is P(class 1); the breach class is the event.
    p = booster.inplace_predict(x)
    p = p if p.ndim == 1 else p[:, -1]
    diff = min(float(np.max(np.abs(p - swift))), float(np.max(np.abs((1 - p) - swift))))
    one = int(inputs["one_decision_rows"])
    repeats = int(inputs["repeats"])
    for _ in range(50):  # warm-up
        booster.inplace_predict(x[:one])
    ours["peer"] = {
        "tool": "python xgboost %s Booster.inplace_predict (nthread 1, float32)" % xgb.__version__,
        "model_ms_one_decision": stats(timed(booster, x[:one], repeats)),
        "model_ms_ladder": stats(timed(booster, x, repeats)),
        "max_abs_probability_diff": diff,
        "note": "model only: the peer has no feature build, outputs or files; compare with model_ms_*",
    }
    print(json.dumps(ours))


if __name__ == "__main__":
    main()
