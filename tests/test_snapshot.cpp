#include <catch2/catch.hpp>

#include <filesystem>

#include "normgraph/core/errors.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/engine/snapshot.hpp"
#include "test_helpers.hpp"

using namespace normgraph;
using normgraph::testing::TempDir;

namespace {

GraphStore sample_graph() {
  GraphStore g;
  NodeData chn{"state:CHN", {"Actor", "State"}, "China", {"PRC"}, {{"type", Value("state")}}, {}};
  NodeData p{
      "principle:sovereignty", {"Principle"}, "sovereignty", {}, {{"weight", Value(0.25)}}, {}};
  NodeData gone{"tmp:1", {"Topic"}, "to be deleted", {}, {}, {}};
  NodeId a = g.upsert_node(chn), b = g.upsert_node(p), c = g.upsert_node(gone);
  Evidence ev{"doc:000",
              6,
              4,
              2310,
              2534,
              "endorse.uphold",
              "We uphold sovereignty.",
              {{"by", Value("test")}}};
  g.upsert_edge(a, g.intern_edge_type("ENDORSES"), b, false,
                {{"list", Value(ValueList{Value(int64_t{1}), Value("two"), Value()})}}, {ev});
  g.upsert_edge(a, g.intern_edge_type("SUPPORTS"), b, true);
  g.upsert_edge(a, g.intern_edge_type("CONCERNED_ABOUT"), c);
  g.remove_node(c, true);
  return g;
}

void check_sample(const GraphStore& g) {
  REQUIRE(g.node_count() == 2);
  REQUIRE(g.edge_count() == 2);
  NodeId a = *g.find_node("state:CHN"), b = *g.find_node("principle:sovereignty");
  CHECK(g.find_by_name("prc") == std::vector<NodeId>{a});
  CHECK(g.node_labels(a) == std::vector<std::string_view>{"Actor", "State"});
  CHECK(*find_entry(g.node_props(b), "weight") == Value(0.25));
  CHECK_FALSE(g.find_node("tmp:1"));
  EdgeId e = *g.find_edge(a, *g.find_edge_type("ENDORSES"), b);
  CHECK_FALSE(g.edge_derived(e));
  auto evidence = g.edge_evidence(e);
  REQUIRE(evidence.size() == 1);
  CHECK(evidence[0].text == "We uphold sovereignty.");
  CHECK(evidence[0].span_end == 2534);
  CHECK(*find_entry(evidence[0].extra, "by") == Value("test"));
  CHECK(find_entry(g.edge_props(e), "list")->as_list().size() == 3);
  CHECK(g.edge_derived(*g.find_edge(a, *g.find_edge_type("SUPPORTS"), b)));
  std::vector<NodeId> in;
  g.for_each_adjacent(b, Direction::In, std::nullopt,
                      [&](const AdjEntry& x) { in.push_back(x.node); });
  CHECK(in == std::vector<NodeId>{a, a});
}

std::string expect_storage_error(const std::string& path) {
  try {
    load_snapshot(path);
  } catch (const StorageError& e) {
    std::string msg = e.what();
    CHECK(msg.find(path) != std::string::npos);
    return msg;
  }
  FAIL("no StorageError for " << path);
  return "";
}

void flip_byte(const std::string& path, uint64_t at) {
  std::string bytes = normgraph::testing::read_file(path);
  bytes[at] = static_cast<char>(bytes[at] ^ 0x5A);
  normgraph::testing::write_file(path, bytes);
}

}  // namespace

TEST_CASE("a snapshot round-trips the whole graph", "[snapshot]") {
  TempDir dir;
  GraphStore g = sample_graph();
  save_snapshot(g, dir.file("graph.snapshot"));
  check_sample(load_snapshot(dir.file("graph.snapshot")));
  CHECK_FALSE(std::filesystem::exists(dir.file("graph.snapshot.tmp")));
  // Saved twice, identical bytes: the format is deterministic.
  GraphStore again = load_snapshot(dir.file("graph.snapshot"));
  save_snapshot(again, dir.file("second.snapshot"));
  const bool identical = normgraph::testing::read_file(dir.file("graph.snapshot")) ==
                         normgraph::testing::read_file(dir.file("second.snapshot"));
  CHECK(identical);
}

