// The typed adjacency: a compressed sparse row array per direction, each node's range sorted
// by (type, neighbor, edge) so that one edge type is a contiguous sub-range, plus a delta of
// edges added since the last build. Rebuilding is a counting sort, O(nodes + edges).
#include <algorithm>
#include <thread>

#include "normgraph/engine/graph_store.hpp"

namespace normgraph {

namespace {
// A function object, not a function pointer, so that std::sort inlines the comparison.
struct EntryLess {
  bool operator()(const AdjEntry& a, const AdjEntry& b) const {
    if (a.type != b.type) return a.type < b.type;
    if (a.node != b.node) return a.node < b.node;
    return a.edge < b.edge;
  }
};
constexpr EntryLess entry_less;
}  // namespace

std::span<const AdjEntry> GraphStore::Adjacency::base(NodeId n, EdgeType t) const {
  std::span<const AdjEntry> all = base(n);
  if (all.size() <= 8) {
    auto first =
        std::find_if(all.begin(), all.end(), [t](const AdjEntry& a) { return a.type >= t; });
    auto last = std::find_if(first, all.end(), [t](const AdjEntry& a) { return a.type > t; });
    return {first, last};
  }
  auto first =
      std::partition_point(all.begin(), all.end(), [t](const AdjEntry& a) { return a.type < t; });
  auto last =
      std::partition_point(first, all.end(), [t](const AdjEntry& a) { return a.type <= t; });
  return {first, last};
}

AdjEntry* GraphStore::Adjacency::locate(NodeId n, EdgeType t, NodeId other, EdgeId e) {
  std::span<const AdjEntry> typed = base(n, t);
  AdjEntry key{other, e, t, 0};
  auto it = std::lower_bound(typed.begin(), typed.end(), key, entry_less);
  if (it != typed.end() && it->node == other && it->edge == e)
    return &entries[static_cast<size_t>(&*it - entries.data())];
  auto d = delta.find(n);
  if (d == delta.end()) return nullptr;
  for (AdjEntry& a : d->second)
    if (a.edge == e) return &a;
  return nullptr;
}

void GraphStore::build_adjacency(Adjacency& adj, bool outgoing) const {
  const size_t node_count = nodes_.size();
  // Counting sort: count into offsets[k + 2], prefix-sum so offsets[k + 1] is k's start, then
  // fill through offsets[k + 1]++, which leaves it at k's end, which is k + 1's start.
  detail::BigVector<uint32_t> offsets(node_count + 2, 0);
  for (const EdgeRecord& r : edges_)
    if (!(r.flags & kEdgeDeleted)) ++offsets[(outgoing ? r.src : r.dst) + 2];
  for (size_t k = 2; k < offsets.size(); ++k) offsets[k] += offsets[k - 1];
  detail::BigVector<AdjEntry> entries(offsets.back());
  // Filled type by type, each type's edges in id order: every node's range comes out grouped
  // by type and usually already ordered by neighbour, so the sort below seldom has work.
  for (EdgeType t = 0; t < type_index_.size(); ++t) {
    for (EdgeId e : type_index_[t]) {
      const EdgeRecord& r = edges_[e];
      if (r.flags & kEdgeDeleted) continue;
      const NodeId key = outgoing ? r.src : r.dst;
      entries[offsets[key + 1]++] = {outgoing ? r.dst : r.src, e, r.type, 0};
    }
  }
  offsets.pop_back();
  for (size_t k = 0; k < node_count; ++k) {
    auto first = entries.begin() + offsets[k], last = entries.begin() + offsets[k + 1];
    if (!std::is_sorted(first, last, entry_less)) std::sort(first, last, entry_less);
  }
  adj.offsets = std::move(offsets);
  adj.entries = std::move(entries);
  adj.delta.clear();
  adj.delta_entries = 0;
  adj.tombstones = 0;
}

void GraphStore::rebuild_adjacency() {
  if (edges_.size() > (1u << 16)) {
    std::thread incoming([this] { build_adjacency(in_, false); });
    build_adjacency(out_, true);
    incoming.join();
  } else {
    build_adjacency(out_, true);
    build_adjacency(in_, false);
  }
}

}  // namespace normgraph
