#pragma once
// The property graph: nodes and edges in columns, interned strings, indexes by id, by
// name/alias (case-insensitive), by label and by edge type, and a typed adjacency (CSR base
// plus a small delta for recent writes) in both directions. Graph algorithms from Boost.Graph
// run on it through the adapter in bgl.hpp.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "normgraph/core/value.hpp"
#include "normgraph/engine/detail/big_vector.hpp"
#include "normgraph/engine/detail/hash_index.hpp"
#include "normgraph/engine/string_pool.hpp"

namespace normgraph {

using NodeId = uint32_t;
using EdgeId = uint32_t;
using EdgeType = uint16_t;  // index into the store's table of edge-type names
inline constexpr NodeId kNoNode = UINT32_MAX;
inline constexpr EdgeId kNoEdge = UINT32_MAX;

enum class Direction : uint8_t { Out, In, Both };

// Where a fact came from (DESIGN.md "Provenance"). Integers are -1 when unknown.
struct Evidence {
  std::string doc;
  int64_t paragraph = -1;
  int64_t sentence = -1;
  int64_t span_begin = -1;
  int64_t span_end = -1;
  std::string rule;
  std::string text;
  ValueMap extra;  // further fields (the who/why of a manual fact, ...), kept as given
  bool operator==(const Evidence&) const = default;
};

// A node as it is exchanged with loaders and exporters.
struct NodeData {
  std::string id;
  std::vector<std::string> labels;  // the first is the ontology kind
  std::string name;
  std::vector<std::string> aliases;
  ValueMap props;
  std::vector<Evidence> evidence;
};

// An edge as it is exchanged with loaders and exporters; endpoints are node ids.
struct EdgeData {
  std::string source;
  std::string target;
  std::string type;
  bool derived = false;
  ValueMap props;
  std::vector<Evidence> evidence;
};

// One step from a node: the node on the other side, the edge and its type.
struct AdjEntry {
  NodeId node;
  EdgeId edge;
  EdgeType type;
  uint16_t flags;  // kAdjDeleted
};
inline constexpr uint16_t kAdjDeleted = 1;

struct EdgeEnds {
  NodeId source;
  NodeId target;
  EdgeType type;
};

class GraphStore {
 public:
  GraphStore();
  ~GraphStore();
  GraphStore(GraphStore&&) noexcept;
  GraphStore& operator=(GraphStore&&) noexcept;

  // ---- strings
  StringPool& strings() { return pool_; }
  const StringPool& strings() const { return pool_; }

  // The longest node id or name the store keeps; loaders refuse longer ones with a position.
  static constexpr size_t kMaxTextBytes = (size_t{1} << 24) - 1;

  // ---- nodes
  // Adds a node, or merges into the node with the same id: aliases and labels are united,
  // a different name becomes an alias, properties are overwritten, evidence is united.
  // Throws InputError when the id is empty or the kind differs from the stored one.
  NodeId upsert_node(const NodeData& node);
  std::optional<NodeId> find_node(std::string_view id) const;
  // Live nodes whose name or an alias equals `text`, ignoring ASCII case.
  std::vector<NodeId> find_by_name(std::string_view text) const;
  // Calls f(NodeId) for each live node with the label (any position); f may return false to stop.
  template <class F>
  void for_each_node_with_label(std::string_view label, F&& f) const;
  template <class F>
  void for_each_node(F&& f) const;
  // An upper bound of the number of live nodes with the label (for query planning).
  size_t label_size_estimate(std::string_view label) const {
    auto sym = pool_.find(label);
    if (!sym) return 0;
    auto it = label_index_.find(*sym);
    return it == label_index_.end() ? 0 : it->second.size();
  }

