#!/bin/sh
# `make template-test`: the standalone Swift pack template (Plugins/templates/swift-pack) built
# and tested OUTSIDE this repository's Package.swift, as a third party would: copied to a fresh
# temporary folder, `swift build` and `swift test` there against this checkout
# (EDGEHOST_PATH), then `edgehost pack verify` on the pack it built.
#
# Build products go to .build-template/ in this repository (TEMPLATE_SCRATCH overrides it), so
# a second run rebuilds only the template, not edgehost.
#
# `make test` overlaps it with the test run (mostly waiting on subprocesses and servers, while this
# compiles): `--start` runs it in the background into .build/template-test.log, `--wait` waits for
# it, prints the end of the log (all of it on failure) and exits with its status.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
log="$repo/.build/template-test.log" rc="$repo/.build/template-test.rc"
case "${1:-}" in
--start)
    mkdir -p "$repo/.build" && rm -f "$rc"
    ( set +e; sh "$0" > "$log" 2>&1; echo $? > "$rc" ) &
    echo "template-test: started in the background (log: .build/template-test.log)"
    exit 0 ;;
--wait)
    while [ ! -f "$rc" ]; do sleep 2; done
    status=$(cat "$rc")
    if [ "$status" -eq 0 ]; then tail -n 3 "$log"; else cat "$log"; fi
    exit "$status" ;;
esac
swift=${SWIFT:-swift}
edgehost=${EDGEHOST_BIN:-$repo/.build/debug/edgehost}
scratch=${TEMPLATE_SCRATCH:-$repo/.build-template}

work=$(mktemp -d "${TMPDIR:-/tmp}/edgehost-template.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
cp -R "$repo/Plugins/templates/swift-pack/." "$work/"
# The same dependency versions as this checkout, when it has resolved them.
if [ -f "$repo/Package.resolved" ]; then cp "$repo/Package.resolved" "$work/Package.resolved"; fi

export EDGEHOST_PATH="$repo"
start=$(date +%s)
(cd "$work" && "$swift" build --scratch-path "$scratch")
(cd "$work" && "$swift" test --scratch-path "$scratch")
"$edgehost" pack verify "$scratch/debug/libmypack.so"
echo "template-test: built, tested and verified in $(( $(date +%s) - start )) s (outside this Package.swift: $work)"
