// Cypher queries: arbitrary text is parsed, bound, planned and run against a small graph with
// a small time limit and memory budget. It gives a result or a QueryError (syntax, type,
// argument, limit, ...) and never a crash. Writes run too, on a fresh graph per input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>

#include "normgraph/core/errors.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/ontology/schema.hpp"
#include "normgraph/query/query.hpp"

namespace {

// A few actors, principles and a document, with the property types queries meet: strings,
// numbers, lists, booleans; edges with properties; a cycle for variable-length patterns.
normgraph::GraphStore small_graph() {
  using normgraph::Value;
  using normgraph::ValueList;
  normgraph::GraphStore g;
  auto node = [&](const char* id, const char* kind, const char* name, normgraph::ValueMap props) {
    normgraph::NodeData n;
    n.id = id;
    n.labels = {kind};
    n.name = name;
    n.props = std::move(props);
    g.upsert_node(n);
  };
  node("actor:ee", "Actor", "Estonia", {{"iso", "EST"}, {"type", "state"}, {"year", 1991}});
  node("actor:cn", "Actor", "China", {{"iso", "CHN"}, {"score", 2.5}});
  node("principle:p", "Principle", "Sovereignty", {{"tags", Value(ValueList{"a", "b"})}});
  node("principle:q", "Principle", "Due diligence", {{"binding", true}});
  node("doc:d", "Document", "Report", {{"date", "2015-07-22"}, {"pages", 42}});
  for (auto [s, t, e] : {std::tuple{"actor:ee", "principle:p", "ENDORSES"},
                         {"actor:cn", "principle:q", "OPPOSES"},
                         {"actor:cn", "principle:p", "ENDORSES"},
                         {"principle:q", "principle:p", "SPECIALIZES"},
                         {"principle:p", "principle:q", "SPECIALIZES"},
                         {"doc:d", "principle:p", "MENTIONS"},
                         {"doc:d", "doc:d", "REFERENCES"}})
    g.upsert_edge({s, t, e, false, {}, {}});
  return g;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto schema = normgraph::ontology::Schema::load_default();
  const std::string text(reinterpret_cast<const char*>(data), size);
  normgraph::GraphStore store = small_graph();
  normgraph::query::QueryEngine engine(store, &schema);
  normgraph::query::QueryOptions options;
  options.time_limit_seconds = 0.5;
  options.max_memory_bytes = 32 << 20;
  options.max_rows = 10'000;
  options.max_path_length = 4;
  options.random_seed = 1;
  options.clock_ms = 1;
  const normgraph::ValueMap params{{"name", normgraph::Value("Estonia")},
                                   {"n", normgraph::Value(int64_t{2})}};
  try {
    engine.run(text, params, options);
    engine.explain(text);
  } catch (const normgraph::InputError&) {  // QueryError, and parse_literal's InputError
  }
  return 0;
}
