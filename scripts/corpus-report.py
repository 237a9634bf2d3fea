#!/usr/bin/env python3
"""What the extraction makes of a whole corpus, from a graph-JSON export.

usage: corpus-report.py GRAPH.json [--ungdc] [--sample N --seed S] [--json]

Reports, per Document made from a file (props.source):
  - stance facts (ENDORSES, OPPOSES, CONCERNED_ABOUT evidence sentences) per document:
    median and deciles, and the documents with fewer than 3;
  - distinct stance targets, curated (vocabulary) and not (props.curated == false);
  - the 30 most frequent CONCERNED_ABOUT targets (by number of documents);
  - for UN General Debate files (name PREFIX_SESSION_YEAR.txt): the share whose DELIVERED
    speaker is the actor the prefix names (its id suffix, name or an alias equals the prefix).
--ungdc counts only the UN General Debate files (the other documents are left out).
--sample N --seed S prints N stance facts drawn at random (one evidence sentence each) as TSV
(subject, relation, target id, target name, curated, rule, document, where (paragraph.sentence
and byte span), sentence, and two empty columns for the verdict and the error class) for judging
precision by hand; --no-text leaves the sentence column empty (bench/precision/ keeps no corpus
text: `where` finds the sentence again).
"""
import json
import random
import re
import statistics
import sys
from collections import Counter, defaultdict

STANCES = ("ENDORSES", "OPPOSES", "CONCERNED_ABOUT")
UNGDC_FILE = re.compile(r"^([A-Z]{2,3})_\d+_\d{4}\.txt$")


def deciles(values):
    if not values:
        return []
    ordered = sorted(values)
    return [ordered[min(len(ordered) - 1, (len(ordered) * k) // 10)] for k in range(1, 10)]


def where(evidence):
    span = evidence.get("span") or ["", ""]
    return f'{evidence.get("paragraph", "")}.{evidence.get("sentence", "")}@{span[0]}-{span[1]}'


def actor_names(node):
    ident = str(node.get("id", ""))
    names = {ident.split(":", 1)[-1].upper(), str(node.get("name", "")).upper()}
    names.update(str(a).upper() for a in node.get("aliases", []) or [])
    return names


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    sample = seed = None
    if "--sample" in argv:
        sample = int(argv[argv.index("--sample") + 1])
        seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 0
        args = [a for a in args if a not in (str(sample), str(seed))]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    graph = json.load(open(args[0], encoding="utf-8"))
    nodes = {n["id"]: n for n in graph.get("nodes", [])}
    docs = {i: n for i, n in nodes.items()
            if n.get("kind") == "Document" and n.get("props", {}).get("source")}
    if "--ungdc" in argv:
        docs = {i: n for i, n in docs.items() if UNGDC_FILE.match(n["props"]["source"])}

    per_doc = Counter()
    targets = {"curated": set(), "uncurated": set()}
    concern_docs = defaultdict(set)
    facts = []
    speakers = defaultdict(set)
    for e in graph.get("edges", []):
        if e.get("type") == "DELIVERED" and e.get("target") in docs:
            speakers[e["target"]].add(e["source"])
        if e.get("type") not in STANCES:
            continue
        target = nodes.get(e.get("target"), {})
        curated = target.get("props", {}).get("curated", True) is not False
        targets["curated" if curated else "uncurated"].add(e.get("target"))
        for ev in e.get("evidence", []) or []:
            doc = ev.get("doc")
            if doc not in docs:
                continue
            per_doc[doc] += 1
            facts.append((e["source"], e["type"], e["target"], str(target.get("name", "")),
                          "curated" if curated else "uncurated", ev.get("rule", ""),
                          docs[doc]["props"]["source"], where(ev),
                          "" if "--no-text" in argv else ev.get("text", "")))
            if e["type"] == "CONCERNED_ABOUT":
                concern_docs[e["target"]].add(doc)

    counts = [per_doc.get(d, 0) for d in docs]
    ungdc = [d for d, n in docs.items() if UNGDC_FILE.match(n["props"]["source"])]
    right = 0
    for d in ungdc:
        prefix = UNGDC_FILE.match(docs[d]["props"]["source"]).group(1)
        if any(prefix in actor_names(nodes.get(s, {})) for s in speakers.get(d, ())):
            right += 1
    report = {
        "documents": len(docs),
        "stance_facts": sum(counts),
        "per_document_median": statistics.median(counts) if counts else 0,
        "per_document_deciles": deciles(counts),
        "documents_under_3": sorted(docs[d]["props"]["source"] for d in docs if per_doc.get(d, 0) < 3),
        "distinct_targets_curated": len(targets["curated"]),
        "distinct_targets_uncurated": len(targets["uncurated"]),
        "top_concerns": [(nodes.get(t, {}).get("name", t), len(ds))
                         for t, ds in sorted(concern_docs.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:30]],
        "ungdc_speeches": len(ungdc),
        "ungdc_speaker_right": right,
    }
    if sample:
        rng = random.Random(seed)
        print("subject\trelation\ttarget\ttarget_name\tcurated\trule\tdocument\twhere\tsentence\tverdict\terror_class")
        for fact in rng.sample(facts, min(sample, len(facts))):
            print("\t".join(x.replace("\t", " ").replace("\n", " ") for x in fact) + "\t\t")
        return 0
    if "--json" in argv:
        print(json.dumps(report, indent=1))
        return 0
    print(f"documents {report['documents']}, stance facts {report['stance_facts']}")
    print(f"stance facts per document: median {report['per_document_median']}, "
          f"deciles {report['per_document_deciles']}")
    print(f"documents with fewer than 3: {len(report['documents_under_3'])}")
    print(f"distinct stance targets: {report['distinct_targets_curated']} curated, "
          f"{report['distinct_targets_uncurated']} uncurated")
    if ungdc:
        print(f"UN General Debate speeches whose speaker is right: {right}/{len(ungdc)} "
              f"({100.0 * right / len(ungdc):.1f}%)")
    print("most frequent CONCERNED_ABOUT targets (documents):")
    for name, n in report["top_concerns"]:
        print(f"  {n:5d}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
