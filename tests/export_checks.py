#!/usr/bin/env python3
"""Checks of export files with real parsers, for tests/test_export.cpp (python3 stdlib only).

  export_checks.py graphml FILE    parse GraphML; check every <data> uses a declared key and its
                                   value parses as the key's attr.type; print "nodes N edges M"
  export_checks.py svg-nodes FILE  parse SVG; print the <title> of every node group, one a line
  export_checks.py xml FILE        parse any XML; print "ok"
"""
import sys
import xml.etree.ElementTree as ET

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
SVG = "{http://www.w3.org/2000/svg}"
PARSERS = {"boolean": lambda t: {"true": True, "false": False}[t], "int": int, "long": int,
           "float": float, "double": float, "string": str}


def graphml(path):
    root = ET.parse(path).getroot()
    keys = {k.get("id"): (k.get("for"), k.get("attr.type")) for k in root.iter(GRAPHML + "key")}
    graph = root.find(GRAPHML + "graph")
    nodes = graph.findall(GRAPHML + "node")
    edges = graph.findall(GRAPHML + "edge")
    ids = {n.get("id") for n in nodes}
    if len(ids) != len(nodes):
        sys.exit("duplicate node ids")
    for element, kind in [(n, "node") for n in nodes] + [(e, "edge") for e in edges]:
        if kind == "edge" and not (element.get("source") in ids and element.get("target") in ids):
            sys.exit(f"edge {element.get('id')} has an end that is not a node")
        for data in element.findall(GRAPHML + "data"):
            key = data.get("key")
            if key not in keys or keys[key][0] != kind:
                sys.exit(f"undeclared key {key} on a {kind}")
            PARSERS[keys[key][1]](data.text or "")
    print(f"nodes {len(nodes)} edges {len(edges)}")


def svg_nodes(path):
    root = ET.parse(path).getroot()
    for g in root.iter(SVG + "g"):
        if g.get("class") == "node":
            print(g.find(SVG + "title").text)


def main():
    command, path = sys.argv[1], sys.argv[2]
    if command == "graphml":
        graphml(path)
    elif command == "svg-nodes":
        svg_nodes(path)
    else:
        ET.parse(path)
        print("ok")


main()