  size_t node_slots() const { return nodes_.size(); }  // ids are below this
  size_t node_count() const { return live_nodes_; }
  bool node_live(NodeId n) const { return n < nodes_.size() && !(node_flags_[n] & kNodeDeleted); }
  std::string_view node_id(NodeId n) const { return text(nodes_[n].id); }
  std::string_view node_name(NodeId n) const { return text(nodes_[n].name); }
  std::string_view node_kind(NodeId n) const { return pool_.view(nodes_[n].kind); }
  Symbol node_kind_symbol(NodeId n) const { return nodes_[n].kind; }
  std::vector<std::string_view> node_labels(NodeId n) const;  // empty for an unlabeled node
  std::span<const std::string> node_aliases(NodeId n) const;
  const ValueMap& node_props(NodeId n) const;
  std::vector<Evidence> node_evidence(NodeId n) const;
  NodeData node_data(NodeId n) const;

  // Adds a new node for a query's CREATE: the id must be new; labels may be empty (an
  // unlabeled node has the empty kind). Throws InputError for a taken or empty id.
  NodeId add_node(std::string_view id, std::span<const std::string> labels, std::string_view name);
  // An id no node has, "_:" followed by a number (the blank-node style of RDF).
  std::string fresh_node_id() const;
  void set_node_property(NodeId n, std::string_view key, Value value);  // null removes
  // Adds properties none of which the node has yet, with distinct keys (a bulk loader's
  // columns): no search per key, so a row of many columns costs time linear in them.
  void append_node_properties(NodeId n, ValueMap props);
  void add_node_evidence(NodeId n, const std::vector<Evidence>& evidence);
  // Renames a node (the name index follows); an empty name removes it.
  void set_node_name(NodeId n, std::string_view name);
  void add_node_label(NodeId n, std::string_view label);
  // Removes a label; removing the kind makes the next label the kind (or leaves none).
  void remove_node_label(NodeId n, std::string_view label);
  bool node_has_label(NodeId n, Symbol label) const;
  // Deletes a node; with detach its edges go too, without it a node with edges is an error.
  void remove_node(NodeId n, bool detach);
  // Undoes remove_node (without its edges) or remove_edge, for a query that fails midway.
  // Valid until compact() renumbers the store.
  void restore_node(NodeId n);
  void restore_edge(EdgeId e);

  // ---- edge types
  EdgeType intern_edge_type(std::string_view name);
  std::optional<EdgeType> find_edge_type(std::string_view name) const;
  std::string_view edge_type_name(EdgeType t) const { return pool_.view(edge_type_names_[t]); }
  size_t edge_type_count() const { return edge_type_names_.size(); }

  // ---- edges
  // Adds the edge (source, type, target) or, if it exists, merges: evidence united, properties
  // overwritten, and a fact that is asserted anywhere is not derived.
  EdgeId upsert_edge(NodeId source, EdgeType type, NodeId target, bool derived = false,
                     const ValueMap& props = {}, const std::vector<Evidence>& evidence = {});
  // Evidence whose strings are interned once and then attached to many facts: a loader that
  // cites one sentence for a thousand facts hashes and copies the sentence once, not a thousand
  // times (an 800 KB sentence made a commit take seconds).
  class PreparedEvidence;
  PreparedEvidence prepare_evidence(const Evidence& evidence);
  EdgeId upsert_edge(NodeId source, EdgeType type, NodeId target, const PreparedEvidence& evidence);
  // Resolves ids and the type name; throws InputError for unknown endpoints.
  EdgeId upsert_edge(const EdgeData& edge);
  std::optional<EdgeId> find_edge(NodeId source, EdgeType type, NodeId target) const;
  // Adds a new edge even when (source, type, target) exists: Cypher's CREATE makes parallel
  // relationships. Loaders use upsert_edge, which merges.
  EdgeId add_edge(NodeId source, EdgeType type, NodeId target, const ValueMap& props = {},
                  const std::vector<Evidence>& evidence = {});

