#!/usr/bin/env bash
# Sentence search over every UNGDC sentence (docs/sentences.md), measured twice: through the
# index (normgraph_sentence_bench: each search of bench/queries/sentences.tsv, medians) and end
# to end through `normgraph serve` (GET /api/sentences, curl's total time, median of 5 each).
#   bench/run_sentence_bench.sh [DATA_DIR]   (default: ../shared/corpus/ungdc ingested afresh)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
normgraph=$root/build/cli/normgraph
data=${1:-}
if [ -z "$data" ]; then
  data=$(mktemp -d /tmp/normgraph-sentences.XXXXXX)
  trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$data"' EXIT
  "$normgraph" ingest --data "$data" "$root/../shared/corpus/ungdc" >/dev/null
else
  trap 'kill "${server:-0}" 2>/dev/null || true' EXIT
fi
echo "== through the index ($data)"
"$root/build/bench/normgraph_sentence_bench" "$data" 9

port=${PORT:-18791}
"$normgraph" serve --data "$data" --port "$port" 2>/dev/null &
server=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break
  sleep 0.5
done
echo "== GET /api/sentences, median of 5 (ms)"
all=()
# A line of sentences.tsv as the endpoint's query string (count-by is count_by there).
query_string() {
  python3 -c '
import sys, urllib.parse
kind, text, *options = sys.argv[1].split("\t")
params = [("q", text)] + ([("match", "1")] if kind == "match" else [])
params += [tuple(o.replace("count-by", "count_by").split("=", 1)) for o in options]
print(urllib.parse.urlencode(params))' "$1"
}
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  q=$(query_string "$line")
  ms=$(for _ in 1 2 3 4 5; do
    curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port/api/sentences?$q"
  done | sort -n | sed -n 3p | awk '{printf "%.2f", $1 * 1000}')
  all+=("$ms")
  printf '%8s ms  %s\n' "$ms" "${line//$'\t'/ }"
done <"$root/bench/queries/sentences.tsv"
printf '%s\n' "${all[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median over %d searches: %.2f ms\n", NR, a[int((NR+1)/2)]}'
