#include "normgraph/loaders/merge.hpp"

#include "normgraph/core/errors.hpp"

namespace normgraph::loaders {

void merge_graph(const GraphStore& from, GraphStore& into, const std::string& source_name) {
  from.for_each_node([&](NodeId n) {
    auto existing = into.find_node(from.node_id(n));
    if (existing && into.node_kind(*existing) != from.node_kind(n))
      throw InputError(source_name + ": node '" + std::string(from.node_id(n)) + "' has kind " +
                       std::string(from.node_kind(n)) + " here but " +
                       std::string(into.node_kind(*existing)) + " in the graph");
  });
  from.for_each_node([&](NodeId n) { into.upsert_node(from.node_data(n)); });
  for (EdgeId e = 0; e < from.edge_slots(); ++e)
    if (from.edge_live(e)) into.upsert_edge(from.edge_data(e));
}

}  // namespace normgraph::loaders
