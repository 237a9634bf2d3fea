#!/usr/bin/env bash
# docs/sentences.md, "Attention to cyber issues 2000-2024": ingests every UN General Debate
# speech of ../shared/corpus/ungdc, counts the speeches with a sentence matching cyber* per year
# with `normgraph sentences --count-by year`, and requires the same count as a case-insensitive
# grep over the files of each year. Prints both columns.
#   tests/analysis_cyber_mentions.sh NORMGRAPH SHARED_DIR
set -euo pipefail
normgraph=$1 shared=$2
work=$(mktemp -d /tmp/normgraph-cyber.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$normgraph" ingest --data "$work/data" "$shared/corpus/ungdc" >/dev/null 2>&1
"$normgraph" sentences --data "$work/data" --match 'cyber*' --count-by year --format csv >"$work/index.csv"
declare -A index
while IFS=, read -r year documents _; do
  [[ $year == year ]] || index[$year]=$documents
done <"$work/index.csv"
status=0
printf '%-6s %6s %6s\n' year grep index
for year in $(seq 2000 2024); do
  files=("$shared"/corpus/ungdc/*/*_"$year".txt)
  [[ -e ${files[0]} ]] || continue
  grep_count=$({ grep -lis cyber "${files[@]}" || true; } | wc -l)
  index_count=${index[$year]:-0}
  printf '%-6s %6s %6s\n' "$year" "$grep_count" "$index_count"
  [[ $grep_count == "$index_count" ]] || status=1
done
exit $status
