// The bundled examples/ load and follow the ontology's schema.
#include <catch2/catch.hpp>

#include <string>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/loaders/csv_graph.hpp"
#include "normgraph/loaders/graph_json.hpp"
#include "normgraph/ontology/schema.hpp"

using normgraph::GraphStore;
using normgraph::NodeId;
using normgraph::ontology::Schema;

namespace {

const std::string kExamplesDir = std::string(NORMGRAPH_SOURCE_DIR) + "/examples";

// Counts the store's nodes that break the schema (unknown kind, missing required property)
// and edges whose type, domain or range it does not allow; INFO names each one.
size_t count_schema_violations(const GraphStore& store, const Schema& schema) {
  size_t violations = 0;
  store.for_each_node([&](NodeId n) {
    const auto* kind = schema.kind(store.node_kind(n));
    if (!kind) {
      UNSCOPED_INFO("node " << store.node_id(n) << ": unknown kind " << store.node_kind(n));
      ++violations;
      return;
    }
    for (const std::string& property : kind->required_props) {
      if (normgraph::find_entry(store.node_props(n), property)) continue;
      UNSCOPED_INFO("node " << store.node_id(n) << ": missing property " << property);
      ++violations;
    }
  });
  for (normgraph::EdgeId e = 0; e < store.edge_slots(); ++e) {
    if (!store.edge_live(e)) continue;
    auto ends = store.edge_ends(e);
    auto type = store.edge_type_name(ends.type);
    if (schema.allows(type, store.node_kind(ends.source), store.node_kind(ends.target))) continue;
    UNSCOPED_INFO("edge " << store.node_id(ends.source) << " -" << type << "-> "
                          << store.node_id(ends.target) << " breaks the schema");
    ++violations;
  }
  return violations;
}

}  // namespace

TEST_CASE("the example graph JSON loads and follows the schema", "[examples][ontology]") {
  GraphStore store;
  auto counts = normgraph::loaders::load_graph_json_file(
      kExamplesDir + "/graphs/cyber-norms-sample.json", store);
  CHECK(counts.nodes == 28);
  CHECK(counts.edges == 43);
  CHECK(store.node_count() == 28);
  CHECK(store.edge_count() == 43);
  CHECK(count_schema_violations(store, Schema::load_default()) == 0);

  auto russia = store.find_by_name("russia");
  REQUIRE(russia.size() == 1);
  CHECK(store.node_id(russia[0]) == "state:RUS");

  auto china = store.find_node("state:CHN");
  auto non_interference = store.find_node("principle:non-interference");
  auto endorses = store.find_edge_type("ENDORSES");
  REQUIRE((china && non_interference && endorses));
  auto edge = store.find_edge(*china, *endorses, *non_interference);
  REQUIRE(edge);
  auto evidence = store.edge_evidence(*edge);
  REQUIRE(evidence.size() == 2);
  CHECK(evidence[0].doc == "doc:sample-statement-chn-2015");
  CHECK(evidence[0].span_end - evidence[0].span_begin ==
        static_cast<int64_t>(evidence[0].text.size()));
}

TEST_CASE("the example CSV graph loads, quoted names included", "[examples][ontology]") {
  GraphStore store;
  auto counts = normgraph::loaders::load_csv_graph(kExamplesDir + "/csv-graph", store);
  CHECK(counts.nodes == 10);
  CHECK(counts.edges == 10);
  auto korea = store.find_by_name("Korea, Republic of");
  REQUIRE(korea.size() == 1);
  CHECK(store.node_id(korea[0]) == "state:KOR");
  auto member_of = store.find_edge_type("MEMBER_OF");
  REQUIRE(member_of);
  CHECK(store.edge_count_of_type(*member_of) == 3);
}
