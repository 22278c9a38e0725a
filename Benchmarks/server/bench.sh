#!/bin/sh
# `make bench`: wrk against `edgehost serve` on 127.0.0.1 (README "Server"). One JSON line per
# endpoint (requests per second, p99 latency, errors), then a 60 s soak with 64 connections on
# /healthz (errors, RSS before and after). Goals: /healthz ≥ 20,000 req/s and p99 < 5 ms,
# /leaderboard?top=100 ≥ 2,000 req/s, the soak with zero errors and RSS within 10 %.
#   sh Benchmarks/server/bench.sh [path/to/edgehost] [seconds per endpoint] [soak seconds]
set -eu
bin="${1:-.build/release/edgehost}"
seconds="${2:-10}"
soak="${3:-60}"
name=bench
. "$(dirname "$0")/../../scripts/serve-background.sh"

rss() { awk '/^VmRSS:/ {print $2}' "/proc/$pid/status"; }

# wrk's summary as one JSON line: requests/s, p99 (ms), non-2xx responses and socket errors,
# the goal, and the exact wrk command. One wrk thread: the server's two event loops and wrk share
# the machine's 2 cores, and a second wrk thread only takes CPU from the server it measures.
threads="${EDGEHOST_BENCH_WRK_THREADS:-1}"
run() {
    name="$1"; path="$2"; connections="$3"; duration="$4"; goal_rps="$5"; goal_p99="$6"
    command="wrk -t$threads -c$connections -d${duration}s --latency http://127.0.0.1:PORT$path"
    wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$port$path" > "$work/wrk.txt"
    python3 - "$work/wrk.txt" "$name" "$connections" "$duration" "$goal_rps" "$goal_p99" "$command" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", text)
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
p99_ms = round(ms(*p99.groups()), 3) if p99 else None
bad = (int(non2xx.group(1)) if non2xx else 0) + (sum(int(x) for x in errors.groups()) if errors else 0)
goal_rps = float(sys.argv[5]); goal_p99 = float(sys.argv[6]) if sys.argv[6] else None
print(json.dumps({"bench": "server", "endpoint": sys.argv[2], "connections": int(sys.argv[3]), "seconds": int(sys.argv[4]),
                  "requests_per_second": round(rps, 1), "p99_ms": p99_ms,
                  "non_2xx": int(non2xx.group(1)) if non2xx else 0,
                  "socket_errors": sum(int(x) for x in errors.groups()) if errors else 0,
                  "goal": {"requests_per_second": goal_rps, "p99_ms": goal_p99},
                  "meets_goal": bad == 0 and rps >= goal_rps and (goal_p99 is None or (p99_ms is not None and p99_ms < goal_p99)),
                  "command": sys.argv[7]}))
PY
}

# 500 leaderboard rows, so `top=100` reads and serialises a full page (the table is created
# by the server's first store access).
curl -sf "http://127.0.0.1:$port/leaderboard?top=1" > /dev/null
python3 - "$work/workspace/edgehost.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for i in range(500):
    db.execute("INSERT INTO leaderboard (key, run_id, model_id, model_version, risk_profile, threshold, allowed_hours, splits, trades,"
               " win_rate, mean_return, median_return, total_return, sharpe, sortino, max_drawdown, calmar, deflated_sharpe,"
               " fold_sharpe_spread, gate_status, gate_reasons, matrix_sha, config_sha, report_path, created_at)"
               " VALUES (?, 'r', ?, 'v1', 'balanced', 0.6, '13-15', 5, 40, 0.5, 0.001, 0.0, 0.04, ?, 1.0, -0.1, 0.5, 0.8, 0.2,"
               " ?, '[]', 'abc', 'def', 'reports/x/report.json', '2026-01-01T00:00:00Z')",
               (f"k{i:04d}", f"m{i % 7}", (i * 37 % 500) / 100.0, "pass" if i % 3 else "fail"))
db.commit()
PY
# Each endpoint is warmed for 2 s first (first requests open the store and fill the caches).
run warmup /healthz 16 2 0 "" > /dev/null
run healthz /healthz 16 "$seconds" 20000 5
run warmup "/leaderboard?top=100" 16 2 0 "" > /dev/null
run leaderboard_top100 "/leaderboard?top=100" 16 "$seconds" 2000 ""
before="$(rss)"
run soak_healthz /healthz 64 "$soak" 0 ""
after="$(rss)"
python3 -c "import json,sys; b,a=int(sys.argv[1]),int(sys.argv[2]); print(json.dumps({'bench':'server','endpoint':'soak_rss','rss_kb_before':b,'rss_kb_after':a,'change_pct':round((a-b)*100.0/b,1),'meets_goal':abs(a-b)*100.0/b<=10}))" "$before" "$after"

# The peer, in the same run: a bare Hummingbird server (`edgehost bench http-peer`: one route,
# no middleware) on the same event loops, measured exactly as /healthz was. Its figure is what
# the framework alone reaches on this machine at this moment.
kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""
"$bin" bench http-peer --port 0 > "$work/peer.log" 2>&1 &
pid=$!
port="$(listening_port "$work/peer.log" "$pid" "the peer")" || exit 1
run warmup /hello 16 2 0 "" > /dev/null
run peer_hummingbird_hello /hello 16 "$seconds" 0 ""
