#include "eval.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

#include "functions.hpp"
#include "matcher.hpp"
#include "temporal_functions.hpp"
#include "values.hpp"

namespace normgraph::query {

// The regular expressions of one query run, compiled once each. RE2 matches in time linear in
// the text and compiles within a memory cap; it has no backreferences or lookaround.
struct RegexCache {
  static constexpr size_t kMaxPatterns = 256;  // a pattern per row must not grow it unbounded
  static constexpr int64_t kMaxProgramBytes = int64_t{8} << 20;
  std::unordered_map<std::string, std::unique_ptr<const re2::RE2>> compiled;
};

// How deep a list or map nests (1 for anything else). Values a query builds never nest deeper
// than kMaxValueDepth, so this recursion, and the copies and destructors of values, are bounded.
namespace {
size_t value_depth(const Value& v) {
  size_t below = 0;
  if (v.type() == Value::Type::List)
    for (const Value& item : v.as_list()) below = std::max(below, value_depth(item));
  else if (v.type() == Value::Type::Map)
    for (const MapEntry& entry : v.as_map()) below = std::max(below, value_depth(entry.value));
  return below + 1;
}
}  // namespace

// An element about to go into a new list or map: `[acc]` in a reduce would otherwise nest a
// value 100,000 levels deep, and copying or freeing it would overflow the stack.
void check_element_depth(const Value& element, const Expr& e) {
  if (element.type() != Value::Type::List && element.type() != Value::Type::Map) return;
  if (value_depth(element) >= kMaxValueDepth)
    throw QueryError(
        "LimitExceeded", "ValueTooDeep", ErrorPhase::Runtime,
        "a list or map would nest more than " + std::to_string(kMaxValueDepth) + " levels deep",
        e.pos.line, e.pos.column);
}

// What a list, string or map costs the query's memory budget: its own storage, not what its
// elements hold (those were charged when they were built).
uint64_t shallow_size(const Value& v) {
  switch (v.type()) {
    case Value::Type::String:
      return v.as_string().size();
    case Value::Type::List:
      return v.as_list().size() * sizeof(Value);
    case Value::Type::Map:
      return v.as_map().size() * sizeof(MapEntry);
    case Value::Type::Path:
      return v.as_path().nodes.size() * 8;
    default:
      return 0;
  }
}

namespace {

[[noreturn]] void type_error(const std::string& code, const std::string& msg) {
  throw QueryError("TypeError", code, ErrorPhase::Runtime, msg);
}

[[noreturn]] void deleted_access() {
  throw QueryError("EntityNotFound", "DeletedEntityAccess", ErrorPhase::Runtime,
                   "the node or relationship was deleted earlier in this query");
}

[[gnu::noinline]] Value property_of(const Value& base, const std::string& key, ExecContext& ctx) {
  switch (base.type()) {
    case Value::Type::Null:
      return Value();
    case Value::Type::Node:
      if (!ctx.store.node_live(base.as_node())) deleted_access();
      return node_property(ctx.store, base.as_node(), key);
    case Value::Type::Edge:
      if (!ctx.store.edge_live(base.as_edge())) deleted_access();
      return edge_property(ctx.store, base.as_edge(), key);
    case Value::Type::Map:
      if (const Value* v = find_entry(base.as_map(), key)) return *v;
      return Value();
    case Value::Type::Temporal:
      return temporal_property(base.as_temporal(), key);
    default:
      type_error("InvalidArgumentType",
                 std::string("cannot read property '") + key + "' of " + type_name(base.type()));
  }
}

// A list index counted from the end when negative; nullopt when out of range.
std::optional<size_t> list_position(int64_t i, size_t size) {
  if (i < 0) i += static_cast<int64_t>(size);
  if (i < 0 || i >= static_cast<int64_t>(size)) return std::nullopt;
  return static_cast<size_t>(i);
}

[[gnu::noinline]] Value index_of(const Value& base, const Value& idx, ExecContext& ctx) {
  if (base.is_null() || idx.is_null()) return Value();
  if (base.type() == Value::Type::List) {
    if (idx.type() != Value::Type::Int)
      type_error("ListElementAccessByNonInteger", "a list index must be an integer");
    auto pos = list_position(idx.as_int(), base.as_list().size());
    return pos ? base.as_list()[*pos] : Value();
  }
  if (base.type() == Value::Type::Map || base.type() == Value::Type::Node ||
      base.type() == Value::Type::Edge) {
    if (idx.type() != Value::Type::String)
      type_error("MapElementAccessByNonString", "a map key must be a string");
    return property_of(base, idx.as_string(), ctx);
  }
  type_error("InvalidArgumentType", std::string("cannot index ") + type_name(base.type()));
}

[[gnu::noinline]] Value slice_of(const Value& base, const Value& from, const Value& to,
                                 bool has_from, bool has_to, QueryLimits& limits) {
  if (base.is_null() || (has_from && from.is_null()) || (has_to && to.is_null())) return Value();
  if (base.type() != Value::Type::List)
    type_error("InvalidArgumentType", std::string("cannot slice ") + type_name(base.type()));
  const auto& list = base.as_list();
  const int64_t n = static_cast<int64_t>(list.size());
  auto clamp = [&](const Value& v, int64_t dflt) {
    if (v.is_null()) return dflt;
    if (v.type() != Value::Type::Int)
      type_error("InvalidArgumentType", "a list slice bound must be an integer");
    int64_t i = v.as_int();
    if (i < 0) i += n;
    return std::clamp<int64_t>(i, 0, n);
  };
  int64_t a = has_from ? clamp(from, 0) : 0;
  int64_t b = has_to ? clamp(to, n) : n;
  if (b > a) limits.charge(static_cast<uint64_t>(b - a), sizeof(Value));
  ValueList out;
  for (int64_t i = a; i < b; ++i) out.push_back(list[i]);
  return out;
}

[[gnu::noinline]] Value string_predicate(Op op, const Value& a, const Value& b) {
  if (a.type() != Value::Type::String || b.type() != Value::Type::String) return Value();
  const std::string& s = a.as_string();
  const std::string& t = b.as_string();
  switch (op) {
    case Op::StartsWith:
      return s.compare(0, t.size(), t) == 0 && s.size() >= t.size();
    case Op::EndsWith:
      return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
    case Op::Contains:
      return s.find(t) != std::string::npos;
    default:
      break;
  }
  return Value();
}

// Java syntax that needs a backtracking engine: `\1`, `(?=`, `(?!`, `(?<=`, `(?<!`.
bool uses_backtracking_syntax(const std::string& pattern) {
  for (size_t i = 0; i + 1 < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (std::isdigit(static_cast<unsigned char>(pattern[i + 1]))) return true;
      ++i;  // an escaped character
    } else if (pattern.compare(i, 3, "(?=") == 0 || pattern.compare(i, 3, "(?!") == 0 ||
               pattern.compare(i, 4, "(?<=") == 0 || pattern.compare(i, 4, "(?<!") == 0) {
      return true;
    }
  }
  return false;
}

const re2::RE2& compiled_regex(const std::string& pattern, ExecContext& ctx) {
  if (!ctx.regexes) ctx.regexes = std::make_shared<RegexCache>();
  auto& compiled = ctx.regexes->compiled;
  if (auto it = compiled.find(pattern); it != compiled.end()) return *it->second;
  if (compiled.size() >= RegexCache::kMaxPatterns) compiled.clear();
  ctx.limits.charge(pattern.size(), 64);  // roughly what RE2 builds per pattern byte
  re2::RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(RegexCache::kMaxProgramBytes);
  auto re = std::make_unique<const re2::RE2>(pattern, options);
  if (!re->ok()) {
    std::string detail = re->error();
    if (re->error_code() == re2::RE2::ErrorPatternTooLarge)
      detail = "the pattern is too large";
    else if (uses_backtracking_syntax(pattern))
      detail += "; backreferences, lookahead and lookbehind are not supported (RE2 syntax)";
    throw QueryError("ArgumentError", "InvalidArgumentValue", ErrorPhase::Runtime,
                     "invalid regular expression '" + pattern + "': " + detail);
  }
  return *compiled.emplace(pattern, std::move(re)).first->second;
}

// `text =~ pattern`: the whole text matches (Java's String.matches).
[[gnu::noinline]] Value regex_match(const Value& a, const Value& b, ExecContext& ctx) {
  if (a.type() != Value::Type::String || b.type() != Value::Type::String) return Value();
  const re2::RE2& re = compiled_regex(b.as_string(), ctx);
  ctx.tick();
  return re2::RE2::FullMatch(a.as_string(), re);
}

// `+` over its operands, left to right; a list or string it builds is charged first.
[[gnu::noinline]] Value sum(const Expr& e, Row& row, ExecContext& ctx) {
  Value acc = evaluate(*e.args[0], row, ctx);
  for (size_t i = 1; i < e.args.size(); ++i) {
    Value next = evaluate(*e.args[i], row, ctx);
    const bool builds = acc.type() == Value::Type::List || next.type() == Value::Type::List ||
                        acc.type() == Value::Type::String || next.type() == Value::Type::String;
    if (builds) ctx.limits.charge(shallow_size(acc) + shallow_size(next) + sizeof(Value));
    ctx.tick();
    acc = add(acc, next);
  }
  return acc;
}

// AND, OR and XOR over their operands, left to right; AND stops at false, OR at true.
[[gnu::noinline]] Value logical(const Expr& e, Row& row, ExecContext& ctx) {
  Tri acc = truth(evaluate(*e.args[0], row, ctx));
  for (size_t i = 1; i < e.args.size(); ++i) {
    if (e.op == Op::And && acc == Tri::False) return false;
    if (e.op == Op::Or && acc == Tri::True) return true;
    ctx.tick();
    Tri next = truth(evaluate(*e.args[i], row, ctx));
    acc = e.op == Op::And  ? tri_and(acc, next)
          : e.op == Op::Or ? tri_or(acc, next)
                           : tri_xor(acc, next);
  }
  return to_value(acc);
}

[[gnu::noinline]] Value binary(const Expr& e, Row& row, ExecContext& ctx) {
  const Op op = e.op;
  if (op == Op::And || op == Op::Or || op == Op::Xor) return logical(e, row, ctx);
  if (op == Op::Add) return sum(e, row, ctx);
  Value a = evaluate(*e.args[0], row, ctx);
  Value b = evaluate(*e.args[1], row, ctx);
  switch (op) {
    case Op::Eq:
      return to_value(equals(a, b));
    case Op::Ne:
      return to_value(tri_not(equals(a, b)));
    case Op::Lt:
      return to_value(compare(a, b, CompareOp::Lt));
    case Op::Le:
      return to_value(compare(a, b, CompareOp::Le));
    case Op::Gt:
      return to_value(compare(a, b, CompareOp::Gt));
    case Op::Ge:
      return to_value(compare(a, b, CompareOp::Ge));
    case Op::Sub:
      return subtract(a, b);
    case Op::Mul:
      return multiply(a, b);
    case Op::Div:
      return divide(a, b);
    case Op::Mod:
      return modulo(a, b);
    case Op::Pow:
      return power(a, b);
    case Op::In:
      return to_value(in_list(a, b));
    case Op::StartsWith:
    case Op::EndsWith:
    case Op::Contains:
      return string_predicate(op, a, b);
    case Op::RegexMatch:
      return regex_match(a, b, ctx);
    default:
      break;
  }
  type_error("InvalidArgumentType", "unknown operator");
}

[[gnu::noinline]] Value unary(const Expr& e, Row& row, ExecContext& ctx) {
  Value a = evaluate(*e.args[0], row, ctx);
  switch (e.op) {
    case Op::Not:
      return to_value(tri_not(truth(a)));
    case Op::Neg:
      return negate(a);
    case Op::Plus:
      if (!a.is_null() && a.type() != Value::Type::Int && a.type() != Value::Type::Double)
        type_error("InvalidArgumentType", std::string("unary + of ") + type_name(a.type()));
      return a;
    case Op::IsNull:
      return a.is_null();
    case Op::IsNotNull:
      return !a.is_null();
    default:
      break;
  }
  type_error("InvalidArgumentType", "unknown operator");
}

[[gnu::noinline]] Value case_expr(const Expr& e, Row& row, ExecContext& ctx) {
  size_t i = 0;
  Value subject;
  if (e.has_subject) subject = evaluate(*e.args[i++], row, ctx);
  const size_t end = e.args.size() - (e.has_else ? 1 : 0);
  for (; i < end; i += 2) {
    Value when = evaluate(*e.args[i], row, ctx);
    bool hit = e.has_subject ? equals(subject, when) == Tri::True : truth(when) == Tri::True;
    if (hit) return evaluate(*e.args[i + 1], row, ctx);
  }
  return e.has_else ? evaluate(*e.args.back(), row, ctx) : Value();
}

const ValueList* list_arg(const Value& v, const char* what) {
  if (v.is_null()) return nullptr;
  if (v.type() != Value::Type::List)
    type_error("InvalidArgumentType",
               std::string(what) + " needs a list, not " + type_name(v.type()));
  return &v.as_list();
}

[[gnu::noinline]] Value list_comprehension(const Expr& e, Row& row, ExecContext& ctx) {
  Value list = evaluate(*e.args[0], row, ctx);
  const ValueList* items = list_arg(list, "a list comprehension");
  if (!items) return Value();
  ValueList out;
  for (const Value& item : *items) {
    ctx.tick();
    row[e.slot] = item;
    if (e.args[1] && !passes(*e.args[1], row, ctx)) continue;
    out.push_back(e.args[2] ? evaluate(*e.args[2], row, ctx) : item);
    check_element_depth(out.back(), e);
    ctx.limits.charge(sizeof(Value) + shallow_size(out.back()));
  }
  return out;
}

[[gnu::noinline]] Value quantifier(const Expr& e, Row& row, ExecContext& ctx) {
  Value list = evaluate(*e.args[0], row, ctx);
  const ValueList* items = list_arg(list, "a quantifier");
  if (!items) return Value();
  size_t trues = 0, nulls = 0;
  for (const Value& item : *items) {
    ctx.tick();
    row[e.slot] = item;
    Tri t = e.args[1] ? truth(evaluate(*e.args[1], row, ctx)) : Tri::Null;
    if (t == Tri::True) ++trues;
    if (t == Tri::Null) ++nulls;
  }
  const size_t falses = items->size() - trues - nulls;
  switch (e.op) {
    case Op::All:
      return falses ? Value(false) : nulls ? Value() : Value(true);
    case Op::Any:
      return trues ? Value(true) : nulls ? Value() : Value(false);
    case Op::None:
      return trues ? Value(false) : nulls ? Value() : Value(true);
    case Op::Single:
      if (trues > 1) return false;
      if (nulls) return Value();
      return trues == 1;
    default:
      break;
  }
  return Value();
}

[[gnu::noinline]] Value reduce(const Expr& e, Row& row, ExecContext& ctx) {
  Value acc = evaluate(*e.args[0], row, ctx);
  Value list = evaluate(*e.args[1], row, ctx);
  const ValueList* items = list_arg(list, "reduce");
  if (!items) return Value();
  for (const Value& item : *items) {
    ctx.tick();
    // The accumulator is copied into its slot each step: that copy is built memory too.
    ctx.limits.charge(shallow_size(acc));
    row[e.slot] = std::move(acc);
    row[e.slot2] = item;
    acc = evaluate(*e.args[2], row, ctx);
  }
  return acc;
}

const PatternPlan& subpattern_plan(const Expr& e, ExecContext& ctx) {
  if (!e.plan) {
    std::set<int> bound(e.pattern->outer_slots.begin(), e.pattern->outer_slots.end());
    const Expr* where = e.kind == ExprKind::Exists ? e.args[0].get() : nullptr;
    MatchOptions options;
    options.limits = &ctx.limits;
    e.plan = plan_pattern({e.pattern.get()}, where, bound, ctx.store, options);
  }
  return *e.plan;
}

// A pattern in an expression: true when it has a match (a null bound node: null).
[[gnu::noinline]] Value pattern_exists(const Expr& e, Row& row, ExecContext& ctx) {
  for (int slot : e.pattern->outer_slots)
    if (row[slot].is_null()) return Value();
  bool found = false;
  run_pattern(subpattern_plan(e, ctx), row, ctx, [&](Row&) {
    found = true;
    return false;
  });
  return found;
}

[[gnu::noinline]] Value pattern_comprehension(const Expr& e, Row& row, ExecContext& ctx) {
  for (int slot : e.pattern->outer_slots)
    if (row[slot].is_null()) return Value();
  ValueList out;
  run_pattern(subpattern_plan(e, ctx), row, ctx, [&](Row& r) {
    if (!e.args[0] || passes(*e.args[0], r, ctx)) {
      out.push_back(evaluate(*e.args[1], r, ctx));
      check_element_depth(out.back(), e);
      ctx.limits.charge(sizeof(Value) + shallow_size(out.back()));
    }
    return true;
  });
  return out;
}

[[gnu::noinline]] Value has_labels(const Expr& e, Row& row, ExecContext& ctx) {
  Value v = evaluate(*e.args[0], row, ctx);
  if (v.is_null()) return Value();
  if (v.type() != Value::Type::Node)
    type_error("InvalidArgumentType",
               std::string("a label check needs a node, not ") + type_name(v.type()));
  for (const auto& label : e.keys) {
    auto sym = ctx.store.strings().find(label);
    if (!sym || !ctx.store.node_has_label(v.as_node(), *sym)) return false;
  }
  return true;
}

[[gnu::noinline]] Value map_projection(const Expr& e, Row& row, ExecContext& ctx) {
  const Value& base = row[e.slot];
  if (base.is_null()) return Value();
  ValueMap out;
  auto put = [&](const std::string& key, Value v) {
    for (auto& entry : out)
      if (entry.key == key) {
        entry.value = std::move(v);
        return;
      }
    out.push_back({key, std::move(v)});
  };
  for (size_t i = 0; i < e.keys.size(); ++i) {
    switch (e.map_items[i]) {
      case MapItem::Property:
        put(e.keys[i], property_of(base, e.keys[i], ctx));
        break;
      case MapItem::AllProperties: {
        ValueMap all = base.type() == Value::Type::Node ? node_properties(ctx.store, base.as_node())
                       : base.type() == Value::Type::Edge
                           ? edge_properties(ctx.store, base.as_edge())
                       : base.type() == Value::Type::Map ? base.as_map()
                                                         : ValueMap();
        for (auto& entry : all) put(entry.key, std::move(entry.value));
        break;
      }
      case MapItem::Literal:
      case MapItem::Variable: {
        Value v = evaluate(*e.args[i], row, ctx);
        check_element_depth(v, e);
        put(e.keys[i], std::move(v));
        break;
      }
    }
  }
  return out;
}

// `{k: v, ...}`; a repeated key keeps its last value. Keys are found through an index, so a
// literal with 50,000 keys is not quadratic.
[[gnu::noinline]] Value map_literal(const Expr& e, Row& row, ExecContext& ctx) {
  ctx.limits.charge(e.args.size(), sizeof(MapEntry));
  ValueMap out;
  out.reserve(e.args.size());
  std::unordered_map<std::string_view, size_t> position;
  for (size_t i = 0; i < e.args.size(); ++i) {
    ctx.tick();
    Value v = evaluate(*e.args[i], row, ctx);
    check_element_depth(v, e);
    auto [it, added] = position.emplace(e.keys[i], out.size());
    if (added)
      out.push_back({e.keys[i], std::move(v)});
    else
      out[it->second].value = std::move(v);
  }
  return out;
}

[[gnu::noinline]] Value call(const Expr& e, Row& row, ExecContext& ctx) {
  // Reading a deleted element's labels, type or properties is an error.
  static const std::set<std::string_view> kElementReaders = {"labels", "keys", "properties",
                                                             "type"};
  if (e.fn && e.args.size() == 1 && kElementReaders.count(e.fn->name)) {
    Value v = evaluate(*e.args[0], row, ctx);
    if ((v.type() == Value::Type::Node && !ctx.store.node_live(v.as_node())) ||
        (v.type() == Value::Type::Edge && !ctx.store.edge_live(v.as_edge())))
      deleted_access();
    return e.fn->eval(std::span<const Value>(&v, 1), ctx.functions());
  }
  if (!e.fn) {  // exists(n.prop) or exists((a)-->())
    Value v = evaluate(*e.args[0], row, ctx);
    if (e.args[0]->kind == ExprKind::PatternPredicate) return v;
    return !v.is_null();
  }
  Value small[3];
  std::vector<Value> many;
  std::span<const Value> args;
  if (e.args.size() <= 3) {
    for (size_t i = 0; i < e.args.size(); ++i) small[i] = evaluate(*e.args[i], row, ctx);
    args = std::span<const Value>(small, e.args.size());
  } else {
    for (const auto& a : e.args) many.push_back(evaluate(*a, row, ctx));
    args = many;
  }
  Value result = e.fn->eval(args, ctx.functions());
  ctx.limits.charge(shallow_size(result));
  return result;
}

}  // namespace

