#pragma once
// State shared by everything that runs while a query executes: the store, parameters, limits,
// statistics, and the undo log that rolls a failed query back.
#include <chrono>
#include <functional>
#include <memory>
#include <vector>

#include "functions.hpp"
#include "normgraph/query/query.hpp"
#include "query_limits.hpp"

namespace normgraph::query {

using Row = std::vector<Value>;

class UndoLog {
 public:
  void record(std::function<void()> undo) { steps_.push_back(std::move(undo)); }
  void roll_back() {
    for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) (*it)();
    steps_.clear();
  }
  void clear() { steps_.clear(); }

 private:
  std::vector<std::function<void()>> steps_;
};

struct RegexCache;  // eval.cpp: the query's compiled regular expressions

struct ExecContext {
  GraphStore& store;
  const ValueMap& params;
  const QueryOptions& options;
  QueryLimits limits;
  QueryStats stats;
  UndoLog undo;
  QueryEnvironment env;
  std::shared_ptr<RegexCache> regexes;  // made on the first `=~`

  // `started`: the limits the query's compilation already counted against, so that parsing
  // and running share one deadline and one budget.
  ExecContext(GraphStore& s, const ValueMap& p, const QueryOptions& o,
              const QueryLimits* started = nullptr)
      : store(s),
        params(p),
        options(o),
        limits(started ? *started : QueryLimits(o.time_limit_seconds, o.max_memory_bytes)),
        env(o.random_seed, o.clock_ms) {}
  // Called in every loop that may run long; checks the clock every few hundred calls.
  void tick() { limits.tick(); }
  void check_deadline() const { limits.check_deadline(); }
  FunctionContext functions() { return FunctionContext{store, env, limits}; }
};

// Values of the Cypher property view (query.hpp's node_properties): one key.
Value node_property(const GraphStore& store, NodeId n, std::string_view key);
Value edge_property(const GraphStore& store, EdgeId e, std::string_view key);

}  // namespace normgraph::query
