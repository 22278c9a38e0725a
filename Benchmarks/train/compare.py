#!/usr/bin/env python3
"""Python xgboost on the matrix `edgehost bench train` used, with the same split, labels and
parameters; prints one JSON line with both figures.

Usage: compare.py <edgehost bench train JSON line file>
"""
import csv
import json
import statistics
import sys
import time

import numpy as np
import xgboost as xgb
from scipy.stats import rankdata


def auc(scores, positives):
    """Rank (Mann-Whitney) AUC with tied ranks averaged, as edgehost's ROC.auc."""
    p = positives.sum()
    n = len(positives) - p
    if p == 0 or n == 0:
        return float("nan")
    ranks = rankdata(scores)
    return (ranks[positives].sum() - p * (p + 1) / 2) / (p * n)


def main():
    ours = next(json.loads(l) for l in open(sys.argv[1]) if l.startswith("{"))
    with open(ours["matrix"], newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        label_at = header.index("label")
        records = list(reader)
    features = header[1:label_at]
    x = np.array([[float(v) if v != "" else np.nan for v in r[1:label_at]] for r in records], dtype=np.float32)
    labels = [r[label_at] for r in records]
    ts = [r[0] for r in records]
    ends = [r[label_at + 1] for r in records]
    cut = len(records) * 4 // 5
    train = [i for i in range(cut) if ends[i] < ts[cut]]  # ISO-8601 UTC compares as text
    classes = sorted(set(labels[i] for i in train))
    code = {c: i for i, c in enumerate(classes)}
    y = np.array([code[labels[i]] for i in train], dtype=np.float32)
    params = dict(ours["params"])
    rounds, repeats = int(ours["rounds"]), int(ours["repeats"])
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        dtrain = xgb.DMatrix(x[train], label=y, missing=np.nan, feature_names=features)
        booster = xgb.train(params, dtrain, num_boost_round=rounds)
        times.append(time.perf_counter() - t0)
    holdout = list(range(cut, len(records)))
    p = booster.predict(xgb.DMatrix(x[holdout], missing=np.nan, feature_names=features))
    if p.ndim == 1:
        p = np.stack([1 - p, p], axis=1)
    truth = np.array([code.get(labels[i], -1) for i in holdout])
    aucs = [auc(p[:, c], truth == c) for c in range(len(classes))]
    python_auc = float(np.mean([a for a in aucs if a == a]))
    python_s = statistics.median(times)
    print(json.dumps({
        "bench": "train.xgboost_vs_python", "rows": ours["rows"], "features": ours["features"], "rounds": rounds,
        "threads": int(params.get("nthread", 0)),
        "edgehost_s": ours["edgehost_s"], "python_s": round(python_s, 4), "ratio": round(ours["edgehost_s"] / python_s, 3),
        "goal_ratio": 1.25, "edgehost_auc": ours["edgehost_auc"], "python_auc": round(python_auc, 6),
        "auc_diff": round(abs(ours["edgehost_auc"] - python_auc), 6), "goal_auc_diff": 0.005,
        "edgehost_xgboost": ours["xgboost_version"], "python_xgboost": xgb.__version__, "unit": "s",
    }))


if __name__ == "__main__":
    main()
