#pragma once
// Reading the ontology's JSON files: byte offsets turned into positions.
#include <string>
#include <string_view>
#include <utility>

namespace normgraph::ontology {

// 1-based line and column (in bytes) of a byte offset in `text`.
std::pair<size_t, size_t> line_and_column(std::string_view text, size_t offset);

}  // namespace normgraph::ontology
