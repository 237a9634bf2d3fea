// Rule programs: arbitrary text is parsed and checked against a small graph and the schema,
// giving a program or a RuleError/InputError and never a crash; a program that passes is
// evaluated on the small graph (its facts are bounded: few nodes, narrow relations).
#include <cstddef>
#include <cstdint>
#include <string>

#include "normgraph/core/errors.hpp"
#include "normgraph/ontology/schema.hpp"
#include "normgraph/rules/evaluation.hpp"
#include "normgraph/rules/graph_rules.hpp"
#include "normgraph/rules/parser.hpp"
#include "normgraph/rules/program.hpp"

namespace {

const normgraph::GraphStore& small_graph() {
  static const normgraph::GraphStore store = [] {
    normgraph::GraphStore g;
    auto node = [&](const char* id, const char* kind, normgraph::ValueMap props) {
      normgraph::NodeData n;
      n.id = id;
      n.labels = {kind};
      n.name = id;
      n.props = std::move(props);
      g.upsert_node(n);
    };
    node("state:A", "Actor", {{"type", "state"}});
    node("principle:p", "Principle", {});
    node("principle:q", "Principle", {});
    node("doc:d", "Document", {{"type", "statement"}, {"date", "2015"}});
    for (auto [s, t, e] : {std::tuple{"state:A", "principle:p", "ENDORSES"},
                           {"state:A", "principle:q", "OPPOSES"},
                           {"principle:q", "principle:p", "SPECIALIZES"},
                           {"principle:p", "principle:q", "SPECIALIZES"},
                           {"doc:d", "doc:d", "REFERENCES"}})
      g.upsert_edge({s, t, e, false, {}, {}});
    return g;
  }();
  return store;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto schema = normgraph::ontology::Schema::load_default();
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto program = normgraph::rules::parse_program(text, "fuzz.rules");
    const auto compiled = normgraph::rules::compile(program, small_graph(), &schema);
    for (const auto& r : compiled.relations)
      if (r.arity > 4) return 0;  // wide relations over the graph's nodes can be huge
    normgraph::rules::Evaluation eval(compiled, small_graph());
    eval.run();
    normgraph::rules::rule_violations(eval);
  } catch (const normgraph::InputError&) {
  }
  return 0;
}
