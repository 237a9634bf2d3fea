#pragma once
// What the HTTP endpoint needs from the rule engine: GET /api/check and GET /api/explain.
// The server calls these under its read lock (no document is half-applied while they run).
// A server built without the rule engine has no CheckService and answers both endpoints
// with 501 (docs/http.md).
#include <string>

#include "normgraph/engine/graph_store.hpp"

namespace normgraph::server {

class CheckService {
 public:
  virtual ~CheckService() = default;
  // The consistency check of the whole graph: a JSON object, e.g.
  // {"violations": [{"rule", "message", "facts": [...], "evidence": [...]}], "count": N}.
  virtual std::string run_checks(const GraphStore& store) = 0;
  // Why an edge holds: `edge` is "SOURCE-[TYPE]->TARGET" (node ids). A JSON object with the
  // derivation tree down to evidence sentences. Throws InputError for an unknown edge.
  virtual std::string explain_edge(const GraphStore& store, const std::string& edge) = 0;
  // The same for a fact given by a rule engine's own fact id.
  virtual std::string explain_fact(const GraphStore& store, const std::string& fact) = 0;
};

}  // namespace normgraph::server
