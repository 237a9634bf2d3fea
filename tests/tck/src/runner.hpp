#pragma once
// Runs one TCK scenario on a fresh store with normgraph's query engine.
#include <string>

#include "normgraph/core/value.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "tck/gherkin.hpp"
#include "tck/tck_value.hpp"

namespace normgraph::tck {

struct Outcome {
  bool passed = false;
  // The first line names the kind of failure (it groups failures in the report); further
  // lines give the details.
  std::string reason;
  // An expected error whose category and code matched but was raised in the other phase.
  std::string phase_mismatch;
};

struct RunOptions {
  double query_time_limit_seconds = 10;
};

Outcome run_scenario(const Scenario& scenario, const RunOptions& options);

// Query results in the TCK's terms: nodes and relationships with their labels, type and
// properties as the store holds them now.
TckValue to_tck(const GraphStore& store, const Value& value);
// A parameter value; throws std::invalid_argument for nodes, relationships and paths.
Value to_value(const TckValue& value);

}  // namespace normgraph::tck
