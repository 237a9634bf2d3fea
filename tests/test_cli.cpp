// The normgraph executable end to end: subcommands, exit codes, messages, persistence.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "test_helpers.hpp"

using normgraph::testing::CommandRun;
using normgraph::testing::run_cli;
using normgraph::testing::TempDir;

namespace {

const std::string kExamples = std::string(NORMGRAPH_SOURCE_DIR) + "/examples";

}  // namespace

TEST_CASE("every command has --help and unknown input is a usage error", "[cli]") {
  for (const char* cmd : {"ingest", "export", "stats"}) {
    CommandRun r = run_cli(std::string(cmd) + " --help");
    CHECK(r.code == 0);
    CHECK(r.out.find(std::string("usage: normgraph ") + cmd) != std::string::npos);
    CHECK(r.out.find("--data") != std::string::npos);
  }
  CHECK(run_cli("--help").code == 0);
  CHECK(run_cli("").code == 1);
  CommandRun r = run_cli("frobnicate");
  CHECK(r.code == 1);
  CHECK(r.out.find("unknown command 'frobnicate'") != std::string::npos);
  r = run_cli("stats --bogus");
  CHECK(r.code == 1);
  CHECK(r.out.find("unknown option --bogus") != std::string::npos);
  CHECK(run_cli("ingest --data /tmp/x").code == 1);  // no PATH
}

TEST_CASE("ingest, stats and export round-trip through the data directory", "[cli]") {
  TempDir t;
  const std::string data = t.file("data");
  CommandRun r = run_cli("ingest --data " + data + " " + kExamples + "/graphs");
  REQUIRE(r.code == 0);
  CHECK(r.out.find("(graph-json)") != std::string::npos);

  r = run_cli("stats --data " + data + " --format json");
  REQUIRE(r.code == 0);
  CHECK(r.out.find("\"nodes\": 28") != std::string::npos);
  CHECK(r.out.find("\"ENDORSES\":") != std::string::npos);

  REQUIRE(run_cli("export --data " + data + " --format json -o " + t.file("a.json")).code == 0);
  REQUIRE(run_cli("ingest --data " + t.file("data2") + " " + t.file("a.json")).code == 0);
  REQUIRE(run_cli("export --data " + t.file("data2") + " -o " + t.file("b.json")).code == 0);
  const std::string a = normgraph::testing::read_file(t.file("a.json"));
  CHECK(!a.empty());
  const bool identical = a == normgraph::testing::read_file(t.file("b.json"));
  CHECK(identical);

  // Ingesting the same file again changes nothing: nodes and edges merge.
  REQUIRE(run_cli("ingest --data " + t.file("data2") + " " + t.file("a.json")).code == 0);
  REQUIRE(run_cli("export --data " + t.file("data2") + " -o " + t.file("c.json")).code == 0);
  const bool unchanged = a == normgraph::testing::read_file(t.file("c.json"));
  CHECK(unchanged);

  REQUIRE(run_cli("export --data " + data + " --format csv -o " + t.file("csv")).code == 0);
  r = run_cli("ingest --data " + t.file("data3") + " " + t.file("csv"));
  CHECK(r.code == 0);
  CHECK(r.out.find("(csv-graph): 28 nodes") != std::string::npos);
}

TEST_CASE("bad input exits 2 with the position and loses nothing stored", "[cli]") {
  TempDir t;
  const std::string data = t.file("data");
  REQUIRE(run_cli("ingest --data " + data + " " + kExamples + "/graphs").code == 0);
  const std::string before = run_cli("export --data " + data).out;
  REQUIRE(before.find("state:CHN") != std::string::npos);

  normgraph::testing::write_file(
      t.file("bad.json"),
      "{\"format\": \"normgraph-graph\",\n  \"version\": 1,\n  \"nodes\": [,]}");
  CommandRun r =
      run_cli("ingest --data " + data + " " + kExamples + "/csv-graph " + t.file("bad.json"));
  CHECK(r.code == 2);
  CHECK(r.out.find(t.file("bad.json") + ":3:") != std::string::npos);

  r = run_cli("ingest --data " + data + " " + t.file("missing.json"));
  CHECK(r.code == 2);
  CHECK(r.out.find("no such file") != std::string::npos);

  normgraph::testing::write_file(t.file("notes.md"), "hello");
  r = run_cli("ingest --data " + data + " " + t.file("notes.md"));
  CHECK(r.code == 2);
  CHECK(r.out.find("no loader for this file") != std::string::npos);

  const bool unchanged = run_cli("export --data " + data).out == before;
  CHECK(unchanged);

  // A damaged snapshot is reported, not read as an empty graph.
  std::string snap = normgraph::testing::read_file(data + "/graph.snapshot");
  snap[snap.size() / 2] ^= 1;
  normgraph::testing::write_file(data + "/graph.snapshot", snap);
  r = run_cli("stats --data " + data);
  CHECK(r.code == 2);
  CHECK(r.out.find(data + "/graph.snapshot: ") != std::string::npos);
  r = run_cli("ingest --data " + data + " " + kExamples + "/graphs");
  CHECK(r.code == 2);

  r = run_cli("stats --data " + t.file("nowhere"));
  CHECK(r.code == 2);
  CHECK(r.out.find("no such data directory") != std::string::npos);
}

TEST_CASE("a statement in a folder that cannot be read is skipped and the rest is saved",
          "[cli][statement]") {
  TempDir t;
  normgraph::testing::write_file(
      t.file("in/a.txt"),
      "speaker: Estonia\n---\nWe strongly support the rule of law in cyberspace.\n");
  std::filesystem::create_symlink(t.file("in/missing-target"), t.file("in/b.txt"));  // unreadable
  CommandRun r = run_cli("ingest --data " + t.file("data") + " " + t.file("in"));
  CHECK(r.code == 2);
  CHECK(r.out.find("skipped: " + t.file("in/b.txt")) != std::string::npos);
  CHECK(r.out.find("a.txt (statement)") != std::string::npos);
  r = run_cli("export --data " + t.file("data"));
  CHECK(r.code == 0);
  CHECK(
      r.out.find(
          "\"source\":\"state:EST\",\"target\":\"principle:rule-of-law\",\"type\":\"ENDORSES\"") !=
      std::string::npos);
}
