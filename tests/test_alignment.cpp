// Alignment between actors (docs/analysis.md): scores over shared concepts, the clustered
// order, the speakers by default, windows and the output formats.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <string>

#include "normgraph/core/errors.hpp"
#include "normgraph/loaders/graph_json.hpp"
#include "normgraph/viz/alignment.hpp"
#include "test_helpers.hpp"

using namespace normgraph;
using normgraph::testing::CommandRun;
using normgraph::testing::run_cli;
using normgraph::testing::TempDir;

namespace {

// Alpha and Beta agree on three principles; Gamma shares one with them and collides on one
// (its document is of 2022); Delta spoke and took no stance; Epsilon takes stances in no
// document it delivered.
const char* const kGraph = R"({"format": "normgraph-graph", "version": 1,
  "nodes": [
    {"id": "state:AAA", "kind": "Actor", "name": "Alpha", "props": {"type": "state"}},
    {"id": "state:BBB", "kind": "Actor", "name": "Beta", "props": {"type": "state"}},
    {"id": "state:CCC", "kind": "Actor", "name": "Gamma", "props": {"type": "state"}},
    {"id": "state:DDD", "kind": "Actor", "name": "Delta", "props": {"type": "state"}},
    {"id": "state:EEE", "kind": "Actor", "name": "Epsilon", "props": {"type": "state"}},
    {"id": "principle:p1", "kind": "Principle", "name": "restraint"},
    {"id": "principle:p2", "kind": "Principle", "name": "sovereignty"},
    {"id": "principle:p3", "kind": "Principle", "name": "due diligence"},
    {"id": "doc:a", "kind": "Document", "name": "a", "props": {"type": "statement", "date": "2019"}},
    {"id": "doc:b", "kind": "Document", "name": "b", "props": {"type": "statement", "date": "2019"}},
    {"id": "doc:c", "kind": "Document", "name": "c", "props": {"type": "statement", "date": "2022"}},
    {"id": "doc:d", "kind": "Document", "name": "d", "props": {"type": "statement", "date": "2019"}}],
  "edges": [
    {"source": "state:AAA", "target": "doc:a", "type": "DELIVERED"},
    {"source": "state:BBB", "target": "doc:b", "type": "DELIVERED"},
    {"source": "state:CCC", "target": "doc:c", "type": "DELIVERED"},
    {"source": "state:DDD", "target": "doc:d", "type": "DELIVERED"},
    {"source": "state:AAA", "target": "principle:p1", "type": "ENDORSES",
     "evidence": [{"doc": "doc:a", "rule": "cue.endorse", "text": "A1."}]},
    {"source": "state:AAA", "target": "principle:p2", "type": "ENDORSES",
     "evidence": [{"doc": "doc:a", "rule": "cue.endorse", "text": "A2."}]},
    {"source": "state:AAA", "target": "principle:p3", "type": "ENDORSES",
     "evidence": [{"doc": "doc:a", "rule": "cue.endorse", "text": "A3."}]},
    {"source": "state:BBB", "target": "principle:p1", "type": "ENDORSES",
     "evidence": [{"doc": "doc:b", "rule": "cue.endorse", "text": "B1."}]},
    {"source": "state:BBB", "target": "principle:p2", "type": "ENDORSES",
     "evidence": [{"doc": "doc:b", "rule": "cue.endorse", "text": "B2."}]},
    {"source": "state:BBB", "target": "principle:p3", "type": "ENDORSES",
     "evidence": [{"doc": "doc:b", "rule": "cue.endorse", "text": "B3."}]},
    {"source": "state:CCC", "target": "principle:p1", "type": "ENDORSES",
     "evidence": [{"doc": "doc:c", "rule": "cue.endorse", "text": "C1."}]},
    {"source": "state:CCC", "target": "principle:p2", "type": "OPPOSES",
     "evidence": [{"doc": "doc:c", "rule": "cue.oppose", "text": "C2."}]},
    {"source": "state:EEE", "target": "principle:p2", "type": "OPPOSES",
     "evidence": [{"doc": "doc:a", "rule": "cue.oppose", "text": "E2."}]}]})";

GraphStore example() {
  GraphStore store;
  loaders::load_graph_json_text(kGraph, "alignment", store);
  return store;
}

size_t index_of(const viz::Alignment& a, const std::string& id) {
  for (size_t i = 0; i < a.actors.size(); ++i)
    if (a.actors[i].id == id) return i;
  FAIL("no actor " << id);
  return 0;
}

}  // namespace

