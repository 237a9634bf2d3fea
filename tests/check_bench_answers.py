#!/usr/bin/env python3
"""Generates the benchmark graph at a small scale, runs normgraph_query_bench on it and checks
every answer against the one the baseline runners produced (tests/data/bench_answers_1k.json,
from ../shared/bench/run_networkx.py; the same as the table in ../shared/bench/queries.md).

usage: check_bench_answers.py BENCH_BINARY SHARED_DIR EXPECTED_JSON
"""
import json
import subprocess
import sys
import tempfile


def main():
    bench, shared, expected_path = sys.argv[1:4]
    expected = json.load(open(expected_path))
    with tempfile.TemporaryDirectory() as data:
        subprocess.run([sys.executable, f"{shared}/bench/gen_graph.py", "--statements", "1000",
                        "--seed", "42", "--out", data], check=True, stdout=subprocess.DEVNULL)
        out = subprocess.run([bench, data, "1"], check=True, capture_output=True, text=True)
    got = json.loads(out.stdout)
    failures = 0
    for query, answer in sorted(expected.items()):
        actual = got["queries"].get(query, {}).get("answer")
        ok = actual == answer
        failures += not ok
        print(f"{query}: {'ok' if ok else 'WRONG'}" + ("" if ok else f" expected {answer}, got {actual}"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
