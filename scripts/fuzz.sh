#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and runs each for
# SECONDS (default 60) on seeds from examples/ and ../shared/corpus; fuzz_query on the queries
# of ../shared/tck, bench/queries and docs/query.md, with the Cypher tokens of
# fuzz/cypher.dict. Exit status 1 if any target finds a crash; its reproducer is left in
# build-fuzz/crashes/.
#   scripts/fuzz.sh [SECONDS] [TARGET...]    (targets: graph_json csv statement snapshot
#                                             norm_text export rules query; default all)
set -euo pipefail
seconds=${1:-60}
targets=("${@:2}")
((${#targets[@]})) || targets=(graph_json csv statement snapshot norm_text export rules query)
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/install-deps.sh
command -v clang++ >/dev/null || { echo "clang++ is needed for libFuzzer" >&2; exit 2; }
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DNORMGRAPH_FUZZ=ON -DNORMGRAPH_TESTS=OFF -DNORMGRAPH_BENCH=OFF >/dev/null
cmake --build build-fuzz

work=$(mktemp -d /tmp/normgraph-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p build-fuzz/crashes "$work"/{json,csv,statement,snapshot,norm_text,export,rules,query}
cp examples/graphs/*.json "$work/json/"
cp examples/graphs/*.json "$work/export/"
{ cat examples/csv-graph/nodes.csv; printf '\0'; cat examples/csv-graph/edges.csv; } >"$work/csv/example"
cp ../shared/corpus/statements/*.txt "$work/statement/" 2>/dev/null || true
cp ../shared/corpus/norms/*.txt ../shared/corpus/meta/*.tsv ontology/norms/curated/*.norms "$work/norm_text/" 2>/dev/null || true
cp ontology/rules/*.rules bench/queries/*.rules bench/rules/*.rules "$work/rules/"
# Queries: the TCK's (each """ block of a scenario), the benchmark's and docs/query.md's.
cp bench/queries/*.cypher "$work/query/"
python3 - "$work/query" ../shared/tck/features docs/query.md <<'PY'
import pathlib, re, sys
out, features, doc = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
texts = []
for f in sorted(features.rglob("*.feature")) if features.is_dir() else []:
    texts += re.findall(r'"""\n(.*?)\n\s*"""', f.read_text(encoding="utf-8"), re.S)
texts += re.findall(r"```cypher\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
for i, t in enumerate(dict.fromkeys(texts)):
    (out / f"seed{i:05d}.cypher").write_text(t)
PY
build-fuzz/cli/normgraph ingest --data "$work/data" examples/graphs >/dev/null
cp "$work/data/graph.snapshot" "$work/snapshot/example"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS UBSAN_OPTIONS

status=0
for target in "${targets[@]}"; do
  corpus=${target%_json}; corpus=${corpus/graph/json}
  extra=()
  [[ $target == query ]] && extra=(-dict=fuzz/cypher.dict -max_len=4096)
  echo "== fuzz_$target for ${seconds}s"
  if ! build-fuzz/fuzz/fuzz_$target "$work/$corpus" -max_total_time="$seconds" -max_len=65536 \
       "${extra[@]}" -artifact_prefix=build-fuzz/crashes/$target- -print_final_stats=1 2>"$work/$target.log"; then
    status=1
    tail -40 "$work/$target.log"
  fi
  grep -E "stat::number_of_executed_units|Done" "$work/$target.log" | tail -2
done
exit $status
