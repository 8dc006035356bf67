#!/usr/bin/env bash
# The generator soak (issue 10): tests/gen/run.sh over many more seeds than the bounded ctest
# run. Prints programs tried, rewrites accepted, refusals, failures and the share of
# safe-by-construction programs refused; exits 1 when any seed failed, and keeps the folders
# of the failing seeds (their path is printed). Not a ctest: 5,000 programs take about an hour
# on two cores.
#
# usage: gen_soak.sh [BUILD_DIR] [COUNT] [FROM] [JOBS]
#        defaults: build-test at the top of the tree, 5000, 100001 (clear of the ctest's
#        seeds 1..300), 2
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${1:-$top/build-test}
# absolute: every seed runs in a folder of its own
build=$(cd "$build" && pwd) || { echo "gen_soak.sh: no build folder: ${1:-}" >&2; exit 2; }
count=${2:-5000} from=${3:-100001} jobs=${4:-2}
exec bash "$top/tests/gen/run.sh" --tool "$build/arena-rewrite" --gen "$build/tests/gen/gen_prog" \
	--runtime "$top/runtime" --from "$from" --count "$count" -j "$jobs" --keep-failed
