#include "normgraph/engine/graph_store.hpp"

#include <algorithm>
#include <thread>

#include "normgraph/core/errors.hpp"

namespace normgraph {

GraphStore::GraphStore() {
  node_extras_.emplace_back();  // index 0 means "no extras"
  edge_extras_.emplace_back();
}
GraphStore::~GraphStore() = default;
GraphStore::GraphStore(GraphStore&&) noexcept = default;
GraphStore& GraphStore::operator=(GraphStore&&) noexcept = default;

// ---------------------------------------------------------------- helpers

GraphStore::TextRef GraphStore::add_text(std::string_view s) {
  if (s.size() > kMaxTextBytes)
    throw InputError("a node id or name of " + std::to_string(s.size()) +
                     " bytes is longer than 16 MiB: '" + std::string(s.substr(0, 40)) + "...'");
  TextRef r{node_text_.size(), s.size()};
  node_text_.insert(node_text_.end(), s.begin(), s.end());
  return r;
}

GraphStore::NodeExtra& GraphStore::node_extra(NodeId n) {
  if (!nodes_[n].extra) {
    nodes_[n].extra = static_cast<uint32_t>(node_extras_.size());
    node_extras_.emplace_back();
  }
  return node_extras_[nodes_[n].extra];
}

GraphStore::EdgeExtra& GraphStore::edge_extra(EdgeId e) {
  if (!edges_[e].extra) {
    edges_[e].extra = static_cast<uint32_t>(edge_extras_.size());
    edge_extras_.emplace_back();
  }
  return edge_extras_[edges_[e].extra];
}

GraphStore::StoredEvidence GraphStore::store_evidence(const Evidence& ev) {
  return {pool_.intern(ev.doc), pool_.intern(ev.rule), pool_.intern(ev.text), ev.paragraph,
          ev.sentence,          ev.span_begin,         ev.span_end,           ev.extra};
}

Evidence GraphStore::load_evidence(const StoredEvidence& ev) const {
  return {std::string(pool_.view(ev.doc)),
          ev.paragraph,
          ev.sentence,
          ev.span_begin,
          ev.span_end,
          std::string(pool_.view(ev.rule)),
          std::string(pool_.view(ev.text)),
          ev.extra};
}

void GraphStore::merge_evidence(std::vector<StoredEvidence>& into,
                                const std::vector<Evidence>& more) {
  for (const Evidence& ev : more) merge_stored_evidence(into, store_evidence(ev));
}

void GraphStore::merge_stored_evidence(std::vector<StoredEvidence>& into,
                                       const StoredEvidence& ev) {
  if (std::find(into.begin(), into.end(), ev) == into.end()) into.push_back(ev);
}

namespace {
void set_entry(ValueMap& map, std::string_view key, Value value) {
  auto it = std::find_if(map.begin(), map.end(), [&](const MapEntry& e) { return e.key == key; });
  if (value.is_null()) {
    if (it != map.end()) map.erase(it);
  } else if (it != map.end()) {
    it->value = std::move(value);
  } else {
    map.push_back({std::string(key), std::move(value)});
  }
}
const ValueMap kEmptyMap;
}  // namespace

// ---------------------------------------------------------------- nodes

void GraphStore::index_name(NodeId n, std::string_view s) {
  if (s.empty()) return;
  const uint64_t h = hash_folded(s);
  bool present = false;
  name_index_.for_each(h, [&](uint32_t v) { return !(present = (v == n)); });
  if (!present) name_index_.insert(h, n);
}

void GraphStore::unindex_name(NodeId n, std::string_view s) {
  if (!s.empty()) name_index_.erase(hash_folded(s), n);
}

void GraphStore::index_label(NodeId n, Symbol label) {
  label_index_[label].push_back(n);
}

std::optional<NodeId> GraphStore::find_node(std::string_view id) const {
  uint32_t v = id_index_.find(hash_bytes(id), [&](uint32_t n) { return node_id(n) == id; });
  if (v == detail::HashIndex::kEmpty) return std::nullopt;
  return v;
}

std::vector<NodeId> GraphStore::find_by_name(std::string_view s) const {
  std::vector<NodeId> out;
  name_index_.for_each(hash_folded(s), [&](uint32_t n) {
    if (!node_live(n)) return true;
    bool match = equals_folded(node_name(n), s);
    for (const auto& alias : node_aliases(n)) match = match || equals_folded(alias, s);
    if (match && std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
    return true;
  });
  std::sort(out.begin(), out.end());
  return out;
}

NodeId GraphStore::upsert_node(const NodeData& node) {
  if (node.id.empty()) throw InputError("a node needs a non-empty id");
  if (node.labels.empty() || node.labels.front().empty())
    throw InputError("node '" + node.id + "' needs a kind");
  NodeId n;
  if (auto found = find_node(node.id)) {
    n = *found;
    if (node_kind(n) != node.labels.front())
      throw InputError("node '" + node.id + "' is a " + std::string(node_kind(n)) + ", not a " +
                       node.labels.front());
    if (!node.name.empty() && node.name != node_name(n)) {
      if (node_name(n).empty()) {
        nodes_[n].name = add_text(node.name);
        index_name(n, node.name);
      } else {
        add_alias(node_extra(n), node.name);
        index_name(n, node.name);
      }
    }
  } else {
    n = static_cast<NodeId>(nodes_.size());
    if (n == kNoNode) throw InputError("the graph is full (2^32 - 1 nodes)");
    nodes_.push_back(
        {add_text(node.id), add_text(node.name), pool_.intern(node.labels.front()), 0});
    node_flags_.push_back(0);
    ++live_nodes_;
    id_index_.insert(hash_bytes(node.id), n);
    index_name(n, node.name);
    index_label(n, nodes_[n].kind);
  }
  for (size_t i = 1; i < node.labels.size(); ++i) add_node_label(n, node.labels[i]);
  if (node.aliases.empty() && node.props.empty() && node.evidence.empty()) return n;
  NodeExtra& extra = node_extra(n);
  for (const auto& alias : node.aliases)
    if (alias != node_name(n) && add_alias(extra, alias)) index_name(n, alias);
  for (const auto& p : node.props) set_entry(extra.props, p.key, p.value);
  merge_evidence(extra.evidence, node.evidence);
  return n;
}

bool GraphStore::add_alias(NodeExtra& extra, const std::string& alias) {
  constexpr size_t kScanAtMost = 16;  // below, a scan is cheaper than a set
  if (extra.aliases.size() < kScanAtMost) {
    if (std::find(extra.aliases.begin(), extra.aliases.end(), alias) != extra.aliases.end())
      return false;
  } else {
    if (extra.alias_set.size() != extra.aliases.size())
      extra.alias_set.insert(extra.aliases.begin(), extra.aliases.end());
    if (!extra.alias_set.insert(alias).second) return false;
  }
  extra.aliases.push_back(alias);
  return true;
}

NodeId GraphStore::add_node(std::string_view id, std::span<const std::string> labels,
                            std::string_view name) {
  if (id.empty()) throw InputError("a node needs a non-empty id");
  if (find_node(id)) throw InputError("a node with id '" + std::string(id) + "' exists");
  NodeId n = static_cast<NodeId>(nodes_.size());
  if (n == kNoNode) throw InputError("the graph is full (2^32 - 1 nodes)");
  Symbol kind = pool_.intern(labels.empty() ? std::string_view() : std::string_view(labels[0]));
  nodes_.push_back({add_text(id), add_text(name), kind, 0});
  node_flags_.push_back(0);
  ++live_nodes_;
  id_index_.insert(hash_bytes(id), n);
  index_name(n, name);
  index_label(n, kind);
  for (size_t i = 1; i < labels.size(); ++i) add_node_label(n, labels[i]);
  return n;
}

std::string GraphStore::fresh_node_id() const {
  for (size_t k = nodes_.size();; ++k) {
    std::string id = "_:" + std::to_string(k);
    if (!find_node(id)) return id;
  }
}

void GraphStore::add_node_evidence(NodeId n, const std::vector<Evidence>& evidence) {
  if (!evidence.empty()) merge_evidence(node_extra(n).evidence, evidence);
}

void GraphStore::set_node_name(NodeId n, std::string_view name) {
  if (node_name(n) == name) return;
  unindex_name(n, node_name(n));
  nodes_[n].name = add_text(name);
  index_name(n, name);
  for (const auto& alias : node_aliases(n)) index_name(n, alias);  // a shared hash stays
}

bool GraphStore::node_has_label(NodeId n, Symbol label) const {
  if (nodes_[n].kind == label) return true;
  if (!nodes_[n].extra) return false;
  const auto& labels = node_extras_[nodes_[n].extra].labels;
  return std::find(labels.begin(), labels.end(), label) != labels.end();
}

void GraphStore::remove_node_label(NodeId n, std::string_view label) {
  auto sym = pool_.find(label);
  if (!sym || label.empty() || !node_has_label(n, *sym)) return;
  // The label index keeps the stale entry; lookups check node_has_label.
  std::vector<Symbol>* extras = nodes_[n].extra ? &node_extras_[nodes_[n].extra].labels : nullptr;
  if (nodes_[n].kind != *sym) {
    extras->erase(std::find(extras->begin(), extras->end(), *sym));
  } else if (extras && !extras->empty()) {
    nodes_[n].kind = extras->front();
    extras->erase(extras->begin());
  } else {
    nodes_[n].kind = pool_.intern("");
    index_label(n, nodes_[n].kind);
  }
}

void GraphStore::add_node_label(NodeId n, std::string_view label) {
  Symbol sym = pool_.intern(label);
  if (sym == nodes_[n].kind) return;
  if (pool_.view(nodes_[n].kind).empty()) {  // an unlabeled node: the first label is its kind
    nodes_[n].kind = sym;
    index_label(n, sym);
    return;
  }
  auto& labels = node_extra(n).labels;
  if (std::find(labels.begin(), labels.end(), sym) != labels.end()) return;
  labels.push_back(sym);
  index_label(n, sym);
}

std::vector<std::string_view> GraphStore::node_labels(NodeId n) const {
  std::vector<std::string_view> out;
  if (!node_kind(n).empty()) out.push_back(node_kind(n));
  if (nodes_[n].extra)
    for (Symbol s : node_extras_[nodes_[n].extra].labels) out.push_back(pool_.view(s));
  return out;
}

std::span<const std::string> GraphStore::node_aliases(NodeId n) const {
  if (!nodes_[n].extra) return {};
  return node_extras_[nodes_[n].extra].aliases;
}

const ValueMap& GraphStore::node_props(NodeId n) const {
  return nodes_[n].extra ? node_extras_[nodes_[n].extra].props : kEmptyMap;
}

std::vector<Evidence> GraphStore::load_evidence(const std::vector<StoredEvidence>& list) const {
  std::vector<Evidence> out;
  out.reserve(list.size());
  for (const auto& ev : list) out.push_back(load_evidence(ev));
  return out;
}

std::vector<Evidence> GraphStore::node_evidence(NodeId n) const {
  return nodes_[n].extra ? load_evidence(node_extras_[nodes_[n].extra].evidence)
                         : std::vector<Evidence>();
}

NodeData GraphStore::node_data(NodeId n) const {
  NodeData d;
  d.id = node_id(n);
  for (auto l : node_labels(n)) d.labels.emplace_back(l);
  d.name = node_name(n);
  auto aliases = node_aliases(n);
  d.aliases.assign(aliases.begin(), aliases.end());
  d.props = node_props(n);
  d.evidence = node_evidence(n);
  return d;
}

void GraphStore::set_node_property(NodeId n, std::string_view key, Value value) {
  if (value.is_null() && !nodes_[n].extra) return;
  set_entry(node_extra(n).props, key, std::move(value));
}

void GraphStore::remove_node(NodeId n, bool detach) {
  if (!node_live(n)) return;
  std::vector<EdgeId> incident;
  for_each_adjacent(n, Direction::Both, std::nullopt,
                    [&](const AdjEntry& a) { incident.push_back(a.edge); });
  if (!incident.empty() && !detach)
    throw InputError("node '" + std::string(node_id(n)) + "' still has " +
                     std::to_string(incident.size()) + " edge(s); use DETACH DELETE");
  for (EdgeId e : incident) remove_edge(e);  // a self-loop appears twice; the second is a no-op
  id_index_.erase(hash_bytes(node_id(n)), n);
  unindex_name(n, node_name(n));
  for (const auto& alias : node_aliases(n)) unindex_name(n, alias);
  node_flags_[n] |= kNodeDeleted;
  --live_nodes_;
}

void GraphStore::restore_node(NodeId n) {
  if (n >= nodes_.size() || node_live(n)) return;
  node_flags_[n] &= ~kNodeDeleted;
  ++live_nodes_;
  id_index_.insert(hash_bytes(node_id(n)), n);
  index_name(n, node_name(n));
  for (const auto& alias : node_aliases(n)) index_name(n, alias);
}

// ---------------------------------------------------------------- edges

EdgeType GraphStore::intern_edge_type(std::string_view name) {
  if (auto t = find_edge_type(name)) return *t;
  if (edge_type_names_.size() >= UINT16_MAX) throw InputError("too many edge types");
  edge_type_names_.push_back(pool_.intern(name));
  type_index_.emplace_back();
  return static_cast<EdgeType>(edge_type_names_.size() - 1);
}

std::optional<EdgeType> GraphStore::find_edge_type(std::string_view name) const {
  auto sym = pool_.find(name);
  if (!sym) return std::nullopt;
  for (size_t t = 0; t < edge_type_names_.size(); ++t)
    if (edge_type_names_[t] == *sym) return static_cast<EdgeType>(t);
  return std::nullopt;
}

std::optional<EdgeId> GraphStore::find_edge(NodeId src, EdgeType type, NodeId dst) const {
  std::optional<EdgeId> found;
  for_each_adjacent(src, Direction::Out, type, [&](const AdjEntry& a) {
    if (a.node != dst) return true;
    found = a.edge;
    return false;
  });
  return found;
}

EdgeId GraphStore::append_edge(NodeId src, EdgeType type, NodeId dst, uint16_t flags) {
  EdgeId e = static_cast<EdgeId>(edges_.size());
  if (e == kNoEdge) throw InputError("the graph is full (2^32 - 1 edges)");
  edges_.push_back({src, dst, type, flags, 0});
  type_index_[type].push_back(e);
  out_.delta[src].push_back({dst, e, type, 0});
  in_.delta[dst].push_back({src, e, type, 0});
  ++out_.delta_entries;
  ++in_.delta_entries;
  ++live_edges_;
  return e;
}

void GraphStore::merge_edge_data(EdgeId e, const ValueMap& props,
                                 const std::vector<Evidence>& evidence) {
  if (props.empty() && evidence.empty()) return;
  EdgeExtra& extra = edge_extra(e);
  for (const auto& p : props) set_entry(extra.props, p.key, p.value);
  merge_evidence(extra.evidence, evidence);
}

EdgeId GraphStore::add_edge(NodeId src, EdgeType type, NodeId dst, const ValueMap& props,
                            const std::vector<Evidence>& evidence) {
  if (!node_live(src) || !node_live(dst)) throw InputError("an edge endpoint does not exist");
  EdgeId e = append_edge(src, type, dst, 0);
  merge_edge_data(e, props, evidence);
  maybe_compact_adjacency();
  return e;
}

EdgeId GraphStore::upsert_edge_record(NodeId src, EdgeType type, NodeId dst, bool derived) {
  if (!node_live(src) || !node_live(dst)) throw InputError("an edge endpoint does not exist");
  if (auto found = find_edge(src, type, dst)) {
    if (!derived) edges_[*found].flags &= ~kEdgeDerived;
    return *found;
  }
  return append_edge(src, type, dst, derived ? kEdgeDerived : 0);
}

EdgeId GraphStore::upsert_edge(NodeId src, EdgeType type, NodeId dst, bool derived,
                               const ValueMap& props, const std::vector<Evidence>& evidence) {
  const EdgeId e = upsert_edge_record(src, type, dst, derived);
  merge_edge_data(e, props, evidence);
  maybe_compact_adjacency();
  return e;
}

GraphStore::PreparedEvidence GraphStore::prepare_evidence(const Evidence& evidence) {
  return PreparedEvidence(store_evidence(evidence));
}

EdgeId GraphStore::upsert_edge(NodeId src, EdgeType type, NodeId dst,
                               const PreparedEvidence& evidence) {
  const EdgeId e = upsert_edge_record(src, type, dst, false);
  merge_stored_evidence(edge_extra(e).evidence, evidence.stored_);
  maybe_compact_adjacency();
  return e;
}

EdgeId GraphStore::upsert_edge(const EdgeData& edge) {
  auto src = find_node(edge.source);
  if (!src) throw InputError("edge source '" + edge.source + "' is not a node");
  auto dst = find_node(edge.target);
  if (!dst) throw InputError("edge target '" + edge.target + "' is not a node");
  if (edge.type.empty()) throw InputError("an edge needs a type");
  return upsert_edge(*src, intern_edge_type(edge.type), *dst, edge.derived, edge.props,
                     edge.evidence);
}

const ValueMap& GraphStore::edge_props(EdgeId e) const {
  return edges_[e].extra ? edge_extras_[edges_[e].extra].props : kEmptyMap;
}

std::vector<Evidence> GraphStore::edge_evidence(EdgeId e) const {
  return edges_[e].extra ? load_evidence(edge_extras_[edges_[e].extra].evidence)
                         : std::vector<Evidence>();
}

EdgeData GraphStore::edge_data(EdgeId e) const {
  const EdgeRecord& r = edges_[e];
  return {std::string(node_id(r.src)),
          std::string(node_id(r.dst)),
          std::string(edge_type_name(r.type)),
          edge_derived(e),
          edge_props(e),
          edge_evidence(e)};
}

namespace {
// Appends without a search per key: the caller knows the keys are new.
void append_properties(ValueMap& into, ValueMap props) {
  if (into.empty()) {
    into = std::move(props);
    return;
  }
  for (auto& p : props) into.push_back(std::move(p));
}
}  // namespace

void GraphStore::append_edge_properties(EdgeId e, ValueMap props) {
  if (!props.empty()) append_properties(edge_extra(e).props, std::move(props));
}

void GraphStore::append_node_properties(NodeId n, ValueMap props) {
  if (!props.empty()) append_properties(node_extra(n).props, std::move(props));
}

void GraphStore::set_edge_property(EdgeId e, std::string_view key, Value value) {
  if (value.is_null() && !edges_[e].extra) return;
  set_entry(edge_extra(e).props, key, std::move(value));
}

void GraphStore::remove_edge(EdgeId e) {
  if (!edge_live(e)) return;
  EdgeRecord& r = edges_[e];
  if (AdjEntry* a = out_.locate(r.src, r.type, r.dst, e)) a->flags |= kAdjDeleted;
  if (AdjEntry* a = in_.locate(r.dst, r.type, r.src, e)) a->flags |= kAdjDeleted;
  ++out_.tombstones;
  ++in_.tombstones;
  r.flags |= kEdgeDeleted;
  --live_edges_;
  maybe_compact_adjacency();
}

void GraphStore::restore_edge(EdgeId e) {
  if (e >= edges_.size() || edge_live(e)) return;
  EdgeRecord& r = edges_[e];
  r.flags &= ~kEdgeDeleted;
  ++live_edges_;
  auto revive = [&](Adjacency& adj, NodeId n, NodeId other) {
    if (AdjEntry* a = adj.locate(n, r.type, other, e)) {
      if (a->flags & kAdjDeleted) {
        a->flags &= ~kAdjDeleted;
        if (adj.tombstones) --adj.tombstones;
      }
      return;
    }
    adj.delta[n].push_back({other, e, r.type, 0});  // the adjacency was rebuilt without it
    ++adj.delta_entries;
  };
  revive(out_, r.src, r.dst);
  revive(in_, r.dst, r.src);
}

size_t GraphStore::edge_count_of_type(EdgeType t) const {
  size_t n = 0;
  for_each_edge_of_type(t, [&](EdgeId) { ++n; });
  return n;
}

size_t GraphStore::degree(NodeId n, Direction dir, std::optional<EdgeType> type) const {
  size_t d = 0;
  for_each_adjacent(n, dir, type, [&](const AdjEntry&) { ++d; });
  return d;
}

void GraphStore::merge_edge_into(EdgeId keep, EdgeId dup) {
  if (!(edges_[dup].flags & kEdgeDerived)) edges_[keep].flags &= ~kEdgeDerived;
  if (edges_[dup].extra) {
    EdgeExtra more = std::move(edge_extras_[edges_[dup].extra]);
    edges_[dup].extra = 0;
    EdgeExtra& into = edge_extra(keep);
    for (auto& p : more.props) set_entry(into.props, p.key, std::move(p.value));
    for (auto& ev : more.evidence)
      if (std::find(into.evidence.begin(), into.evidence.end(), ev) == into.evidence.end())
        into.evidence.push_back(std::move(ev));
  }
  remove_edge(dup);
}

// ---------------------------------------------------------------- bulk loading

void GraphStore::reserve_nodes(size_t nodes, size_t text_bytes) {
  nodes_.reserve(nodes_.size() + nodes);
  node_flags_.reserve(node_flags_.size() + nodes);
  node_text_.reserve(node_text_.size() + text_bytes);
}

void GraphStore::reserve_edges(size_t edges) {
  edges_.reserve(edges_.size() + edges);
}

NodeId GraphStore::bulk_add_node(std::string_view id, Symbol kind, std::string_view name) {
  NodeId n = static_cast<NodeId>(nodes_.size());
  if (n == kNoNode) throw InputError("the graph is full (2^32 - 1 nodes)");
  nodes_.push_back({add_text(id), add_text(name), kind, 0});
  node_flags_.push_back(0);
  ++live_nodes_;
  return n;
}

namespace {
// Hashes of every key first, then inserts that prefetch the slot a few keys ahead: on tables far
// larger than the cache this overlaps the misses instead of paying them one by one.
constexpr size_t kPrefetchDistance = 16;
}  // namespace

std::vector<std::pair<NodeId, NodeId>> GraphStore::finish_bulk_nodes() {
  // The id and the name index are independent: build them side by side.
  std::vector<std::pair<NodeId, NodeId>> duplicates;
  id_index_.clear();
  name_index_.clear();
  const size_t count = nodes_.size();
  std::thread names([this, count] {
    std::vector<uint64_t> hashes(count);
    for (NodeId n = 0; n < count; ++n) hashes[n] = hash_folded(node_name(n));
    name_index_.reserve(count);
    for (NodeId n = 0; n < count; ++n) {
      if (n + kPrefetchDistance < count) name_index_.prefetch(hashes[n + kPrefetchDistance]);
      if (!node_live(n)) continue;
      if (!node_name(n).empty()) name_index_.insert(hashes[n], n);
      for (const auto& alias : node_aliases(n)) index_name(n, alias);
    }
  });
  std::vector<uint64_t> hashes(count);
  for (NodeId n = 0; n < count; ++n) hashes[n] = hash_bytes(node_id(n));
  id_index_.reserve(count);
  for (NodeId n = 0; n < count; ++n) {
    if (n + kPrefetchDistance < count) id_index_.prefetch(hashes[n + kPrefetchDistance]);
    if (!node_live(n)) continue;
    uint32_t prev = id_index_.find(hashes[n], [&](uint32_t m) { return node_id(m) == node_id(n); });
    if (prev != detail::HashIndex::kEmpty)
      duplicates.emplace_back(prev, n);
    else
      id_index_.insert(hashes[n], n);
  }
  hashes = {};
  label_index_.clear();
  for (NodeId n = 0; n < count; ++n) {
    if (!node_live(n)) continue;
    index_label(n, nodes_[n].kind);
    if (nodes_[n].extra)
      for (Symbol s : node_extras_[nodes_[n].extra].labels) index_label(n, s);
  }
  names.join();
  return duplicates;
}

void GraphStore::bulk_add_edges(std::span<const EdgeEnds> edges) {
  if (edges_.size() + edges.size() >= kNoEdge)
    throw InputError("the graph is full (2^32 - 1 edges)");
  for (const EdgeEnds& e : edges) {
    if (e.source >= nodes_.size() || e.target >= nodes_.size() || e.type >= edge_type_names_.size())
      throw InputError("bulk edge refers to an unknown node or type");
    edges_.push_back({e.source, e.target, e.type, 0, 0});
  }
  live_edges_ += edges.size();
}

EdgeId GraphStore::bulk_add_edge(NodeId src, EdgeType type, NodeId dst, bool derived,
                                 const ValueMap& props, const std::vector<Evidence>& evidence) {
  if (!node_live(src) || !node_live(dst) || type >= edge_type_names_.size())
    throw InputError("bulk edge refers to an unknown node or type");
  if (edges_.size() + 1 >= kNoEdge) throw InputError("the graph is full (2^32 - 1 edges)");
  const EdgeId e = static_cast<EdgeId>(edges_.size());
  edges_.push_back({src, dst, type, static_cast<uint16_t>(derived ? kEdgeDerived : 0), 0});
  ++live_edges_;
  if (!props.empty() || !evidence.empty()) {
    EdgeExtra& extra = edge_extra(e);
    extra.props = props;
    merge_evidence(extra.evidence, evidence);
  }
  return e;
}

void GraphStore::finish_bulk_edges() {
  for (auto& list : type_index_) list.clear();
  type_index_.resize(edge_type_names_.size());
  std::vector<size_t> per_type(edge_type_names_.size(), 0);
  for (const auto& r : edges_)
    if (!(r.flags & kEdgeDeleted)) ++per_type[r.type];
  for (size_t t = 0; t < per_type.size(); ++t) type_index_[t].reserve(per_type[t]);
  for (EdgeId e = 0; e < edges_.size(); ++e)
    if (!(edges_[e].flags & kEdgeDeleted)) type_index_[edges_[e].type].push_back(e);
  rebuild_adjacency();
  // Entries are sorted by (type, node, edge): duplicates of an edge follow it, and the first
  // of each run has the lowest id, which survives. Collect first: merging may compact.
  std::vector<std::pair<EdgeId, EdgeId>> twins;
  for (NodeId n = 0; n + 1 < out_.offsets.size(); ++n) {
    auto range = out_.base(n);
    for (size_t i = 1, first = 0; i < range.size(); ++i) {
      if (range[i].type == range[first].type && range[i].node == range[first].node)
        twins.emplace_back(range[first].edge, range[i].edge);
      else
        first = i;
    }
  }
  for (auto [keep, dup] : twins) merge_edge_into(keep, dup);
}

void GraphStore::maybe_compact_adjacency() {
  const size_t base = out_.entries.size();
  const size_t churn = out_.delta_entries + out_.tombstones;
  if (churn > 4096 && churn * 4 > base) compact_adjacency();
}

void GraphStore::compact_adjacency() {
  if (out_.delta_entries || out_.tombstones || in_.delta_entries || in_.tombstones ||
      out_.offsets.size() != nodes_.size() + 1)
    rebuild_adjacency();
}

void GraphStore::compact() {
  if (!has_tombstones() && out_.delta.empty() && in_.delta.empty()) return;
  std::vector<NodeId> renumber(nodes_.size(), kNoNode);
  detail::BigVector<char> text;
  detail::BigVector<NodeRecord> nodes;
  std::vector<NodeExtra> node_extras(1);
  nodes.reserve(live_nodes_);
  text.reserve(node_text_.size());
  auto keep_text = [&](TextRef r) {
    TextRef out{text.size(), r.len};
    text.insert(text.end(), node_text_.begin() + r.off, node_text_.begin() + r.off + r.len);
    return out;
  };
  for (NodeId n = 0; n < nodes_.size(); ++n) {
    if (!node_live(n)) continue;
    renumber[n] = static_cast<NodeId>(nodes.size());
    NodeRecord r = nodes_[n];
    r.id = keep_text(r.id);
    r.name = keep_text(r.name);
    if (r.extra) {
      node_extras.push_back(std::move(node_extras_[r.extra]));
      r.extra = static_cast<uint32_t>(node_extras.size() - 1);
    }
    nodes.push_back(r);
  }
  detail::BigVector<EdgeRecord> edges;
  std::vector<EdgeExtra> edge_extras(1);
  edges.reserve(live_edges_);
  for (EdgeId e = 0; e < edges_.size(); ++e) {
    if (!edge_live(e)) continue;
    EdgeRecord r = edges_[e];
    r.src = renumber[r.src];
    r.dst = renumber[r.dst];
    if (r.extra) {
      edge_extras.push_back(std::move(edge_extras_[r.extra]));
      r.extra = static_cast<uint32_t>(edge_extras.size() - 1);
    }
    edges.push_back(r);
  }
  node_text_ = std::move(text);
  nodes_ = std::move(nodes);
  node_flags_.assign(nodes_.size(), 0);
  node_extras_ = std::move(node_extras);
  edges_ = std::move(edges);
  edge_extras_ = std::move(edge_extras);
  live_nodes_ = nodes_.size();
  live_edges_ = edges_.size();
  finish_bulk_nodes();
  finish_bulk_edges();
}

GraphStore::MemoryUsage GraphStore::memory_usage() const {
  MemoryUsage m{};
  m.strings = pool_.memory_bytes() + node_text_.capacity();
  m.nodes = nodes_.capacity() * sizeof(NodeRecord) + node_flags_.capacity();
  m.edges = edges_.capacity() * sizeof(EdgeRecord);
  m.indexes = id_index_.memory_bytes() + name_index_.memory_bytes();
  for (const auto& [_, list] : label_index_) m.indexes += list.capacity() * sizeof(NodeId);
  for (const auto& list : type_index_) m.indexes += list.capacity() * sizeof(EdgeId);
  for (const Adjacency* a : {&out_, &in_}) {
    m.adjacency +=
        a->offsets.capacity() * sizeof(uint32_t) + a->entries.capacity() * sizeof(AdjEntry);
    for (const auto& [_, list] : a->delta) m.adjacency += list.capacity() * sizeof(AdjEntry) + 32;
  }
  m.extras =
      node_extras_.capacity() * sizeof(NodeExtra) + edge_extras_.capacity() * sizeof(EdgeExtra);
  return m;
}

}  // namespace normgraph

// ---------------------------------------------------------------- views

namespace normgraph {

namespace {
struct ThreadView {
  const GraphStore* store = nullptr;
  const GraphStore::HiddenEdges* hidden = nullptr;
};
thread_local ThreadView thread_view;
}  // namespace

const GraphStore::HiddenEdges* GraphStore::hidden_edges() const {
  return thread_view.store == this ? thread_view.hidden : nullptr;
}

void GraphStore::set_thread_hidden_edges(const GraphStore* store, const HiddenEdges* hidden) {
  thread_view = {store, hidden};
}

}  // namespace normgraph
