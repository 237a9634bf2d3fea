#pragma once
// Merging one graph into another, as ingest does when the target already holds data.
#include <string>

#include "normgraph/engine/graph_store.hpp"

namespace normgraph::loaders {

// Checks first that no node of `from` has a different kind in `into` (InputError naming
// `source_name` and the node), then upserts every node and edge: nothing changes on error.
void merge_graph(const GraphStore& from, GraphStore& into, const std::string& source_name);

}  // namespace normgraph::loaders
