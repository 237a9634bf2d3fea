#include <cstdio>

#include "commands.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/loaders/ingest.hpp"
#include "terminal_progress.hpp"

namespace normgraph::cli {

namespace {

int run_ingest(const ParsedArgs& args) {
  TerminalProgress progress;
  DataDir dir(args.get_or("data", ""), DataDir::Access::Write);
  GraphStore store = dir.load(progress.sink());
  const size_t nodes_before = store.node_count(), edges_before = store.edge_count();
  for (const auto& path : args.operands())
    for (const auto& input : loaders::ingest_path(path, store, progress.sink()))
      std::printf("%s (%s): %zu nodes, %zu edges read\n", input.path.c_str(), input.format.c_str(),
                  input.counts.nodes, input.counts.edges);
  dir.save(store, progress.sink());
  std::printf("%s: %zu nodes (+%zu), %zu edges (+%zu)\n", dir.path().c_str(), store.node_count(),
              store.node_count() - nodes_before, store.edge_count(),
              store.edge_count() - edges_before);
  return kExitOk;
}

}  // namespace

Command ingest_command() {
  return {
      {"ingest",
       "load files and folders into the graph",
       "Each PATH is a graph JSON file (the format 'export --format json' writes), a CSV graph\n"
       "folder (nodes.csv and edges.csv), or a folder whose supported files are loaded in\n"
       "name order. A node or edge already in the graph is merged, not duplicated.\n"
       "Ingest is all or nothing: if any input is bad, the data directory is left unchanged\n"
       "and the exit code is 2.",
       {data_option()},
       "PATH...",
       1,
       SIZE_MAX},
      run_ingest};
}

}  // namespace normgraph::cli
