#!/usr/bin/env python3
"""Compares edgehost's Swift indicators with TA-Lib, per indicator, in ns per input row.

Usage: compare.py <swift.jsonl> [csv] [--repeats N]

<swift.jsonl> holds the Swift figures, one JSON object per line as printed by
`edgehost bench indicators` (IndicatorBenchmark.jsonLines):
    {"bench": "indicators.sma", "rows": 75707, "ns_per_row": 1.9, "unit": "ns/row"}
The indicator is the part of "bench" after the last dot. This script runs bench_talib.py on the
same CSV and prints, per indicator:
    {"bench": "indicators.sma", "rows": N, "edgehost_ns_per_row": a, "talib_ns_per_row": b,
     "ratio": a / b, "unit": "ns/row"}
For indicators TA-Lib lacks (vwap, log_return, realized_vol) "talib_ns_per_row" and "ratio"
are null and the numpy reference is given as "numpy_ns_per_row" and "ratio_vs_numpy".
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def read_lines(text):
    """JSON objects of a JSON-lines text, skipping blank and non-JSON lines (build chatter)."""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{"):
            yield json.loads(line)


def by_indicator(records):
    return {record["bench"].rsplit(".", 1)[-1]: record for record in records}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("swift_jsonl")
    parser.add_argument("csv", nargs="?")
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()

    with open(args.swift_jsonl) as handle:
        swift = by_indicator(read_lines(handle.read()))
    command = [sys.executable, os.path.join(HERE, "bench_talib.py"), "--repeats", str(args.repeats)]
    if args.csv:
        command.append(args.csv)
    baseline = list(read_lines(subprocess.run(command, check=True, capture_output=True, text=True).stdout))
    talib_figures = by_indicator(r for r in baseline if r["bench"].startswith("talib."))
    numpy_figures = by_indicator(r for r in baseline if r["bench"].startswith("numpy."))

    for name, record in swift.items():
        ours = record["ns_per_row"]
        talib_record = talib_figures.get(name)
        theirs = talib_record["ns_per_row"] if talib_record else None
        row = {
            "bench": f"indicators.{name}",
            "rows": record["rows"],
            "edgehost_ns_per_row": ours,
            "talib_ns_per_row": theirs,
            "ratio": ours / theirs if ours is not None and theirs else None,
            "unit": "ns/row",
        }
        if talib_record and talib_record["rows"] != record["rows"]:
            row["warning"] = f"row counts differ: talib ran on {talib_record['rows']}"
        if name in numpy_figures:
            reference = numpy_figures[name]["ns_per_row"]
            row["numpy_ns_per_row"] = reference
            row["ratio_vs_numpy"] = ours / reference if ours is not None and reference else None
        print(json.dumps(row))


if __name__ == "__main__":
    main()
