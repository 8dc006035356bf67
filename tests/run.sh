#!/usr/bin/env bash
# The whole test suite: installs missing packages, builds with -Werror (gcc), runs ctest.
# Opt-in suites (real Debian sources) run only when ARENA_REAL_WORLD=1.
#   bash tests/run.sh           everything (what CI runs)
#   bash tests/run.sh --quick   the quick subset only (ctest -L quick, under 90 s; docs/testing.md)
set -euo pipefail
cd "$(dirname "$0")/.."
select=()
case ${1:-} in
"") ;;
--quick) select=(-L quick) ;;
*) echo "usage: bash tests/run.sh [--quick]" >&2; exit 2 ;;
esac
bash setup.sh --deps-only
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARENA_WERROR=ON > /dev/null
cmake --build build-test -j"$(nproc)" > build-test.log 2>&1 || { tail -n 60 build-test.log; exit 1; }
# A run that writes files in several folders records the set in the user's registry of pending
# sets ($XDG_STATE_HOME/arena-rewrite, docs/rewrite.md): the suite keeps its own in the build tree.
export XDG_STATE_HOME="$PWD/build-test/state"
mkdir -p "$XDG_STATE_HOME"
ctest --test-dir build-test --output-on-failure -j"$(nproc)" --timeout 600 "${select[@]}"
