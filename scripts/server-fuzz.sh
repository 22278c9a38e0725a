#!/bin/sh
# The server's fuzz pass (README "Server"), run by `make test`: schemathesis (pinned in
# scripts/server-fuzz-requirements.txt) against the live /openapi.json of `edgehost serve` on a
# free 127.0.0.1 port, with a bounded number of examples per operation. Fails on any 5xx and on
# any response whose status, content type or body the document does not allow.
#   sh scripts/server-fuzz.sh [path/to/edgehost] [examples per operation]
set -eu
bin="${1:-.build/debug/edgehost}"
examples="${2:-10}"
name=server-fuzz
. "$(dirname "$0")/serve-background.sh"

echo "server-fuzz: schemathesis on http://127.0.0.1:$port/openapi.json ($examples examples per operation)"
schemathesis run "http://127.0.0.1:$port/openapi.json" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --max-examples "$examples" --seed 20261205 --workers 1 --request-timeout 60 --generation-database none \
    --no-color --suppress-health-check all