TEST_CASE("a loaded snapshot accepts further writes", "[snapshot]") {
  TempDir dir;
  GraphStore g = sample_graph();
  save_snapshot(g, dir.file("g"));
  GraphStore h = load_snapshot(dir.file("g"));
  NodeId x = h.upsert_node(NodeData{"principle:x", {"Principle"}, "X", {}, {}, {}});
  h.upsert_edge(*h.find_node("principle:sovereignty"), h.intern_edge_type("SPECIALIZES"), x);
  CHECK(h.edge_count() == 3);
  CHECK(h.degree(x, Direction::In) == 1);
  check_sample([&] {
    GraphStore copy = load_snapshot(dir.file("g"));
    return copy;
  }());
}

TEST_CASE("damaged snapshots give clear errors, never a crash or an empty graph", "[snapshot]") {
  TempDir dir;
  GraphStore g = sample_graph();
  const std::string path = dir.file("graph.snapshot");
  save_snapshot(g, path);
  const std::string good = normgraph::testing::read_file(path);

  SECTION("truncated") {
    for (size_t keep : {good.size() - 1, good.size() / 2, size_t{30}, size_t{3}, size_t{0}}) {
      normgraph::testing::write_file(path, good.substr(0, keep));
      std::string msg = expect_storage_error(path);
      CHECK((msg.find("truncated") != std::string::npos ||
             msg.find("not a normgraph snapshot") != std::string::npos));
    }
  }
  SECTION("a flipped byte anywhere") {
    for (size_t at = 0; at < good.size(); at += std::max<size_t>(1, good.size() / 97)) {
      normgraph::testing::write_file(path, good);
      flip_byte(path, at);
      expect_storage_error(path);
    }
    normgraph::testing::write_file(path, good);
    flip_byte(path, good.size() - 20);  // in the last section's data
    CHECK(expect_storage_error(path).find("checksum mismatch") != std::string::npos);
  }
  SECTION("a foreign file") {
    normgraph::testing::write_file(
        path, "{\"format\": \"normgraph-graph\", \"nodes\": [], \"edges\": []}\n");
    CHECK(expect_storage_error(path).find("not a normgraph snapshot") != std::string::npos);
  }
  SECTION("another format version") {
    std::string other = good;
    other[8] = 9;
    normgraph::testing::write_file(path, other);
    CHECK(expect_storage_error(path).find("version 9") != std::string::npos);
  }
  SECTION("missing") {
    std::filesystem::remove(path);
    CHECK(expect_storage_error(path).find("cannot open") != std::string::npos);
  }
}

TEST_CASE("a data directory starts empty, saves and reloads", "[snapshot]") {
  TempDir tmp;
  const std::string data = tmp.file("data");
  CHECK_THROWS_AS(DataDir(data, DataDir::Access::Read), StorageError);
  {
    DataDir dir(data, DataDir::Access::Write);
    GraphStore g = dir.load();
    CHECK(g.node_count() == 0);
    g = sample_graph();
    dir.save(g);
  }
  DataDir dir(data, DataDir::Access::Read);
  check_sample(dir.load());
}

TEST_CASE("a failed save removes its temporary file (issue 16)", "[snapshot]") {
  TempDir t;
  GraphStore g;
  NodeData n;
  n.id = "a";
  n.labels = {"Actor"};
  n.name = "A";
  g.upsert_node(n);
  // The last step, replacing the snapshot, fails: a non-empty folder stands where it goes.
  const std::string path = t.file("graph.snapshot");
  normgraph::testing::write_file(path + "/in-the-way", "x");
  CHECK_THROWS_AS(save_snapshot(g, path), StorageError);
  CHECK_FALSE(std::filesystem::exists(path + ".tmp"));
  // A failure before it (the temporary file cannot be created) leaves nothing either.
  CHECK_THROWS_AS(save_snapshot(g, t.file("missing-folder/graph.snapshot")), StorageError);
  CHECK_FALSE(std::filesystem::exists(t.file("missing-folder")));
}
