#pragma once
// The scalar functions of the query language (docs/query.md "Functions"): looked up by name,
// case-insensitively, with their arity checked at bind time. Aggregates (count, collect, sum,
// avg, min, max, ...) are not here; the planner handles them.
#include <cstdint>
#include <optional>
#include <random>
#include <span>
#include <string_view>

#include "normgraph/core/value.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "query_limits.hpp"

namespace normgraph::query {

// What stays fixed for one query run: the clock timestamp() reads (one value per query, as in
// Cypher) and the generator rand() and randomUUID() draw from. QueryOptions can set both, so
// that a journaled write replays to the same values.
class QueryEnvironment {
 public:
  QueryEnvironment(uint64_t random_seed, int64_t clock_ms)
      : seed_(random_seed), clock_ms_(clock_ms) {}
  uint64_t next_random();
  int64_t now_ms();

 private:
  uint64_t seed_;
  int64_t clock_ms_;
  std::optional<std::mt19937_64> rng_;  // seeded at first use: most queries never draw
};

struct FunctionContext {
  const GraphStore& store;
  QueryEnvironment& env;
  QueryLimits& limits;  // what a function that builds a list or string charges, and ticks
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
