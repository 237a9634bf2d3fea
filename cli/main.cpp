// normgraph: the command-line entry point. Maps errors to the documented exit codes.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "commands.hpp"
#include "normgraph/core/errors.hpp"

namespace {

using namespace normgraph::cli;

std::vector<Command> all_commands() {
  return {ingest_command(),  query_command(),     rules_command(),   check_command(),
          explain_command(), export_command(),    stats_command(),   serve_command(),
          vocab_command(),   sentences_command(), compare_command(), timeline_command(),
          align_command()};
}

void print_usage(std::FILE* out) {
  std::fprintf(out,
               "usage: normgraph <command> [options]\n\n"
               "A knowledge graph of what states say about international norms.\n\ncommands:\n");
  for (const auto& c : all_commands())
    std::fprintf(out, "  %-10s %s\n", c.spec.name.c_str(), c.spec.synopsis.c_str());
  std::fprintf(out,
               "\n'normgraph <command> --help' describes a command.\n"
               "exit codes: 0 ok, 1 findings or usage error, 2 bad input or unreadable data\n");
}

int run(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_usage(stderr);
    return kExitFindings;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_usage(stdout);
    return kExitOk;
  }
  if (args[0] == "--version") {
    std::printf("normgraph %s\n", NORMGRAPH_VERSION);
    return kExitOk;
  }
  for (const auto& c : all_commands()) {
    if (c.spec.name != args[0]) continue;
    std::vector<std::string> rest(args.begin() + 1, args.end());
    for (const auto& a : rest)
      if (a == "--help" || a == "-h") {
        std::fputs(help_text(c.spec).c_str(), stdout);
        return kExitOk;
      }
    try {
      return c.run(parse_args(c.spec, rest));
    } catch (const UsageError& e) {
      std::fprintf(stderr, "normgraph %s: %s\n(see 'normgraph %s --help')\n", c.spec.name.c_str(),
                   e.what(), c.spec.name.c_str());
      return kExitFindings;
    }
  }
  std::fprintf(stderr, "normgraph: unknown command '%s'\n\n", args[0].c_str());
  print_usage(stderr);
  return kExitFindings;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const normgraph::InputError& e) {
    std::fprintf(stderr, "normgraph: error: %s\n", e.what());
  } catch (const normgraph::StorageError& e) {
    std::fprintf(stderr, "normgraph: error: %s\n", e.what());
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "normgraph: error: out of memory\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "normgraph: error: %s\n", e.what());
  }
  return kExitBadInput;
}
