#!/bin/sh
# Builds the C example pack and every deliberately broken pack (broken.c) into OUTDIR, for the
# host's tests. Quiet on success; exits non-zero on the first failure. CC overrides the compiler.
#
#   Tests/Fixtures/packs/build.sh /tmp/packs
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi
out=$1
root=$(cd "$(dirname "$0")/../../.." && pwd)
include="$root/Sources/PluginAPI/include"
map="$root/Plugins/exports.map"
src="$root/Tests/Fixtures/packs/broken.c"
mkdir -p "$out"

# build OUTPUT CC-ARGS...: compiles to a temporary name, then renames, so a concurrent
# reader never dlopens a half-written library.
build() {
    dest=$1
    shift
    "${CC:-cc}" -std=c11 -O2 -Wall -Wextra -Werror -shared -fPIC "$@" -I "$include" -o "$dest.tmp.$$"
    mv -f "$dest.tmp.$$" "$dest"
}

build "$out/libcpack.so" -Wl,--version-script="$map" "$root"/Plugins/examples/c-pack/*.c -lm

# The same C example pack built as an ABI 1.0 pack against the frozen 1.0 header: found first
# on the include path, it sets the include guard, so the helpers' own include of the current
# header is skipped.
build "$out/libcpack10.so" -I "$root/Tests/Fixtures/abi-1.0" -Wl,--version-script="$map" "$root"/Plugins/examples/c-pack/*.c -lm

# Markets other than NYSE (markets/market_pack.c): a 24/7 UTC pack and a CME Globex pack,
# with the C example pack's indicators, labeler, gate and risk profile compiled in.
cpack="$root/Plugins/examples/c-pack"
for m in 24X7 CME; do
    lower=$(echo "$m" | tr '[:upper:]' '[:lower:]')
    build "$out/libmarket_$lower.so" -DMARKET_"$m" -I "$cpack" -Wl,--version-script="$map" "$root/Tests/Fixtures/packs/markets/market_pack.c" \
        "$cpack/indicators.c" "$cpack/labeler.c" "$cpack/gate.c" "$cpack/risk_profile.c" "$cpack/json.c" "$cpack/parse.c" -lm
done

# Several decisions at one instant (keyed/keyed_labeler.c): the CME pack with a keyed labeler.
build "$out/libmarket_keyed.so" -DMARKET_CME -DMK_KEYED -I "$cpack" -Wl,--version-script="$map" "$root/Tests/Fixtures/packs/markets/market_pack.c" \
    "$root/Tests/Fixtures/packs/keyed/keyed_labeler.c" "$cpack/indicators.c" "$cpack/labeler.c" "$cpack/gate.c" "$cpack/risk_profile.c" \
    "$cpack/json.c" "$cpack/parse.c" -lm

for variant in abi_major struct_size dup_a dup_b init_fails no_factory status row_count nan leaky factory_size overreach history; do
    upper=$(echo "$variant" | tr '[:lower:]' '[:upper:]')
    build "$out/libbroken_$variant.so" -Wl,--version-script="$map" \
        -DBROKEN_NAME="$variant" -DBROKEN_"$upper" "$src" -lm
done

# No version script: the only global symbol is `other_symbol`.
build "$out/libbroken_no_entry.so" -DBROKEN_NAME=no_entry -DBROKEN_NO_ENTRY "$src"

echo "this is not a shared object" > "$out/libbroken_not_elf.so"

# Event discovery (discovery/discovery_pack.c): pack "discoverysim", planted shock reversals and a control event.
build "$out/libdiscoverysim.so" -Wl,--version-script="$map" "$root/Tests/Fixtures/packs/discovery/discovery_pack.c" -lm
