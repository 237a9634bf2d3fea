// The compile-time check of a query's constant expressions (pipeline.hpp).
#include "pipeline.hpp"

#include <set>

#include "eval.hpp"

namespace normgraph::query {

namespace {

// Whether an expression reads nothing from outside itself (no variable of an enclosing scope,
// no parameter, no pattern, no aggregate) and gives the same value every time.
bool is_closed(const Expr& e, std::set<int>& inner) {
  switch (e.kind) {
    case ExprKind::Parameter:
    case ExprKind::Slot:
    case ExprKind::CountStar:
    case ExprKind::PatternPredicate:
    case ExprKind::PatternComprehension:
    case ExprKind::Exists:
    case ExprKind::MapProjection:
      return false;
    case ExprKind::Variable:
      return inner.count(e.slot) > 0;
    case ExprKind::Call:
      // Not the functions whose value changes per call, nor range() (it may be very long).
      if (!e.fn || e.fn->name == "rand" || e.fn->name == "timestamp" ||
          e.fn->name == "randomuuid" || e.fn->name == "range")
        return false;
      break;
    case ExprKind::ListComprehension:
    case ExprKind::Quantifier:
      inner.insert(e.slot);
      break;
    case ExprKind::Reduce:
      inner.insert(e.slot);
      inner.insert(e.slot2);
      break;
    default:
      break;
  }
  for (const auto& a : e.args)
    if (a && !is_closed(*a, inner)) return false;
  return true;
}

// Evaluates the largest closed parts of an expression once: a type error among constants
// (`123 AND true`, `1 IN 'a'`) is a compile-time error, reported before any row or write.
void check_constants(const Expr& e, Row& row, ExecContext& ctx) {
  std::set<int> inner;
  if (e.kind != ExprKind::Literal && is_closed(e, inner)) {
    try {
      evaluate(e, row, ctx);
    } catch (const QueryError& err) {
      if (err.category() == "LimitExceeded") throw;
      if (err.category() == "TypeError" && err.code() == "InvalidArgumentType")
        throw QueryError("SyntaxError", err.code(), ErrorPhase::Compile, err.detail(), e.pos.line,
                         e.pos.column);
    }
    return;
  }
  for (const auto& a : e.args)
    if (a) check_constants(*a, row, ctx);
}

void check_clause_constants(const Clause& c, Row& row, ExecContext& ctx) {
  auto check = [&](const ExprPtr& e) {
    if (e) check_constants(*e, row, ctx);
  };
  check(c.where);
  check(c.expr);
  for (const auto& item : c.projection.items) check(item.expr);
  for (const auto& s : c.projection.order_by) check(s.expr);
  check(c.projection.where);
  for (const auto& item : c.set_items) check(item.value);
  for (const auto& e : c.exprs) check(e);
}

}  // namespace

void check_constant_expressions(const BoundQuery& query, GraphStore& store,
                                const QueryLimits* limits) {
  constexpr double kCheckSeconds = 0.25;
  constexpr uint64_t kCheckBytes = uint64_t{64} << 20;
  ValueMap no_params;
  QueryOptions options;
  const QueryLimits check_limits = limits ? limits->at_most(kCheckSeconds, kCheckBytes)
                                          : QueryLimits(kCheckSeconds, kCheckBytes);
  ExecContext ctx(store, no_params, options, &check_limits);
  Row row(query.slot_count);
  try {
    for (const auto& part : query.ast.parts)
      for (const auto& c : part.clauses) check_clause_constants(c, row, ctx);
  } catch (const QueryError& e) {
    if (e.category() != "LimitExceeded") throw;
    // Too costly to check here: the run meets the same error, or the query's real limits.
    if (limits) limits->check_deadline();
  }
}

}  // namespace normgraph::query
