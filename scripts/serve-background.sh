# Sourced (`. scripts/serve-background.sh`) by the scripts that drive a live `edgehost serve`
# (server-fuzz, the server benchmark): starts "$bin" on a free 127.0.0.1 port with a throwaway
# workspace, registry and SQLite (no EDGEHOST_DB / DB_* from the caller), sets $work, $pid and
# $port, and stops it and removes $work on exit. $name prefixes the failure message.
work="$(mktemp -d)"
pid=""
cleanup() {
    [ -z "$pid" ] || { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# listening_port LOG PID WHAT: the port a server started in the background printed in LOG
# ("listening on http://127.0.0.1:PORT"), waiting up to 30 s; exits naming WHAT when it never
# does or PID ends first.
listening_port() {
    for _ in $(seq 1 300); do
        found="$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$1")"
        [ -n "$found" ] && { echo "$found"; return 0; }
        kill -0 "$2" 2>/dev/null || break
        sleep 0.1
    done
    echo "$name: $3 did not start:" >&2; cat "$1" >&2; exit 1
}

env -u EDGEHOST_DB -u DB_HOST "$bin" serve --port 0 --workspace "$work/workspace" --registry "$work/registry" > "$work/server.log" 2>&1 &
pid=$!
port="$(listening_port "$work/server.log" "$pid" "the server")" || exit 1
