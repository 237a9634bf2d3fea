#pragma once
// The scalar functions of the query language (docs/query.md "Functions"): looked up by name,
// case-insensitively, with their arity checked at bind time. Aggregates (count, collect, sum,
// avg, min, max, ...) are not here; the planner handles them.
#include <span>
#include <string_view>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/engine/value.hpp"

namespace normgraph::query {

struct FunctionContext {
  const GraphStore& store;
};

struct FunctionDef {
  std::string_view name;  // lower case
  int min_args;
  int max_args;  // -1: any number
  Value (*eval)(std::span<const Value> args, const FunctionContext& ctx);
};

// nullptr when no scalar function has this name (any case).
const FunctionDef* find_function(std::string_view name);

}  // namespace normgraph::query
