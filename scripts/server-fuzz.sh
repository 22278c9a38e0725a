#!/bin/sh
# The server's fuzz pass (README "Server"), run by `make test`: schemathesis (pinned in
# scripts/server-fuzz-requirements.txt) against the live /openapi.json of `edgehost serve` on a
# free 127.0.0.1 port, with a bounded number of examples per operation. Fails on any 5xx and on
# any response whose status, content type or body the document does not allow.
#   sh scripts/server-fuzz.sh [path/to/edgehost] [examples per operation]
set -eu
bin="${1:-.build/debug/edgehost}"
examples="${2:-10}"
work="$(mktemp -d)"
pid=""
cleanup() {
    [ -z "$pid" ] || { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# No EDGEHOST_DB / DB_* from the caller's environment: the pass uses its own throwaway SQLite.
env -u EDGEHOST_DB -u DB_HOST "$bin" serve --port 0 --workspace "$work/workspace" --registry "$work/registry" > "$work/server.log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 300); do
    port="$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$work/server.log")"
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
[ -n "$port" ] || { echo "server-fuzz: the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

echo "server-fuzz: schemathesis on http://127.0.0.1:$port/openapi.json ($examples examples per operation)"
schemathesis run "http://127.0.0.1:$port/openapi.json" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --max-examples "$examples" --seed 20261205 --workers 1 --request-timeout 60 --generation-database none \
    --no-color --suppress-health-check all
