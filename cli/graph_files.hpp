#pragma once
// How the commands open a data directory: through the workspace layer (the snapshot, then the
// journal of writes posted to `normgraph serve` and not yet folded in; docs/storage.md).
#include <cstdio>

#include "normgraph/workspace/workspace.hpp"

namespace normgraph::cli {

// Opens DIR with progress on the terminal; journal records refused are reported on stderr.
class OpenedGraph : public workspace::Workspace {
 public:
  OpenedGraph(DataDir& dir, Progress* progress)
      : workspace::Workspace(dir, workspace::WorkspaceOptions{.progress = progress}) {
    for (const auto& error : replay().errors)
      std::fprintf(stderr, "normgraph: journal record skipped: %s\n", error.c_str());
  }
};

}  // namespace normgraph::cli
