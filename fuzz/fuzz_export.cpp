// Export writers: any graph the graph JSON reader accepts is written in every text format
// without a crash, and the escaping holds: N-Triples is ASCII with one complete triple a line,
// DOT carries no raw control characters but white space.
#include <stdlib.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "normgraph/core/errors.hpp"
#include "normgraph/loaders/graph_json.hpp"
#include "normgraph/viz/export.hpp"
#include "normgraph/viz/stance_matrix.hpp"

namespace {

// A folder for the output, made once and removed at exit. A plain array, because an exit
// handler may run after static strings are destroyed.
char work_name[] = "/tmp/normgraph-fuzz-export.XXXXXX";

std::string work_dir() {
  static const bool made = [] {
    if (!mkdtemp(work_name)) __builtin_trap();
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(work_name, ignored);
    });
    return true;
  }();
  (void)made;
  return work_name;
}

std::string contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void check_ntriples(const std::string& text) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos || end < start + 2 || text.compare(end - 2, 2, " .") != 0)
      __builtin_trap();
    start = end + 1;
  }
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80 || c == '\r') __builtin_trap();
}

// Tab, CR and LF may stand in the legend's HTML label, where they are white space.
void check_no_controls(const std::string& text) {
  for (char c : text)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f)
      __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace viz = normgraph::viz;
  normgraph::GraphStore store;
  try {
    normgraph::loaders::load_graph_json_text(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json", store);
  } catch (const normgraph::InputError&) {
    return 0;
  }
  static const viz::Styles styles = viz::Styles::load_default();
  viz::Selection all = viz::Selection::all(store);
  const std::string dir = work_dir();
  viz::write_dot_file(store, all, styles, {}, dir + "/g.dot");
  check_no_controls(contents(dir + "/g.dot"));
  viz::write_graphml_file(store, all, dir + "/g.graphml");
  viz::write_rdf_file(store, all, viz::RdfSyntax::NTriples, dir + "/g.nt");
  check_ntriples(contents(dir + "/g.nt"));
  viz::write_rdf_file(store, all, viz::RdfSyntax::Turtle, dir + "/g.ttl");
  viz::write_cytoscape_file(store, all, styles, dir + "/g.json");
  viz::write_neo4j_csv(store, all, dir + "/neo4j");
  viz::write_kuzu_csv(store, all, dir + "/kuzu");
  viz::StanceMatrix matrix = viz::build_stance_matrix(store, all, {});
  viz::write_matrix_svg(matrix, styles, dir + "/m.svg");
  if (store.node_count() > 0) {
    viz::SelectionSpec spec;
    spec.focus = std::string(store.node_id(0));
    spec.max_nodes = 3;
    try {
      viz::write_dot_file(store, viz::select(store, spec), styles, {}, dir + "/f.dot");
    } catch (const normgraph::InputError&) {
      // A node id that is also another node's name is ambiguous as a focus.
    }
  }
  return 0;
}
