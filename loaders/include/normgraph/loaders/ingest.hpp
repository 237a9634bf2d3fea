#pragma once
// Ingest by path: picks the loader for each file or folder.
#include <string>
#include <vector>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/engine/progress.hpp"
#include "normgraph/loaders/graph_json.hpp"

namespace normgraph::loaders {

struct IngestedInput {
  std::string path;
  std::string format;  // "graph-json", "csv-graph"
  LoadCounts counts;
};

// A folder with nodes.csv and edges.csv is a CSV graph; another folder is walked (sorted) and
// each supported file loaded; a .json file must be graph JSON. Throws InputError naming the
// path for anything else.
std::vector<IngestedInput> ingest_path(const std::string& path, GraphStore& store,
                                       Progress* progress = nullptr);

}  // namespace normgraph::loaders
