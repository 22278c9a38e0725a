#!/bin/sh
# Runs every target of the fuzz executable for RUNS generated inputs (after its corpus and
# regressions), each in its own process so one finding does not hide the others' results.
# Usage: Fuzz/run.sh BIN RUNS. Exits 1 if any target found something (see Fuzz/findings/).
bin=$1 runs=$2
status=0
for target in $("$bin" list); do
    if ! "$bin" "$target" --runs "$runs" --timeout 5 --rss-limit-mb 2048; then
        echo "{\"target\":\"$target\",\"finding\":\"Fuzz/findings/$target-crash\"}"
        status=1
    fi
done
exit $status
