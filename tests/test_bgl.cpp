// Boost.Graph algorithms run on the store through the adapter in bgl.hpp.
#include <catch2/catch.hpp>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <vector>

#include "normgraph/engine/bgl.hpp"

using namespace normgraph;

namespace {

GraphStore chain_with_shortcut() {
  // a -NEXT-> b -NEXT-> c -NEXT-> d, plus a -JUMP-> d; b -NEXT-> x deleted later.
  GraphStore g;
  for (const char* id : {"a", "b", "c", "d", "x"})
    g.upsert_node(NodeData{id, {"Node"}, id, {}, {}, {}});
  EdgeType next = g.intern_edge_type("NEXT"), jump = g.intern_edge_type("JUMP");
  g.upsert_edge(0, next, 1);
  g.upsert_edge(1, next, 2);
  g.upsert_edge(2, next, 3);
  g.upsert_edge(0, jump, 3);
  g.remove_edge(g.upsert_edge(1, next, 4));
  return g;
}

template <class Graph>
std::vector<int> bfs_distances(const Graph& graph, size_t n, NodeId from) {
  std::vector<int> dist(n, -1);
  dist[from] = 0;
  auto record = boost::record_distances(dist.data(), boost::on_tree_edge());
  boost::breadth_first_search(graph, from,
                              boost::visitor(boost::make_bfs_visitor(record))
                                  .vertex_index_map(boost::typed_identity_property_map<NodeId>()));
  return dist;
}

struct OnlyType {
  EdgeType type = 0;
  bool operator()(const bgl::Edge& e) const { return e.type == type; }
};

}  // namespace

TEST_CASE("breadth-first search from Boost.Graph runs on the store", "[bgl]") {
  GraphStore g = chain_with_shortcut();
  auto check = [&] {
    std::vector<int> dist = bfs_distances(g, g.node_slots(), 0);
    CHECK(dist == std::vector<int>{0, 1, 2, 1, -1});  // d by the jump; x only by a deleted edge
    // Restricted to NEXT edges with filtered_graph, d is three steps away.
    boost::filtered_graph<GraphStore, OnlyType> next_only(g, OnlyType{*g.find_edge_type("NEXT")});
    CHECK(bfs_distances(next_only, g.node_slots(), 0) == std::vector<int>{0, 1, 2, 3, -1});
  };
  check();
  g.compact_adjacency();
  check();
}

TEST_CASE("in-edges and degrees through the Boost.Graph interface", "[bgl]") {
  GraphStore g = chain_with_shortcut();
  std::vector<NodeId> sources;
  auto [first, last] = in_edges(NodeId{3}, g);
  for (auto it = first; it != last; ++it) sources.push_back(source(*it, g));
  std::sort(sources.begin(), sources.end());
  CHECK(sources == std::vector<NodeId>{0, 2});
  CHECK(out_degree(NodeId{1}, g) == 1);
  CHECK(in_degree(NodeId{4}, g) == 0);
  CHECK(num_vertices(g) == 5);
  size_t live = 0;
  auto [e, e_end] = edges(g);
  for (; e != e_end; ++e) ++live;
  CHECK(live == 4);
  CHECK(num_edges(g) == 4);
}
