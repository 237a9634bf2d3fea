#!/usr/bin/env bash
# Recursion benchmark: transitive closure of a 2,000-node chain (1,999,000 facts) and of a
# random graph with 100,000 edges (seed 42), by normgraph's rule engine (without and with
# derivations kept), SWI-Prolog with tabling (Debian swi-prolog-nox) and clingo (Debian
# gringo), on the same facts. Prints a table of the closure's time alone (loading excluded
# for every system).
#   bench/run_rules_bench.sh [BUILD_DIR] [RANDOM_NODES]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${1:-$here/../build}"
random_nodes="${2:-150000}"
bench="$build/bench/normgraph_rules_bench"
[[ -x "$bench" ]] || { echo "build normgraph_rules_bench first ($bench)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$random_nodes" <<'PY'
import random, sys
out, n = sys.argv[1], int(sys.argv[2])
graphs = {
    "chain-2000": [(i, i + 1) for i in range(1999)],
    "random-100k": (lambda r: [(r.randrange(n), r.randrange(n)) for _ in range(100000)])(random.Random(42)),
}
for name, edges in graphs.items():
    with open(f"{out}/{name}.txt", "w") as f:
        f.writelines(f"{s} {t}\n" for s, t in edges)
    with open(f"{out}/{name}.facts", "w") as f:
        f.writelines(f"e({s},{t}).\n" for s, t in edges)
    with open(f"{out}/{name}.lp", "w") as f:
        f.writelines(f"e({s},{t}).\n" for s, t in edges)
PY

field() { python3 -c "import json,sys; print(json.loads(sys.stdin.read().strip().splitlines()[-1])['$1'])"; }

printf "%-12s %-22s %12s %10s\n" graph system facts ms
for g in chain-2000 random-100k; do
  out=$("$bench" "$work/$g.txt" "$here/rules/tc.rules" 5)
  printf "%-12s %-22s %12s %10s\n" "$g" "normgraph" "$(field facts <<<"$out")" "$(field ms <<<"$out")"
  out=$("$bench" "$work/$g.txt" "$here/rules/tc.rules" 3 --provenance)
  printf "%-12s %-22s %12s %10s\n" "$g" "normgraph+derivations" "$(field facts <<<"$out")" "$(field ms <<<"$out")"
  out=$("$bench" "$work/$g.txt" "$here/rules/tc.rules" 5 --threads 1)
  printf "%-12s %-22s %12s %10s\n" "$g" "normgraph 1 thread" "$(field facts <<<"$out")" "$(field ms <<<"$out")"
  if command -v swipl >/dev/null; then
    out=$(swipl --stack-limit=16g "$here/rules/tc.pl" "$work/$g.facts")
    printf "%-12s %-22s %12s %10s\n" "$g" "swipl (tabling)" "$(field facts <<<"$out")" "$(field ms <<<"$out")"
  fi
  if command -v clingo >/dev/null; then
    out=$(TC_FACTS="$work/$g.lp" clingo "$here/rules/tc.lp" --outf=3 2>/dev/null | grep '"engine"' || true)
    printf "%-12s %-22s %12s %10s\n" "$g" "clingo (grounding)" "$(field facts <<<"$out")" "$(field ms <<<"$out")"
  fi
done
