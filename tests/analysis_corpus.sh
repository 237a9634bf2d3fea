#!/bin/sh
# Runs the commands of docs/analysis.md on the shared corpus and checks the key facts of their
# outputs (the shapes and the findings the document states).
#   tests/analysis_corpus.sh NORMGRAPH SHARED_DIR
set -u
ng=$1
corpus=$2/corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=$work/data
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
# expect NAME FILE PATTERN: FILE holds a line matching the extended regular expression.
expect() {
  grep -Eq -- "$3" "$2" || fail "$1: no line matches '$3'"
}
expect_not() {
  grep -Eq -- "$3" "$2" && fail "$1: a line matches '$3'"
}

"$ng" ingest --data "$data" "$corpus/statements" "$corpus/norms" "$corpus/meta" >"$work/ingest" 2>&1 ||
  fail "ingest exited $?"

# 1. Russia 2019, 2021, 2022
"$ng" timeline --data "$data" "Russian Federation" >"$work/rus" || fail "timeline exited $?"
expect timeline "$work/rus" '^concept +2019 +2021 +2022 *$'
expect timeline "$work/rus" '^legally binding instrument +endorses\* +\(stops\)! +- *$'
expect timeline "$work/rus" '^militarization of cyberspace +opposes\* +opposes +\(stops\)! *$'
expect timeline "$work/rus" '^  2022 stop: militarization of cyberspace$'
for year in 2019 2021 2022; do
  "$ng" query --data "$data" --format csv --since $year --until $year \
    "MATCH (:Actor {name: 'Russian Federation'})-[r:ENDORSES|OPPOSES|CONCERNED_ABOUT]->(x) RETURN type(r) AS stance, x.name AS concept, r.first_stated AS first ORDER BY stance, concept" \
    >"$work/rus-$year.crlf" || fail "query --since $year exited $?"
  tr -d '\r' <"$work/rus-$year.crlf" >"$work/rus-$year"
  expect "query $year" "$work/rus-$year" '^stance,concept,first$'
done
expect "query 2019" "$work/rus-2019" '^ENDORSES,legally binding instrument,2019$'
expect "query 2019" "$work/rus-2019" '^OPPOSES,militarization of cyberspace,2019$'
expect "query 2019" "$work/rus-2019" '^ENDORSES,strategic stability,2019$'
expect "query 2021" "$work/rus-2021" '^OPPOSES,militarization of cyberspace,2019$'
expect "query 2022" "$work/rus-2022" '^CONCERNED_ABOUT,cybersecurity,2022$'
expect_not "query 2022" "$work/rus-2022" 'militarization'

# 2. China and the United States
"$ng" compare --data "$data" China "United States" >"$work/chn-usa" || fail "compare exited $?"
expect compare "$work/chn-usa" '^collisions \(0\):$'
expect compare "$work/chn-usa" '^shared positions \(6\):$'
expect compare "$work/chn-usa" '^  capacity building \[Principle\]$'
"$ng" compare --data "$data" China "United States" --exclude-sources supporters >"$work/chn-usa-own" ||
  fail "compare --exclude-sources exited $?"
expect "compare own words" "$work/chn-usa-own" '^shared positions \(2\):$'
expect "compare own words" "$work/chn-usa-own" '^  responsible state behaviour \[Principle\]$'
expect "compare own words" "$work/chn-usa-own" '^  cyberattacks \[Topic\]$'
expect_not "compare own words" "$work/chn-usa-own" 'doc:paris-call'
"$ng" compare --data "$data" China "United States" --format csv >"$work/chn-usa.csv" ||
  fail "compare csv exited $?"
expect "compare csv" "$work/chn-usa.csv" '^relation,concept_id,concept,actor_id,actor,stance,first_stated,last_stated,doc,date,sentence$'
expect "compare csv" "$work/chn-usa.csv" '^shared,principle:capacity-building,capacity building,state:USA,United States,endorses,'

