#!/usr/bin/env bash
# Installs missing dependencies, configures and builds normgraph.
#   scripts/build.sh              Release build in build/
#   scripts/build.sh --sanitize   AddressSanitizer + UBSan build in build-asan/ (no benchmarks)
#   scripts/build.sh --release    same as no flag (explicit Release build in build/)
# Works from any directory. Extra CMake cache settings can be passed in $NORMGRAPH_CMAKE_ARGS.
set -euo pipefail

usage() {
  echo "usage: scripts/build.sh [--sanitize] [--release]" >&2
  exit 1
}

sanitize=0
for arg in "$@"; do
  case "$arg" in
    --sanitize) sanitize=1 ;;
    --release) sanitize=0 ;;
    -h | --help) usage ;;
    *) echo "build.sh: unknown argument '$arg'" >&2; usage ;;
  esac
done

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

scripts/install-deps.sh

if ((sanitize)); then
  build_dir=build-asan
  cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DNORMGRAPH_SANITIZE=ON -DNORMGRAPH_BENCH=OFF)
else
  build_dir=build
  cmake_args=(-DCMAKE_BUILD_TYPE=Release)
fi
# shellcheck disable=SC2206  # word splitting of the extra arguments is intended
cmake_args+=(${NORMGRAPH_CMAKE_ARGS:-})

cmake -S . -B "$build_dir" -G Ninja "${cmake_args[@]}"
cmake --build "$build_dir"
