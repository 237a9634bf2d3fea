#include "normgraph/core/errors.hpp"

namespace normgraph {

std::string located(const std::string& file, size_t line, size_t column, const std::string& msg) {
  std::string out = file;
  if (line) {
    out += ':' + std::to_string(line);
    if (column) out += ':' + std::to_string(column);
  }
  if (!out.empty()) out += ": ";
  return out + msg;
}

}  // namespace normgraph
