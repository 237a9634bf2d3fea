#!/usr/bin/env bash
# Installs missing dependencies, builds normgraph and runs all tests with ctest.
#   scripts/test.sh              tests of the Release build in build/
#   scripts/test.sh --sanitize   tests under AddressSanitizer + UBSan in build-asan/
# The last thing printed is ctest's summary; the exit status is ctest's.
set -euo pipefail

build_flags=()
build_dir=build
for arg in "$@"; do
  case "$arg" in
    --sanitize)
      build_flags+=(--sanitize)
      build_dir=build-asan
      ;;
    *)
      echo "usage: scripts/test.sh [--sanitize]" >&2
      exit 1
      ;;
  esac
done

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if ((${#build_flags[@]})); then
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi

scripts/build.sh "${build_flags[@]}"
exec ctest --test-dir "$build_dir" --output-on-failure -j2
