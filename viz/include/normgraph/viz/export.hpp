#pragma once
// The export formats of `normgraph export` (docs/export.md). Every writer streams: it walks the
// store and the selection and writes as it goes, holding no copy of the graph. Paths are files
// ("-" is stdout) or, for the CSV bulk-import layouts, folders. I/O errors throw
// std::runtime_error naming the path; a failed file is removed.
#include <cstdio>
#include <string>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/engine/limits.hpp"
#include "normgraph/viz/selection.hpp"
#include "normgraph/viz/styles.hpp"

namespace normgraph::viz {

// The stable RDF namespaces: kinds, edge types and properties; node ids.
inline constexpr const char* kOntologyNamespace = "https://normgraph.org/ontology#";
inline constexpr const char* kIdNamespace = "https://normgraph.org/id/";

// The layout cost of an SVG drawing above which it is refused (docs/export.md, "Limits"):
// Graphviz's layout cannot be interrupted, so its work is estimated up front.
inline constexpr double kDefaultMaxLayoutCost = 4e6;

struct DotOptions {
  bool cluster_documents = false;  // one box per Document with its commitments and norms
  std::string layout = "dot";      // the Graphviz layout engine for SVG: dot, neato, sfdp, ...
  // SVG: the time limit covers waiting for the Graphviz library and laying out; a layout
  // whose estimated cost is over max_layout_cost, or whose estimated time is over what is
  // left of the time limit, is refused before it starts (LimitExceeded).
  Limits limits;
  double max_layout_cost = kDefaultMaxLayoutCost;
};

// The estimated work of laying out `nodes` nodes and `edges` edges with a Graphviz engine, in
// the units of max_layout_cost, and the seconds it is expected to take.
struct LayoutEstimate {
  double cost = 0;
  double seconds = 0;
};
LayoutEstimate estimate_layout(size_t nodes, size_t edges, const std::string& layout);

// Graphviz DOT styled by kind and edge type with a legend; node ids as tooltips and URLs.
void write_dot(const GraphStore& store, const Selection& selection, const Styles& styles,
               const DotOptions& options, std::FILE* out, const std::string& name);
void write_dot_file(const GraphStore& store, const Selection& selection, const Styles& styles,
                    const DotOptions& options, const std::string& path);
// The same drawing laid out and rendered to SVG by the Graphviz library, in this process.
// Throws InputError for an unknown layout engine, LimitExceeded for a drawing too costly to
// lay out within options.max_layout_cost or options.limits.
void write_svg_file(const GraphStore& store, const Selection& selection, const Styles& styles,
                    const DotOptions& options, const std::string& path);

// GraphML with a typed key for every property found in the selection.
void write_graphml_file(const GraphStore& store, const Selection& selection,
                        const std::string& path);

enum class RdfSyntax { NTriples, Turtle };
// RDF: node ids as IRIs under kIdNamespace, kinds as classes and edge types as properties under
// kOntologyNamespace, each edge's evidence as PROV-O entities attached to its reification.
void write_rdf_file(const GraphStore& store, const Selection& selection, RdfSyntax syntax,
                    const std::string& path);

// The neo4j-admin import layout: DIR/nodes.csv, DIR/relationships.csv and DIR/import.sh.
void write_neo4j_csv(const GraphStore& store, const Selection& selection, const std::string& dir);
// The Kùzu layout: DIR/nodes.csv, one DIR/rel_TYPE.csv per edge type and DIR/load.cypher
// (CREATE NODE TABLE / CREATE REL TABLE / COPY ... FROM, paths relative to DIR).
void write_kuzu_csv(const GraphStore& store, const Selection& selection, const std::string& dir);

// Cytoscape.js: {"elements": {"nodes": [...], "edges": [...]}, "style": [...]}.
void write_cytoscape_file(const GraphStore& store, const Selection& selection, const Styles& styles,
                          const std::string& path);

}  // namespace normgraph::viz
