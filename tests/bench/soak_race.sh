#!/usr/bin/env bash
# Soak: two `-i` runs and a `--recover` racing over 50 files, 100 rounds (issue 24); every round
# must end with the 50 files entirely old or entirely new, no temporary file, and exit codes
# that match what was written.
# usage: tests/bench/soak_race.sh [TOOL] [ROUNDS] [FILES] [DELAY_MS]
# The bounded version (10 rounds over 20 files) runs in ctest as reliability_race.
here=$(cd "$(dirname "$0")" && pwd)
tool=${1:-$here/../../build/arena-rewrite}
exec bash "$here/../reliability/race.sh" "$tool" "${2:-100}" "${3:-50}" "${4:-2}"
