#!/bin/sh
# The dashboard in a real browser (README "Dashboard"), run by `make test`: prepares a small
# workspace with the CLI (the zeroedge model on simulated 2024 with a passing and failing gate,
# a second model on four months, a registry promotion), starts `edgehost serve` on a free
# 127.0.0.1 port, runs Tests/browser/dashboard_test.py in headless Chromium (screenshots in
# .build/screenshots/), and stops the server.
#   sh scripts/browser-test.sh [path/to/edgehost]
set -eu
bin="${1:-.build/debug/edgehost}"
name=browser-test
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$(dirname "$0")/serve-background.sh"

ws="$work/workspace"
reg="$work/registry"
cli() { env -u EDGEHOST_DB -u DB_HOST "$bin" "$@" --workspace "$ws" >> "$work/prepare.log" 2>&1 || { echo "$name: edgehost $* failed:" >&2; tail -20 "$work/prepare.log" >&2; exit 1; }; }
start=$(date +%s)
# Model A, a year: the balanced rows fail their gate; the aggressive backtest's 0.55 row passes.
cli run --pack zeroedge
cli backtest --model spy_opt_0dte_hourly --risk-profile aggressive
cli train --model spy_opt_0dte_hourly --risk-profile aggressive
cli registry register --model spy_opt_0dte_hourly --risk-profile aggressive --notes "browser test" --registry "$reg"
cli registry promote --to active --id spy_opt_0dte_hourly@v1 --reason "passed its gate" --registry "$reg"
# A second version (the same booster, registered again) for the page to promote and roll back.
cli registry register --model spy_opt_0dte_hourly --risk-profile balanced --force --notes "second version" --registry "$reg"
# Model B, four months of another indicator set: other plots to compare with.
cli models create --pack zeroedge --indicator-set zeroedge_headfake_reversal_v2 --id spy_headfake
cli build --model spy_headfake --start 2024-01-02 --end 2024-04-30
cli backtest --model spy_headfake --splits 3
echo "$name: workspace prepared in $(( $(date +%s) - start )) s; dashboard at http://127.0.0.1:$port/"

# A second server on the same workspace with a token, for the token prompt's test (last).
token="browser-test-token-$$"
EDGEHOST_API_TOKEN="$token" env -u EDGEHOST_DB -u DB_HOST "$bin" serve --port 0 --workspace "$ws" --registry "$reg" > "$work/token-server.log" 2>&1 &
token_pid=$!
trap 'kill "$token_pid" 2>/dev/null || true; cleanup' EXIT INT TERM
token_port="$(listening_port "$work/token-server.log" "$token_pid" "the token server")" || exit 1

python3 "$root/Tests/browser/dashboard_test.py" --base "http://127.0.0.1:$port" --workspace "$ws" --screenshots "$root/.build/screenshots" \
    --token-base "http://127.0.0.1:$token_port" --token "$token"