  size_t edge_slots() const { return edges_.size(); }
  size_t edge_count() const { return live_edges_; }
  bool edge_live(EdgeId e) const { return e < edges_.size() && !(edges_[e].flags & kEdgeDeleted); }
  EdgeEnds edge_ends(EdgeId e) const { return {edges_[e].src, edges_[e].dst, edges_[e].type}; }
  bool edge_derived(EdgeId e) const { return edges_[e].flags & kEdgeDerived; }
  const ValueMap& edge_props(EdgeId e) const;
  std::vector<Evidence> edge_evidence(EdgeId e) const;
  EdgeData edge_data(EdgeId e) const;
  void set_edge_property(EdgeId e, std::string_view key, Value value);  // null removes
  void append_edge_properties(EdgeId e, ValueMap props);                // as append_node_properties
  void remove_edge(EdgeId e);
  // Live edges of a type, in insertion order; f may return false to stop.
  template <class F>
  void for_each_edge_of_type(EdgeType t, F&& f) const;
  size_t edge_count_of_type(EdgeType t) const;
  // An upper bound of edge_count_of_type, in constant time (for query planning).
  size_t edge_type_size_estimate(EdgeType t) const {
    return t < type_index_.size() ? type_index_[t].size() : 0;
  }

  // ---- adjacency
  // Calls f(const AdjEntry&) for each live edge at `n` in direction `dir` (Out: n is the
  // source; In: n is the target), restricted to `type` when given. For Both, out-edges come
  // first. Only the edges of `n` of that type are touched. f may return false to stop.
  template <class F>
  void for_each_adjacent(NodeId n, Direction dir, std::optional<EdgeType> type, F&& f) const;
  size_t degree(NodeId n, Direction dir, std::optional<EdgeType> type = std::nullopt) const;
  // The raw entries at `n` in one direction (Out or In): the compressed base range and the
  // recent writes. Entries flagged kAdjDeleted must be skipped. For iterators (bgl.hpp).
  struct AdjacencySegments {
    std::span<const AdjEntry> base, recent;
  };
  AdjacencySegments adjacency_segments(NodeId n, Direction dir) const {
    const Adjacency& adj = dir == Direction::In ? in_ : out_;
    const auto* recent = adj.delta.empty() ? nullptr : adj.recent(n);
    return {adj.base(n), recent ? std::span<const AdjEntry>(*recent) : std::span<const AdjEntry>()};
  }

  // ---- views (edge_view.hpp)
  // The edges a reader on this thread does not see: while an EdgeView of this store is active
  // on the thread, for_each_adjacent, for_each_edge_of_type and degree skip them. A view is
  // per thread, so one server thread's `as-of` does not hide edges from another's query.
  struct HiddenEdges {
    const uint64_t* bits = nullptr;  // bit e set: edge e is hidden
    size_t size = 0;                 // edges at and beyond it are visible
    bool hides(EdgeId e) const { return e < size && (bits[e >> 6] >> (e & 63)) & 1; }
  };
  // nullptr when no view of this store is active on this thread.
  const HiddenEdges* hidden_edges() const;
  static void set_thread_hidden_edges(const GraphStore* store, const HiddenEdges* hidden);
  // Calls f(doc, rule) for each evidence item of the edge, without copying its strings.
  template <class F>
  void for_each_edge_evidence_source(EdgeId e, F&& f) const {
    if (const uint32_t x = edges_[e].extra)
      for (const StoredEvidence& ev : edge_extras_[x].evidence)
        f(pool_.view(ev.doc), pool_.view(ev.rule));
  }

  // ---- bulk loading (CSV and snapshot paths)
  // Appends a node without index maintenance; call finish_bulk_nodes() before any lookup.
  NodeId bulk_add_node(std::string_view id, Symbol kind, std::string_view name);
  NodeId bulk_add_node(std::string_view id, std::string_view kind, std::string_view name) {
    return bulk_add_node(id, pool_.intern(kind), name);
  }
  // Builds the id, name and label indexes over all nodes (two threads). Returns the pairs of
  // nodes with equal ids, which the caller reports; the store is unusable if any exist.
  std::vector<std::pair<NodeId, NodeId>> finish_bulk_nodes();
  // Appends edges without duplicate checks; call finish_bulk_edges() before traversal.
  void bulk_add_edges(std::span<const EdgeEnds> edges);
  // Appends one edge with its data, without looking for an existing one.
  EdgeId bulk_add_edge(NodeId source, EdgeType type, NodeId target, bool derived,
                       const ValueMap& props, const std::vector<Evidence>& evidence);
  // Rebuilds the adjacency and the type index over all edges; merges duplicate edges into the
  // oldest (so an edge that was in the store keeps its id). Works on a non-empty store.
  void finish_bulk_edges();
  // Capacity hints for bulk loads: avoids the doubling growth of large columns.
  void reserve_nodes(size_t nodes, size_t text_bytes);
  void reserve_edges(size_t edges);

