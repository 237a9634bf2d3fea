#include "normgraph/query/query.hpp"

namespace normgraph::query {

namespace {
std::string positioned(const std::string& message, size_t line, size_t column) {
  if (!line) return message;
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + message;
}
}  // namespace

QueryError::QueryError(std::string category, std::string code, ErrorPhase phase,
                       const std::string& message, size_t line, size_t column)
    : InputError(positioned(message, line, column)),
      category_(std::move(category)),
      code_(std::move(code)),
      detail_(message),
      phase_(phase),
      line_(line),
      column_(column) {}

}  // namespace normgraph::query
