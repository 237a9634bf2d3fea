#!/bin/sh
# Fails when a C++ file of the repository differs from what clang-format (.clang-format) makes
# of it, listing the files; `clang-format -i FILE` fixes one. Run by .ci/run.
# Usage: scripts/check-format.sh [SOURCE_DIR]
set -eu
cd "${1:-$(dirname "$0")/..}"
command -v clang-format >/dev/null || { echo "check-format.sh: clang-format is needed" >&2; exit 2; }
bad=$(git ls-files '*.cpp' '*.hpp' | while read -r f; do
  clang-format "$f" | cmp -s - "$f" || echo "$f"
done)
if [ -n "$bad" ]; then
  echo "not clang-formatted (clang-format -i FILE):"
  echo "$bad"
  exit 1
fi
echo "every C++ file is clang-formatted"
