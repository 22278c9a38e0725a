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

# wrk's summary as one JSON line: requests/s, p99 (ms), non-2xx responses and socket errors.
run() {
    name="$1"; path="$2"; connections="$3"; duration="$4"
    wrk -t2 -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$port$path" > "$work/wrk.txt"
    python3 - "$work/wrk.txt" "$name" "$connections" "$duration" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", text)
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
print(json.dumps({"bench": "server", "endpoint": sys.argv[2], "connections": int(sys.argv[3]), "seconds": int(sys.argv[4]),
                  "requests_per_second": round(rps, 1), "p99_ms": round(ms(*p99.groups()), 3) if p99 else None,
                  "non_2xx": int(non2xx.group(1)) if non2xx else 0,
                  "socket_errors": sum(int(x) for x in errors.groups()) if errors else 0}))
PY
}

run healthz /healthz 32 "$seconds"
run leaderboard_top100 "/leaderboard?top=100" 32 "$seconds"
before="$(rss)"
run soak_healthz /healthz 64 "$soak"
after="$(rss)"
python3 -c "import json,sys; b,a=int(sys.argv[1]),int(sys.argv[2]); print(json.dumps({'bench':'server','endpoint':'soak_rss','rss_kb_before':b,'rss_kb_after':a,'change_pct':round((a-b)*100.0/b,1)}))" "$before" "$after"
