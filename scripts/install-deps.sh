#!/bin/sh
# Installs what the build, the tests and the benchmarks need, only when it is missing, so
# `make run` and `make test` work on a fresh Debian machine. Safe to run repeatedly.
set -eu

need_apt=""
command -v cc >/dev/null 2>&1 || need_apt="$need_apt build-essential"
command -v nm >/dev/null 2>&1 || need_apt="$need_apt binutils"
command -v python3 >/dev/null 2>&1 || need_apt="$need_apt python3 python3-pip"
command -v pkg-config >/dev/null 2>&1 || need_apt="$need_apt pkg-config"
# The trainer links XGBoost's C API and the stores SQLite's, both found with pkg-config.
[ -f /usr/include/xgboost/c_api.h ] || need_apt="$need_apt libxgboost-dev"
[ -f /usr/include/sqlite3.h ] || need_apt="$need_apt libsqlite3-dev"
# The leaderboard's PostgreSQL backend links libpq; its tests start a throw-away server (initdb, pg_ctl).
[ -f /usr/include/postgresql/libpq-fe.h ] || need_apt="$need_apt libpq-dev"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt="$need_apt postgresql"
if [ -n "$need_apt" ]; then
    echo "installing apt packages:$need_apt"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need_apt
fi

command -v swift >/dev/null 2>&1 || { echo "swift not found: install Swift 6.x (https://swift.org/install) and retry" >&2; exit 1; }

# The oracles of the tests and the peers of the benchmarks (TA-Lib, empyrical, xgboost); TA-Lib's wheel bundles the
# C library. Versions are pinned in Tests/oracles/requirements.txt.
if ! python3 -c "import talib, numpy, empyrical, scipy, pandas, bottleneck, xgboost, vectorbt" >/dev/null 2>&1; then
    echo "installing Python packages from Tests/oracles/requirements.txt"
    python3 -m pip install -q -r "$(dirname "$0")/../Tests/oracles/requirements.txt"
fi
