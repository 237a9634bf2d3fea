#pragma once
// A data directory opened to read through the view its command's options ask for (--as-of,
// --since, --until, --sources, --exclude-sources; docs/cli.md): the graph of every reading
// command that takes them. The view is in force on this thread while the object lives.
#include <memory>

#include "graph_files.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/engine/edge_view.hpp"
#include "options.hpp"
#include "terminal_progress.hpp"

namespace normgraph::cli {

class ViewedGraph {
 public:
  explicit ViewedGraph(const ParsedArgs& args)
      : dir_(args.get_or("data", ""), DataDir::Access::Read),
        graph_(dir_, progress_.sink()),
        view_(edge_view(args, graph_.store())),
        scoped_(view_.get()) {}
  ViewedGraph(const ViewedGraph&) = delete;
  ViewedGraph& operator=(const ViewedGraph&) = delete;

  GraphStore& store() { return graph_.store(); }
  const EdgeView* view() const { return view_.get(); }  // null when no option asks for one
  Progress* progress() { return progress_.sink(); }

 private:
  TerminalProgress progress_;
  DataDir dir_;
  OpenedGraph graph_;
  std::unique_ptr<EdgeView> view_;
  ScopedEdgeView scoped_;
};

}  // namespace normgraph::cli
