// Ingest throughput (not a test): statements of a folder (recursively, *.txt) through the
// statement loader into one graph. Prints MB/s of text and facts/s.
//
//   normgraph_ingest_bench FOLDER [--phrases FILE] [--threads N]
//
// Statements are read and prepared on N threads (default: all cores) and committed in order,
// as `normgraph ingest` does.
//
// --phrases writes every vocabulary phrase, one a line, for the grep -F baseline of
// bench/run_ingest_bench.sh.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/loaders/statement.hpp"
#include "normgraph/ontology/vocabulary.hpp"

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help")) {
    std::fprintf(stderr, "usage: %s FOLDER [--phrases FILE]\n", argv[0]);
    return 1;
  }
  namespace fs = std::filesystem;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (int i = 2; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--threads")) threads = static_cast<unsigned>(std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--phrases")) {
      std::ofstream out(argv[i + 1]);
      const auto vocabulary = normgraph::ontology::Vocabulary::load_default();
      for (const auto& e : vocabulary.entries()) {
        out << e.name << '\n';
        for (const auto& p : e.aliases) out << p << '\n';
        for (const auto& p : e.triggers) out << p << '\n';
        for (const auto& p : e.descriptions) out << p << '\n';
      }
    }
  }
  std::vector<std::string> paths;
  size_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(argv[1])) {
    if (entry.path().extension() != ".txt") continue;
    paths.push_back(entry.path().string());
    bytes += fs::file_size(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  auto loader = normgraph::loaders::StatementLoader::load_default();
  normgraph::GraphStore g;
  auto t0 = std::chrono::steady_clock::now();
  const auto results = loader.load_files(paths, g, threads);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  size_t facts = 0, failed = 0;
  for (const auto& r : results) {
    facts += r.counts.edges;
    if (!r.error.empty()) ++failed, std::fprintf(stderr, "%s\n", r.error.c_str());
  }
  std::printf(
      "files %zu (%zu failed), %.1f MB, %u thread(s), %.2f s: %.1f MB/s (%.1f MB/s per thread), "
      "%zu facts (%.0f facts/s), graph %zu nodes %zu edges\n",
      paths.size(), failed, bytes / 1e6, threads, secs, bytes / 1e6 / secs,
      bytes / 1e6 / secs / threads, facts, facts / secs, g.node_count(), g.edge_count());
  return failed ? 2 : 0;
}
