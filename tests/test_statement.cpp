// The statement loader end to end on the reference statement, scored by ../shared/gold.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "normgraph/loaders/statement.hpp"
#include "test_helpers.hpp"

using normgraph::testing::TempDir;

namespace {

const std::string kShared = NORMGRAPH_SHARED_DIR;

int run(const std::string& command) { return std::system(command.c_str()); }

}  // namespace

TEST_CASE("the reference statement yields every gold fact and none of the false ones", "[statement][gold]") {
  TempDir t;
  const std::string cli = NORMGRAPH_CLI;
  const std::string seed = kShared + "/corpus/statements/000_f7b3e24bbd779271.txt";
  REQUIRE(run(cli + " ingest --data " + t.file("data") + " " + seed + " > /dev/null") == 0);
  REQUIRE(run(cli + " export --data " + t.file("data") + " -o " + t.file("g.json")) == 0);
  const int status = run("python3 " + kShared + "/gold/check_gold.py " + t.file("g.json") + " " + kShared +
                         "/gold/seed.gold.tsv > " + t.file("score.txt"));
  INFO(normgraph::testing::read_file(t.file("score.txt")));
  CHECK(status == 0);
}

TEST_CASE("a statement's speaker and date come from its metadata header", "[statement]") {
  normgraph::GraphStore g;
  auto loader = normgraph::loaders::StatementLoader::load_default();
  loader.load_text(
      "title: A test statement\ndate: 2021\nspeaker: Russia\n---\n"
      "We firmly uphold the principle of non-interference in internal affairs. We oppose double "
      "standards.\n",
      "test_statement.txt", g);
  auto doc = g.find_node("doc:test-statement");
  REQUIRE(doc);
  CHECK(g.node_name(*doc) == "A test statement");
  auto rus = g.find_node("state:RUS");
  REQUIRE(rus);
  auto delivered = g.find_edge_type("DELIVERED");
  REQUIRE(delivered);
  CHECK(g.find_edge(*rus, *delivered, *doc));
  size_t endorses = 0, opposes = 0;
  g.for_each_adjacent(*rus, normgraph::Direction::Out, std::nullopt, [&](const normgraph::AdjEntry& a) {
    endorses += g.edge_type_name(a.type) == "ENDORSES";
    opposes += g.edge_type_name(a.type) == "OPPOSES";
  });
  CHECK(endorses == 1);
  CHECK(opposes == 1);
}
