#!/usr/bin/env bash
# Soak: 100 kill -9 runs over 50 files, each followed by `arena-rewrite --recover`; every run
# must leave the 50 files entirely old or entirely new, with no temporary file (issue 14).
# FOLDERS 2 spreads the files over two folders, so that each set spans both and kills land
# between its journal copies too (issue 24); RECOVER_IN "second" then always recovers from the
# set's second folder (src/inc), which may hold nothing of the set.
# usage: tests/bench/soak_kill.sh [TOOL] [KILLS] [FILES] [DELAY_MS] [FOLDERS] [RECOVER_IN]
# The bounded versions (30 kills; 20 kills over two folders) run in ctest as reliability_kill
# and reliability_kill_two_folders.
here=$(cd "$(dirname "$0")" && pwd)
tool=${1:-$here/../../build/arena-rewrite}
exec bash "$here/../reliability/kill.sh" "$tool" "${2:-100}" "${3:-50}" "${4:-4}" "${5:-1}" "${6:-any}"
