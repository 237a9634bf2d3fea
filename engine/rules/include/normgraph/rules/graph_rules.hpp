#pragma once
// The rule engine facing the graph: writing derived edges with their derivations, checks
// (rule-defined and the ontology's schema checks) with the evidence behind each violation,
// and explanations of derived edges down to evidence sentences.
#include <string>
#include <utility>
#include <vector>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/rules/evaluation.hpp"

namespace normgraph::ontology {
class Schema;
}

namespace normgraph::rules {

// The rule files shipped in ontology/rules/ ($NORMGRAPH_ONTOLOGY_DIR/rules when set), sorted.
std::vector<std::string> default_rule_files();

struct MaterializeResult {
  size_t edges_removed = 0;  // derived edges of the derived types from an earlier run
  size_t edges_written = 0;
  size_t skipped = 0;  // facts whose ends are not both nodes
};

// Replaces the derived edges of every @derive type with the evaluation's facts. Each edge's
// evidence names the rule and lists its premises as {source, type, target} maps of graph
// edges (rule-made facts in between are expanded), so `explain` can walk down from it.
MaterializeResult write_derived_edges(const Evaluation& eval, GraphStore& store);

struct Violation {
  std::string check;
  std::string severity;  // error, warning, info
  std::string message;
  std::string fact;  // a rule check's violation as explain_fact() reads it; empty for schema
  std::vector<std::pair<std::string, std::string>> bindings;  // variable -> node id or value
  std::vector<std::string> facts;                             // "SOURCE TYPE TARGET"
  std::vector<Evidence> evidence;                             // sentences behind the facts
};

// Both poll `limits` (LimitExceeded past the deadline).
std::vector<Violation> rule_violations(const Evaluation& eval, const Limits& limits = {});
// Domain and range of edges, required properties, unknown kinds and edge
// types, dangling references (evidence naming a missing document, premises naming a missing
// edge).
std::vector<Violation> schema_violations(const GraphStore& store, const ontology::Schema& schema,
                                         const Limits& limits = {});

// A derived edge's derivation tree, or an asserted edge with its evidence.
struct Explanation {
  std::string fact;  // "SOURCE TYPE TARGET"
  bool derived = false;
  std::string rule;                   // derived: the rule that made it
  std::vector<Evidence> evidence;     // asserted: where it was read
  std::vector<Explanation> premises;  // derived: what it rests on
  bool missing = false;               // a premise no longer in the graph
  bool cycle = false;                 // a premise already being explained above
  // A premise explained earlier in the same explanation: shown once, then named only, so the
  // size of an explanation grows with the facts it rests on, not with the paths to them.
  bool shown_above = false;
};

// Explains edges, remembering what it has explained: a second explanation of an edge (within
// one tree or across the trees of one explainer) is a `shown_above` reference. Polls `limits`.
class EdgeExplainer {
 public:
  explicit EdgeExplainer(const GraphStore& store, const Limits& limits = {});
  ~EdgeExplainer();
  Explanation explain(EdgeId edge);
  const WorkLimits& limits() const { return limits_; }

 private:
  const GraphStore& store_;
  WorkLimits limits_;
  std::vector<EdgeId> path_;     // the derived edges being explained, outermost first
  std::vector<bool> on_path_;    // per edge slot
  std::vector<bool> explained_;  // per edge slot
};

Explanation explain_edge(const GraphStore& store, EdgeId edge, const Limits& limits = {});
std::string edge_text(const GraphStore& store, EdgeId edge);

}  // namespace normgraph::rules
