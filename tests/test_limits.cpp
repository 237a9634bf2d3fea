// Limits of work that is not a query (issue 16, item 3): rule evaluation, check, explain and
// exports stop with LimitExceeded; and derivations share structure instead of copying it
// (item 8): the premises written and the explanations printed grow linearly.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/engine/limits.hpp"
#include "normgraph/rules/evaluation.hpp"
#include "normgraph/rules/graph_rules.hpp"
#include "normgraph/rules/parser.hpp"
#include "normgraph/rules/program.hpp"
#include "normgraph/viz/export.hpp"
#include "normgraph/viz/selection.hpp"
#include "normgraph/viz/styles.hpp"
#include "test_helpers.hpp"

using namespace normgraph;
using normgraph::testing::CommandRun;
using normgraph::testing::run_cli;
using normgraph::testing::TempDir;
using normgraph::testing::write_in;

namespace {

// A chain n0 -> n1 -> ... of `type` edges between nodes of `kind`.
GraphStore chain(int n, const std::string& kind = "N", const std::string& type = "E") {
  GraphStore g;
  for (int i = 0; i < n; ++i) {
    NodeData node;
    node.id = "n" + std::to_string(i);
    node.labels = {kind};
    node.name = node.id;
    g.upsert_node(node);
  }
  for (int i = 0; i + 1 < n; ++i) {
    EdgeData e;
    e.source = "n" + std::to_string(i);
    e.target = "n" + std::to_string(i + 1);
    e.type = type;
    g.upsert_edge(e);
  }
  return g;
}

// The code of the LimitExceeded that evaluating `rules` over `g` within `limits` throws.
std::string evaluation_limit(const std::string& rules, const GraphStore& g, const Limits& limits) {
  const rules::CompiledProgram program =
      rules::compile(rules::parse_program(rules, "t.rules"), g, nullptr);
  rules::Evaluation eval(program, g, rules::EvalOptions{.threads = 1, .limits = limits});
  try {
    eval.run();
  } catch (const LimitExceeded& e) {
    return e.code();
  }
  return "(finished)";
}

const std::string kQuadratic = "tc(X, Y) :- E(X, Y).\ntc(X, Z) :- tc(X, Y), tc(Y, Z).";

// A folder holding a chain p0 -> ... -> p(n-1) of SPECIALIZES between principles, which an
// actor endorses at p0: the default rules derive SUPPORTS to every principle of the chain.
std::string chain_folder(const TempDir& dir, int n) {
  std::string nodes = "id,kind,name\nstate:AAA,Actor,Aland\n", edges = "src,dst,type\n";
  edges += "state:AAA,p0,ENDORSES\n";
  for (int i = 0; i < n; ++i)
    nodes += "p" + std::to_string(i) + ",Principle,p" + std::to_string(i) + "\n";
  for (int i = 0; i + 1 < n; ++i)
    edges += "p" + std::to_string(i) + ",p" + std::to_string(i + 1) + ",SPECIALIZES\n";
  const std::string folder = dir.file("chain" + std::to_string(n));
  write_in(dir, "chain" + std::to_string(n) + "/nodes.csv", nodes);
  write_in(dir, "chain" + std::to_string(n) + "/edges.csv", edges);
  return folder;
}

}  // namespace

TEST_CASE("rule evaluation stops at its memory budget and its deadline", "[limits][rules]") {
  const GraphStore g = chain(600);  // 600 * 599 / 2 facts of tc, several MiB with derivations
  CHECK(evaluation_limit(kQuadratic, g, Limits{0, size_t{1} << 20}) == "MemoryLimit");
  CHECK(evaluation_limit(kQuadratic, g, Limits{1e-9, 0}) == "TimeLimit");
  CHECK(evaluation_limit(kQuadratic, chain(20), Limits{60, size_t{1} << 30}) == "(finished)");
}

TEST_CASE("check, explain, rules and export take --timeout and fail clearly past it",
          "[limits][cli]") {
  TempDir dir;
  const std::string data = dir.file("data");
  REQUIRE(run_cli("ingest --data " + data + " " + chain_folder(dir, 50)).code == 0);
  REQUIRE(run_cli("rules --data " + data).code == 0);
  for (const std::string command :
       {"check", "rules --dry-run", "explain --fact 'SUPPORTS(state:AAA, p49)'"}) {
    INFO(command);
    const CommandRun r = run_cli(command + " --data " + data + " --timeout 0.000000001");
    CHECK(r.code == 2);
    CHECK(r.out.find("time limit of 1e-09 s") != std::string::npos);
  }
  const CommandRun memory = run_cli("check --data " + data + " --max-memory 0.0001");
  CHECK(memory.code == 2);
  CHECK(memory.out.find("memory budget") != std::string::npos);
  CHECK(run_cli("check --data " + data + " --timeout soon").code == 1);  // a usage error
  CHECK(run_cli("check --data " + data + " --timeout 0").code == 1);     // no limit; 1 finding
  const CommandRun svg = run_cli("export --data " + data +
                                 " --format svg --timeout 0.000000001 -o " + dir.file("x.svg"));
  CHECK(svg.code == 2);
  CHECK(svg.out.find("time limit") != std::string::npos);
  const CommandRun json = run_cli("export --data " + data +
                                  " --format json --timeout 0.000000001 -o " + dir.file("x.json"));
  CHECK(json.code == 2);
  CHECK(json.out.find("time limit") != std::string::npos);
}