  // ---- maintenance
  // Rebuilds the adjacency from live edges when the delta or tombstones have grown.
  void compact_adjacency();
  // Drops deleted nodes and edges and renumbers the rest (ids change). Used before saving.
  void compact();
  bool has_tombstones() const {
    return live_nodes_ != nodes_.size() || live_edges_ != edges_.size();
  }

  struct MemoryUsage {
    size_t strings, nodes, edges, indexes, adjacency, extras;
    size_t total() const { return strings + nodes + edges + indexes + adjacency + extras; }
  };
  MemoryUsage memory_usage() const;

 private:
  friend class SnapshotCodec;

  // A string in the node text arena: 40 bits of offset, 24 bits of length.
  struct TextRef {
    uint64_t off : 40;
    uint64_t len : 24;
  };
  struct NodeRecord {
    TextRef id;
    TextRef name;
    Symbol kind;
    uint32_t extra;  // index into node_extras_, 0 when none
  };
  struct EdgeRecord {
    NodeId src;
    NodeId dst;
    EdgeType type;
    uint16_t flags;
    uint32_t extra;  // index into edge_extras_, 0 when none
  };
  struct StoredEvidence {
    Symbol doc, rule, text;
    int64_t paragraph, sentence, span_begin, span_end;
    ValueMap extra;
    bool operator==(const StoredEvidence&) const = default;
  };
  struct NodeExtra {
    std::vector<Symbol> labels;  // beyond the kind
    std::vector<std::string> aliases;
    // The aliases again, as a set, once there are many: "is this an alias already" in
    // constant time. Built on first need (a snapshot's nodes come without it).
    std::unordered_set<std::string> alias_set;
    ValueMap props;
    std::vector<StoredEvidence> evidence;
  };
  struct EdgeExtra {
    ValueMap props;
    std::vector<StoredEvidence> evidence;
  };
  // A compressed sparse row adjacency for one direction plus a per-node delta for edges added
  // since it was built. Base ranges are sorted by (type, node, edge).
  struct Adjacency {
    detail::BigVector<uint32_t> offsets;  // size = nodes covered + 1
    detail::BigVector<AdjEntry> entries;
    std::unordered_map<NodeId, std::vector<AdjEntry>> delta;
    size_t delta_entries = 0;
    size_t tombstones = 0;
    std::span<const AdjEntry> base(NodeId n) const {
      if (n + 1 >= offsets.size()) return {};
      return {entries.data() + offsets[n], entries.data() + offsets[n + 1]};
    }
    std::span<const AdjEntry> base(NodeId n, EdgeType t) const;
    const std::vector<AdjEntry>* recent(NodeId n) const {
      auto it = delta.find(n);
      return it == delta.end() ? nullptr : &it->second;
    }
    AdjEntry* locate(NodeId n, EdgeType t, NodeId other, EdgeId e);
  };

  static constexpr uint8_t kNodeDeleted = 1;
  static constexpr uint16_t kEdgeDerived = 1;
  static constexpr uint16_t kEdgeDeleted = 2;

  std::string_view text(TextRef r) const { return {node_text_.data() + r.off, r.len}; }
  TextRef add_text(std::string_view s);
  NodeExtra& node_extra(NodeId n);
  // Adds an alias to the node unless it has it; true when added.
  static bool add_alias(NodeExtra& extra, const std::string& alias);
  EdgeExtra& edge_extra(EdgeId e);
  StoredEvidence store_evidence(const Evidence& ev);
  Evidence load_evidence(const StoredEvidence& ev) const;
  std::vector<Evidence> load_evidence(const std::vector<StoredEvidence>& list) const;
  void merge_evidence(std::vector<StoredEvidence>& into, const std::vector<Evidence>& more);
  void merge_stored_evidence(std::vector<StoredEvidence>& into, const StoredEvidence& ev);
  EdgeId upsert_edge_record(NodeId source, EdgeType type, NodeId target, bool derived);
  void index_name(NodeId n, std::string_view text);
  void unindex_name(NodeId n, std::string_view text);
  void index_label(NodeId n, Symbol label);
  void merge_edge_into(EdgeId keep, EdgeId dup);
  EdgeId append_edge(NodeId src, EdgeType type, NodeId dst, uint16_t flags);
  void merge_edge_data(EdgeId e, const ValueMap& props, const std::vector<Evidence>& evidence);
  void build_adjacency(Adjacency& adj, bool outgoing) const;
  void rebuild_adjacency();
  void maybe_compact_adjacency();

