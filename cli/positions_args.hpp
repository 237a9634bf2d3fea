#pragma once
// What the positions commands (compare, timeline, align) read from their options besides the
// graph: the output format and the window of dates and sources (docs/analysis.md).
#include <string>

#include "normgraph/engine/edge_view.hpp"
#include "normgraph/ontology/evidence_sources.hpp"
#include "normgraph/viz/positions.hpp"
#include "options.hpp"

namespace normgraph::cli {

class PositionsArgs {
 public:
  explicit PositionsArgs(const ParsedArgs& args)
      : format_(args.get_or("format", "text")),
        filter_(edge_filter(args)),
        kinds_(ontology::load_default_source_kinds()) {
    if (!viz::is_positions_format(format_))
      throw UsageError("--format is text, json, csv or svg, not '" + format_ + "'");
  }
  PositionsArgs(const PositionsArgs&) = delete;  // window() points at kinds_
  PositionsArgs& operator=(const PositionsArgs&) = delete;

  const std::string& format() const { return format_; }
  viz::DateWindow window() const { return viz::window_of(filter_, kinds_); }

 private:
  std::string format_;
  EdgeFilter filter_;
  SourceKinds kinds_;
};

}  // namespace normgraph::cli