# 3. Who endorses sovereignty, with which sentences
"$ng" query --data "$data" --format csv \
  "MATCH (a:Actor)-[r:ENDORSES]->(p:Principle)-[:SPECIALIZES*0..]->(:Principle {id: 'principle:sovereignty'}) RETURN a.name AS actor, p.name AS principle, r.first_stated AS stated, [e IN r.evidence | e.text] AS sentences ORDER BY actor, principle" \
  >"$work/sovereignty.crlf" || fail "sovereignty query exited $?"
tr -d '\r' <"$work/sovereignty.crlf" >"$work/sovereignty"
expect sovereignty "$work/sovereignty" '^actor,principle,stated,sentences$'
expect sovereignty "$work/sovereignty" '^China,sovereignty,,"\[.we should keep advocate and observing the cyberspace norms'
expect sovereignty "$work/sovereignty" '^Israel,sovereignty,2020-12-08,.*The first is that sovereignty is a cornerstone'

"$ng" query --data "$data" --format csv --as-of 2019 \
  "MATCH (a:Actor)-[r:ENDORSES]->(p:Principle)-[:SPECIALIZES*0..]->(:Principle {id: 'principle:sovereignty'}) RETURN DISTINCT a.name AS actor ORDER BY actor" \
  | tr -d '\r' >"$work/sovereignty-2019" || fail "sovereignty --as-of 2019 exited $?"
[ "$(cat "$work/sovereignty-2019")" = "$(printf 'actor\nBelarus\nBrazil\nChina\nCuba\nEstonia')" ] ||
  fail "sovereignty --as-of 2019: not Belarus, Brazil, China, Cuba and Estonia"

# 4. Checks that understand time
"$ng" check --data "$data" >"$work/check"
expect check "$work/check" '^0 error\(s\), [0-9]+ warning\(s\), [0-9]+ info; 7 rule check\(s\) and the schema checks$'

# 5. Alignment between the speakers (their own words)
"$ng" align --data "$data" --exclude-sources supporters >"$work/align" || fail "align exited $?"
expect align "$work/align" '^alignment of 19 actors \([0-9]+ of 171 pairs state something in common\)$'
expect align "$work/align" '^  \+1\.00  China / Israel: [0-9]+ shared, 0 collision\(s\)$'
"$ng" align --data "$data" --exclude-sources supporters --format svg >"$work/align.svg" ||
  fail "align svg exited $?"
expect "align svg" "$work/align.svg" '^<svg '

# 6. The stance matrix of the statement speakers
"$ng" export --data "$data" --format matrix --exclude-sources supporters \
  --columns Principle,Practice,Topic,Norm --output "$work/speakers.csv" || fail "matrix exited $?"
[ "$(tail -n +2 "$work/speakers.csv" | wc -l)" -eq 19 ] || fail "matrix: not 19 speakers"
expect matrix "$work/speakers.csv" '^state:CHN,China,'

# 7. The 2015 GGE report: who references it, which of its norms their endorsements reach
"$ng" ingest --data "$data" "$(dirname "$0")/../ontology/norms/curated/" >/dev/null 2>&1 ||
  fail "ingest of the curated norm sets exited $?"
"$ng" query --data "$data" --format csv \
  "MATCH (a:Actor)-[:DELIVERED]->(:Document)-[:REFERENCES]->(g:Document {id: 'doc:gge-2015'}) WITH DISTINCT a, g MATCH (g)-[:CONTAINS]->(n:Norm)-[:INSTANTIATES]->(p:Principle)<-[:ENDORSES]-(a) RETURN a.name AS actor, n.name AS norm, collect(DISTINCT p.name) AS principles ORDER BY actor, norm" |
  tr -d '\r' >"$work/gge" || fail "gge query exited $?"
expect gge "$work/gge" '^actor,norm,principles$'
expect gge "$work/gge" "^Israel,2015 GGE report 13\(c\),\['due diligence'\]$"
expect gge "$work/gge" '^Singapore,2015 GGE report 13\(e\),'
[ "$(cut -d, -f1 "$work/gge" | tail -n +2 | sort -u | tr '\n' ' ')" = "Israel Singapore " ] ||
  fail "gge: the speakers are not Israel and Singapore"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed; outputs in $work" >&2
  trap - EXIT
  exit 1
fi
echo "analysis_corpus: all checks passed"
