#include <cstdio>

#include "commands.hpp"
#include "graph_files.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/loaders/ingest.hpp"
#include "terminal_progress.hpp"

namespace normgraph::cli {

namespace {

int run_ingest(const ParsedArgs& args) {
  TerminalProgress progress;
  DataDir dir(args.get_or("data", ""), DataDir::Access::Write);
  OpenedGraph graph(dir, progress.sink());
  GraphStore& store = graph.store();
  const size_t nodes_before = store.node_count(), edges_before = store.edge_count();
  loaders::Ingester ingester(store, progress.sink());
  size_t skipped = 0;
  for (const auto& path : args.operands()) {
    for (const auto& input : ingester.ingest(path)) {
      if (!input.error.empty()) {
        std::fprintf(stderr, "normgraph: skipped: %s\n", input.error.c_str());
        ++skipped;
        continue;
      }
      if (input.format == "skipped") {  // a README among the statements: said, not an error
        for (const auto& note : input.warnings)
          std::fprintf(stderr, "normgraph: %s\n", note.c_str());
        continue;
      }
      std::printf("%s (%s): %zu nodes, %zu edges read\n", input.path.c_str(), input.format.c_str(),
                  input.counts.nodes, input.counts.edges);
      for (const auto& warning : input.warnings)
        std::fprintf(stderr, "normgraph: warning: %s\n", warning.c_str());
    }
  }
  graph.save(progress.sink());
  std::printf("%s: %zu nodes (+%zu), %zu edges (+%zu)\n", dir.path().c_str(), store.node_count(),
              store.node_count() - nodes_before, store.edge_count(),
              store.edge_count() - edges_before);
  if (skipped) {
    std::fprintf(stderr, "normgraph: %zu file(s) skipped; the rest was saved\n", skipped);
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace

Command ingest_command() {
  return {
      {"ingest",
       "load files and folders into the graph",
       "Each PATH is a graph JSON file (the format 'export --format json' writes), a CSV graph\n"
       "folder (nodes.csv and edges.csv), a statement (*.txt), a norm text (*.txt whose header\n"
       "says 'kind: norm-text'), a supporters list (*supporters*.tsv), a curated norm set\n"
       "(*.norms), or a folder whose supported files are loaded in name order. A node or edge\n"
       "already in the graph is merged, not duplicated. Unresolved supporters are warnings.\n"
       "Ingest is all or nothing: if any input is bad, the data directory is left unchanged\n"
       "and the exit code is 2.",
       {data_option()},
       "PATH...",
       1,
       SIZE_MAX},
      run_ingest};
}

}  // namespace normgraph::cli
