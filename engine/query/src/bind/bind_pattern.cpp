// Binding MATCH and the patterns of every clause: their variables, labels, types and property maps.
#include "bind/binder_class.hpp"

#include <algorithm>

#include "functions.hpp"
#include "normgraph/core/strings.hpp"
#include "normgraph/ontology/schema.hpp"

namespace normgraph::query::bind {

void Binder::declare_new(Scope& scope, const std::string& name, VarType type, Pos p, int& slot) {
  if (scope.count(name))
    fail("VariableAlreadyBound", "variable '" + name + "' is already defined", p);
  slot = new_slot();
  scope[name] = {slot, type};
}

// A pattern variable: reuses a bound one of the same type, declares a new one otherwise.
int Binder::pattern_var(Scope& scope, std::string& name, VarType type, Pos p) {
  if (name.empty()) return new_slot();
  auto it = scope.find(name);
  if (it == scope.end()) {
    int slot = new_slot();
    scope[name] = {slot, type};
    return slot;
  }
  if (it->second.type != type && it->second.type != VarType::Any)
    fail("VariableTypeConflict",
         "'" + name + "' is " + type_word(it->second.type) + ", not " + type_word(type), p);
  if (it->second.type == VarType::Value ||
      (it->second.type == VarType::Any && type == VarType::Rel))
    fail("VariableTypeConflict", "'" + name + "' is not " + type_word(type), p);
  return it->second.slot;
}

void Binder::bind_pattern(std::vector<PatternPart>& parts, Scope& scope, bool creating) {
  std::set<std::string> rels_here;
  Scope before = scope;
  for (auto& part : parts) {
    for (auto& n : part.nodes) {
      if (creating && !n.var.empty() && before.count(n.var) && (!n.labels.empty() || n.props))
        fail("VariableAlreadyBound",
             "'" + n.var + "' is already bound; CREATE cannot add labels or properties to it",
             n.pos);
      n.slot = pattern_var(scope, n.var, VarType::Node, n.pos);
      for (const auto& l : n.labels) check_label(l);
    }
    for (auto& r : part.rels) {
      VarType t = r.var_length ? VarType::RelList : VarType::Rel;
      if (!r.var.empty()) {
        if (creating && scope.count(r.var))
          fail("VariableAlreadyBound", "relationship '" + r.var + "' is already bound", r.pos);
        if (!rels_here.insert(r.var).second)
          fail("RelationshipUniquenessViolation",
               "relationship '" + r.var + "' appears twice in one pattern", r.pos);
      }
      r.slot = pattern_var(scope, r.var, t, r.pos);
      for (const auto& ty : r.types) check_type(ty);
      if (creating) check_creatable(r);
      if (r.var_length && r.min_hops < 0)
        fail("InvalidRelationshipPattern", "a negative hop count", r.pos);
    }
    if (!part.path_var.empty()) {
      if (scope.count(part.path_var))
        fail("VariableAlreadyBound", "variable '" + part.path_var + "' is already defined",
             part.pos);
      part.path_slot = new_slot();
      scope[part.path_var] = {part.path_slot, VarType::Path};
    }
    if (part.kind != PathKind::Plain && (part.rels.size() != 1 || part.nodes.size() != 2))
      fail("InvalidRelationshipPattern", "shortestPath needs a single relationship", part.pos);
  }
  for (auto& part : parts) {
    for (auto& n : part.nodes)
      if (n.props) bind_props(*n.props, scope);
    for (auto& r : part.rels)
      if (r.props) bind_props(*r.props, scope);
  }
}

void Binder::bind_props(Expr& props, const Scope& scope) {
  if (props.kind == ExprKind::Parameter) {
    bind_expr(props, scope);
    return;
  }
  for (auto& a : props.args) bind_expr(*a, scope);
}

void Binder::bind_match(Clause& c, Scope& scope) {
  for (const auto& part : c.pattern) {
    for (const auto& n : part.nodes)
      if (n.props && n.props->kind == ExprKind::Parameter)
        fail("InvalidParameterUse", "MATCH takes a map literal, not a parameter, as properties",
             n.props->pos);
    for (const auto& r : part.rels)
      if (r.props && r.props->kind == ExprKind::Parameter)
        fail("InvalidParameterUse", "MATCH takes a map literal, not a parameter, as properties",
             r.props->pos);
  }
  bind_pattern(c.pattern, scope, false);
  if (c.where) bind_expr(*c.where, scope);
}

}  // namespace normgraph::query::bind
