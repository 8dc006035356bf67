#!/usr/bin/env bash
# Soak: 100 kill -9 runs over 50 files, each followed by `arena-rewrite --recover`; every run
# must leave the 50 files entirely old or entirely new, with no temporary file (issue 14).
# usage: tests/bench/soak_kill.sh [TOOL] [KILLS] [FILES] [DELAY_MS]
# The bounded version (30 kills) runs in ctest as reliability_kill.
here=$(cd "$(dirname "$0")" && pwd)
tool=${1:-$here/../../build/arena-rewrite}
exec bash "$here/../reliability/kill.sh" "$tool" "${2:-100}" "${3:-50}" "${4:-4}"
