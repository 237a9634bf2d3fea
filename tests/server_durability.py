#!/usr/bin/env python3
"""Durability of POST /api/documents and write queries under SIGKILL (docs/storage.md "Journal").

    server_durability.py NORMGRAPH_CLI SHARED_DIR [RUNS] [--seed N]

A server is started on a data directory; a client posts documents, CREATE queries and a counter
increment (a write that is not idempotent) in turn; at a random moment the server is killed
with SIGKILL. It is restarted, and every document that got a 201 and every node whose CREATE got
a 200 must be there (GET /api/nodes/{id} answers 200), the counter must count every
acknowledged increment once (plus at most the one unacknowledged increment of each run, which
may have been journaled before the kill), and the data directory must load (the server starts
and answers). A small --journal-limit makes the server fold its journal into
the snapshot now and then, so some kills land during a fold. Repeated RUNS times (20 by
default) on the same directory; at the end a clean stop, `normgraph stats` and one more check
of every document.
"""
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

TOKEN = "durability-token-0123456789"
COUNTER = ("MERGE (c:Actor {id: 'dur:counter'}) ON CREATE SET c.n = 1, c.name = 'counter' "
           "ON MATCH SET c.n = c.n + 1")


def start(cli, data, token_file, log):
    proc = subprocess.Popen(
        [cli, "serve", "--data", data, "--port", "0", "--token-file", token_file,
         "--journal-limit", "20000", "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    port = None
    while time.time() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        log.append(line.rstrip())
        m = re.search(r"listening on http://[^:]+:(\d+)/", line)
        if m:
            port = int(m.group(1))
            break
    if port is None:
        proc.kill()
        raise SystemExit("server did not start:\n" + "\n".join(log))
    # Keep draining stderr so the server never blocks on a full pipe.
    threading.Thread(target=lambda: [log.append(l.rstrip()) for l in proc.stderr], daemon=True).start()
    return proc, port


def request(port, method, path, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    req.add_header("Content-Type", "application/json")
    req.add_header("Authorization", "Bearer " + TOKEN)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def present(port, doc_id):
    status, _ = request(port, "GET", "/api/nodes/" + urllib.request.quote(doc_id, safe=""))
    return status == 200


def check_counter(port, counted, attempts, run):
    """1 when the counter missed an acknowledged increment or counted one twice."""
    status, body = request(port, "POST", "/api/query",
                           {"query": "OPTIONAL MATCH (c {id: 'dur:counter'}) RETURN c.n"})
    n = (body.get("rows") or [[None]])[0][0] or 0
    if status != 200 or not counted <= n <= attempts:
        print(f"run {run}: the counter is {n}; {counted} increments acknowledged of {attempts} sent")
        return 1
    return 0


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--seed")]
    cli, shared = args[0], args[1]
    runs = int(args[2]) if len(args) > 2 else 20
    seed = int(os.environ.get("DURABILITY_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    print(f"seed {seed}, {runs} runs")
    statements = sorted(os.listdir(os.path.join(shared, "corpus", "statements")))
    texts = []
    for name in statements[:40]:
        with open(os.path.join(shared, "corpus", "statements", name), encoding="utf-8", errors="replace") as f:
            texts.append(f.read()[:6000])
    tmp = tempfile.mkdtemp(prefix="normgraph-durability-")
    try:
        data = os.path.join(tmp, "data")
        token_file = os.path.join(tmp, "token")
        with open(token_file, "w") as f:
            f.write(TOKEN + "\n")
        subprocess.run([cli, "ingest", "--data", data,
                        os.path.join(shared, "corpus/statements/000_f7b3e24bbd779271.txt")],
                       check=True, stdout=subprocess.DEVNULL)
        acknowledged = {}  # name -> id of the document or node
        counted = [0]  # acknowledged counter increments
        attempts = [0]  # counter increments sent
        failures = 0
        for run in range(runs):
            log = []
            proc, port = start(cli, data, token_file, log)
            missing = [n for n, d in acknowledged.items() if not present(port, d)]
            if missing:
                print(f"run {run}: MISSING after restart: {missing[:5]} (of {len(missing)})")
                failures += 1
            failures += check_counter(port, counted[0], attempts[0], run)
            acked_now = []
            stop = threading.Event()

            def post_loop():
                i = 0
                while not stop.is_set():
                    name = f"DUR_{run:02d}_{i:04d}"
                    step = i % 3
                    i += 1
                    try:
                        if step == 0:
                            status, body = request(port, "POST", "/api/documents",
                                                   {"name": name, "text": rng.choice(texts)}, timeout=10)
                        elif step == 1:
                            status, body = request(port, "POST", "/api/query", {
                                "query": "CREATE (n:Actor {id: $id, name: $id, x: rand()})",
                                "params": {"id": "dur:" + name}}, timeout=10)
                        else:
                            attempts[0] += 1
                            status, body = request(port, "POST", "/api/query", {
                                "query": COUNTER}, timeout=10)
                    except Exception:
                        return  # the server is gone
                    if status in (200, 201):
                        acked_now.append(name)
                        if step == 0:
                            acknowledged[name] = body["document"]
                        elif step == 1:
                            acknowledged[name] = "dur:" + name
                        else:
                            counted[0] += 1
                    elif status != 422:
                        print(f"run {run}: unexpected {status} {body}")

            t = threading.Thread(target=post_loop)
            t.start()
            time.sleep(rng.uniform(0.2, 1.5))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            stop.set()
            t.join()
            print(f"run {run}: killed after {len(acked_now)} acknowledged writes "
                  f"({len(acknowledged)} documents and nodes, {counted[0]} increments in all)")
        # The command line reads the journal too: after the last kill, before any restart.
        q = subprocess.run([cli, "query", "--data", data, "--format", "json",
                            "MATCH (d) WHERE d:Document OR d.id STARTS WITH 'dur:' RETURN d.id AS id, d.n AS n"], capture_output=True, text=True)
        if q.returncode != 0:
            print("normgraph query failed on the killed server's data directory:\n" + q.stderr)
            failures += 1
        else:
            rows = json.loads(q.stdout)["rows"]
            ids = {row[0] for row in rows}
            n = max([row[1] or 0 for row in rows] + [0])
            if not counted[0] <= n <= attempts[0]:
                print(f"normgraph query: the counter is {n}; {counted[0]} increments acknowledged")
                failures += 1
            unseen = [n for n, d in acknowledged.items() if d not in ids]
            print(f"normgraph query after the last kill: {len(acknowledged) - len(unseen)} of "
                  f"{len(acknowledged)} acknowledged documents")
            if unseen:
                print(f"MISSING for normgraph query: {unseen[:10]}")
                failures += 1
        # A clean restart, a clean stop, the directory loads, everything is still there.
        log = []
        proc, port = start(cli, data, token_file, log)
        missing = [n for n, d in acknowledged.items() if not present(port, d)]
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=120)
        stats = subprocess.run([cli, "stats", "--data", data], capture_output=True, text=True)
        if stats.returncode != 0:
            print("normgraph stats failed on the data directory:\n" + stats.stderr)
            failures += 1
        log = []
        proc, port = start(cli, data, token_file, log)
        missing += [n for n, d in acknowledged.items() if not present(port, d)]
        failures += check_counter(port, counted[0], attempts[0], "final")
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=120)
        journal = os.path.getsize(os.path.join(data, "journal"))
        print(f"{runs} kills, {len(acknowledged)} documents and created nodes acknowledged, "
              f"{len(acknowledged) - len(set(missing))} found, {counted[0]} increments counted; "
              f"journal {journal} bytes after a clean stop")
        if missing:
            print(f"MISSING: {sorted(set(missing))[:10]}")
            failures += 1
        if not acknowledged:
            print("no document was acknowledged")
            failures += 1
        if journal > 100:  # the 8-byte header and the base record
            print("the journal was not folded on a clean stop")
            failures += 1
        print("PASSED" if failures == 0 else f"FAILED ({failures})")
        return 0 if failures == 0 else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
