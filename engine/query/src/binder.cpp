#include "binder.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "functions.hpp"
#include "normgraph/core/strings.hpp"
#include "normgraph/ontology/schema.hpp"
#include "normgraph/query/query.hpp"

namespace normgraph::query {

namespace {

struct VarInfo {
  int slot;
  VarType type;
};
using Scope = std::map<std::string, VarInfo, std::less<>>;

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

class Binder {
 public:
  Binder(BoundQuery& out, const ontology::Schema* schema) : out_(out), schema_(schema) {}

  void run() {
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

 private:
  int new_slot() { return next_slot_++; }

  // ---------------------------------------------------------------- clauses
  BoundQueryPart bind_part(SingleQuery& q) {
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

  static void check_clause_patterns(const Clause& c) {
    if (c.where) check_pattern_predicates(*c.where, true);
    if (c.projection.where) check_pattern_predicates(*c.projection.where, true);
    if (c.expr) check_pattern_predicates(*c.expr, false);
    for (const auto& item : c.projection.items) check_pattern_predicates(*item.expr, false);
    for (const auto& s : c.projection.order_by) check_pattern_predicates(*s.expr, false);
    for (const auto& item : c.set_items)
      if (item.value) check_pattern_predicates(*item.value, false);
  }

  void declare_new(Scope& scope, const std::string& name, VarType type, Pos p, int& slot) {
    if (scope.count(name))
      fail("VariableAlreadyBound", "variable '" + name + "' is already defined", p);
    slot = new_slot();
    scope[name] = {slot, type};
  }

  // A pattern variable: reuses a bound one of the same type, declares a new one otherwise.
  int pattern_var(Scope& scope, std::string& name, VarType type, Pos p) {
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

  void bind_pattern(std::vector<PatternPart>& parts, Scope& scope, bool creating) {
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

  void bind_props(Expr& props, const Scope& scope) {
    if (props.kind == ExprKind::Parameter) {
      bind_expr(props, scope);
      return;
    }
    for (auto& a : props.args) bind_expr(*a, scope);
  }

  void check_creatable(const RelPattern& r) {
    if (r.var_length)
      fail("CreatingVarLength", "CREATE cannot make a variable-length relationship", r.pos);
    if (r.types.size() != 1)
      fail("NoSingleRelationshipType", "CREATE needs exactly one relationship type", r.pos);
    if (r.dir == Direction::Both)
      fail("RequiresDirectedRelationship", "CREATE needs a direction (-> or <-)", r.pos);
  }

  void bind_match(Clause& c, Scope& scope) {
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

  // MERGE matches its pattern or creates all of it: the rules of CREATE for what it may
  // create (one type per relationship, no variable length), an undirected relationship is
  // created left to right.
  void bind_merge(Clause& c, Scope& scope) {
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

  void bind_create(Clause& c, Scope& scope) {
    std::set<std::string> declared;
    for (auto& part : c.pattern) {
      if (part.rels.empty() && !part.nodes[0].var.empty() && scope.count(part.nodes[0].var))
        fail("VariableAlreadyBound",
             "'" + part.nodes[0].var + "' exists; CREATE would not create it", part.nodes[0].pos);
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

  // ---------------------------------------------------------------- projections
  BoundProjection bind_projection(Projection& p, Scope& scope, bool is_with) {
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
  static VarType static_type(const Expr& e) {
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
  void replace_projected(ExprPtr& e, const Projection& p, const std::vector<ExprPtr>& originals) {
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
  static bool same_syntax(const Expr& a, const Expr& b) {
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
  bool grouped(const Expr& e, const Projection& p, const BoundProjection& bp) {
    if (e.kind == ExprKind::Slot || e.kind == ExprKind::Literal || e.kind == ExprKind::Parameter)
      return true;
    for (int k : bp.key_items)
      if (same_expr(e, *p.items[k].expr)) return true;
    if (e.kind == ExprKind::Variable) return false;
    for (const auto& a : e.args)
      if (a && !grouped(*a, p, bp)) return false;
    return true;
  }

  static bool same_expr(const Expr& a, const Expr& b) {
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

  void extract_aggregates(ExprPtr& e, std::vector<AggregateSpec>& out) {
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

  static bool is_aggregate(const Expr& e) {
    return e.kind == ExprKind::CountStar ||
           (e.kind == ExprKind::Call && !e.fn && is_aggregate_name(ascii_lower(e.name)));
  }

  void check_no_aggregate(const Expr& e, const char* code = "InvalidAggregation") {
    walk(e, [&](const Expr& x) {
      if (is_aggregate(x)) fail(code, "an aggregate function is not allowed here", x.pos);
    });
  }

  void bind_constant(Expr& e) {
    Scope empty;
    walk(e, [&](const Expr& x) {
      if (x.kind == ExprKind::Variable)
        fail("NonConstantExpression", "SKIP and LIMIT take a constant, not '" + x.name + "'",
             x.pos);
    });
    bind_expr(e, empty);
    check_no_aggregate(e);
  }

  // ---------------------------------------------------------------- expressions
  const VarInfo* lookup(const Scope& scope, const std::string& name) const {
    for (auto it = locals_.rbegin(); it != locals_.rend(); ++it)
      if (it->first == name) return &it->second;
    auto it = scope.find(name);
    return it == scope.end() ? nullptr : &it->second;
  }

  void bind_expr(Expr& e, const Scope& scope, bool allow_aggregates = false) {
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
  static void check_pattern_predicates(const Expr& e, bool predicate) {
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
  static void check_boolean_operand(const Expr& a) {
    bool wrong = (a.kind == ExprKind::Literal && !a.literal.is_null() &&
                  a.literal.type() != Value::Type::Bool) ||
                 a.kind == ExprKind::List || a.kind == ExprKind::Map;
    if (wrong) fail("InvalidArgumentType", "AND, OR, XOR and NOT take booleans", a.pos);
  }

  void bind_call(Expr& e, const Scope& scope, bool allow_aggregates) {
    std::string name = ascii_lower(e.name);
    if (is_aggregate_name(name)) {
      for (const auto& a : e.args) check_no_aggregate(*a, "NestedAggregation");
      if (!allow_aggregates)
        fail("InvalidAggregation", "aggregate " + e.name + "() is not allowed here", e.pos);
      size_t want = (name == "percentilecont" || name == "percentiledisc") ? 2 : 1;
      if (e.args.size() != want)
        fail("InvalidNumberOfArguments",
             e.name + "() takes " + std::to_string(want) + " argument(s)", e.pos);
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
    if (e.distinct)
      fail("InvalidArgumentPassingMode", "DISTINCT only applies to aggregates", e.pos);
    for (auto& a : e.args) bind_expr(*a, scope, allow_aggregates);
  }

  // A pattern inside an expression: bound variables are reused, new ones are local to it.
  void bind_subpattern(Expr& e, const Scope& scope) {
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

  void check_label(const std::string& label) {
    if (!schema_ || schema_->kind(label) || !warned_.insert("label:" + label).second) return;
    out_.warnings.push_back("label '" + label + "' is not a kind of the ontology");
  }
  // A node property no kind of the ontology declares (id, name, aliases and evidence every
  // node may have).
  void check_property(const std::string& key) {
    if (!schema_ || key == "id" || key == "name" || key == "aliases" || key == "evidence") return;
    for (const auto& kind : schema_->kinds())
      if (kind.property(key)) return;
    if (warned_.insert("property:" + key).second)
      out_.warnings.push_back("property '" + key + "' is not declared by any kind of the ontology");
  }
  void check_type(const std::string& type) {
    if (!schema_ || schema_->edge_type(type) || !warned_.insert("type:" + type).second) return;
    out_.warnings.push_back("relationship type '" + type + "' is not in the ontology");
  }

  BoundQuery& out_;
  const ontology::Schema* schema_;
  int next_slot_ = 0;
  std::vector<std::pair<std::string, VarInfo>> locals_;
  std::set<std::string> warned_;
};

}  // namespace

bool is_aggregate_name(std::string_view n) {
  return n == "count" || n == "sum" || n == "avg" || n == "min" || n == "max" || n == "collect" ||
         n == "stdev" || n == "stdevp" || n == "percentilecont" || n == "percentiledisc";
}

BoundQuery bind_query(QueryAst ast, const ontology::Schema* schema) {
  BoundQuery out;
  out.ast = std::move(ast);
  Binder(out, schema).run();
  return out;
}

}  // namespace normgraph::query
