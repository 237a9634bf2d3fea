#!/usr/bin/env bash
# HTTP load benchmark of `normgraph serve` with wrk on loopback: requests/s and latency
# percentiles of GET /api/nodes/{id}, GET /api/nodes/{id}/neighbors and POST /api/query with Q1
# (principles endorsed by an actor, by name) on the generated graph of N statements
# (../shared/bench/gen_graph.py, seed 42; ids are numbers, 193 states named "State 001"...).
#   bench/run_server_bench.sh [STATEMENTS]     default 100000 (about 1.1 M nodes, 2.7 M edges)
# Environment: DURATION (seconds per endpoint, 15), CONNECTIONS (32), WRK_THREADS (1),
# NORMGRAPH_BENCH_DATA (the generated CSV folder), NORMGRAPH_BENCH_DATADIR (an already ingested
# data directory: skips the ingest). Not part of ctest. Builds nothing: expects
# build/cli/normgraph (scripts/build.sh) and wrk (scripts/install-deps.sh).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
shared=$(cd "$root/../shared" && pwd)
n=${1:-100000}
duration=${DURATION:-15}
connections=${CONNECTIONS:-32}
wrk_threads=${WRK_THREADS:-1}
csv=${NORMGRAPH_BENCH_DATA:-/tmp/normgraph-bench-$n}
normgraph="$root/build/cli/normgraph"
command -v wrk >/dev/null || { echo "run_server_bench.sh: wrk is missing (scripts/install-deps.sh)" >&2; exit 1; }
work=$(mktemp -d /tmp/normgraph-server-bench.XXXXXX)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
data=${NORMGRAPH_BENCH_DATADIR:-}
if [ -z "$data" ]; then
  if [ ! -f "$csv/edges.csv" ]; then
    python3 "$shared/bench/gen_graph.py" --statements "$n" --seed 42 --out "$csv"
  fi
  data="$work/data"
  "$normgraph" ingest --data "$data" "$csv" >/dev/null
fi
nodes=$(awk 'END { print NR - 1 }' "$csv/nodes.csv" 2>/dev/null || echo 100000)

# A worker per connection, so that no request waits for a worker (docs/http.md "Limits").
echo "bench-token-0123456789abcdef" >"$work/token"
"$normgraph" serve --data "$data" --port 0 --quiet --threads $((connections + 4)) \
  --token-file "$work/token" 2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 600); do
  port=$(sed -n 's|.*listening on http://[^:]*:\([0-9]*\)/.*|\1|p' "$work/serve.log")
  [ -n "$port" ] && break
  sleep 0.5
done
[ -n "${port:-}" ] || { echo "the server did not start: $(cat "$work/serve.log")" >&2; exit 1; }
base="http://127.0.0.1:$port"

cat >"$work/node.lua" <<LUA
math.randomseed(42)
request = function() return wrk.format("GET", "/api/nodes/" .. math.random(0, $nodes - 1)) end
LUA
cat >"$work/neighbors.lua" <<LUA
math.randomseed(42)
request = function() return wrk.format("GET", "/api/nodes/" .. math.random(0, $nodes - 1) .. "/neighbors") end
LUA
cat >"$work/query.lua" <<'LUA'
math.randomseed(42)
local q = "MATCH (a {name: $Q1_actor})-[:ENDORSES]->(p) RETURN p.name AS name ORDER BY name"
request = function()
  local body = string.format('{"query": "%s", "params": {"Q1_actor": "State %03d"}}', q, math.random(1, 193))
  return wrk.format("POST", "/api/query", {["Content-Type"] = "application/json"}, body)
end
LUA

# Sanity: each request shape answers 200.
curl -sf "$base/api/nodes/0" >/dev/null
curl -sf "$base/api/nodes/0/neighbors" >/dev/null
curl -sf -X POST -H 'Content-Type: application/json' \
  -d '{"query": "MATCH (a {name: $Q1_actor})-[:ENDORSES]->(p) RETURN p.name AS name ORDER BY name", "params": {"Q1_actor": "State 001"}}' \
  "$base/api/query" >/dev/null

echo "normgraph serve, $n statements, $(nproc) cores, wrk -t$wrk_threads -c$connections -d${duration}s"
printf '%-28s %12s %10s %10s %10s\n' endpoint "requests/s" p50 p90 p99
for name in node neighbors query; do
  wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --latency -s "$work/$name.lua" "$base" >"$work/$name.out"
  rps=$(awk '/^Requests\/sec/ { print $2 }' "$work/$name.out")
  p50=$(awk '$1 == "50%" { print $2 }' "$work/$name.out")
  p90=$(awk '$1 == "90%" { print $2 }' "$work/$name.out")
  p99=$(awk '$1 == "99%" { print $2 }' "$work/$name.out")
  errors=$(grep -E "Non-2xx|Socket errors" "$work/$name.out" || true)
  case $name in
    node) label="GET /api/nodes/{id}" ;;
    neighbors) label="GET .../{id}/neighbors" ;;
    query) label="POST /api/query (Q1)" ;;
  esac
  printf '%-28s %12s %10s %10s %10s\n' "$label" "$rps" "$p50" "$p90" "$p99"
  [ -n "$errors" ] && echo "  $errors"
done

# One-off timings (seconds, curl's time_total): the consistency check computed and then served
# from the cache, and write queries (journaled and fsynced; a SET rebuilds the search index).
timed() { curl -s -o "$work/last.json" -w '%{time_total}' "$@"; }
write() {
  timed -X POST -H 'Content-Type: application/json' -H 'Authorization: Bearer bench-token-0123456789abcdef' \
    -d "{\"query\": \"$1\"}" "$base/api/query"
}
echo "GET /api/check: $(timed "$base/api/check") s computed, $(timed "$base/api/check") s cached"
fact=$(curl -s "$base/api/check?check=dual_stance&limit=1" |
  python3 -c 'import json, sys; v = json.load(sys.stdin)["violations"]; print(v[0]["fact"] if v else "")')
if [ -n "$fact" ]; then
  echo "GET /api/explain?fact=$fact (the check's evaluation): $(timed -G "$base/api/explain" \
    --data-urlencode "fact=$fact") s"
fi
echo "POST /api/query CREATE (:Actor {id: 'bench:new'}): $(write "CREATE (:Actor {id: 'bench:new'})") s"
echo "POST /api/query SET n.name on it: $(write "MATCH (n {id: 'bench:new'}) SET n.name = 'Benchland'") s"
