// normgraph timeline: one actor's stances year by year (docs/analysis.md).
#include <iostream>

#include "commands.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/viz/positions.hpp"
#include "positions_args.hpp"
#include "viewed_graph.hpp"

namespace normgraph::cli {

namespace {

int run_timeline(const ParsedArgs& args) {
  const PositionsArgs options(args);
  ViewedGraph graph(args);
  const GraphStore& store = graph.store();
  const NodeId actor = viz::resolve_node(store, args.operands()[0], "timeline");
  const auto concept_text = args.get("concept");
  const NodeId concept_node =
      concept_text ? viz::resolve_node(store, *concept_text, "--concept") : kNoNode;
  const viz::Timeline timeline = viz::actor_timeline(store, actor, concept_node, options.window());
  std::cout << viz::format_timeline(timeline, options.format());
  return kExitOk;
}

}  // namespace

Command timeline_command() {
  return {
      {"timeline", "an actor's stances per year and concept, with when they appear, change or stop",
       "For each concept the actor endorses, opposes or is concerned about, its stance in\n"
       "each year the actor spoke (stated a dated stance or delivered a dated document),\n"
       "marking the year a stance first appears (first), changes (change), stops (stop: the\n"
       "actor spoke that year without stating it) or comes back (resume), with the\n"
       "sentences (docs/analysis.md).",
       with_view_options({data_option(),
                          {"concept", 0, "ID|NAME", "only this concept", ""},
                          {"format", 0, "FORMAT", "text, json, csv or svg", "text"}}),
       "ACTOR", 1, 1},
      run_timeline};
}

}  // namespace normgraph::cli
