#!/usr/bin/env python3
"""Wall time of `edgehost run --pack zeroedge` (a year of simulated 1-minute data, every stage)
in a fresh workspace, then of the same command again (every stage skipped).

Usage: bench_run.py <edgehost binary>
"""
import json
import shutil
import subprocess
import sys
import tempfile
import time

binary = sys.argv[1]
workspace = tempfile.mkdtemp(prefix="edgehost-bench-run-")
try:
    walls = []
    for _ in range(2):
        t0 = time.perf_counter()
        subprocess.run([binary, "run", "--pack", "zeroedge", "--workspace", workspace], check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t0)
    print(json.dumps({"bench": "run.zeroedge_sim_year", "wall_s": round(walls[0], 3), "rerun_skipped_s": round(walls[1], 3),
                      "goal_s": 30, "unit": "s"}))
finally:
    shutil.rmtree(workspace, ignore_errors=True)
