#pragma once
// Reads graph JSON (DESIGN.md "Graph JSON"), the format `normgraph export --format json` writes.
#include <string>
#include <string_view>

#include "normgraph/core/progress.hpp"
#include "normgraph/engine/graph_store.hpp"

namespace normgraph::loaders {

struct LoadCounts {
  size_t nodes = 0;  // nodes read (new or merged)
  size_t edges = 0;  // edges read (new or merged)
};

// Parses the whole document and checks it (fields, types, endpoints) before the store is
// touched, so a bad file changes nothing. Errors are InputError "file:line:column: what".
LoadCounts load_graph_json_file(const std::string& path, GraphStore& store,
                                Progress* progress = nullptr);
LoadCounts load_graph_json_text(std::string_view json, const std::string& source_name,
                                GraphStore& store);

}  // namespace normgraph::loaders
