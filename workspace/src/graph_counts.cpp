#include "normgraph/workspace/graph_counts.hpp"

namespace normgraph::workspace {

GraphCounts count_graph(const GraphStore& store) {
  GraphCounts c;
  c.nodes = store.node_count();
  c.edges = store.edge_count();
  std::map<Symbol, size_t> by_kind;  // counted by symbol, named once
  store.for_each_node([&](NodeId n) { ++by_kind[store.node_kind_symbol(n)]; });
  for (auto [kind, count] : by_kind) c.kinds[std::string(store.strings().view(kind))] = count;
  for (EdgeType t = 0; t < store.edge_type_count(); ++t) {
    size_t count = 0;
    store.for_each_edge_of_type(t, [&](EdgeId e) {
      ++count;
      c.derived_edges += store.edge_derived(e);
    });
    if (count) c.edge_types[std::string(store.edge_type_name(t))] = count;
  }
  return c;
}

}  // namespace normgraph::workspace
