// Ingest throughput (not a test): statements of a folder (recursively, *.txt) through the
// statement loader into one graph. Prints MB/s of text and facts/s.
//
//   normgraph_ingest_bench FOLDER [--phrases FILE]
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
  if (argc == 4 && !std::strcmp(argv[2], "--phrases")) {
    std::ofstream out(argv[3]);
    const auto vocabulary = normgraph::ontology::Vocabulary::load_default();
    for (const auto& e : vocabulary.entries()) {
      out << e.name << '\n';
      for (const auto& p : e.aliases) out << p << '\n';
      for (const auto& p : e.triggers) out << p << '\n';
      for (const auto& p : e.descriptions) out << p << '\n';
    }
  }
  std::vector<std::pair<std::string, std::string>> files;  // read first: time the loader only
  size_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(argv[1])) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    files.emplace_back(entry.path().filename().string(), s.str());
    bytes += files.back().second.size();
  }
  std::sort(files.begin(), files.end());
  auto loader = normgraph::loaders::StatementLoader::load_default();
  normgraph::GraphStore g;
  size_t facts = 0, failed = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (const auto& [name, text] : files) {
    try {
      facts += loader.load_text(text, name, g).edges;
    } catch (const std::exception& e) {
      ++failed;
      std::fprintf(stderr, "%s: %s\n", name.c_str(), e.what());
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("files %zu (%zu failed), %.1f MB, %.2f s: %.1f MB/s, %zu facts (%.0f facts/s), graph %zu nodes %zu edges\n",
              files.size(), failed, bytes / 1e6, secs, bytes / 1e6 / secs, facts, facts / secs, g.node_count(),
              g.edge_count());
  return failed ? 2 : 0;
}
