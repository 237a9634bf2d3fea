// normgraph compare: two actors' positions side by side (docs/analysis.md).
#include <iostream>

#include "commands.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/viz/positions.hpp"
#include "positions_args.hpp"
#include "viewed_graph.hpp"

namespace normgraph::cli {

namespace {

int run_compare(const ParsedArgs& args) {
  const PositionsArgs options(args);
  ViewedGraph graph(args);
  const GraphStore& store = graph.store();
  const NodeId first = viz::resolve_node(store, args.operands()[0], "compare");
  const NodeId second = viz::resolve_node(store, args.operands()[1], "compare");
  const viz::Comparison comparison = viz::compare_actors(store, first, second, options.window());
  std::cout << viz::format_comparison(comparison, options.format());
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
