#pragma once
// Nodes by kind and edges by type, and how many edges were derived: what `normgraph stats`
// prints and GET /api/stats answers, counted one way for both.
#include <cstddef>
#include <map>
#include <string>

#include "normgraph/engine/graph_store.hpp"

namespace normgraph::workspace {

struct GraphCounts {
  size_t nodes = 0, edges = 0, derived_edges = 0;
  std::map<std::string, size_t> kinds, edge_types;  // only those with at least one
};

GraphCounts count_graph(const GraphStore& store);

}  // namespace normgraph::workspace
