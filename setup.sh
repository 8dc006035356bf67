#!/usr/bin/env bash
# Installs what arena-rewrite needs on Debian 12 (apt-get only), builds it into build/, and
# runs it on the bundled example, printing the diff it proposes.
#   bash setup.sh              everything
#   bash setup.sh --deps-only  only the packages (used by tests/run.sh on a fresh machine)
set -euo pipefail
cd "$(dirname "$0")"

pkgs=(build-essential cmake pkg-config libclang-dev clang libcjson-dev valgrind patch git)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	echo "setup: installing ${missing[*]}"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
[ "${1:-}" = "--deps-only" ] && exit 0

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build -j"$(nproc)" > /dev/null
echo "setup: built build/arena-rewrite; proposed rewrite of docs/examples/wordfreq:"
cd docs/examples/wordfreq
../../../build/arena-rewrite --hotspots hotspots.json wordfreq.c --
