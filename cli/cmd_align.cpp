// normgraph align: agreement between actors over the concepts they share (docs/analysis.md).
#include <iostream>

#include "commands.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/viz/alignment.hpp"
#include "positions_args.hpp"
#include "viewed_graph.hpp"

namespace normgraph::cli {

namespace {

int run_align(const ParsedArgs& args) {
  const PositionsArgs options(args);
  ViewedGraph graph(args);
  const GraphStore& store = graph.store();
  std::vector<NodeId> actors;
  for (const std::string& actor : args.all("actor"))
    actors.push_back(viz::resolve_node(store, actor, "align"));
  std::cout << viz::format_alignment(viz::align_actors(store, actors, options.window()),
                                     options.format());
  return kExitOk;
}

}  // namespace

Command align_command() {
  return {
      {"align", "agreement between actors: shared positions against collisions, clustered",
       "For every pair of actors, counts the concepts both take the same stance on (shared)\n"
       "and those one endorses and the other opposes (collisions), as `normgraph compare`\n"
       "lists them with their sentences, and scores the pair from -1 (only collisions) to\n"
       "+1 (only shared). The actors are ordered by an average-linkage clustering of the\n"
       "scores, so blocs sit together. Without --actor: every actor that delivered a\n"
       "document and states a stance in the window. Formats: text (pairs by score), json,\n"
       "csv (the square matrix), svg (a clustered heat map with its dendrogram).",
       with_view_options({data_option(),
                          {"actor", 'a', "ACTOR",
                           "align this actor (id or name; repeat the option for more)", "", true},
                          {"format", 0, "FORMAT", "text, json, csv or svg", "text"}}),
       "", 0, 0},
      run_align};
}

}  // namespace normgraph::cli
