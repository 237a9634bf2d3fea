#pragma once
// Boost.Graph adapter: GraphStore models the BGL concepts IncidenceGraph, BidirectionalGraph,
// AdjacencyGraph, VertexListGraph and EdgeListGraph, so BGL algorithms (breadth_first_search,
// dijkstra_shortest_paths, connected components, ...) and adaptors (filtered_graph, for one
// edge type) run on the store directly, without a copy. Vertices are node ids 0..node_slots();
// deleted nodes stay as isolated vertices. The vertex index is the node id itself.
//
// Include this only where an algorithm needs it: Boost.Graph headers are heavy.
#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/property_map.hpp>

#include "normgraph/engine/graph_store.hpp"

namespace normgraph::bgl {

struct Edge {
  NodeId source = kNoNode;
  NodeId target = kNoNode;
  EdgeId id = kNoEdge;
  EdgeType type = 0;
  bool operator==(const Edge& o) const { return id == o.id; }
  bool operator!=(const Edge& o) const { return id != o.id; }
};

// Walks the live entries of one node in one direction: the compressed range, then the recent
// writes.
class EdgeIterator
    : public boost::iterator_facade<EdgeIterator, Edge, std::forward_iterator_tag, Edge> {
 public:
  EdgeIterator() = default;
  EdgeIterator(NodeId node, bool outgoing, GraphStore::AdjacencySegments segments, bool at_end)
      : node_(node), outgoing_(outgoing), segments_(segments) {
    if (at_end) {
      segment_ = 2;
      return;
    }
    skip_deleted();
  }

 private:
  friend class boost::iterator_core_access;
  const AdjEntry& entry() const {
    return (segment_ == 0 ? segments_.base : segments_.recent)[pos_];
  }
  Edge dereference() const {
    const AdjEntry& a = entry();
    return outgoing_ ? Edge{node_, a.node, a.edge, a.type} : Edge{a.node, node_, a.edge, a.type};
  }
  bool equal(const EdgeIterator& o) const {
    return segment_ == o.segment_ && (segment_ == 2 || pos_ == o.pos_);
  }
  void increment() {
    ++pos_;
    skip_deleted();
  }
  void skip_deleted() {
    for (;;) {
      if (segment_ == 2) return;
      auto seg = segment_ == 0 ? segments_.base : segments_.recent;
      if (pos_ >= seg.size()) {
        ++segment_;
        pos_ = 0;
        continue;
      }
      if (!(seg[pos_].flags & kAdjDeleted)) return;
      ++pos_;
    }
  }
  NodeId node_ = kNoNode;
  bool outgoing_ = true;
  GraphStore::AdjacencySegments segments_{};
  int segment_ = 0;  // 0 base, 1 recent, 2 end
  size_t pos_ = 0;
};

// Neighbours through out-edges (AdjacencyGraph).
class AdjacentIterator
    : public boost::iterator_facade<AdjacentIterator, NodeId, std::forward_iterator_tag, NodeId> {
 public:
  AdjacentIterator() = default;
  explicit AdjacentIterator(EdgeIterator it) : it_(it) {}

 private:
  friend class boost::iterator_core_access;
  NodeId dereference() const { return (*it_).target; }
  bool equal(const AdjacentIterator& o) const { return it_ == o.it_; }
  void increment() { ++it_; }
  EdgeIterator it_;
};

// Every live edge, in id order (EdgeListGraph).
class AllEdgesIterator
    : public boost::iterator_facade<AllEdgesIterator, Edge, std::forward_iterator_tag, Edge> {
 public:
  AllEdgesIterator() = default;
  AllEdgesIterator(const GraphStore* g, EdgeId at) : g_(g), at_(at) { skip_deleted(); }

 private:
  friend class boost::iterator_core_access;
  Edge dereference() const {
    EdgeEnds e = g_->edge_ends(at_);
    return {e.source, e.target, at_, e.type};
  }
  bool equal(const AllEdgesIterator& o) const { return at_ == o.at_; }
  void increment() {
    ++at_;
    skip_deleted();
  }
  void skip_deleted() {
    while (at_ < g_->edge_slots() && !g_->edge_live(at_)) ++at_;
  }
  const GraphStore* g_ = nullptr;
  EdgeId at_ = 0;
};

struct TraversalCategory : virtual boost::bidirectional_graph_tag,
                           virtual boost::adjacency_graph_tag,
                           virtual boost::vertex_list_graph_tag,
                           virtual boost::edge_list_graph_tag {};

}  // namespace normgraph::bgl