  StringPool pool_;
  detail::BigVector<char> node_text_;
  detail::BigVector<NodeRecord> nodes_;
  detail::BigVector<uint8_t> node_flags_;
  std::vector<NodeExtra> node_extras_;
  detail::BigVector<EdgeRecord> edges_;
  std::vector<EdgeExtra> edge_extras_;
  detail::HashIndex id_index_;    // hash(id) -> node
  detail::HashIndex name_index_;  // hash_folded(name or alias) -> node
  std::unordered_map<Symbol, detail::BigVector<NodeId>> label_index_;  // may hold deleted nodes
  std::vector<Symbol> edge_type_names_;
  std::vector<detail::BigVector<EdgeId>> type_index_;  // by EdgeType; may hold deleted edges
  Adjacency out_, in_;
  size_t live_nodes_ = 0;
  size_t live_edges_ = 0;
};

class GraphStore::PreparedEvidence {
  friend class GraphStore;
  StoredEvidence stored_;
  explicit PreparedEvidence(StoredEvidence stored) : stored_(std::move(stored)) {}
};

// ---- template definitions

namespace detail {
// Calls f(arg); a callback returning bool says whether to go on, one returning void always does.
template <class F>
bool invoke_continue(F& f, const auto& arg) {
  if constexpr (std::is_same_v<decltype(f(arg)), bool>)
    return f(arg);
  else {
    f(arg);
    return true;
  }
}
}  // namespace detail

template <class F>
void GraphStore::for_each_node_with_label(std::string_view label, F&& f) const {
  auto sym = pool_.find(label);
  if (!sym) return;
  auto it = label_index_.find(*sym);
  if (it == label_index_.end()) return;
  for (NodeId n : it->second)
    if (node_live(n) && node_has_label(n, *sym) && !detail::invoke_continue(f, n)) return;
}

template <class F>
void GraphStore::for_each_node(F&& f) const {
  for (NodeId n = 0; n < nodes_.size(); ++n)
    if (node_live(n) && !detail::invoke_continue(f, n)) return;
}

template <class F>
void GraphStore::for_each_edge_of_type(EdgeType t, F&& f) const {
  if (t >= type_index_.size()) return;
  const HiddenEdges* hidden = hidden_edges();
  for (EdgeId e : type_index_[t])
    if (edge_live(e) && !(hidden && hidden->hides(e)) && !detail::invoke_continue(f, e)) return;
}

template <class F>
void GraphStore::for_each_adjacent(NodeId n, Direction dir, std::optional<EdgeType> type,
                                   F&& f) const {
  const HiddenEdges* hidden = hidden_edges();
  auto visit = [&](const Adjacency& adj) {
    std::span<const AdjEntry> base = type ? adj.base(n, *type) : adj.base(n);
    for (const AdjEntry& a : base)
      if (!(a.flags & kAdjDeleted) && !(hidden && hidden->hides(a.edge)) &&
          !detail::invoke_continue(f, a))
        return false;
    if (adj.delta.empty()) return true;
    if (const auto* recent = adj.recent(n))
      for (const AdjEntry& a : *recent)
        if (!(a.flags & kAdjDeleted) && (!type || a.type == *type) &&
            !(hidden && hidden->hides(a.edge)) && !detail::invoke_continue(f, a))
          return false;
    return true;
  };
  if (dir != Direction::In && !visit(out_)) return;
  if (dir != Direction::Out) visit(in_);
}

}  // namespace normgraph
