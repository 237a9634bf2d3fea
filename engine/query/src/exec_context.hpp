#pragma once
// State shared by everything that runs while a query executes: the store, parameters, limits,
// statistics, and the undo log that rolls a failed query back.
#include <chrono>
#include <functional>
#include <vector>

#include "functions.hpp"
#include "normgraph/query/query.hpp"

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

struct ExecContext {
  GraphStore& store;
  const ValueMap& params;
  const QueryOptions& options;
  std::chrono::steady_clock::time_point deadline;
  bool has_deadline = false;
  uint64_t ticks = 0;
  QueryStats stats;
  UndoLog undo;
  QueryEnvironment env;

  ExecContext(GraphStore& s, const ValueMap& p, const QueryOptions& o)
      : store(s), params(p), options(o), env(o.random_seed, o.clock_ms) {
    if (o.time_limit_seconds > 0) {
      has_deadline = true;
      deadline = std::chrono::steady_clock::now() +
                 std::chrono::microseconds(static_cast<int64_t>(o.time_limit_seconds * 1e6));
    }
  }
  // Called in every loop that may run long; checks the clock every few thousand calls.
  void tick() {
    if ((++ticks & 4095) == 0 && has_deadline) check_deadline();
  }
  void check_deadline() const;
};

// Values of the Cypher property view (query.hpp's node_properties): one key.
Value node_property(const GraphStore& store, NodeId n, std::string_view key);
Value edge_property(const GraphStore& store, EdgeId e, std::string_view key);

}  // namespace normgraph::query
