// The cost of an as-of view (docs/cli.md, "As-of, between and sources"): Q1-Q7 of
// bench/queries/ on a generated graph, without a view and through views, medians of REPEAT
// runs. The generated graph has no evidence, so every ENDORSES, OPPOSES and REFERENCES edge is
// given one sentence of
// a document dated 2005-2024 (by a hash of its id) first: a view then has dates to judge.
//
//   normgraph_asof_bench CSV_DIR [REPEAT]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "normgraph/engine/edge_view.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/loaders/csv_graph.hpp"
#include "normgraph/query/query.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using normgraph::EdgeId;
using normgraph::GraphStore;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

constexpr int kFirstYear = 2005, kYears = 20;

// One dated document per year and, on every stance and reference edge, one sentence of one.
size_t date_endorsements(GraphStore& store) {
  std::vector<GraphStore::PreparedEvidence> sentences;
  for (int y = kFirstYear; y < kFirstYear + kYears; ++y) {
    const std::string id = "doc:bench-" + std::to_string(y);
    store.upsert_node(
        {id, {"Document"}, id, {}, {{"date", normgraph::Value(std::to_string(y))}}, {}});
    sentences.push_back(store.prepare_evidence(
        {id, 1, 1, -1, -1, "cue.bench", "A generated sentence of " + std::to_string(y) + ".", {}}));
  }
  std::vector<EdgeId> edges;
  for (const char* type : {"ENDORSES", "OPPOSES", "REFERENCES"})
    if (const auto t = store.find_edge_type(type))
      store.for_each_edge_of_type(*t, [&](EdgeId e) { edges.push_back(e); });
  for (EdgeId e : edges) {
    const auto ends = store.edge_ends(e);
    store.upsert_edge(ends.source, ends.type, ends.target,
                      sentences[(uint64_t{e} * 2654435761u >> 7) % kYears]);
  }
  return edges.size();
}

double median(std::vector<double> runs) {
  std::sort(runs.begin(), runs.end());
  return runs[runs.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: normgraph_asof_bench CSV_DIR [REPEAT]\n");
    return 1;
  }
  const int repeat = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  const std::string queries = std::string(NORMGRAPH_SOURCE_DIR) + "/bench/queries/";
  GraphStore store;
  auto t = Clock::now();
  normgraph::loaders::load_csv_graph(argv[1], store);
  std::printf("load: %.0f ms, %zu nodes, %zu edges\n", ms_since(t), store.node_count(),
              store.edge_count());
  t = Clock::now();
  const size_t dated = date_endorsements(store);
  std::printf("dated %zu ENDORSES, OPPOSES and REFERENCES edges in %.0f ms\n", dated, ms_since(t));

  normgraph::ValueMap params;
  for (const auto& [k, v] :
       std::vector<std::pair<std::string, std::string>>{{"Q1_actor", "State 001"},
                                                        {"Q2_principle", "Principle 07"},
                                                        {"Q3_actor", "State 002"},
                                                        {"Q4_from", "State 017"},
                                                        {"Q4_to", "State 193"},
                                                        {"Q7_a", "State 001"},
                                                        {"Q7_b", "State 002"}})
    params.push_back({k, normgraph::Value(v)});
  normgraph::query::QueryOptions options;
  options.time_limit_seconds = 0;
  options.max_rows = 0;
  options.max_memory_bytes = 0;
  normgraph::query::QueryEngine engine(store);
  const normgraph::SourceKinds kinds(
      std::vector<std::pair<std::string, std::string>>{{"cue.*", "statement"}});

  struct Variant {
    std::string name;
    normgraph::EdgeFilter filter;
  };
  const std::vector<Variant> variants = {
      {"as-of 2024 (hides nothing)", {"", "2024", {}, {}}},
      {"as-of 2014 (hides half)", {"", "2014", {}, {}}},
      {"since 2020, statements", {"2020", "", {"statement"}, {}}}};
  for (const auto& v : variants) {
    std::vector<double> builds;
    for (int k = 0; k < repeat; ++k) {
      t = Clock::now();
      const normgraph::EdgeView view(store, v.filter, kinds);
      builds.push_back(ms_since(t));
    }
    std::printf("view %-28s built in %.1f ms (median)\n", v.name.c_str(), median(builds));
  }
  std::printf("\n%-4s %12s", "", "no view ms");
  for (const auto& v : variants) std::printf(" | %-28s", v.name.c_str());
  std::printf("\n");
  for (int q = 1; q <= 7; ++q) {
    const std::string text = read_text(queries + "q" + std::to_string(q) + ".cypher");
    auto time_query = [&](const normgraph::EdgeView* view) {
      const normgraph::ScopedEdgeView scoped(view);
      std::vector<double> runs;
      size_t rows = 0;
      for (int k = 0; k < repeat; ++k) {
        const auto t0 = Clock::now();
        rows = engine.run(text, params, options).rows.size();
        runs.push_back(ms_since(t0));
      }
      return std::pair(median(runs), rows);
    };
    const auto [plain, plain_rows] = time_query(nullptr);
    std::printf("Q%d %12.2f", q, plain);
    for (const auto& v : variants) {
      const normgraph::EdgeView view(store, v.filter, kinds);
      const auto [ms, rows] = time_query(&view);
      std::printf(" | %8.2f ms %5.2fx %6zu rows", ms, ms / plain, rows);
    }
    std::printf("  (%zu rows without)\n", plain_rows);
  }
  return 0;
}