namespace boost {

template <>
struct graph_traits<normgraph::GraphStore> {
  using vertex_descriptor = normgraph::NodeId;
  using edge_descriptor = normgraph::bgl::Edge;
  using directed_category = bidirectional_tag;
  using edge_parallel_category = allow_parallel_edge_tag;  // same ends, different types
  using traversal_category = normgraph::bgl::TraversalCategory;
  using out_edge_iterator = normgraph::bgl::EdgeIterator;
  using in_edge_iterator = normgraph::bgl::EdgeIterator;
  using adjacency_iterator = normgraph::bgl::AdjacentIterator;
  using vertex_iterator = counting_iterator<normgraph::NodeId>;
  using edge_iterator = normgraph::bgl::AllEdgesIterator;
  using degree_size_type = size_t;
  using vertices_size_type = size_t;
  using edges_size_type = size_t;
  static vertex_descriptor null_vertex() { return normgraph::kNoNode; }
};

template <>
struct property_map<normgraph::GraphStore, vertex_index_t> {
  using type = typed_identity_property_map<normgraph::NodeId>;
  using const_type = type;
};

}  // namespace boost

namespace normgraph {

// Found by argument-dependent lookup, as BGL expects.
inline std::pair<bgl::EdgeIterator, bgl::EdgeIterator> out_edges(NodeId n, const GraphStore& g) {
  auto s = g.adjacency_segments(n, Direction::Out);
  return {bgl::EdgeIterator(n, true, s, false), bgl::EdgeIterator(n, true, s, true)};
}
inline std::pair<bgl::EdgeIterator, bgl::EdgeIterator> in_edges(NodeId n, const GraphStore& g) {
  auto s = g.adjacency_segments(n, Direction::In);
  return {bgl::EdgeIterator(n, false, s, false), bgl::EdgeIterator(n, false, s, true)};
}
inline std::pair<bgl::AdjacentIterator, bgl::AdjacentIterator> adjacent_vertices(
    NodeId n, const GraphStore& g) {
  auto [first, last] = out_edges(n, g);
  return {bgl::AdjacentIterator(first), bgl::AdjacentIterator(last)};
}
inline NodeId source(const bgl::Edge& e, const GraphStore&) {
  return e.source;
}
inline NodeId target(const bgl::Edge& e, const GraphStore&) {
  return e.target;
}
inline size_t out_degree(NodeId n, const GraphStore& g) {
  return g.degree(n, Direction::Out);
}
inline size_t in_degree(NodeId n, const GraphStore& g) {
  return g.degree(n, Direction::In);
}
inline size_t degree(NodeId n, const GraphStore& g) {
  return g.degree(n, Direction::Both);
}
inline std::pair<boost::counting_iterator<NodeId>, boost::counting_iterator<NodeId>> vertices(
    const GraphStore& g) {
  return {boost::counting_iterator<NodeId>(0),
          boost::counting_iterator<NodeId>(static_cast<NodeId>(g.node_slots()))};
}
inline size_t num_vertices(const GraphStore& g) {
  return g.node_slots();
}
inline std::pair<bgl::AllEdgesIterator, bgl::AllEdgesIterator> edges(const GraphStore& g) {
  return {bgl::AllEdgesIterator(&g, 0),
          bgl::AllEdgesIterator(&g, static_cast<EdgeId>(g.edge_slots()))};
}
inline size_t num_edges(const GraphStore& g) {
  return g.edge_count();
}
inline boost::typed_identity_property_map<NodeId> get(boost::vertex_index_t, const GraphStore&) {
  return {};
}

}  // namespace normgraph
