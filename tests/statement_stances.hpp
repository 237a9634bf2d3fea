#pragma once
// The statement tests' view of an extraction: the stances one speaker takes in a text written
// for the test, read by the default statement loader (loaded once per test binary).
#include <set>
#include <string>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/loaders/statement.hpp"

namespace normgraph::testing {

inline const loaders::StatementLoader& default_statement_loader() {
  static const auto l = loaders::StatementLoader::load_default();
  return l;
}

// "RELATION target-id" for each edge of `state_id` whose type is one of `relations` (the stances
// by default) after `text` is read as a statement of `speaker` into `g`.
inline std::set<std::string> speaker_stances(const std::string& text, GraphStore& g,
                                             const std::string& speaker = "Brazil",
                                             const std::string& state_id = "state:BRA",
                                             const std::set<std::string>& relations = {
                                                 "ENDORSES", "OPPOSES", "CONCERNED_ABOUT"}) {
  default_statement_loader().load_text("speaker: " + speaker + "\n---\n" + text + "\n", "s.txt", g);
  std::set<std::string> out;
  const auto state = g.find_node(state_id);
  if (!state) return out;
  g.for_each_adjacent(*state, Direction::Out, std::nullopt, [&](const AdjEntry& a) {
    const std::string type(g.edge_type_name(a.type));
    if (relations.count(type)) out.insert(type + " " + std::string(g.node_id(a.node)));
  });
  return out;
}

}  // namespace normgraph::testing
