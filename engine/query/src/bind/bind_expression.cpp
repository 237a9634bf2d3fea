// Binding expressions: variables to slots, function calls, pattern predicates and comprehensions.
#include "bind/binder_class.hpp"

#include <algorithm>

#include "functions.hpp"
#include "normgraph/core/strings.hpp"
#include "normgraph/ontology/schema.hpp"

namespace normgraph::query::bind {

const VarInfo* Binder::lookup(const Scope& scope, const std::string& name) const {
  for (auto it = locals_.rbegin(); it != locals_.rend(); ++it)
    if (it->first == name) return &it->second;
  auto it = scope.find(name);
  return it == scope.end() ? nullptr : &it->second;
}

void Binder::bind_expr(Expr& e, const Scope& scope, bool allow_aggregates) {
  switch (e.kind) {
    case ExprKind::Variable: {
      const VarInfo* v = lookup(scope, e.name);
      if (!v) fail("UndefinedVariable", "variable '" + e.name + "' is not defined", e.pos);
      e.slot = v->slot;
      return;
    }
    case ExprKind::Call:
      bind_call(e, scope, allow_aggregates);
      return;
    case ExprKind::CountStar:
      if (!allow_aggregates) fail("InvalidAggregation", "count(*) is not allowed here", e.pos);
      return;
    case ExprKind::ListComprehension:
    case ExprKind::Quantifier: {
      bind_expr(*e.args[0], scope, allow_aggregates);
      e.slot = new_slot();
      locals_.push_back({e.name, {e.slot, VarType::Any}});
      for (size_t i = 1; i < e.args.size(); ++i)
        if (e.args[i]) bind_expr(*e.args[i], scope);
      locals_.pop_back();
      return;
    }
    case ExprKind::Reduce: {
      bind_expr(*e.args[0], scope, allow_aggregates);
      bind_expr(*e.args[1], scope, allow_aggregates);
      e.slot = new_slot();
      e.slot2 = new_slot();
      locals_.push_back({e.name, {e.slot, VarType::Any}});
      locals_.push_back({e.name2, {e.slot2, VarType::Any}});
      bind_expr(*e.args[2], scope);
      check_no_aggregate(*e.args[2]);
      locals_.pop_back();
      locals_.pop_back();
      return;
    }
    case ExprKind::PatternPredicate:
    case ExprKind::PatternComprehension:
    case ExprKind::Exists:
      bind_subpattern(e, scope);
      return;
    case ExprKind::MapProjection: {
      const VarInfo* v = lookup(scope, e.name);
      if (!v) fail("UndefinedVariable", "variable '" + e.name + "' is not defined", e.pos);
      e.slot = v->slot;
      for (auto& a : e.args)
        if (a) bind_expr(*a, scope, allow_aggregates);
      return;
    }
    case ExprKind::HasLabels:
      for (const auto& l : e.keys) check_label(l);
      break;
    case ExprKind::Property:
      if (e.args[0]->kind == ExprKind::Variable)
        if (const VarInfo* v = lookup(scope, e.args[0]->name); v && v->type == VarType::Node)
          check_property(e.name);
      break;
    case ExprKind::Binary:
    case ExprKind::Unary:
      if (e.op == Op::And || e.op == Op::Or || e.op == Op::Xor || e.op == Op::Not)
        for (const auto& a : e.args) check_boolean_operand(*a);
      break;
    default:
      break;
  }
  for (auto& a : e.args)
    if (a) bind_expr(*a, scope, allow_aggregates);
}

// A pattern used as an expression must be a predicate: in WHERE, under AND/OR/XOR/NOT, in
// exists(); not a value to return, compare or count (`RETURN (a)-->()`, `size((a)-->())`).
void Binder::check_pattern_predicates(const Expr& e, bool predicate) {
  if (e.kind == ExprKind::PatternPredicate && !predicate)
    fail("UnexpectedSyntax", "a pattern here must be a predicate (in WHERE or exists())", e.pos);
  const bool logical = (e.kind == ExprKind::Binary || e.kind == ExprKind::Unary) &&
                       (e.op == Op::And || e.op == Op::Or || e.op == Op::Xor || e.op == Op::Not);
  const bool exists = e.kind == ExprKind::Call && !e.fn && e.args.size() == 1;
  for (size_t i = 0; i < e.args.size(); ++i) {
    if (!e.args[i]) continue;
    // Filters of comprehensions and quantifiers are predicates too.
    bool filter = (e.kind == ExprKind::ListComprehension && i == 1) ||
                  (e.kind == ExprKind::Quantifier && i == 1) ||
                  (e.kind == ExprKind::PatternComprehension && i == 0) ||
                  (e.kind == ExprKind::Exists && i == 0) || (e.kind == ExprKind::Case);
    check_pattern_predicates(*e.args[i], (logical && predicate) || exists || filter);
  }
}

// A constant that is not a boolean cannot be an operand of AND, OR, XOR or NOT.
void Binder::check_boolean_operand(const Expr& a) {
  bool wrong = (a.kind == ExprKind::Literal && !a.literal.is_null() &&
                a.literal.type() != Value::Type::Bool) ||
               a.kind == ExprKind::List || a.kind == ExprKind::Map;
  if (wrong) fail("InvalidArgumentType", "AND, OR, XOR and NOT take booleans", a.pos);
}

void Binder::bind_call(Expr& e, const Scope& scope, bool allow_aggregates) {
  std::string name = ascii_lower(e.name);
  if (is_aggregate_name(name)) {
    for (const auto& a : e.args) check_no_aggregate(*a, "NestedAggregation");
    if (!allow_aggregates)
      fail("InvalidAggregation", "aggregate " + e.name + "() is not allowed here", e.pos);
    size_t want = (name == "percentilecont" || name == "percentiledisc") ? 2 : 1;
    if (e.args.size() != want)
      fail("InvalidNumberOfArguments", e.name + "() takes " + std::to_string(want) + " argument(s)",
           e.pos);
    for (auto& a : e.args) bind_expr(*a, scope, false);
    return;
  }
  if (name == "exists" && e.args.size() == 1 &&
      (e.args[0]->kind == ExprKind::Property || e.args[0]->kind == ExprKind::PatternPredicate)) {
    bind_expr(*e.args[0], scope);
    return;  // evaluated as "not null" / pattern predicate
  }
  e.fn = find_function(name);
  if (!e.fn) fail("UnknownFunction", "unknown function '" + e.name + "'", e.pos);
  const int n = static_cast<int>(e.args.size());
  if (n < e.fn->min_args || (e.fn->max_args >= 0 && n > e.fn->max_args))
    fail("InvalidNumberOfArguments", "wrong number of arguments to " + e.name + "()", e.pos);
  if (e.distinct) fail("InvalidArgumentPassingMode", "DISTINCT only applies to aggregates", e.pos);
  for (auto& a : e.args) bind_expr(*a, scope, allow_aggregates);
}

// A pattern inside an expression: bound variables are reused, new ones are local to it.
void Binder::bind_subpattern(Expr& e, const Scope& scope) {
  PatternPart& part = *e.pattern;
  part.outer_slots.clear();
  size_t mark = locals_.size();
  auto var = [&](std::string& name, VarType type, Pos p) {
    if (name.empty()) return new_slot();
    if (const VarInfo* v = lookup(scope, name)) {
      part.outer_slots.push_back(v->slot);
      return v->slot;
    }
    if (e.kind == ExprKind::PatternPredicate)
      fail("UndefinedVariable", "variable '" + name + "' is not defined", p);
    int slot = new_slot();
    locals_.push_back({name, {slot, type}});
    return slot;
  };
  for (auto& n : part.nodes) {
    n.slot = var(n.var, VarType::Node, n.pos);
    for (const auto& l : n.labels) check_label(l);
  }
  for (auto& r : part.rels) {
    r.slot = var(r.var, r.var_length ? VarType::RelList : VarType::Rel, r.pos);
    for (const auto& t : r.types) check_type(t);
  }
  if (!part.path_var.empty()) {
    part.path_slot = new_slot();
    locals_.push_back({part.path_var, {part.path_slot, VarType::Path}});
  }
  for (auto& n : part.nodes)
    if (n.props) bind_props(*n.props, scope);
  for (auto& r : part.rels)
    if (r.props) bind_props(*r.props, scope);
  for (auto& a : e.args)
    if (a) bind_expr(*a, scope);
  locals_.resize(mark);
}

}  // namespace normgraph::query::bind
