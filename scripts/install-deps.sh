#!/bin/sh
# Installs what is missing, per need, so `make run`, `make test` and `make bench` work on a fresh
# Debian machine. Safe to run repeatedly.
#   sh scripts/install-deps.sh run     what the build and `edgehost run` need (apt only)
#   sh scripts/install-deps.sh test    + PostgreSQL for the leaderboard tests and the Python oracles
#   sh scripts/install-deps.sh bench   + the Python peers of the benchmarks (the same pinned set)
# EDGEHOST_DEPS_DRY_RUN=1 prints what the mode would install on a bare machine, installing nothing.
set -eu

mode="${1:-run}"
case "$mode" in run|test|bench) ;; *) echo "usage: $0 [run|test|bench]" >&2; exit 64 ;; esac
dry="${EDGEHOST_DEPS_DRY_RUN:-}"

# missing CHECK: true when CHECK fails, or always in a dry run (which lists everything the mode needs).
missing() { [ -n "$dry" ] || ! sh -c "$1" >/dev/null 2>&1; }

need_apt=""
missing "command -v cc" && need_apt="$need_apt build-essential"
missing "command -v nm" && need_apt="$need_apt binutils"
missing "command -v pkg-config" && need_apt="$need_apt pkg-config"
# The trainer links XGBoost's C API and the stores SQLite's and libpq, all found with pkg-config.
missing "[ -f /usr/include/xgboost/c_api.h ]" && need_apt="$need_apt libxgboost-dev"
missing "[ -f /usr/include/sqlite3.h ]" && need_apt="$need_apt libsqlite3-dev"
missing "[ -f /usr/include/postgresql/libpq-fe.h ]" && need_apt="$need_apt libpq-dev"
# The DBN decoder (Sources/CZstd) streams Databento's .dbn.zst files through libzstd.
missing "[ -f /usr/include/zstd.h ]" && need_apt="$need_apt libzstd-dev"
if [ "$mode" != run ]; then
    # The leaderboard tests start a throw-away server (initdb, pg_ctl); the oracles run on Python.
    missing "ls /usr/lib/postgresql/*/bin/initdb" && need_apt="$need_apt postgresql"
    missing "command -v python3" && need_apt="$need_apt python3 python3-pip"
    # The server's tests check /metrics with promtool (Debian's prometheus package).
    missing "command -v promtool" && need_apt="$need_apt prometheus"
    # The dashboard's browser tests (scripts/browser-test.sh) drive Debian's Chromium, headless.
    missing "command -v chromium" && need_apt="$need_apt chromium"
    missing "command -v chromedriver" && need_apt="$need_apt chromium-driver"
fi
# `make bench` loads the server with wrk.
[ "$mode" = bench ] && missing "command -v wrk" && need_apt="$need_apt wrk"
if [ -n "$need_apt" ]; then
    echo "installing apt packages:$need_apt"
    if [ -z "$dry" ]; then
        SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need_apt
    fi
fi

[ -n "$dry" ] || command -v swift >/dev/null 2>&1 || { echo "swift not found: install Swift 6.x (https://swift.org/install) and retry" >&2; exit 1; }

[ "$mode" = run ] && exit 0
# The oracles of the tests and the peers of the benchmarks (TA-Lib, empyrical, xgboost, vectorbt); TA-Lib's wheel
# bundles the C library. Versions are pinned in Tests/oracles/requirements.txt.
if missing "python3 -c 'import talib, numpy, empyrical, scipy, pandas, bottleneck, xgboost, vectorbt, databento_dbn, zstandard, statsmodels'"; then
    echo "installing Python packages from Tests/oracles/requirements.txt (pip install -r)"
    [ -n "$dry" ] || python3 -m pip install -q -r "$(dirname "$0")/../Tests/oracles/requirements.txt"
fi
# The server's fuzz pass (scripts/server-fuzz.sh, in `make test`): schemathesis, pinned.
if missing "python3 -c 'import schemathesis'"; then
    echo "installing Python packages from scripts/server-fuzz-requirements.txt (pip install -r)"
    [ -n "$dry" ] || python3 -m pip install -q -r "$(dirname "$0")/../scripts/server-fuzz-requirements.txt"
fi
# The dashboard's browser tests (scripts/browser-test.sh, in `make test`): selenium, pinned.
if missing "python3 -c 'import selenium'"; then
    echo "installing Python packages from Tests/browser/requirements.txt (pip install -r)"
    [ -n "$dry" ] || python3 -m pip install -q -r "$(dirname "$0")/../Tests/browser/requirements.txt"
fi
