#!/usr/bin/env bash
# Makes the pictures of the README from the reference statement (../shared/corpus/statements/
# 000_f7b3e24bbd779271.txt): its graph as SVG (rendered in-process by normgraph) and PNG, and its
# stance matrix as SVG and CSV, into docs/images/. Builds normgraph first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/build.sh >/dev/null
normgraph=build/cli/normgraph
statement=../shared/corpus/statements/000_f7b3e24bbd779271.txt
data=$(mktemp -d /tmp/normgraph-readme.XXXXXX)
trap 'rm -rf "$data"' EXIT
images=docs/images
mkdir -p "$images"

"$normgraph" ingest --data "$data" "$statement"
"$normgraph" export --data "$data" --format svg --cluster documents -o "$images/reference-statement.svg"
"$normgraph" export --data "$data" --format dot --cluster documents -o "$data/graph.dot"
dot -Tpng -Gdpi=60 "$data/graph.dot" -o "$images/reference-statement.png"
"$normgraph" export --data "$data" --format matrix-svg --columns Principle,Practice,Topic -o "$images/reference-stance-matrix.svg"
"$normgraph" export --data "$data" --format matrix --columns Principle,Practice,Topic -o "$images/reference-stance-matrix.csv"
ls -l "$images"
