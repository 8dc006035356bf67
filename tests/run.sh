#!/usr/bin/env bash
# The whole test suite: installs missing packages, builds with -Werror (gcc), runs ctest.
# Opt-in suites (real Debian sources) run only when ARENA_REAL_WORLD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash setup.sh --deps-only
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARENA_WERROR=ON > /dev/null
cmake --build build-test -j"$(nproc)" > build-test.log 2>&1 || { tail -n 60 build-test.log; exit 1; }
ctest --test-dir build-test --output-on-failure -j"$(nproc)" --timeout 600
