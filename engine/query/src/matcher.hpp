#pragma once
// Pattern matching: a planner (planner.cpp) that orders a pattern's elements into steps (index
// seeks first, then the smallest scans, then expansions along typed adjacency, filters as soon
// as their variables are bound) and a runner (runner.cpp) that executes the steps depth-first
// over a row. A plan (pattern_plan.hpp) is a value: it can be kept and run many times.
#include <functional>
#include <memory>
#include <set>
#include <vector>

#include "ast.hpp"
#include "exec_context.hpp"

namespace normgraph::query {

struct PatternPlan;

struct MatchOptions {
  // Each end node is needed once per input row (the consumer ignores duplicates): a lone
  // variable-length relationship may then be matched by breadth-first search.
  bool distinct_ends = false;
  // Planning a long pattern takes time too (quadratic in its length): checked here.
  QueryLimits* limits = nullptr;
};

// Plans a pattern given the slots bound before it; `where` may be null. The plan refers to
// the AST, which must outlive it.
std::shared_ptr<const PatternPlan> plan_pattern(const std::vector<const PatternPart*>& parts,
                                                const Expr* where, const std::set<int>& bound,
                                                const GraphStore& store, MatchOptions options);

// Whether a kept plan may still be used as it is: every store count it was made from is within
// a factor of 2 of its value then (a count that was 0 and no longer is: no). A plan only
// decides how fast a pattern is matched, never which matches there are, so a stale plan gives
// the same answers, perhaps slower; this decides when planning again is worth it.
bool plan_is_current(const PatternPlan& plan, const GraphStore& store);

// A human-readable plan, one step per line (EXPLAIN).
std::string describe(const PatternPlan& plan);

// Calls emit(row) for every match extending `row`; emit returns false to stop. Returns false
// when stopped.
bool run_pattern(const PatternPlan& plan, Row& row, ExecContext& ctx,
                 const std::function<bool(Row&)>& emit);

// The slots a pattern binds (nodes, relationships, paths).
std::vector<int> pattern_slots(const std::vector<const PatternPart*>& parts);

}  // namespace normgraph::query
