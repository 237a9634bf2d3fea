#!/usr/bin/env bash
# Installs missing dependencies, builds normgraph, ingests the bundled examples/ into a data
# directory, prints its statistics and runs a query on it.
#   scripts/run-examples.sh [DATA_DIR]     (default: ./normgraph-data in the repository)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Resolve a relative DATA_DIR against the caller's directory before moving to the repository.
data_dir="${1:-$repo_root/normgraph-data}"
[[ "$data_dir" == /* ]] || data_dir="$PWD/$data_dir"
cd "$repo_root"

scripts/build.sh

normgraph=build/cli/normgraph
echo "== ingest examples/graphs and examples/statements into $data_dir"
"$normgraph" ingest --data "$data_dir" examples/graphs examples/statements
echo "== stats of $data_dir"
"$normgraph" stats --data "$data_dir"
echo "== what China endorses, with the sentence behind each fact"
"$normgraph" query --data "$data_dir" \
  "MATCH (a:Actor {name: 'China'})-[r:ENDORSES]->(x) RETURN x.name AS endorses, r.evidence[0].text AS sentence ORDER BY endorses"
