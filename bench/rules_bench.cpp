// Recursion benchmark of the rule engine: reads an edge list (one "SOURCE TARGET" pair of
// integers per line) as edges of type E between nodes named by the integers, runs a rule
// program REPEAT times and prints one JSON object: the size of its @output relation and the
// times. Driven by bench/run_rules_bench.sh next to SWI-Prolog and clingo.
//
//   normgraph_rules_bench EDGES RULES [REPEAT] [--provenance] [--threads N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/rules/evaluation.hpp"
#include "normgraph/rules/parser.hpp"
#include "normgraph/rules/program.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

normgraph::GraphStore load_edges(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  uint32_t max_node = 0;
  for (uint64_t s, t; in >> s >> t;) {
    pairs.push_back({static_cast<uint32_t>(s), static_cast<uint32_t>(t)});
    max_node = std::max({max_node, static_cast<uint32_t>(s), static_cast<uint32_t>(t)});
  }
  normgraph::GraphStore store;
  const normgraph::Symbol kind = store.strings().intern("V");
  for (uint32_t n = 0; n <= max_node; ++n) store.bulk_add_node(std::to_string(n), kind, "");
  store.finish_bulk_nodes();
  const normgraph::EdgeType e = store.intern_edge_type("E");
  std::vector<normgraph::EdgeEnds> ends;
  for (auto [s, t] : pairs) ends.push_back({s, t, e});
  store.bulk_add_edges(ends);
  store.finish_bulk_edges();
  return store;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> positional;
  normgraph::rules::EvalOptions options;
  options.track_derivations = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--provenance")
      options.track_derivations = true;
    else if (a == "--threads" && i + 1 < argc)
      options.threads = static_cast<unsigned>(std::stoul(argv[++i]));
    else
      positional.push_back(a);
  }
  if (positional.size() < 2) {
    std::cerr << "usage: normgraph_rules_bench EDGES RULES [REPEAT] [--provenance] [--threads N]\n";
    return 1;
  }
  const int repeat = positional.size() > 2 ? std::max(1, std::stoi(positional[2])) : 3;
  try {
    auto t0 = Clock::now();
    const normgraph::GraphStore store = load_edges(positional[0]);
    const double load_ms = ms_since(t0);
    std::ifstream in(positional[1]);
    std::stringstream text;
    text << in.rdbuf();
    const auto program = normgraph::rules::parse_program(text.str(), positional[1]);
    std::vector<double> runs;
    size_t facts = 0;
    for (int k = 0; k < repeat; ++k) {
      auto t = Clock::now();
      const auto compiled = normgraph::rules::compile(program, store, nullptr);
      normgraph::rules::Evaluation eval(compiled, store, options);
      eval.run();
      for (uint32_t r = 0; r < compiled.relations.size(); ++r)
        if (compiled.relations[r].output) facts = eval.size(r);
      runs.push_back(ms_since(t));
    }
    std::vector<double> sorted = runs;
    std::sort(sorted.begin(), sorted.end());
    std::printf(
        "{\"engine\": \"normgraph\", \"load_ms\": %.1f, \"facts\": %zu, \"ms\": %.2f, \"runs_ms\": "
        "[",
        load_ms, facts, sorted[sorted.size() / 2]);
    for (size_t i = 0; i < runs.size(); ++i) std::printf("%s%.2f", i ? ", " : "", runs[i]);
    std::printf("]}\n");
  } catch (const std::exception& e) {
    std::cerr << "normgraph_rules_bench: " << e.what() << '\n';
    return 2;
  }
  return 0;
}
