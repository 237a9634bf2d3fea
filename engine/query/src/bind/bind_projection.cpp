// Binding WITH and RETURN: items, aliases, DISTINCT, ORDER BY, SKIP, LIMIT, and the aggregates
// pulled out of them.
#include "bind/binder_class.hpp"

#include <algorithm>

#include "functions.hpp"
#include "normgraph/core/strings.hpp"
#include "normgraph/ontology/schema.hpp"

namespace normgraph::query::bind {

BoundProjection Binder::bind_projection(Projection& p, Scope& scope, bool is_with) {
  BoundProjection bp;
  if (!is_with && p.items.empty() && p.star && scope.empty())
    fail("NoVariablesInScope", "RETURN * / WITH * needs variables in scope", p.pos);
  std::set<std::string> aliases;
  for (auto& item : p.items) {
    bind_expr(*item.expr, scope, /*allow_aggregates=*/true);
    if (!aliases.insert(item.alias).second)
      fail("ColumnNameConflict", "column '" + item.alias + "' appears twice", item.expr->pos);
  }
  std::vector<ExprPtr> originals;  // the items before their aggregates are pulled out
  for (const auto& item : p.items) originals.push_back(clone(*item.expr));
  for (size_t i = 0; i < p.items.size(); ++i) {
    size_t before = bp.aggregates.size();
    extract_aggregates(p.items[i].expr, bp.aggregates);
    if (bp.aggregates.size() == before) bp.key_items.push_back(static_cast<int>(i));
  }
  bp.aggregating = !bp.aggregates.empty();
  if (bp.aggregating)
    for (size_t i = 0; i < p.items.size(); ++i)
      if (std::find(bp.key_items.begin(), bp.key_items.end(), static_cast<int>(i)) ==
              bp.key_items.end() &&
          !grouped(*p.items[i].expr, p, bp))
        fail("AmbiguousAggregationExpression",
             "'" + p.items[i].alias + "' mixes an aggregate with values that are not grouped",
             p.items[i].expr->pos);
  // The scope after the projection.
  Scope next;
  if (p.star)
    for (const auto& [name, info] : scope) next[name] = info;
  for (auto& item : p.items) {
    item.slot = new_slot();
    VarType t = static_type(*item.expr);
    if (item.expr->kind == ExprKind::Variable) {
      auto it = scope.find(item.expr->name);
      if (it != scope.end()) t = it->second.type;
    }
    next[item.alias] = {item.slot, t};
  }
  // ORDER BY sees the projected names and, without aggregation or DISTINCT, the old ones.
  Scope order_scope = (bp.aggregating || p.distinct) ? Scope() : scope;
  for (const auto& [name, info] : next) order_scope[name] = info;
  for (auto& s : p.order_by) {
    replace_projected(s.expr, p, originals);
    if (bp.aggregating) {
      // An aggregate of its own reads the rows before grouping; the rest, the projection.
      size_t first = bp.aggregates.size();
      extract_aggregates(s.expr, bp.aggregates);
      for (size_t a = first; a < bp.aggregates.size(); ++a)
        for (auto& arg : bp.aggregates[a].call->args) bind_expr(*arg, scope);
      bind_expr(*s.expr, order_scope);
    } else {
      bind_expr(*s.expr, order_scope);
      check_no_aggregate(*s.expr);
    }
  }
  for (auto* e : {&p.skip, &p.limit})
    if (*e) bind_constant(**e);
  Scope before_projection = scope;
  scope = std::move(next);
  if (p.where) {
    Scope where_scope = bp.aggregating ? Scope() : before_projection;
    for (const auto& [name, info] : scope) where_scope[name] = info;
    bind_expr(*p.where, where_scope);
    check_no_aggregate(*p.where);
  }
  return bp;
}

// What an expression is known to produce before it runs: a value that is no graph element
// (a literal, a list or map literal, arithmetic), or anything.
VarType Binder::static_type(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Literal:
      return e.literal.is_null() ? VarType::Any : VarType::Value;
    case ExprKind::List:
    case ExprKind::Map:
    case ExprKind::ListComprehension:
      return VarType::Value;
    default:
      return VarType::Any;
  }
}

