#pragma once
// Error types shared by every module. Each carries enough context (file, line, column or
// byte offset) for a message a user can act on.
#include <stdexcept>
#include <string>

namespace normgraph {

// Bad input from a user: a file, a query, a request. Exit code 2 in the CLI.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A data directory or snapshot that cannot be read (damaged, truncated, foreign).
class StorageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "file:line:column: message", leaving out the parts that are unknown (0).
std::string located(const std::string& file, size_t line, size_t column, const std::string& msg);

}  // namespace normgraph
