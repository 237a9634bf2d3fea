#!/usr/bin/env bash
# Load benchmark, side by side in one run: normgraph (CSV -> ready, snapshot save, snapshot ->
# ready) and the DuckDB baseline of ../shared/bench on the same generated data.
#   bench/run_load_bench.sh STATEMENTS [ENGINES] [RUNS]   e.g. bench/run_load_bench.sh 100000 "duckdb kuzu" 3
# Every engine runs RUNS whole processes (default 3): timings on a shared 2-core machine vary.
# Builds nothing: expects build/bench/normgraph_load_bench (scripts/build.sh makes it).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
shared=$(cd "$root/../shared" && pwd)
n=${1:?usage: run_load_bench.sh STATEMENTS [ENGINES]}
engines=${2:-duckdb}
runs=${3:-3}
data=${NORMGRAPH_BENCH_DATA:-/tmp/normgraph-bench-$n}
if [ ! -f "$data/edges.csv" ]; then
  python3 "$shared/bench/gen_graph.py" --statements "$n" --seed 42 --out "$data"
fi
for k in $(seq 1 "$runs"); do
  echo "== normgraph run $k ($data)"
  "$root/build/bench/normgraph_load_bench" "$data" "$data.snapshot" 2>/dev/null
done
rm -f "$data.snapshot"
out=$(mktemp -d /tmp/normgraph-bench-out.XXXXXX)
echo "== baselines: $engines (queries run too; only load is compared here)"
bash "$shared/bench/run_all.sh" -d "$data" -e "$engines" -r 1 -k "$runs" -o "$out" >/dev/null 2>&1 || true
for f in "$out"/*.[0-9]*.json; do
  python3 - "$f" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
if "error" in r:
    print(f"{r['engine']:>10}: {r['error']}")
else:
    print(f"{r['engine']:>10} {r.get('version', '')}: load {r['load_ms'] / 1000:.2f} s, peak {r.get('peak_mb', r.get('peak_rss_mb', '?'))} MB")
PY
done
