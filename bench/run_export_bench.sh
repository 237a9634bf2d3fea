#!/usr/bin/env bash
# Export benchmark: wall time, peak RSS and output size of every export format on the generated
# graph of N statements (../shared/bench/gen_graph.py, seed 42), each export in its own process.
#   bench/run_export_bench.sh [STATEMENTS]      default 100000 (about 1.1 M nodes, 2.7 M edges)
# The time of an export includes loading the snapshot; the "load" line (normgraph stats) gives
# that part alone. SVG is measured on a focus (a whole graph of a million nodes cannot be laid out).
# Builds nothing: expects build/cli/normgraph (scripts/build.sh makes it).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
shared=$(cd "$root/../shared" && pwd)
n=${1:-100000}
data=${NORMGRAPH_BENCH_DATA:-/tmp/normgraph-bench-$n}
normgraph="$root/build/cli/normgraph"
if [ ! -f "$data/edges.csv" ]; then
  python3 "$shared/bench/gen_graph.py" --statements "$n" --seed 42 --out "$data"
fi
work=$(mktemp -d /tmp/normgraph-export-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$normgraph" ingest --data "$work/data" "$data" >/dev/null

# measure NAME ARGS...: runs normgraph ARGS, prints time, peak RSS and the size of $work/out.
measure() {
  local name=$1
  shift
  rm -rf "$work/out"
  /usr/bin/time -f "%e %M" -o "$work/time" "$normgraph" "$@" >/dev/null 2>"$work/stderr" ||
    { echo "$name: failed: $(cat "$work/stderr")"; return; }
  read -r seconds rss_kb <"$work/time"
  local size=0
  [ -e "$work/out" ] && size=$(du -sb "$work/out" | cut -f1)
  awk -v n="$name" -v s="$seconds" -v r="$rss_kb" -v b="$size" \
    'BEGIN { printf "%-22s %8.2f s %8d MB %10.1f MB\n", n, s, r / 1024, b / 1048576 }'
}

echo "graph: $data ($(($(wc -l <"$data/nodes.csv") - 1)) nodes, $(($(wc -l <"$data/edges.csv") - 1)) edges)"
printf "%-22s %10s %11s %13s\n" format time "peak RSS" "output"
measure "load (stats)" stats --data "$work/data"
for format in json csv dot graphml nt ttl neo4j-csv kuzu cytoscape; do
  measure "$format" export --data "$work/data" --format "$format" -o "$work/out"
done
measure "matrix (State)" export --data "$work/data" --format matrix --rows State -o "$work/out"
measure "matrix-svg (State)" export --data "$work/data" --format matrix-svg --rows State -o "$work/out"
measure "dot focus d1" export --data "$work/data" --format dot --focus "State 001" --depth 1 -o "$work/out"
measure "svg focus d1 (dot)" export --data "$work/data" --format svg --focus "State 001" --depth 1 \
  --max-nodes 300 -o "$work/out"
measure "svg focus d1 (sfdp)" export --data "$work/data" --format svg --layout sfdp \
  --focus "State 001" --depth 1 --max-nodes 300 -o "$work/out"
