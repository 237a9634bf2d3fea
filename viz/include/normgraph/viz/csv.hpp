#pragma once
// Writes the CSV graph layout of ../shared/bench/: DIR/nodes.csv (id,kind,name) and
// DIR/edges.csv (src,dst,type), quoting fields as RFC 4180 requires.
#include <string>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/engine/progress.hpp"

namespace normgraph::viz {

void write_csv_graph(const GraphStore& store, const std::string& dir, Progress* progress = nullptr);

}  // namespace normgraph::viz
