#include "normgraph/query/query.hpp"

namespace normgraph::query {

ValueMap node_properties(const GraphStore& store, NodeId n) {
  ValueMap out = store.node_props(n);
  // A generated id ("_:" + number, see GraphStore::fresh_node_id) is not the user's data.
  std::string_view id = store.node_id(n);
  // The columns win over a stored property of the same key: a map has one entry per key.
  auto put = [&out](std::string_view key, std::string_view text) {
    std::erase_if(out, [&](const MapEntry& e) { return e.key == key; });
    out.push_back({std::string(key), Value(text)});
  };
  if (!id.starts_with("_:")) put("id", id);
  std::string_view name = store.node_name(n);
  if (!name.empty()) put("name", name);
  return out;
}

ValueMap edge_properties(const GraphStore& store, EdgeId e) {
  return store.edge_props(e);
}

}  // namespace normgraph::query
