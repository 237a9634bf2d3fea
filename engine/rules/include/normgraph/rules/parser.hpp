#pragma once
// Reading rule files. Errors are RuleError with "file:line:column: message".
#include <string>
#include <vector>

#include "normgraph/core/errors.hpp"
#include "normgraph/rules/ast.hpp"

namespace normgraph::rules {

// Bad rule text or a program the analyzer rejects; what() lists every problem found, one per
// line, each starting with file:line:column.
class RuleError : public InputError {
 public:
  explicit RuleError(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// Relations have at most this many columns (tuples and index keys live in fixed arrays).
inline constexpr size_t kMaxArity = 16;

// Parses one file's text; `file` names it in positions and errors.
Program parse_program(const std::string& text, const std::string& file);
// Reads and parses files in order into one program. Throws InputError for an unreadable file.
Program parse_files(const std::vector<std::string>& paths);

}  // namespace normgraph::rules
