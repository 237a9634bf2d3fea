#include "normgraph/loaders/ingest.hpp"

#include <algorithm>
#include <filesystem>

#include "normgraph/engine/errors.hpp"
#include "normgraph/loaders/csv_graph.hpp"

namespace normgraph::loaders {

namespace fs = std::filesystem;

namespace {

bool has_extension(const fs::path& p, std::string_view ext) {
  return p.extension() == ext;
}

void ingest_into(const fs::path& path, GraphStore& store, Progress* progress,
                 std::vector<IngestedInput>& done, bool from_folder) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw InputError(path.string() + ": no such file or folder");
  if (fs::is_directory(path, ec)) {
    if (is_csv_graph_dir(path.string())) {
      done.push_back({path.string(), "csv-graph", load_csv_graph(path.string(), store, progress)});
      return;
    }
    std::vector<fs::path> children;
    for (const auto& entry : fs::directory_iterator(path, ec)) children.push_back(entry.path());
    if (ec) throw InputError(path.string() + ": cannot list: " + ec.message());
    std::sort(children.begin(), children.end());
    for (const auto& child : children) ingest_into(child, store, progress, done, true);
    return;
  }
  if (has_extension(path, ".json")) {
    done.push_back(
        {path.string(), "graph-json", load_graph_json_file(path.string(), store, progress)});
    return;
  }
  // Inside a folder, files no loader handles (READMEs, notes) are passed over; named on the
  // command line, they are an error.
  if (!from_folder)
    throw InputError(path.string() +
                     ": no loader for this file (supported: graph JSON *.json, "
                     "CSV graph folders with nodes.csv and edges.csv)");
}

}  // namespace

std::vector<IngestedInput> ingest_path(const std::string& path, GraphStore& store,
                                       Progress* progress) {
  std::vector<IngestedInput> done;
  ingest_into(fs::path(path), store, progress, done, false);
  return done;
}

}  // namespace normgraph::loaders
