#pragma once
// Reads a CSV graph: a folder holding nodes.csv (id,kind,name) and edges.csv (src,dst,type),
// the layout of ../shared/bench/. Fields may be quoted as in RFC 4180.
#include <string>

#include "normgraph/core/progress.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/loaders/graph_json.hpp"

namespace normgraph::loaders {

// Whether `dir` is a folder holding nodes.csv (a graph of nodes alone) or edges.csv (an error
// without nodes.csv).
bool is_csv_graph_dir(const std::string& dir);
// All input is checked before the store changes; errors name file, line and column.
LoadCounts load_csv_graph(const std::string& dir, GraphStore& store, Progress* progress = nullptr);

}  // namespace normgraph::loaders
