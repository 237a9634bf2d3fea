#pragma once
// Reading the ontology's JSON files: whole-file reads and byte offsets turned into positions.
#include <string>
#include <string_view>
#include <utility>

namespace normgraph::ontology {

// The file's bytes. Throws InputError naming the file when it cannot be read.
std::string read_whole_file(const std::string& path);

// 1-based line and column (in bytes) of a byte offset in `text`.
std::pair<size_t, size_t> line_and_column(std::string_view text, size_t offset);

}  // namespace normgraph::ontology
