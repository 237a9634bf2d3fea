// normgraph compare: two actors' positions side by side (docs/analysis.md).
#include <iostream>

#include "commands.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/ontology/evidence_sources.hpp"
#include "normgraph/viz/positions.hpp"
#include "viewed_graph.hpp"

namespace normgraph::cli {

namespace {

std::string positions_format(const ParsedArgs& args) {
  const std::string format = args.get_or("format", "text");
  if (!viz::is_positions_format(format))
    throw UsageError("--format is text, json, csv or svg, not '" + format + "'");
  return format;
}

int run_compare(const ParsedArgs& args) {
  const std::string format = positions_format(args);
  const EdgeFilter filter = edge_filter(args);
  const SourceKinds kinds = ontology::load_default_source_kinds();
  ViewedGraph graph(args);
  const GraphStore& store = graph.store();
  const NodeId first = viz::resolve_node(store, args.operands()[0], "compare");
  const NodeId second = viz::resolve_node(store, args.operands()[1], "compare");
  const viz::Comparison comparison =
      viz::compare_actors(store, first, second, viz::window_of(filter, kinds));
  std::cout << viz::format_comparison(comparison, format);
  return kExitOk;
}

}  // namespace

Command compare_command() {
  return {{"compare", "compare two actors' positions: shared, colliding, held by one",
           "Lists the concepts both actors take the same stance on (shared), those one\n"
           "endorses and the other opposes (collisions), and those only one states, each with\n"
           "its sentences, documents and dates. --since and --until (or --as-of) keep the\n"
           "sentences of documents dated in the window; --sources and --exclude-sources keep\n"
           "facts by how they were made (docs/analysis.md).",
           with_view_options(
               {data_option(), {"format", 0, "FORMAT", "text, json, csv or svg", "text"}}),
           "ACTOR ACTOR", 2, 2},
          run_compare};
}

}  // namespace normgraph::cli
