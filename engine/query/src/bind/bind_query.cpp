// The binder's entry: the query, its UNION parts and each part's clauses in order (binder.hpp).
#include "bind/binder_class.hpp"

#include <algorithm>

#include "functions.hpp"
#include "normgraph/core/strings.hpp"
#include "normgraph/ontology/schema.hpp"

namespace normgraph::query::bind {

[[noreturn]] void fail(const std::string& code, const std::string& msg, Pos p) {
  throw QueryError("SyntaxError", code, ErrorPhase::Compile, msg, p.line, p.column);
}

const char* type_word(VarType t) {
  switch (t) {
    case VarType::Node:
      return "a node";
    case VarType::Rel:
      return "a relationship";
    case VarType::RelList:
      return "a list of relationships";
    case VarType::Path:
      return "a path";
    case VarType::Value:
    case VarType::Any:
      break;
  }
  return "a value";
}

void Binder::run() {
  auto& ast = out_.ast;
  for (size_t i = 1; i < ast.union_all.size(); ++i)
    if (ast.union_all[i] != ast.union_all[0])
      fail("InvalidClauseComposition", "UNION and UNION ALL cannot be mixed", {1, 1});
  for (auto& part : ast.parts) out_.parts.push_back(bind_part(part));
  for (size_t i = 1; i < out_.parts.size(); ++i)
    if (out_.parts[i].columns != out_.parts[0].columns)
      fail("DifferentColumnsInUnion", "every part of a UNION must return the same columns",
           ast.parts[i].clauses.front().pos);
  out_.slot_count = next_slot_;
  for (const auto& p : out_.parts) out_.updates = out_.updates || p.updates;
}

BoundQueryPart Binder::bind_part(SingleQuery& q) {
  BoundQueryPart part;
  Scope scope;
  for (size_t i = 0; i < q.clauses.size(); ++i) {
    Clause& c = q.clauses[i];
    const bool last = i + 1 == q.clauses.size();
    switch (c.kind) {
      case ClauseKind::Match:
        bind_match(c, scope);
        break;
      case ClauseKind::Unwind:
        bind_expr(*c.expr, scope);
        declare_new(scope, c.var, VarType::Any, c.pos, c.slot);
        break;
      case ClauseKind::With:
        part.projections.push_back(bind_projection(c.projection, scope, true));
        break;
      case ClauseKind::Return:
        if (!last) fail("InvalidClauseComposition", "RETURN can only be the last clause", c.pos);
        part.projections.push_back(bind_projection(c.projection, scope, false));
        part.has_return = true;
        // RETURN *: every variable in scope, by name; else the items in order.
        if (c.projection.star) {
          for (const auto& [name, info] : scope) {
            part.columns.push_back(name);
            part.column_slots.push_back(info.slot);
          }
        } else {
          for (const auto& item : c.projection.items) {
            part.columns.push_back(item.alias);
            part.column_slots.push_back(item.slot);
          }
        }
        break;
      case ClauseKind::Create:
        bind_create(c, scope);
        part.updates = true;
        break;
      case ClauseKind::Merge:
        bind_merge(c, scope);
        part.updates = true;
        break;
      case ClauseKind::Set:
      case ClauseKind::Remove:
        for (auto& item : c.set_items) {
          bind_expr(*item.target, scope);
          if (item.value) bind_expr(*item.value, scope);
          for (const auto& l : item.labels) check_label(l);
        }
        part.updates = true;
        break;
      case ClauseKind::Delete:
        for (auto& e : c.exprs) {
          bind_expr(*e, scope);
          if (e->kind == ExprKind::Literal || e->kind == ExprKind::Binary ||
              e->kind == ExprKind::Map || e->kind == ExprKind::List)
            fail("InvalidArgumentType", "DELETE needs a node, a relationship or a path", e->pos);
        }
        part.updates = true;
        break;
    }
  }
  for (const Clause& c : q.clauses) check_clause_patterns(c);
  const Clause& tail = q.clauses.back();
  if (tail.kind != ClauseKind::Return && !part.updates)
    fail("InvalidClauseComposition",
         "a query must end with RETURN unless it writes (CREATE, SET, REMOVE, DELETE)", tail.pos);
  if (tail.kind == ClauseKind::With)
    fail("InvalidClauseComposition", "a query cannot end with WITH", tail.pos);
  return part;
}

void Binder::check_clause_patterns(const Clause& c) {
  if (c.where) check_pattern_predicates(*c.where, true);
  if (c.projection.where) check_pattern_predicates(*c.projection.where, true);
  if (c.expr) check_pattern_predicates(*c.expr, false);
  for (const auto& item : c.projection.items) check_pattern_predicates(*item.expr, false);
  for (const auto& s : c.projection.order_by) check_pattern_predicates(*s.expr, false);
  for (const auto& item : c.set_items)
    if (item.value) check_pattern_predicates(*item.value, false);
}

}  // namespace normgraph::query::bind

namespace normgraph::query {

bool is_aggregate_name(std::string_view n) {
  return n == "count" || n == "sum" || n == "avg" || n == "min" || n == "max" || n == "collect" ||
         n == "stdev" || n == "stdevp" || n == "percentilecont" || n == "percentiledisc";
}

BoundQuery bind_query(QueryAst ast, const ontology::Schema* schema) {
  BoundQuery out;
  out.ast = std::move(ast);
  bind::Binder(out, schema).run();
  return out;
}

}  // namespace normgraph::query