// `ORDER BY count(*)` or `ORDER BY n.name` when that is a projected item: use its value.
void Binder::replace_projected(ExprPtr& e, const Projection& p,
                               const std::vector<ExprPtr>& originals) {
  if (e->kind != ExprKind::Variable && e->kind != ExprKind::Literal)
    for (size_t i = 0; i < p.items.size(); ++i)
      if (same_syntax(*e, *originals[i])) {
        Pos pos = e->pos;
        std::string text = e->text;
        e = std::make_unique<Expr>(ExprKind::Variable, pos);
        e->name = p.items[i].alias;
        e->text = text;
        return;
      }
  for (auto& a : e->args)
    if (a) replace_projected(a, p, originals);
}

// The same expression as written (names, not slots: one of them may be unbound yet).
bool Binder::same_syntax(const Expr& a, const Expr& b) {
  if (a.kind != b.kind || a.op != b.op || a.name != b.name || a.name2 != b.name2 ||
      a.keys != b.keys || a.distinct != b.distinct || a.args.size() != b.args.size() ||
      !(a.literal == b.literal) || a.pattern != b.pattern)
    return false;
  for (size_t i = 0; i < a.args.size(); ++i) {
    if (!a.args[i] || !b.args[i]) {
      if (a.args[i] || b.args[i]) return false;
    } else if (!same_syntax(*a.args[i], *b.args[i])) {
      return false;
    }
  }
  return true;
}

// Whether an aggregating item uses only grouped values outside its aggregates.
bool Binder::grouped(const Expr& e, const Projection& p, const BoundProjection& bp) {
  if (e.kind == ExprKind::Slot || e.kind == ExprKind::Literal || e.kind == ExprKind::Parameter)
    return true;
  for (int k : bp.key_items)
    if (same_expr(e, *p.items[k].expr)) return true;
  if (e.kind == ExprKind::Variable) return false;
  for (const auto& a : e.args)
    if (a && !grouped(*a, p, bp)) return false;
  return true;
}

bool Binder::same_expr(const Expr& a, const Expr& b) {
  if (a.kind != b.kind || a.op != b.op || a.name != b.name || a.slot != b.slot ||
      a.keys != b.keys || a.args.size() != b.args.size() || !(a.literal == b.literal))
    return false;
  for (size_t i = 0; i < a.args.size(); ++i) {
    if (!a.args[i] || !b.args[i]) {
      if (a.args[i] || b.args[i]) return false;
    } else if (!same_expr(*a.args[i], *b.args[i])) {
      return false;
    }
  }
  return true;
}

void Binder::extract_aggregates(ExprPtr& e, std::vector<AggregateSpec>& out) {
  if (!e) return;
  if (is_aggregate(*e)) {
    for (const auto& a : e->args)
      if (a) check_no_aggregate(*a, "NestedAggregation");
    AggregateSpec spec;
    spec.name = e->kind == ExprKind::CountStar ? "count(*)" : ascii_lower(e->name);
    spec.slot = new_slot();
    Pos pos = e->pos;
    std::string text = e->text;
    spec.call = std::move(e);
    e = std::make_unique<Expr>(ExprKind::Slot, pos);
    e->slot = spec.slot;
    e->text = text;
    out.push_back(std::move(spec));
    return;
  }
  // Aggregates inside comprehensions would aggregate per element: not allowed.
  for (auto& a : e->args) extract_aggregates(a, out);
}

bool Binder::is_aggregate(const Expr& e) {
  return e.kind == ExprKind::CountStar ||
         (e.kind == ExprKind::Call && !e.fn && is_aggregate_name(ascii_lower(e.name)));
}

void Binder::check_no_aggregate(const Expr& e, const char* code) {
  walk(e, [&](const Expr& x) {
    if (is_aggregate(x)) fail(code, "an aggregate function is not allowed here", x.pos);
  });
}

void Binder::bind_constant(Expr& e) {
  Scope empty;
  walk(e, [&](const Expr& x) {
    if (x.kind == ExprKind::Variable)
      fail("NonConstantExpression", "SKIP and LIMIT take a constant, not '" + x.name + "'", x.pos);
  });
  bind_expr(e, empty);
  check_no_aggregate(e);
}

}  // namespace normgraph::query::bind
