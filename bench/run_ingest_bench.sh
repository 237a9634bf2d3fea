#!/usr/bin/env bash
# Ingest throughput side by side with a plain scan: normgraph's statement loader over a folder
# of statements, and `grep -F -c -f PHRASES` over the same files with the vocabulary's phrases.
#   bench/run_ingest_bench.sh [FOLDER]     (default ../shared/corpus/ungdc)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
folder=${1:-$root/../shared/corpus/ungdc}
phrases=$(mktemp /tmp/normgraph-phrases.XXXXXX)
trap 'rm -f "$phrases"' EXIT
echo "== normgraph statement loader over $folder (one thread, then all cores)"
"$root/build/bench/normgraph_ingest_bench" "$folder" --phrases "$phrases" --threads 1
"$root/build/bench/normgraph_ingest_bench" "$folder"
echo "== grep -F -i -c -f (vocabulary phrases: $(wc -l <"$phrases")) over the same files"
mb=$(du -sbm "$folder" | cut -f1)
start=$(date +%s.%N)
find "$folder" -name '*.txt' -print0 | xargs -0 grep -F -i -c -f "$phrases" >/dev/null || true
end=$(date +%s.%N)
python3 -c "import sys; s=$end-$start; print(f'grep: {s:.2f} s, {$mb/s:.1f} MB/s')"
