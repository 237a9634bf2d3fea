#pragma once
// Writes graph JSON (DESIGN.md "Graph JSON") with a streaming writer: no document is built,
// so memory stays flat however large the graph.
#include <cstdio>
#include <string>

#include "normgraph/core/progress.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/viz/selection.hpp"

namespace normgraph::viz {

// Nodes in id order of the store, then edges in edge order; output is deterministic, so an
// export, re-ingested into an empty store and exported again, is byte-identical. With a
// selection, only its nodes and edges (a selection keeps an edge only with both its ends, so
// the file is whole and can be ingested on its own).
void write_graph_json(const GraphStore& store, std::FILE* out, Progress* progress = nullptr,
                      const Selection* selection = nullptr);
// Writes to `path` ("-" is stdout). Throws std::runtime_error naming the path on I/O errors.
void write_graph_json_file(const GraphStore& store, const std::string& path,
                           Progress* progress = nullptr, const Selection* selection = nullptr);

}  // namespace normgraph::viz
