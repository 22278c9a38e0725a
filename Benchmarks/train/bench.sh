#!/bin/sh
# Training vs Python xgboost on the same matrix: five years of simulated decisions (every hour).
set -eu
bin="$1"
work=.build/bench-train
[ -f "$work/models/spy_opt_0dte_hourly.json" ] || "$bin" models create --workspace "$work" --pack zeroedge >/dev/null
"$bin" build --workspace "$work" --model spy_opt_0dte_hourly --start 2020-02-03 --end 2024-12-31 >/dev/null
"$bin" bench train --matrix "$work/matrices/spy_opt_0dte_hourly/training_matrix_built.csv" > .build/train-edgehost.jsonl
cat .build/train-edgehost.jsonl
python3 "$(dirname "$0")/compare.py" .build/train-edgehost.jsonl
