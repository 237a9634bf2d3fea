#include "normgraph/workspace/name_index.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "normgraph/core/strings.hpp"

namespace normgraph::workspace {

namespace {
// A delta this long is folded into the base by a rebuild.
constexpr size_t kDeltaLimit = 20000;
}  // namespace

uint64_t NameIndex::fingerprint(NodeId n) const {
  const std::hash<std::string_view> hash;
  uint64_t f = hash(store_.node_name(n)) * 0x9E3779B97F4A7C15ull ^ hash(store_.node_id(n));
  for (const auto& a : store_.node_aliases(n)) f = f * 0x9E3779B97F4A7C15ull ^ hash(a);
  return f;
}

void NameIndex::add_keys(NodeId n, std::vector<Entry>& into) const {
  into.push_back({ascii_lower(store_.node_name(n)), n});
  into.push_back({ascii_lower(store_.node_id(n)), n});
  for (const auto& a : store_.node_aliases(n)) into.push_back({ascii_lower(a), n});
}

void NameIndex::rebuild() {
  std::vector<Entry> entries;
  entries.reserve(store_.node_count() * 2);
  fingerprints_.assign(store_.node_slots(), 0);
  store_.for_each_node([&](NodeId n) {
    add_keys(n, entries);
    fingerprints_[n] = fingerprint(n);
  });
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.key != b.key ? a.key < b.key : a.node < b.node;
  });
  base_ = std::move(entries);
  delta_.clear();
}

void NameIndex::update() {
  fingerprints_.resize(store_.node_slots(), 0);
  for (NodeId n = 0; n < store_.node_slots(); ++n) {
    if (!store_.node_live(n)) continue;
    const uint64_t f = fingerprint(n);
    if (f == fingerprints_[n]) continue;
    fingerprints_[n] = f;
    add_keys(n, delta_);
  }
  if (delta_.size() > kDeltaLimit) rebuild();
}

bool NameIndex::holds(const Entry& e) const {
  if (!store_.node_live(e.node)) return false;
  if (ascii_lower(store_.node_name(e.node)) == e.key ||
      ascii_lower(store_.node_id(e.node)) == e.key)
    return true;
  for (const auto& a : store_.node_aliases(e.node))
    if (ascii_lower(a) == e.key) return true;
  return false;
}

std::vector<NodeId> NameIndex::find(const std::string& query, size_t limit,
                                    const std::function<bool(NodeId)>& accept) const {
  std::vector<NodeId> hits;
  std::unordered_set<NodeId> seen;
  auto take = [&](const Entry& e) {
    if (hits.size() < limit && holds(e) && accept(e.node) && seen.insert(e.node).second)
      hits.push_back(e.node);
  };
  auto begins = [&](const Entry& e, bool exact) {
    return e.key.compare(0, query.size(), query) == 0 && (!exact || e.key.size() == query.size());
  };
  // Exact matches first, then prefix matches in key order; the recent delta after the base.
  for (const bool exact : {true, false}) {
    auto it = std::lower_bound(base_.begin(), base_.end(), query,
                               [](const Entry& e, const std::string& k) { return e.key < k; });
    for (; it != base_.end() && hits.size() < limit && begins(*it, exact); ++it) take(*it);
    for (const Entry& e : delta_)
      if (begins(e, exact)) take(e);
  }
  return hits;
}

}  // namespace normgraph::workspace
