// Binding CREATE and MERGE: what they may create.
#include "bind/binder_class.hpp"

#include <algorithm>

#include "functions.hpp"
#include "normgraph/core/strings.hpp"
#include "normgraph/ontology/schema.hpp"

namespace normgraph::query::bind {

void Binder::check_creatable(const RelPattern& r) {
  if (r.var_length)
    fail("CreatingVarLength", "CREATE cannot make a variable-length relationship", r.pos);
  if (r.types.size() != 1)
    fail("NoSingleRelationshipType", "CREATE needs exactly one relationship type", r.pos);
  if (r.dir == Direction::Both)
    fail("RequiresDirectedRelationship", "CREATE needs a direction (-> or <-)", r.pos);
}

// MERGE matches its pattern or creates all of it: the rules of CREATE for what it may
// create (one type per relationship, no variable length), an undirected relationship is
// created left to right.
void Binder::bind_merge(Clause& c, Scope& scope) {
  for (auto& r : c.pattern[0].rels) {
    if (r.var_length)
      fail("CreatingVarLength", "MERGE cannot make a variable-length relationship", r.pos);
    if (r.types.size() != 1)
      fail("NoSingleRelationshipType", "MERGE needs exactly one relationship type", r.pos);
  }
  bind_pattern(c.pattern, scope, false);
  for (auto* items : {&c.set_items, &c.on_match})
    for (auto& item : *items) {
      bind_expr(*item.target, scope);
      if (item.value) bind_expr(*item.value, scope);
    }
}

void Binder::bind_create(Clause& c, Scope& scope) {
  std::set<std::string> declared;
  for (auto& part : c.pattern) {
    if (part.rels.empty() && !part.nodes[0].var.empty() && scope.count(part.nodes[0].var))
      fail("VariableAlreadyBound", "'" + part.nodes[0].var + "' exists; CREATE would not create it",
           part.nodes[0].pos);
    for (auto& n : part.nodes) {
      if (n.var.empty()) continue;
      if (!declared.insert(n.var).second && (!n.labels.empty() || n.props))
        fail("VariableAlreadyBound",
             "'" + n.var + "' is created once; its labels and properties go there", n.pos);
    }
  }
  for (auto& part : c.pattern)
    for (auto& n : part.nodes)
      if (!n.var.empty()) {
        auto it = scope.find(n.var);
        if (it != scope.end() && it->second.type != VarType::Node &&
            it->second.type != VarType::Any)
          fail("VariableTypeConflict", "'" + n.var + "' is not a node", n.pos);
      }
  bind_pattern(c.pattern, scope, true);
}

}  // namespace normgraph::query::bind