TEST_CASE("alignment: scores over shared concepts, the speakers, the clustered order",
          "[positions][alignment]") {
  const GraphStore s = example();
  const viz::Alignment a = viz::align_actors(s, {}, {});
  // Delta took no stance and Epsilon delivered nothing: the speakers are the other three.
  REQUIRE(a.actors.size() == 3);
  const size_t alpha = index_of(a, "state:AAA"), beta = index_of(a, "state:BBB"),
               gamma = index_of(a, "state:CCC");
  const viz::AlignmentCell& ab = a.cell(alpha, beta);
  CHECK(ab.shared.size() == 3);
  CHECK(ab.collisions.empty());
  CHECK(ab.score() == 1.0);
  const viz::AlignmentCell& ag = a.cell(alpha, gamma);
  CHECK(ag.shared.size() == 1);
  REQUIRE(ag.collisions.size() == 1);
  CHECK(a.concepts.at(ag.collisions[0]).name == "sovereignty");
  CHECK(ag.score() == 0.0);
  CHECK(a.cell(gamma, alpha).score() == ag.score());  // symmetric
  CHECK(!a.cell(alpha, alpha).compared());
  // Alpha and Beta join first, at distance 0, and sit side by side; Gamma joins them last.
  REQUIRE(a.merges.size() == 2);
  CHECK(a.merges[0].distance == 0.0);
  CHECK(a.merges[0].last - a.merges[0].first == 2);
  CHECK((alpha + beta == 1 || alpha + beta == 3));
  CHECK(a.merges[1].first == 0);
  CHECK(a.merges[1].last == 3);
  CHECK(a.merges[1].distance == 0.5);  // similarity (1 shared - 1 collision) / 3 stated = 0
}

TEST_CASE("alignment: named actors, windows and formats", "[positions][alignment]") {
  const GraphStore s = example();
  const NodeId alpha = *s.find_node("state:AAA"), epsilon = *s.find_node("state:EEE");
  const viz::Alignment named = viz::align_actors(s, {epsilon, alpha, alpha}, {});
  REQUIRE(named.actors.size() == 2);
  CHECK(named.cell(0, 1).collisions.size() == 1);
  CHECK(named.cell(0, 1).score() == -1.0);

  viz::DateWindow until_2019;
  until_2019.until = "2019";
  CHECK(viz::align_actors(s, {}, until_2019).actors.size() == 2);  // Gamma spoke in 2022

  const viz::Alignment a = viz::align_actors(s, {}, {});
  const std::string text = viz::format_alignment(a, "text");
  CHECK(text.find("alignment of 3 actors (3 of 3 pairs state something in common)") == 0);
  CHECK(text.find("+0.00  ") != std::string::npos);
  CHECK(text.find(": 1 shared, 1 collision(s) (sovereignty)") != std::string::npos);
  const std::string csv = viz::format_alignment(a, "csv");
  CHECK(csv.rfind("id,name,", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 4);
  CHECK(csv.find(",1.0,") != std::string::npos);
  const std::string json = viz::format_alignment(a, "json");
  CHECK(json.find("\"score\":1.0,") != std::string::npos);
  CHECK(json.find("\"collisions\":[{\"concept\":{\"id\":\"principle:p2\"") != std::string::npos);
  // each concept cites both actors' sentences
  CHECK(json.find("\"type\":\"OPPOSES\",\"first_stated\":\"2022\",\"last_stated\":\"2022\","
                  "\"sentences\":[{\"doc\":\"doc:c\",\"date\":\"2022\",\"text\":\"C2.\"}]") !=
        std::string::npos);
  CHECK(json.find("\"merges\":[{\"first\":") != std::string::npos);
  const std::string svg = viz::format_alignment(a, "svg");
  CHECK(svg.rfind("<svg", 0) == 0);
  const bool tip = svg.find(
                       "Alpha / Gamma: +0.00, 1 shared, 1 collision(s); collides on "
                       "sovereignty") != std::string::npos ||
                   svg.find(
                       "Gamma / Alpha: +0.00, 1 shared, 1 collision(s); collides on "
                       "sovereignty") != std::string::npos;
  CHECK(tip);  // the dendrogram
  CHECK_THROWS_AS(viz::format_alignment(a, "pdf"), InputError);
}

TEST_CASE("CLI: normgraph align", "[positions][alignment][cli]") {
  TempDir dir;
  const std::string graph = dir.file("alignment.json"), data = dir.file("data");
  {
    std::ofstream out(graph);
    out << kGraph;
  }
  REQUIRE(run_cli("ingest --data " + data + " " + graph).code == 0);
  CommandRun text = run_cli("align --data " + data);
  CHECK(text.code == 0);
  CHECK(text.out.find("+1.00  ") != std::string::npos);
  CommandRun named = run_cli("align --data " + data + " --actor Epsilon --actor state:AAA");
  CHECK(named.out.find("-1.00  ") != std::string::npos);
  CHECK(run_cli("align --data " + data + " --until 2019 --format csv").out.find("Gamma") ==
        std::string::npos);
  CHECK(run_cli("align --data " + data + " --format svg").out.rfind("<svg", 0) == 0);
  CHECK(run_cli("align --data " + data + " --format pdf").code == 1);
  CHECK(run_cli("align --data " + data + " --actor Nowhere").code == 2);
}
