#include <catch2/catch.hpp>

#include <cstdlib>

#include "normgraph/core/errors.hpp"
#include "normgraph/loaders/csv_graph.hpp"
#include "normgraph/loaders/ingest.hpp"
#include "test_helpers.hpp"

using namespace normgraph;
using normgraph::testing::TempDir;
using normgraph::testing::write_file;

namespace {

std::string load_error(const std::string& dir, GraphStore& g) {
  try {
    loaders::load_csv_graph(dir, g);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("no InputError for " << dir);
  return "";
}

void write_graph(const TempDir& t, const std::string& nodes, const std::string& edges) {
  write_file(t.file("g/nodes.csv"), nodes);
  write_file(t.file("g/edges.csv"), edges);
}

}  // namespace

TEST_CASE("a CSV graph loads with quoting, CRLF and extra columns as properties", "[csv]") {
  TempDir t;
  write_graph(t,
              "id,kind,name,region\r\n"
              "state:CHN,Actor,China,Asia\r\n"
              "doc:1,Document,\"Statement, \"\"first\"\"\nsecond line\",\r\n"
              "principle:sov,Principle,sovereignty,\r\n",
              "src,dst,type,note\n"
              "state:CHN,principle:sov,ENDORSES,\"as stated, twice\"\n"
              "state:CHN,doc:1,DELIVERED,\n"
              "state:CHN,principle:sov,ENDORSES,\n");
  GraphStore g;
  auto counts = loaders::load_csv_graph(t.file("g"), g);
  CHECK(counts.nodes == 3);
  CHECK(counts.edges == 3);
  CHECK(g.node_count() == 3);
  CHECK(g.edge_count() == 2);  // the repeated ENDORSES merged
  NodeId doc = *g.find_node("doc:1");
  CHECK(g.node_name(doc) == "Statement, \"first\"\nsecond line");
  CHECK(*find_entry(g.node_props(*g.find_node("state:CHN")), "region") == Value("Asia"));
  CHECK(find_entry(g.node_props(doc), "region") == nullptr);
  EdgeId e = *g.find_edge(*g.find_node("state:CHN"), *g.find_edge_type("ENDORSES"),
                          *g.find_node("principle:sov"));
  CHECK(*find_entry(g.edge_props(e), "note") == Value("as stated, twice"));
}

TEST_CASE("a header of many quoted short fields keeps every name (fuzz_csv regression)", "[csv]") {
  // Each quoted field is unescaped into its own string; growing that store once moved the short
  // strings already viewed, and the header compared freed memory (ASan).
  TempDir t;
  write_graph(t, "\"id\",\"kind\",\"name\",\"a\",\"b\",\"c\",\"d\",\"e\"\nx,Actor,X,1,2,3,4,5\n",
              "\"src\",\"dst\",\"type\"\nx,x,SELF\n");
  GraphStore g;
  loaders::load_csv_graph(t.file("g"), g);
  REQUIRE(g.node_count() == 1);
  NodeId x = *g.find_node("x");
  CHECK(*find_entry(g.node_props(x), "a") == Value("1"));
  CHECK(*find_entry(g.node_props(x), "e") == Value("5"));
  write_graph(t, "\",\"\"\",\"\",\"\"", "src,dst,type\n");  // the fuzzer's input
  GraphStore empty;
  CHECK_THAT(load_error(t.file("g"), empty), Catch::Contains("missing column 'id'"));
}

TEST_CASE("bad CSV input names file, line and column and changes nothing", "[csv]") {
  TempDir t;
  GraphStore g;
  // Something already stored must survive every failed load below.
  write_file(t.file("ok/nodes.csv"), "id,kind,name\nkeep,Actor,Kept\n");
  write_file(t.file("ok/edges.csv"), "src,dst,type\nkeep,keep,MEMBER_OF\n");
  loaders::load_csv_graph(t.file("ok"), g);
  REQUIRE(g.node_count() == 1);

  SECTION("missing column") {
    write_graph(t, "id,name\n1,a\n", "src,dst,type\n");
    std::string msg = load_error(t.file("g"), g);
    CHECK(msg.find("nodes.csv:1:1: missing column 'kind'") != std::string::npos);
  }
  SECTION("dangling id") {
    write_graph(t, "id,kind,name\n1,State,a\n2,State,b\n", "src,dst,type\n1,2,X\n2,3,X\n");
    std::string msg = load_error(t.file("g"), g);
    CHECK(msg.find("edges.csv:3:1: unknown node id '3' in column dst") != std::string::npos);
  }
  SECTION("wrong number of fields") {
    write_graph(t, "id,kind,name\n1,State,a\n2,State\n", "src,dst,type\n");
    CHECK(load_error(t.file("g"), g).find("nodes.csv:3:1: expected 3 fields, found 2") !=
          std::string::npos);
  }
  SECTION("unterminated quote") {
    write_graph(t, "id,kind,name\n1,State,\"open\n", "src,dst,type\n");
    CHECK(load_error(t.file("g"), g).find("nodes.csv:2:9: unterminated quoted field") !=
          std::string::npos);
  }
  SECTION("duplicate id") {
    write_graph(t, "id,kind,name\n1,State,a\n2,State,b\n1,State,c\n", "src,dst,type\n");
    CHECK(
        load_error(t.file("g"), g).find("nodes.csv:4:1: duplicate node id '1' (first on line 2)") !=
        std::string::npos);
  }
  SECTION("kind conflict with the stored graph") {
    write_graph(t, "id,kind,name\nkeep,Principle,p\n", "src,dst,type\n");
    CHECK(load_error(t.file("g"), g).find("'keep' has kind Principle here but Actor") !=
          std::string::npos);
  }
  SECTION("empty file") {
    write_graph(t, "", "src,dst,type\n");
    CHECK(load_error(t.file("g"), g).find("nodes.csv:1:1: empty file") != std::string::npos);
  }
  SECTION("a repeated column name (issue 16)") {
    write_graph(t, "id,kind,name,note,note\n1,State,a,x,y\n", "src,dst,type\n");
    CHECK_THAT(load_error(t.file("g"), g),
               Catch::Contains("nodes.csv:1:19: column 5 repeats the name 'note' of column 4"));
  }
  SECTION("invalid UTF-8 in a node or an edge (issue 16)") {
    write_graph(t, "id,kind,name\n1,State,Caf\xE9\n", "src,dst,type\n");
    CHECK_THAT(load_error(t.file("g"), g),
               Catch::Contains("nodes.csv:2:12: invalid UTF-8 (byte 0xE9)"));
    write_graph(t, "id,kind,name\n1,State,a\n", "src,dst,type\n1,1,X\xFF\n");
    CHECK_THAT(load_error(t.file("g"), g),
               Catch::Contains("edges.csv:2:6: invalid UTF-8 (byte 0xFF)"));
  }
  SECTION("bare CR line ends (issue 16)") {
    write_graph(t, "id,kind,name\r1,State,a\r", "src,dst,type\r");
    CHECK_THAT(load_error(t.file("g"), g),
               Catch::Contains("nodes.csv:1:13: the header line ends with a bare CR"));
  }
  SECTION("edges.csv without nodes.csv (issue 16)") {
    write_file(t.file("e/edges.csv"), "src,dst,type\nkeep,keep,X\n");
    CHECK_THAT(load_error(t.file("e"), g), Catch::Contains("edges.csv needs a nodes.csv"));
  }
  CHECK(g.node_count() == 1);
  CHECK(g.edge_count() == 1);
  CHECK(g.find_node("keep"));
}

TEST_CASE("the benchmark generator's graph loads with the generator's counts", "[csv]") {
  TempDir t;
  const std::string gen = std::string(NORMGRAPH_SHARED_DIR) + "/bench/gen_graph.py";
  const std::string cmd = "python3 " + gen + " --statements 200 --seed 7 --out " + t.file("bench") +
                          " > " + t.file("gen.txt");
  REQUIRE(std::system(cmd.c_str()) == 0);
  const std::string report = normgraph::testing::read_file(t.file("gen.txt"));
  // "nodes N: ..." and "edges M: ..." lines of the generator's report.
  auto count_after = [&](const std::string& key) {
    size_t at = report.find("\n" + key + " ");
    REQUIRE(at != std::string::npos);
    return std::stoul(report.substr(at + key.size() + 2));
  };
  GraphStore g;
  auto inputs = loaders::ingest_path(t.file("bench"), g);
  REQUIRE(inputs.size() == 1);
  CHECK(inputs[0].format == "csv-graph");
  CHECK(g.node_count() == count_after("nodes"));
  CHECK(g.edge_count() == count_after("edges"));
  // Every State 001 ENDORSES edge is reachable from both ends.
  NodeId s1 = g.find_by_name("State 001").at(0);
  EdgeType endorses = *g.find_edge_type("ENDORSES");
  size_t out = 0, back = 0;
  g.for_each_adjacent(s1, Direction::Out, endorses, [&](const AdjEntry& a) {
    ++out;
    g.for_each_adjacent(a.node, Direction::In, endorses,
                        [&](const AdjEntry& b) { back += b.node == s1; });
  });
  CHECK(out >= 5);
  CHECK(back == out);
}

TEST_CASE("a BOM is skipped, a nodes-only folder loads its nodes, many columns load (issue 16)",
          "[csv]") {
  TempDir t;
  write_graph(t, "\xEF\xBB\xBFid,kind,name\r\na,Actor,A\r\n",
              "\xEF\xBB\xBFsrc,dst,type\r\na,a,MEMBER_OF\r\n");
  GraphStore g;
  const auto counts = loaders::load_csv_graph(t.file("g"), g);
  CHECK(counts.nodes == 1);
  CHECK(counts.edges == 1);
  CHECK(g.find_node("a"));

  write_file(t.file("nodes-only/nodes.csv"), "id,kind,name\nb,Actor,B\nc,Actor,C\n");
  CHECK(loaders::is_csv_graph_dir(t.file("nodes-only")));
  const auto only = loaders::load_csv_graph(t.file("nodes-only"), g);
  CHECK(only.nodes == 2);
  CHECK(only.edges == 0);
  CHECK(g.find_node("c"));

  // Columns beyond the three are properties, each found under its own name.
  const int columns = 5000;
  std::string header = "id,kind,name", row = "w,Actor,W";
  for (int i = 0; i < columns; ++i) {
    header += ",p" + std::to_string(i);
    row += "," + std::to_string(i);
  }
  write_graph(t, header + "\n" + row + "\n", "src,dst,type\n");
  GraphStore wide;
  loaders::load_csv_graph(t.file("g"), wide);
  const ValueMap& props = wide.node_props(*wide.find_node("w"));
  CHECK(props.size() == columns);
  CHECK(*find_entry(props, "p4999") == Value("4999"));
}

TEST_CASE("a name over 16 MiB is an error naming file, line and column (issue 16)", "[csv]") {
  TempDir t;
  write_graph(t, "id,kind,name\na,Actor," + std::string((16u << 20) + 1, 'x') + "\n",
              "src,dst,type\n");
  GraphStore g;
  CHECK_THAT(load_error(t.file("g"), g),
             Catch::Contains("nodes.csv:2:1: a node id or name longer than 16 MiB"));
  CHECK(g.node_count() == 0);
}
