#include <cstdio>

#include "commands.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/viz/csv.hpp"
#include "normgraph/viz/graph_json.hpp"
#include "terminal_progress.hpp"

namespace normgraph::cli {

namespace {

int run_export(const ParsedArgs& args) {
  const std::string format = args.get_or("format", "json");
  if (format != "json" && format != "csv")
    throw UsageError("unknown format '" + format + "' (json, csv)");
  const auto output = args.get("output");
  if (format == "csv" && !output)
    throw UsageError("--format csv writes a folder: give it with -o DIR");
  TerminalProgress progress;
  DataDir dir(args.get_or("data", ""), DataDir::Access::Read);
  GraphStore store = dir.load(progress.sink());
  if (format == "json")
    viz::write_graph_json_file(store, output.value_or("-"), progress.sink());
  else
    viz::write_csv_graph(store, *output, progress.sink());
  return kExitOk;
}

}  // namespace

Command export_command() {
  return {{"export",
           "write the graph in an exchange format",
           "Formats: json (graph JSON, DESIGN.md; re-ingesting it gives the same graph) and csv\n"
           "(a folder with nodes.csv and edges.csv, the layout of the benchmark data).",
           {data_option(),
            {"format", 'f', "FORMAT", "json or csv", "json"},
            {"output", 'o', "PATH", "output file (json; default stdout) or folder (csv)", ""}},
           "",
           0,
           0},
          run_export};
}

}  // namespace normgraph::cli
