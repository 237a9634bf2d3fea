#pragma once
// A pattern's plan: the steps the planner (planner.cpp) chose and the runner (runner.cpp)
// executes. The steps refer to the AST, which must outlive the plan.
#include <string>
#include <vector>

#include "ast.hpp"

namespace normgraph::query {

enum class StepKind : uint8_t {
  CheckBound,  // a node bound earlier: must be a node (not null) and match its patterns
  ScanAll,
  ScanLabel,
  ScanRelType,  // every relationship of the types: binds it and both its ends
  SeekId,
  SeekName,
  CheckNode,  // labels and properties of a node just bound
  Expand,
  VarExpand,
  Shortest,
  CheckRel,  // properties of a relationship just bound
  Filter,
  BindPath,
};

struct Step {
  explicit Step(StepKind k) : kind(k) {}
  StepKind kind;
  int slot = -1;                     // the node a scan, seek or check binds or checks
  int from = -1, to = -1, rel = -1;  // expansions
  bool into = false;                 // expansion: `to` is already bound
  bool rel_bound = false;            // expansion: the relationship is bound by an earlier clause
  Direction dir = Direction::Both;   // as seen from `from`
  bool distinct_ends = false;
  const NodePattern* node = nullptr;
  const RelPattern* rel_pattern = nullptr;
  const PatternPart* part = nullptr;
  const Expr* expr = nullptr;  // Filter condition, Seek key
  std::string label;
};

// A count of the store the planner read: what its choice of steps rested on.
struct PlannedCount {
  enum class Kind : uint8_t { Nodes, Label, RelType } kind;
  std::string name;  // the label or relationship type; empty for Nodes
  size_t value = 0;  // the count when the plan was made
};

struct PatternPlan {
  std::vector<Step> steps;
  std::vector<PlannedCount> counts;  // each count read once, in the order first read
};

inline Direction reverse(Direction d) {
  return d == Direction::Out ? Direction::In : d == Direction::In ? Direction::Out : d;
}

}  // namespace normgraph::query
