#pragma once
// Prefix search over the nodes' names, aliases and ids (the explorer's search box,
// GET /api/nodes?q=): derived state the workspace keeps beside the graph. A sorted base and a
// delta of the nodes that changed since, so a write costs a scan of fingerprints, not a sort;
// a renamed node's old keys stay behind and are skipped when found. The caller serializes
// update() and rebuild() against find() (the server's write and read locks).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "normgraph/engine/graph_store.hpp"

namespace normgraph::workspace {

class NameIndex {
 public:
  explicit NameIndex(const GraphStore& store) : store_(store) { rebuild(); }

  // Indexes every node afresh: at open, and after node ids are renumbered (a save).
  void rebuild();
  // After a write: new nodes and nodes whose name, id or aliases changed.
  void update();

  // Live nodes with a key equal to `query` (lower case), then those with a key it begins, in
  // key order; each once, at most `limit`, only those `accept` takes.
  std::vector<NodeId> find(const std::string& query, size_t limit,
                           const std::function<bool(NodeId)>& accept) const;

 private:
  struct Entry {
    std::string key;  // lower-case name, alias or id
    NodeId node;
  };
  uint64_t fingerprint(NodeId n) const;  // of what the index holds of a node
  void add_keys(NodeId n, std::vector<Entry>& into) const;
  bool holds(const Entry& e) const;  // the node still has this key

  const GraphStore& store_;
  std::vector<Entry> base_, delta_;
  std::vector<uint64_t> fingerprints_;  // by node
};

}  // namespace normgraph::workspace
