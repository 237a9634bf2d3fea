#pragma once
// Writes the CSV graph layout of ../shared/bench/: DIR/nodes.csv (id,kind,name) and
// DIR/edges.csv (src,dst,type), quoting fields as RFC 4180 requires.
#include <string>

#include "normgraph/core/progress.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/viz/selection.hpp"

namespace normgraph::viz {

// With a selection, only its nodes and edges.
void write_csv_graph(const GraphStore& store, const std::string& dir, Progress* progress = nullptr,
                     const Selection* selection = nullptr);

}  // namespace normgraph::viz
