// `normgraph query` end to end: output formats, parameters, errors and exit codes, writes
// saved to the data directory (and failed writes not).
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>

#include "test_helpers.hpp"

using normgraph::testing::CommandRun;
using normgraph::testing::run_cli;
using normgraph::testing::TempDir;
using normgraph::testing::write_in;

namespace {

// A data directory holding the example graph.
std::string example_data(const TempDir& t) {
  const std::string data = t.file("data");
  CommandRun r = run_cli("ingest --data " + data + " " + NORMGRAPH_SOURCE_DIR + "/examples/graphs");
  REQUIRE(r.code == 0);
  return data;
}

}  // namespace

TEST_CASE("query: formats, parameters, files and standard input", "[cli][query]") {
  TempDir t;
  const std::string data = example_data(t);
  CommandRun r = run_cli("query --help");
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("--param") && Catch::Contains("--format") &&
                        Catch::Contains("--timeout"));

  r = run_cli(
      "query --data " + data +
      " --format json "
      "\"MATCH (a:Actor {name: 'China'})-[:ENDORSES]->(p:Principle) RETURN count(p) AS n\"");
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("{\"columns\":[\"n\"],\"rows\":[[") &&
                        Catch::Contains("\"stats\":{\"rows\":1,"));

  r = run_cli("query --data " + data +
              " --format csv --param who=China --param n=2 "
              "'MATCH (a {name: $who}) RETURN a.name AS name, $n + 1 AS three'");
  REQUIRE(r.code == 0);
  CHECK(r.out == "name,three\r\nChina,3\r\n");

  const std::string file = write_in(t, "q.cypher", "MATCH (a:Actor) RETURN count(*) AS actors");
  CommandRun from_file = run_cli("query --data " + data + " --format csv -f " + file);
  CommandRun from_stdin = run_cli("query --data " + data + " --format csv < " + file);
  CHECK(from_file.code == 0);
  CHECK_THAT(from_file.out, Catch::StartsWith("actors\r\n"));
  CHECK(from_stdin.out == from_file.out);

  r = run_cli("query --data " + data +
              " --explain \"MATCH (a {name: 'China'})-[:ENDORSES]->(p) RETURN p\"");
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("NodeByNameSeek") && Catch::Contains("Expand -> :ENDORSES"));
}

TEST_CASE("query: an invalid query is exit code 2 with its position", "[cli][query]") {
  TempDir t;
  const std::string data = example_data(t);
  CommandRun r = run_cli("query --data " + data + " 'MATCH (a RETURN a'");
  CHECK(r.code == 2);
  CHECK_THAT(r.out, Catch::Contains("line 1, column 10: expected ')'"));
  r = run_cli("query --data " + data + " 'RETURN 1 / 0'");
  CHECK(r.code == 2);
  r = run_cli("query --data " + data + " --format yaml 'RETURN 1'");
  CHECK(r.code == 2);
  CHECK_THAT(r.out, Catch::Contains("unknown result format 'yaml'"));
  r = run_cli("query --data " + data + " --param nonsense 'RETURN 1'");
  CHECK(r.code == 1);
}

TEST_CASE("query: writes are saved, a failed write changes nothing", "[cli][query]") {
  TempDir t;
  const std::string data = example_data(t);
  CommandRun r = run_cli("query --data " + data +
                         " --author tester --reason 'test fixture' "
                         "\"CREATE (:Principle {id: 'principle:test', name: 'Test principle'})\"");
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("created 1 node(s)"));
  r = run_cli("query --data " + data +
              " --format csv "
              "\"MATCH (p {id: 'principle:test'}) RETURN p.name, p.evidence[0].by\"");
  CHECK(r.out == "p.name,p.evidence[0].by\r\nTest principle,tester\r\n");

  r = run_cli("query --data " + data +
              " \"MATCH (p {id: 'principle:test'}) SET p.x = 1 "
              "WITH p RETURN p.x / 0\"");
  CHECK(r.code == 2);
  r = run_cli("query --data " + data +
              " --format csv \"MATCH (p {id: 'principle:test'}) RETURN p.x\"");
  CHECK_THAT(r.out, Catch::EndsWith("\np.x\r\n\r\n"));  // after the warning that x is not declared
}

TEST_CASE("query across loaders: the norms behind what a statement endorses", "[cli][query]") {
  TempDir t;
  const std::string data = t.file("data");
  const std::string shared = NORMGRAPH_SHARED_DIR;
  CommandRun r = run_cli("ingest --data " + data + " " + shared +
                         "/corpus/statements/000_f7b3e24bbd779271.txt " + shared +
                         "/corpus/norms " + NORMGRAPH_SOURCE_DIR + "/ontology/norms/curated");
  REQUIRE(r.code == 0);
  r = run_cli("query --data " + data + " --format csv --param actor=China -f " +
              NORMGRAPH_SOURCE_DIR + "/examples/queries/norms-behind-endorsements.cypher");
  REQUIRE(r.code == 0);
  // The Charter's non-intervention clause and the Code of Conduct's first item behind China's
  // non-interference; the Charter's 2(4) behind non-use of force.
  CHECK_THAT(r.out, Catch::Contains("non-interference,\"['International Code of Conduct for "
                                    "Information Security (2015) (1)'") &&
                        Catch::Contains("'UN Charter 2(7)'"));
  CHECK_THAT(r.out, Catch::Contains("non-use of force,") && Catch::Contains("'UN Charter 2(4)'"));
}
