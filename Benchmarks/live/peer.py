#!/usr/bin/env python3
"""The peer of `edgehost bench live`: Python xgboost's `Booster.inplace_predict` on the same
ladder rows (the features edgehost scored, from its peer_inputs) with the same model file.
Times one decision's rows and the whole ladder like edgehost's model_ms figures, checks the
breach probabilities agree, and prints edgehost's line with a `peer` object added.

Usage: peer.py <file holding edgehost bench live's JSON line>
"""
import csv
import os
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


def timed(booster, x, margin, repeats):
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        booster.inplace_predict(x, base_margin=margin)
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
    # A model with a prior (meta.json policy.prior, `TrainingPrior`) starts each row from the
    # prior's log-odds of the positive class (the encoder's second): the same base margin here.
    meta = json.load(open(os.path.join(os.path.dirname(inputs["model"]), "meta.json")))
    prior = (meta.get("policy") or {}).get("prior")
    margin = None
    if prior:
        q = x[:, header.index(prior["feature"])].astype(np.float64)
        q = q if meta["label_encoder"]["classes"].index(prior["label"]) == 1 else 1 - q
        q = np.clip(q, 1e-4, 1 - 1e-4)
        margin = np.log(q / (1 - q)).astype(np.float32)
    # Binary logistic: the margin's sigmoid is P(class 1); the breach class is the event.
    p = booster.inplace_predict(x, base_margin=margin)
    p = p if p.ndim == 1 else p[:, -1]
    diff = min(float(np.max(np.abs(p - swift))), float(np.max(np.abs((1 - p) - swift))))
    one = int(inputs["one_decision_rows"])
    repeats = int(inputs["repeats"])
    for _ in range(50):  # warm-up
        booster.inplace_predict(x[:one], base_margin=None if margin is None else margin[:one])
    ours["peer"] = {
        "tool": "python xgboost %s Booster.inplace_predict (nthread 1, float32)" % xgb.__version__,
        "model_ms_one_decision": stats(timed(booster, x[:one], None if margin is None else margin[:one], repeats)),
        "model_ms_ladder": stats(timed(booster, x, margin, repeats)),
        "max_abs_probability_diff": diff,
        "note": "model only: the peer has no feature build, outputs or files; compare with model_ms_*",
    }
    print(json.dumps(ours))


if __name__ == "__main__":
    main()
