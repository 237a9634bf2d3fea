#pragma once
// Command-line options: each command declares its options once; parsing and --help come from
// that declaration.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "normgraph/engine/edge_view.hpp"
#include "normgraph/engine/limits.hpp"

namespace normgraph::cli {

// Exit codes, documented in docs/cli.md.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;  // also: usage errors
inline constexpr int kExitBadInput = 2;

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;      // long name without dashes
  char short_name = 0;   // 0 when none
  std::string argument;  // empty for a flag
  std::string help;
  std::string default_value;
  bool repeatable = false;
};

struct CommandSpec {
  std::string name;
  std::string synopsis;     // one line
  std::string description;  // paragraphs
  std::vector<OptionSpec> options;
  std::string operands;  // e.g. "PATH..."; empty when none
  size_t min_operands = 0;
  size_t max_operands = 0;
};

class ParsedArgs {
 public:
  std::optional<std::string> get(const std::string& name) const;
  std::string get_or(const std::string& name, const std::string& fallback) const;
  std::vector<std::string> all(const std::string& name) const;
  bool flag(const std::string& name) const { return values_.count(name) > 0; }
  const std::vector<std::string>& operands() const { return operands_; }

 private:
  friend ParsedArgs parse_args(const CommandSpec&, const std::vector<std::string>&);
  std::multimap<std::string, std::string> values_;
  std::vector<std::string> operands_;
};

// Throws UsageError. Options given once fall back to their default_value when absent.
ParsedArgs parse_args(const CommandSpec& spec, const std::vector<std::string>& args);
std::string help_text(const CommandSpec& spec);

// The --data option every command that reads or writes a graph shares.
OptionSpec data_option();

// A size in bytes as an option gives it: a whole number with an optional K, M or G (powers of
// 1024, optionally followed by "iB" or "B"): 1073741824, 512M, 1GiB. Throws UsageError.
uint64_t byte_size(const std::string& option, const std::string& text);

// --timeout SECONDS and --max-memory MIB of the commands that evaluate rules or export
// (docs/cli.md, "Limits"); 0 means no limit.
inline constexpr const char* kWorkTimeoutDefault = "600";
inline constexpr const char* kWorkMemoryDefault = "4096";
OptionSpec timeout_option(const std::string& what, const std::string& fallback);
OptionSpec max_memory_option();
// The limits those options give; throws UsageError for a value that is not a number.
Limits limit_options(const ParsedArgs& args, const std::string& timeout_fallback);

// --as-of, --since, --until, --sources and --exclude-sources of the reading commands
// (docs/cli.md, "As-of, between and sources"), appended to a command's own options.
std::vector<OptionSpec> with_view_options(std::vector<OptionSpec> options);
// The filter they give; throws UsageError for a date that is not YYYY, YYYY-MM or YYYY-MM-DD,
// --as-of with --until, or a source kind ontology/evidence-sources.tsv does not name.
EdgeFilter edge_filter(const ParsedArgs& args);
// The view they ask for over the store, or null when they ask for none.
std::unique_ptr<EdgeView> edge_view(const ParsedArgs& args, const GraphStore& store);

}  // namespace normgraph::cli
