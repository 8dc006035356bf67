#!/usr/bin/env bash
# Soak: 5,000 mutated summaries files through shards of the tool built under ASan and UBSan
# (issue 24); every run must exit 0, 1 or 2 with no sanitizer report.
# usage: tests/bench/soak_summaries.sh [BUILD_DIR] [COUNT] [FIRST_SEED]
# BUILD_DIR is a build of the tests (arena-rewrite-san, tests/reliability/summ_mutate); the
# bounded version (150 mutations) runs in ctest as reliability_fuzz_summaries.
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build-test}" && pwd)
exec bash "$here/../reliability/fuzz_summ.sh" "$build/arena-rewrite-san" \
	"$build/tests/reliability/summ_mutate" "${2:-5000}" "${3:-1}"