TEST_CASE("an SVG layout is refused up front by its estimated cost and the time left",
          "[limits][export]") {
  // The estimate grows faster than the drawing: a drawing twice as large costs about 4x.
  const auto small = viz::estimate_layout(100, 200, "dot"),
             large = viz::estimate_layout(200, 400, "dot");
  CHECK(large.cost > 3.5 * small.cost);
  CHECK(large.seconds > small.seconds);
  const GraphStore g = chain(300, "Principle", "SPECIALIZES");
  const viz::Selection all = viz::select(g, viz::SelectionSpec{});
  TempDir dir;
  viz::DotOptions options;
  options.max_layout_cost = 1000;
  try {
    viz::write_svg_file(g, all, viz::Styles::load_default(), options, dir.file("a.svg"));
    FAIL("the layout was not refused");
  } catch (const LimitExceeded& e) {
    CHECK(e.code() == "LayoutLimit");
    CHECK(std::string(e.what()).find("300 nodes and 299 edges") != std::string::npos);
  }
  options.max_layout_cost = 0;
  options.limits.time_limit_seconds = 1e-6;  // far less than the estimate
  try {
    viz::write_svg_file(g, all, viz::Styles::load_default(), options, dir.file("a.svg"));
    FAIL("the layout was not refused");
  } catch (const LimitExceeded& e) {
    CHECK(e.code() == "TimeLimit");
  }
  CHECK_FALSE(std::filesystem::exists(dir.file("a.svg")));
}

TEST_CASE("derived edges over a closure name the chain once: the snapshot grows linearly",
          "[limits][rules][cli]") {
  TempDir dir;
  auto snapshot_size = [&](int n) {
    const std::string data = dir.file("data" + std::to_string(n));
    REQUIRE(run_cli("ingest --data " + data + " " + chain_folder(dir, n)).code == 0);
    const CommandRun r = run_cli("rules --data " + data);
    REQUIRE(r.code == 0);
    REQUIRE(r.out.find(std::to_string(n) + " derived edges written") != std::string::npos);
    return std::filesystem::file_size(data + "/graph.snapshot");
  };
  const auto small = snapshot_size(200), large = snapshot_size(400);
  // Premises copied per edge made it grow with n squared (about 4x here).
  CHECK(static_cast<double>(large) < 2.3 * static_cast<double>(small));
  // explain still walks the chain down to each asserted step.
  const std::string data = dir.file("data200");
  const CommandRun why = run_cli("explain --data " + data + " --edge state:AAA SUPPORTS p3");
  CHECK(why.code == 0);
  CHECK(why.out ==
        "state:AAA SUPPORTS p3  [derived by supports_endorsed]\n"
        "  state:AAA ENDORSES p0  [asserted]\n"
        "  p0 SPECIALIZES p1  [asserted]\n"
        "  p1 SPECIALIZES p2  [asserted]\n"
        "  p2 SPECIALIZES p3  [asserted]\n");
  // The premise "p0 SPECIALIZES+ p3" is found again in the graph: no dangling premise.
  const CommandRun check = run_cli("check --data " + data + " --format json");
  CHECK(check.out.find("schema.dangling_reference") == std::string::npos);
}

TEST_CASE("explaining a deep derivation prints in size linear in its depth",
          "[limits][rules][cli]") {
  TempDir dir;
  const std::string rules = write_in(dir, "deep.rules",
                                     "s0: SUPPORTS(X, Y) :- SPECIALIZES(X, Y), X = \"p0\".\n"
                                     "s1: SUPPORTS(X, Z) :- SUPPORTS(X, Y), SPECIALIZES(Y, Z).\n"
                                     "@derive SUPPORTS.\n");
  auto explanation_size = [&](int n, const std::string& format) {
    const std::string data = dir.file("deep" + std::to_string(n));
    if (!std::filesystem::exists(data)) {
      REQUIRE(run_cli("ingest --data " + data + " " + chain_folder(dir, n)).code == 0);
      REQUIRE(run_cli("rules --data " + data + " " + rules).code == 0);
    }
    const CommandRun r = run_cli("explain --data " + data + " --format " + format +
                                 " --edge p0 SUPPORTS p" + std::to_string(n - 1));
    REQUIRE(r.code == 0);
    return static_cast<double>(r.out.size());
  };
  for (const std::string format : {"text", "json"}) {
    INFO(format);
    // Indentation by depth made it grow with the depth squared (about 4x here).
    CHECK(explanation_size(800, format) < 2.3 * explanation_size(400, format));
  }
}

TEST_CASE("a premise explained once is named, not explained again", "[limits][rules]") {
  GraphStore g = chain(4, "Principle", "SPECIALIZES");
  NodeData actor;
  actor.id = "state:A";
  actor.labels = {"Actor"};
  actor.name = "A";
  g.upsert_node(actor);
  for (const char* p : {"n0", "n1"}) {
    EdgeData e;
    e.source = "state:A";
    e.target = p;
    e.type = "ENDORSES";
    g.upsert_edge(e);
  }
  const rules::CompiledProgram program = rules::compile(
      rules::parse_program("s: SUPPORTS(A, P) :- ENDORSES(A, P).\n"
                           "t: SUPPORTS(A, Q) :- SUPPORTS(A, P), SPECIALIZES(P, Q).\n"
                           "@derive SUPPORTS.",
                           "t.rules"),
      g, nullptr);
  {
    rules::Evaluation eval(program, g);
    eval.run();
    rules::write_derived_edges(eval, g);
  }
  rules::EdgeExplainer explainer(g);
  const auto first = explainer.explain(
      *g.find_edge(*g.find_node("state:A"), *g.find_edge_type("SUPPORTS"), *g.find_node("n2")));
  CHECK_FALSE(first.shown_above);
  const auto again = explainer.explain(
      *g.find_edge(*g.find_node("state:A"), *g.find_edge_type("SUPPORTS"), *g.find_node("n1")));
  CHECK(again.shown_above);
  CHECK(again.premises.empty());
}