Value evaluate(const Expr& e, Row& row, ExecContext& ctx) {
  switch (e.kind) {
    case ExprKind::Literal:
      return e.literal;
    case ExprKind::Parameter: {
      const Value* v = find_entry(ctx.params, e.name);
      if (!v)
        throw QueryError("ParameterMissing", "MissingParameter", ErrorPhase::Compile,
                         "parameter $" + e.name + " has no value", e.pos.line, e.pos.column);
      return *v;
    }
    case ExprKind::Variable:
    case ExprKind::Slot:
      return row[e.slot];
    case ExprKind::Property:
      return property_of(evaluate(*e.args[0], row, ctx), e.name, ctx);
    case ExprKind::Index:
      return index_of(evaluate(*e.args[0], row, ctx), evaluate(*e.args[1], row, ctx), ctx);
    case ExprKind::Slice:
      return slice_of(evaluate(*e.args[0], row, ctx),
                      e.args[1] ? evaluate(*e.args[1], row, ctx) : Value(),
                      e.args[2] ? evaluate(*e.args[2], row, ctx) : Value(), e.args[1] != nullptr,
                      e.args[2] != nullptr, ctx.limits);
    case ExprKind::List: {
      ctx.limits.charge(e.args.size(), sizeof(Value));
      ValueList out;
      out.reserve(e.args.size());
      for (const auto& a : e.args) {
        out.push_back(evaluate(*a, row, ctx));
        check_element_depth(out.back(), e);
      }
      return out;
    }
    case ExprKind::Map:
      return map_literal(e, row, ctx);
    case ExprKind::Call:
      return call(e, row, ctx);
    case ExprKind::CountStar:
      break;
    case ExprKind::Unary:
      return unary(e, row, ctx);
    case ExprKind::Binary:
      return binary(e, row, ctx);
    case ExprKind::Case:
      return case_expr(e, row, ctx);
    case ExprKind::ListComprehension:
      return list_comprehension(e, row, ctx);
    case ExprKind::Quantifier:
      return quantifier(e, row, ctx);
    case ExprKind::Reduce:
      return reduce(e, row, ctx);
    case ExprKind::PatternPredicate:
    case ExprKind::Exists:
      return pattern_exists(e, row, ctx);
    case ExprKind::PatternComprehension:
      return pattern_comprehension(e, row, ctx);
    case ExprKind::HasLabels:
      return has_labels(e, row, ctx);
    case ExprKind::MapProjection:
      return map_projection(e, row, ctx);
  }
  throw QueryError("SyntaxError", "InvalidAggregation", ErrorPhase::Compile,
                   "an aggregate outside a projection", e.pos.line, e.pos.column);
}

bool passes(const Expr& e, Row& row, ExecContext& ctx) {
  return truth(evaluate(e, row, ctx)) == Tri::True;
}

}  // namespace normgraph::query
