// Full-text sentence search (docs/sentences.md) over an ingested data directory: the time to
// bring the index up to the graph, then each search of bench/queries/sentences.tsv as
// GET /api/sentences runs it (the first page of 20 and the total, or the counts), medians
// of REPEAT runs.
//
//   normgraph_sentence_bench DATA_DIR [REPEAT] [--fresh]
//
// --fresh builds the index from nothing in memory instead of syncing DATA_DIR/sentences.sqlite.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "normgraph/engine/data_dir.hpp"
#include "normgraph/search/sentence_index.hpp"
#include "normgraph/workspace/workspace.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

double quantile(std::vector<double> runs, double q) {
  std::sort(runs.begin(), runs.end());
  return runs[static_cast<size_t>(q * static_cast<double>(runs.size() - 1) + 0.5)];
}

struct Search {
  std::string line;
  normgraph::search::SentenceQuery query;
  std::string count_by;
};

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> parts;
  std::stringstream in(line);
  for (std::string part; std::getline(in, part, sep);) parts.push_back(part);
  return parts;
}

std::vector<Search> read_searches(const std::string& path) {
  std::ifstream in(path);
  std::vector<Search> searches;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto fields = split(line, '\t');
    Search s{line, {}, {}};
    s.query.fts_syntax = fields[0] == "match";
    s.query.text = fields.size() > 1 ? fields[1] : "";
    for (size_t i = 2; i < fields.size(); ++i) {
      const auto eq = fields[i].find('=');
      const std::string key = fields[i].substr(0, eq), value = fields[i].substr(eq + 1);
      if (key == "speaker") s.query.speaker = value;
      if (key == "since") s.query.since = value;
      if (key == "until") s.query.until = value;
      if (key == "order") s.query.by_date = value == "date";
      if (key == "count-by") s.count_by = value;
    }
    searches.push_back(s);
  }
  return searches;
}

// One search as the endpoint runs it; returns the number of matches (or of groups).
size_t run_search(const normgraph::search::SentenceIndex& index, const Search& s) {
  if (!s.count_by.empty()) return index.count_by(s.query, s.count_by).size();
  index.search(s.query);
  return index.count(s.query);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0) {
    std::fprintf(stderr, "usage: normgraph_sentence_bench DATA_DIR [REPEAT] [--fresh]\n");
    return 1;
  }
  int repeat = 9;
  bool fresh = false;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--fresh") == 0)
      fresh = true;
    else
      repeat = std::max(1, std::atoi(argv[i]));
  }
  auto t = Clock::now();
  normgraph::DataDir dir(argv[1], normgraph::DataDir::Access::Read);
  normgraph::workspace::Workspace workspace(dir);
  std::printf("open: %.0f ms, %zu nodes, %zu edges\n", ms_since(t), workspace.store().node_count(),
              workspace.store().edge_count());
  t = Clock::now();
  normgraph::search::SentenceIndex index(fresh ? ":memory:" : dir.path() + "/sentences.sqlite");
  const auto stats = index.sync(workspace.store());
  std::printf("index sync: %.0f ms, %zu documents indexed, %zu in all, %zu sentences\n",
              ms_since(t), stats.documents_indexed, stats.documents_total, stats.sentences_total);

  const auto searches =
      read_searches(std::string(NORMGRAPH_SOURCE_DIR) + "/bench/queries/sentences.tsv");
  std::vector<double> medians;
  for (const auto& s : searches) {
    std::vector<double> runs;
    size_t found = 0;
    for (int k = 0; k < repeat; ++k) {
      const auto t0 = Clock::now();
      found = run_search(index, s);
      runs.push_back(ms_since(t0));
    }
    medians.push_back(quantile(runs, 0.5));
    std::printf("%8.2f ms %8zu  %s\n", medians.back(), found, s.line.c_str());
  }
  std::printf("over %zu searches: median %.2f ms, p90 %.2f ms, max %.2f ms\n", medians.size(),
              quantile(medians, 0.5), quantile(medians, 0.9), quantile(medians, 1.0));
  return 0;
}
