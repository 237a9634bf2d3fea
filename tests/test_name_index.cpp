// The search box's index (workspace/name_index.hpp): exact keys before prefixes, names, aliases
// and ids, the delta after a write, removed and renamed nodes.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/workspace/name_index.hpp"

using namespace normgraph;

namespace {

std::vector<std::string> ids(const GraphStore& s, const std::vector<NodeId>& nodes) {
  std::vector<std::string> out;
  for (NodeId n : nodes) out.emplace_back(s.node_id(n));
  return out;
}

const auto kAny = [](NodeId) { return true; };

}  // namespace

TEST_CASE("name index: exact keys first, then prefixes in key order", "[workspace][search]") {
  GraphStore s;
  s.upsert_node({"state:GBR", {"Actor"}, "United Kingdom", {}, {}, {}});
  s.upsert_node(
      {"state:USA", {"Actor"}, "United States", {"USA", "United States of America"}, {}, {}});
  s.upsert_node({"org:un", {"Actor"}, "United", {}, {}, {}});
  s.upsert_node({"principle:unity", {"Principle"}, "unity", {}, {}, {}});
  workspace::NameIndex index(s);
  CHECK(ids(s, index.find("united", 10, kAny)) ==
        std::vector<std::string>{"org:un", "state:GBR", "state:USA"});
  CHECK(ids(s, index.find("usa", 10, kAny)) == std::vector<std::string>{"state:USA"});      // alias
  CHECK(ids(s, index.find("state:g", 10, kAny)) == std::vector<std::string>{"state:GBR"});  // id
  CHECK(index.find("united", 2, kAny).size() == 2);
  const auto principles = [&](NodeId n) { return s.node_kind(n) == "Principle"; };
  CHECK(ids(s, index.find("uni", 10, principles)) == std::vector<std::string>{"principle:unity"});
  CHECK(index.find("nowhere", 10, kAny).empty());
}

TEST_CASE("name index: new, renamed and removed nodes after update", "[workspace][search]") {
  GraphStore s;
  s.upsert_node({"state:GBR", {"Actor"}, "United Kingdom", {}, {}, {}});
  workspace::NameIndex index(s);
  s.upsert_node({"state:ARE", {"Actor"}, "United Arab Emirates", {}, {}, {}});
  CHECK(index.find("united arab", 10, kAny).empty());  // not yet indexed
  index.update();
  CHECK(ids(s, index.find("united arab", 10, kAny)) == std::vector<std::string>{"state:ARE"});
  s.set_node_name(*s.find_node("state:ARE"), "Emirates");  // the old name no longer finds it
  index.update();
  CHECK(index.find("united arab", 10, kAny).empty());
  CHECK(ids(s, index.find("emirates", 10, kAny)) == std::vector<std::string>{"state:ARE"});
  s.remove_node(*s.find_node("state:GBR"), true);
  index.update();
  CHECK(index.find("united", 10, kAny).empty());
  index.rebuild();
  CHECK(ids(s, index.find("e", 10, kAny)) == std::vector<std::string>{"state:ARE"});
}
