#pragma once
// Which part of the graph an export writes: all of it, the nodes of some kinds and edges of some
// types, or the neighborhood of a focus node. A selection is two bit sets over the store's node
// and edge slots (an eighth of a byte per element), never a copy of the graph.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "normgraph/engine/graph_store.hpp"

namespace normgraph::viz {

struct SelectionSpec {
  std::vector<std::string> kinds;  // node kinds kept (first label); empty: all
  std::vector<std::string> types;  // edge types kept; empty: all
  std::string focus;               // a node id or name; empty: no focus
  size_t depth = 2;                // with a focus: how many steps out (edges in both directions)
  size_t max_nodes = 0;            // 0: no cap
};

class Selection {
 public:
  // Everything in the store.
  static Selection all(const GraphStore& store);

  bool has_node(NodeId n) const { return test(nodes_, n); }
  bool has_edge(EdgeId e) const { return test(edges_, e); }
  size_t node_count() const { return node_count_; }
  size_t edge_count() const { return edge_count_; }
  // The focus node, when the selection was cut around one.
  std::optional<NodeId> focus() const { return focus_; }
  // What the selection left out, one sentence each (a cap that cut nodes, ...); empty when
  // nothing was cut beyond what the filters say.
  const std::vector<std::string>& notes() const { return notes_; }

  // Selected nodes in store order.
  template <class F>
  void for_each_node(const GraphStore& store, F&& f) const {
    for (NodeId n = 0; n < store.node_slots(); ++n)
      if (store.node_live(n) && has_node(n)) f(n);
  }
  // Selected edges in store order.
  template <class F>
  void for_each_edge(const GraphStore& store, F&& f) const {
    for (EdgeId e = 0; e < store.edge_slots(); ++e)
      if (store.edge_live(e) && has_edge(e)) f(e);
  }

 private:
  friend class SelectionBuilder;
  static bool test(const std::vector<uint64_t>& bits, uint32_t i) {
    return i / 64 < bits.size() && (bits[i / 64] >> (i % 64)) & 1;
  }
  static void set(std::vector<uint64_t>& bits, uint32_t i) {
    bits[i / 64] |= uint64_t{1} << (i % 64);
  }

  std::vector<uint64_t> nodes_, edges_;
  size_t node_count_ = 0, edge_count_ = 0;
  std::optional<NodeId> focus_;
  std::vector<std::string> notes_;
};

// Applies the filters: a node is kept when its kind is listed (or no kinds are); with a focus,
// only nodes reached from it within `depth` steps over kept edges through kept nodes, nearest
// first; with a cap, at most max_nodes nodes (the focus first, then by distance, then store
// order). An edge is kept when its type is listed (or no types are) and both ends are kept.
// Throws InputError for an unknown or ambiguous focus and for kinds or types the graph lacks.
Selection select(const GraphStore& store, const SelectionSpec& spec);

// Resolves a focus given as a node id, else as a name or alias (ignoring ASCII case).
// Throws InputError when nothing or more than one node matches.
NodeId resolve_focus(const GraphStore& store, const std::string& id_or_name);

}  // namespace normgraph::viz
