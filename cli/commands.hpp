#pragma once
// The subcommands of `normgraph`. Each returns its exit code; errors are thrown and mapped to
// exit codes by main().
#include <string>
#include <vector>

#include "options.hpp"

namespace normgraph::cli {

struct Command {
  CommandSpec spec;
  int (*run)(const ParsedArgs& args);
};

Command ingest_command();
Command export_command();
Command stats_command();
Command query_command();
Command rules_command();
Command check_command();
Command explain_command();
Command serve_command();
Command vocab_command();
Command sentences_command();
Command compare_command();
Command timeline_command();
Command align_command();

}  // namespace normgraph::cli
