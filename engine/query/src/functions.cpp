#include "functions.hpp"
#include "temporal_functions.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numbers>
#include <optional>
#include <random>

#include "normgraph/core/strings.hpp"
#include "normgraph/query/query.hpp"
#include "values.hpp"

namespace normgraph::query {

using Type = Value::Type;

namespace {

using Args = std::span<const Value>;
using Ctx = FunctionContext;

// ---- errors

std::string article(Type t) {
  std::string name = type_name(t);
  return (std::string_view("aeiou").find(name[0]) != std::string_view::npos ? "an " : "a ") + name;
}

// A value of a type the function does not take at all.
[[noreturn]] void wrong_type(std::string_view fn, const Value& v, std::string_view expected) {
  throw QueryError(
      "TypeError", "InvalidArgumentType", ErrorPhase::Runtime,
      std::string(fn) + "() expects " + std::string(expected) + " but got " + article(v.type()));
}

// The conversion functions report a value they cannot convert as InvalidArgumentValue
// (TCK TypeConversion1-4, "Fail ... on invalid types").
[[noreturn]] void unconvertible(std::string_view fn, const Value& v) {
  throw QueryError("TypeError", "InvalidArgumentValue", ErrorPhase::Runtime,
                   std::string(fn) + "() cannot convert " + article(v.type()));
}

[[noreturn]] void out_of_range(const std::string& message) {
  throw QueryError("ArgumentError", "NumberOutOfRange", ErrorPhase::Runtime, message);
}

// ---- argument access

bool any_null(Args a) {
  return std::any_of(a.begin(), a.end(), [](const Value& v) { return v.is_null(); });
}

const std::string& string_arg(std::string_view fn, const Value& v) {
  if (v.type() != Type::String) wrong_type(fn, v, "a string");
  return v.as_string();
}

int64_t int_arg(std::string_view fn, const Value& v) {
  if (v.type() != Type::Int) wrong_type(fn, v, "an integer");
  return v.as_int();
}

double number_arg(std::string_view fn, const Value& v) {
  if (v.type() == Type::Int) return static_cast<double>(v.as_int());
  if (v.type() != Type::Double) wrong_type(fn, v, "a number");
  return v.as_double();
}

const ValueList& list_arg(std::string_view fn, const Value& v) {
  if (v.type() != Type::List) wrong_type(fn, v, "a list");
  return v.as_list();
}

const PathValue& path_arg(std::string_view fn, const Value& v) {
  if (v.type() != Type::Path) wrong_type(fn, v, "a path");
  return v.as_path();
}

uint32_t edge_arg(std::string_view fn, const Value& v) {
  if (v.type() != Type::Edge) wrong_type(fn, v, "a relationship");
  return v.as_edge();
}

// ---- UTF-8: string functions count characters (code points), not bytes

bool continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The byte offset where each character starts, then the string's size.
// Counted and sliced by scanning: an index of every character would cost eight bytes per
// byte of a text that may be as large as the query's memory budget.
size_t char_count(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return !continuation_byte(c); }));
}

// The byte offset of character `index` (the size of s past its last character).
size_t char_offset(std::string_view s, size_t index) {
  size_t seen = 0;
  for (size_t i = 0; i < s.size(); ++i)
    if (!continuation_byte(s[i]) && seen++ == index) return i;
  return s.size();
}

// Characters [from, from + count) of s, clamped to its end.
std::string char_slice(std::string_view s, size_t from, size_t count) {
  size_t begin = char_offset(s, from);
  std::string_view rest = s.substr(begin);
  return std::string(rest.substr(0, char_offset(rest, count)));
}

// One string per character: some 40 bytes each, so the query's budget must have room first.
std::vector<std::string> characters(std::string_view s, const QueryLimits& limits) {
  limits.check_room(char_count(s), sizeof(std::string) + sizeof(Value));
  std::vector<std::string> out;
  for (size_t i = char_offset(s, 0); i < s.size();) {
    size_t next = i + 1;
    while (next < s.size() && continuation_byte(s[next])) ++next;
    out.emplace_back(s.substr(i, next - i));
    i = next;
  }
  return out;
}

bool is_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  return s;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// ---- number parsing, as Java's Long.parseLong and Double.parseDouble (which Neo4j uses)

std::optional<int64_t> parse_int(std::string_view s) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  int64_t v;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<double> parse_double(std::string_view text) {
  std::string_view s = trim_right(trim_left(text));
  bool negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (s == "Infinity")
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  // from_chars would also read "inf" and "nan", which Java does not.
  if (s.empty() || !(std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '.'))
    return std::nullopt;
  double v;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return negative ? -v : v;
}

// A float as an integer, truncated toward zero; nullopt when no integer has its value.
std::optional<int64_t> truncate_double(double d) {
  if (!(d > -9223372036854775809.0 && d < 9223372036854775808.0)) return std::nullopt;
  return static_cast<int64_t>(d);
}

// ---- conversions: nullopt means "cannot convert this type"; a null Value is an answer

std::optional<Value> convert_to_string(const Value& v) {
  switch (v.type()) {
    case Type::Null:
    case Type::String:
      return v;
    case Type::Bool:
      return Value(v.as_bool() ? "true" : "false");
    case Type::Int:
      return Value(std::to_string(v.as_int()));
    case Type::Double:
      return Value(format_double(v.as_double()));
    case Type::Temporal:
      return Value(format_temporal(v.as_temporal()));
    default:
      return std::nullopt;
  }
}

std::optional<Value> convert_to_integer(const Value& v) {
  switch (v.type()) {
    case Type::Null:
    case Type::Int:
      return v;
    case Type::Bool:  // Neo4j 5: toInteger(true) = 1; the TCK lists no boolean failure
      return Value(int64_t{v.as_bool()});
    case Type::Double: {
      auto i = truncate_double(v.as_double());
      if (!i) out_of_range("cannot convert " + format_double(v.as_double()) + " to an integer");
      return Value(*i);
    }
    case Type::String: {  // '2.9' -> 2 (TCK TypeConversion2 [5]); unparseable -> null
      std::string_view s = trim_right(trim_left(v.as_string()));
      if (auto i = parse_int(s)) return Value(*i);
      auto d = parse_double(s);
      auto i = d ? truncate_double(*d) : std::nullopt;
      return i ? Value(*i) : Value();
    }
    default:
      return std::nullopt;
  }
}

std::optional<Value> convert_to_float(const Value& v) {
  switch (v.type()) {
    case Type::Null:
    case Type::Double:
      return v;
    case Type::Int:
      return Value(static_cast<double>(v.as_int()));
    case Type::String: {
      auto d = parse_double(v.as_string());
      return d ? Value(*d) : Value();
    }
    default:  // booleans too (TCK TypeConversion3 [6])
      return std::nullopt;
  }
}

std::string ascii_upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::optional<Value> convert_to_boolean(const Value& v) {
  switch (v.type()) {
    case Type::Null:
    case Type::Bool:
      return v;
    case Type::Int:  // Neo4j 5: 0 is false, anything else true; the TCK lists no integer failure
      return Value(v.as_int() != 0);
    case Type::String: {  // 'true'/'false' in any case, else null (TCK TypeConversion1 [4])
      std::string s = ascii_lower(std::string(trim_right(trim_left(v.as_string()))));
      if (s == "true") return Value(true);
      if (s == "false") return Value(false);
      return Value();
    }
    default:  // floats, lists, maps, graph elements (TCK TypeConversion1 [5])
      return std::nullopt;
  }
}

template <std::optional<Value> (*Convert)(const Value&)>
Value strict(std::string_view fn, Args a) {
  auto r = Convert(a[0]);
  if (!r) unconvertible(fn, a[0]);
  return std::move(*r);
}

template <std::optional<Value> (*Convert)(const Value&)>
Value or_null(Args a) {
  return Convert(a[0]).value_or(Value());
}

// ---- graph functions

Value fn_id(Args a, const Ctx&) {
  const Value& v = a[0];
  if (v.is_null()) return {};
  if (v.type() == Type::Node) return int64_t{v.as_node()};
  if (v.type() == Type::Edge) return int64_t{v.as_edge()};
  wrong_type("id", v, "a node or relationship");
}

Value fn_labels(Args a, const Ctx& ctx) {
  if (a[0].is_null()) return {};
  if (a[0].type() != Type::Node) wrong_type("labels", a[0], "a node");
  ValueList out;
  for (std::string_view l : ctx.store.node_labels(a[0].as_node())) out.emplace_back(l);
  return out;
}

Value fn_type(Args a, const Ctx& ctx) {
  if (a[0].is_null()) return {};
  return ctx.store.edge_type_name(ctx.store.edge_ends(edge_arg("type", a[0])).type);
}

// The properties of a node, relationship or map; nullopt for other types.
std::optional<ValueMap> property_map(const Value& v, const GraphStore& store) {
  if (v.type() == Type::Node) return node_properties(store, v.as_node());
  if (v.type() == Type::Edge) return edge_properties(store, v.as_edge());
  if (v.type() == Type::Map) return v.as_map();
  return std::nullopt;
}

Value fn_properties(Args a, const Ctx& ctx) {
  if (a[0].is_null()) return {};
  auto m = property_map(a[0], ctx.store);
  if (!m) wrong_type("properties", a[0], "a node, relationship or map");
  return std::move(*m);
}

Value fn_keys(Args a, const Ctx& ctx) {
  if (a[0].is_null()) return {};
  auto m = property_map(a[0], ctx.store);
  if (!m) wrong_type("keys", a[0], "a node, relationship or map");
  ValueList out;
  for (const auto& e : *m) out.emplace_back(e.key);
  return out;
}

Value fn_start_node(Args a, const Ctx& ctx) {
  if (a[0].is_null()) return {};
  return NodeRef{ctx.store.edge_ends(edge_arg("startNode", a[0])).source};
}

Value fn_end_node(Args a, const Ctx& ctx) {
  if (a[0].is_null()) return {};
  return NodeRef{ctx.store.edge_ends(edge_arg("endNode", a[0])).target};
}

Value fn_nodes(Args a, const Ctx&) {
  if (a[0].is_null()) return {};
  ValueList out;
  for (uint32_t n : path_arg("nodes", a[0]).nodes) out.emplace_back(NodeRef{n});
  return out;
}

Value fn_relationships(Args a, const Ctx&) {
  if (a[0].is_null()) return {};
  ValueList out;
  for (uint32_t e : path_arg("relationships", a[0]).edges) out.emplace_back(EdgeRef{e});
  return out;
}

// Paths only, as in Neo4j 5 (size() measures strings and lists).
Value fn_length(Args a, const Ctx&) {
  if (a[0].is_null()) return {};
  return static_cast<int64_t>(path_arg("length", a[0]).edges.size());
}

// ---- list functions

Value fn_coalesce(Args a, const Ctx&) {
  for (const auto& v : a)
    if (!v.is_null()) return v;
  return {};
}

Value fn_head(Args a, const Ctx&) {
  if (a[0].is_null()) return {};
  const auto& l = list_arg("head", a[0]);
  return l.empty() ? Value() : l.front();
}

Value fn_last(Args a, const Ctx&) {
  if (a[0].is_null()) return {};
  const auto& l = list_arg("last", a[0]);
  return l.empty() ? Value() : l.back();
}

Value fn_tail(Args a, const Ctx&) {
  if (a[0].is_null()) return {};
  const auto& l = list_arg("tail", a[0]);
  return l.empty() ? ValueList() : ValueList(l.begin() + 1, l.end());
}

Value fn_size(Args a, const Ctx&) {
  const Value& v = a[0];
  if (v.is_null()) return {};
  if (v.type() == Type::String) return static_cast<int64_t>(char_count(v.as_string()));
  return static_cast<int64_t>(list_arg("size", v).size());
}

// range()'s bounds must be integers; the TCK calls a wrong type an ArgumentError (List11 [5]).
int64_t range_arg(const Value& v) {
  if (v.type() != Type::Int)
    throw QueryError("ArgumentError", "InvalidArgumentType", ErrorPhase::Runtime,
                     "range() expects integers but got " + article(v.type()));
  return v.as_int();
}

// A limit on the list range() builds, so that a typo cannot exhaust memory.
constexpr __int128 kMaxRangeSize = 100'000'000;

Value fn_range(Args a, const Ctx& ctx) {
  if (any_null(a)) return {};
  int64_t start = range_arg(a[0]), end = range_arg(a[1]);
  int64_t step = a.size() > 2 ? range_arg(a[2]) : 1;
  if (step == 0) out_of_range("range() step must not be zero");
  __int128 span = static_cast<__int128>(end) - start;
  if ((span < 0) != (step < 0) && span != 0) return ValueList();
  __int128 count = span / step + 1;
  if (count > kMaxRangeSize) out_of_range("range() would have more than 100000000 elements");
  ctx.limits.check_room(static_cast<uint64_t>(count), sizeof(Value));
  ValueList out;
  out.reserve(static_cast<size_t>(count));
  for (__int128 i = 0; i < count; ++i) {
    ctx.limits.tick();
    out.emplace_back(static_cast<int64_t>(start + i * step));
  }
  return out;
}

Value fn_reverse(Args a, const Ctx& ctx) {
  const Value& v = a[0];
  if (v.is_null()) return {};
  if (v.type() == Type::String) {
    auto chars = characters(v.as_string(), ctx.limits);
    std::string out;
    for (auto it = chars.rbegin(); it != chars.rend(); ++it) out += *it;
    return out;
  }
  const auto& l = list_arg("reverse", v);
  return ValueList(l.rbegin(), l.rend());
}

// ---- conversion functions

Value fn_to_string(Args a, const Ctx&) {
  return strict<convert_to_string>("toString", a);
}
Value fn_to_integer(Args a, const Ctx&) {
  return strict<convert_to_integer>("toInteger", a);
}
Value fn_to_float(Args a, const Ctx&) {
  return strict<convert_to_float>("toFloat", a);
}
Value fn_to_boolean(Args a, const Ctx&) {
  return strict<convert_to_boolean>("toBoolean", a);
}
Value fn_to_string_or_null(Args a, const Ctx&) {
  return or_null<convert_to_string>(a);
}
Value fn_to_float_or_null(Args a, const Ctx&) {
  return or_null<convert_to_float>(a);
}
Value fn_to_boolean_or_null(Args a, const Ctx&) {
  return or_null<convert_to_boolean>(a);
}
Value fn_to_integer_or_null(Args a, const Ctx&) {
  try {  // a float beyond the integers is an error for toInteger, null here
    return or_null<convert_to_integer>(a);
  } catch (const QueryError&) {
    return {};
  }
}

// ---- string functions

Value fn_to_upper(Args a, const Ctx&) {
  if (a[0].is_null()) return {};
  return ascii_upper(string_arg("toUpper", a[0]));
}

Value fn_to_lower(Args a, const Ctx&) {
  if (a[0].is_null()) return {};
  return ascii_lower(string_arg("toLower", a[0]));
}

Value fn_trim(Args a, const Ctx&) {
  if (a[0].is_null()) return {};
  return trim_right(trim_left(string_arg("trim", a[0])));
}

Value fn_ltrim(Args a, const Ctx&) {
  if (a[0].is_null()) return {};
  return trim_left(string_arg("ltrim", a[0]));
}

Value fn_rtrim(Args a, const Ctx&) {
  if (a[0].is_null()) return {};
  return trim_right(string_arg("rtrim", a[0]));
}

// An empty search string matches between every two characters, as Java's String.replace.
// The result's size is known before it is built: a small text can grow quadratically
// (replace(x, 'a', x)), so it must fit the query's memory budget first.
std::string replace_all(const std::string& s, const std::string& from, const std::string& to,
                        QueryLimits& limits) {
  if (from.empty()) {
    auto chars = characters(s, limits);
    limits.check_room(s.size() + (chars.size() + 1) * to.size(), 1);
    std::string out = to;
    for (const auto& c : chars) {
      limits.tick();
      out += c + to;
    }
    return out;
  }
  uint64_t hits = 0;
  for (size_t hit = s.find(from); hit != std::string::npos; hit = s.find(from, hit + from.size()))
    ++hits;
  limits.check_room(s.size() + hits * to.size(), 1);
  std::string out;
  size_t pos = 0;
  for (size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size()) {
    limits.tick();
    out.append(s, pos, hit - pos).append(to);
  }
  return out.append(s, pos);
}

Value fn_replace(Args a, const Ctx& ctx) {
  if (any_null(a)) return {};
  return replace_all(string_arg("replace", a[0]), string_arg("replace", a[1]),
                     string_arg("replace", a[2]), ctx.limits);
}

int64_t non_negative(std::string_view fn, const Value& v) {
  int64_t n = int_arg(fn, v);
  if (n < 0)
    out_of_range(std::string(fn) + "() expects a non-negative integer, got " + std::to_string(n));
  return n;
}

Value fn_substring(Args a, const Ctx&) {
  if (any_null(a)) return {};
  const auto& s = string_arg("substring", a[0]);
  auto start = static_cast<size_t>(non_negative("substring", a[1]));
  size_t length = a.size() > 2 ? static_cast<size_t>(non_negative("substring", a[2])) : SIZE_MAX;
  return char_slice(s, start, length);
}

Value fn_left(Args a, const Ctx&) {
  if (any_null(a)) return {};
  const auto& s = string_arg("left", a[0]);
  return char_slice(s, 0, static_cast<size_t>(non_negative("left", a[1])));
}

Value fn_right(Args a, const Ctx&) {
  if (any_null(a)) return {};
  const auto& s = string_arg("right", a[0]);
  auto n = static_cast<size_t>(non_negative("right", a[1]));
  size_t chars = char_count(s);
  return char_slice(s, chars - std::min(n, chars), n);
}

// The delimiters of split(): one string or a list of strings (Neo4j 5).
std::vector<std::string> delimiters(const Value& v) {
  if (v.type() == Type::String) return {v.as_string()};
  std::vector<std::string> out;
  for (const auto& d : list_arg("split", v)) out.push_back(string_arg("split", d));
  return out;
}

// Splits at every occurrence of any delimiter, keeping empty pieces; an empty delimiter splits
// into characters.
// Each piece is a Value of its own: a text split into characters grows some 50 times, so the
// pieces are charged as they are made.
ValueList split_text(const std::string& s, const std::vector<std::string>& delims,
                     QueryLimits& limits) {
  if (std::any_of(delims.begin(), delims.end(), [](auto& d) { return d.empty(); })) {
    ValueList out;
    for (auto& c : characters(s, limits)) {
      limits.charge(sizeof(Value) + c.size());
      limits.tick();
      out.emplace_back(std::move(c));
    }
    return out;
  }
  ValueList out;
  size_t piece = 0, pos = 0;
  while (pos < s.size()) {
    limits.tick();
    auto hit = std::find_if(delims.begin(), delims.end(),
                            [&](const std::string& d) { return s.compare(pos, d.size(), d) == 0; });
    if (hit == delims.end()) {
      ++pos;
      continue;
    }
    limits.charge(sizeof(Value) + (pos - piece));
    out.emplace_back(s.substr(piece, pos - piece));
    pos += hit->size();
    piece = pos;
  }
  out.emplace_back(s.substr(piece));
  return out;
}

Value fn_split(Args a, const Ctx& ctx) {
  if (any_null(a)) return {};
  return split_text(string_arg("split", a[0]), delimiters(a[1]), ctx.limits);
}

// ---- mathematical functions

Value unary_math(Args a, std::string_view fn, double (*f)(double)) {
  if (a[0].is_null()) return {};
  return f(number_arg(fn, a[0]));
}

Value fn_abs(Args a, const Ctx&) {
  const Value& v = a[0];
  if (v.is_null()) return {};
  if (v.type() != Type::Int) return std::fabs(number_arg("abs", v));
  if (v.as_int() == std::numeric_limits<int64_t>::min())
    out_of_range("integer overflow in abs(" + std::to_string(v.as_int()) + ")");
  return v.as_int() < 0 ? -v.as_int() : v.as_int();
}

Value fn_sign(Args a, const Ctx&) {
  const Value& v = a[0];
  if (v.is_null()) return {};
  if (v.type() == Type::Int) return int64_t{(v.as_int() > 0) - (v.as_int() < 0)};
  double d = number_arg("sign", v);
  return int64_t{(d > 0) - (d < 0)};  // NaN: 0, as Neo4j's (long) Math.signum(NaN)
}

// Java's Math.round: halves round up (toward positive infinity), so round(-2.5) is -2.
double round_half_up(double x) {
  if (!std::isfinite(x)) return x;
  double down = std::floor(x);
  return x - down >= 0.5 ? down + 1 : down;
}

enum class RoundingMode : uint8_t {
  Up,
  Down,
  Ceiling,
  Floor,
  HalfUp,
  HalfDown,
  HalfEven,
  Unnecessary
};

RoundingMode rounding_mode(const Value& v) {
  static constexpr std::pair<std::string_view, RoundingMode> kModes[] = {
      {"up", RoundingMode::Up},
      {"down", RoundingMode::Down},
      {"ceiling", RoundingMode::Ceiling},
      {"floor", RoundingMode::Floor},
      {"half_up", RoundingMode::HalfUp},
      {"half_down", RoundingMode::HalfDown},
      {"half_even", RoundingMode::HalfEven},
      {"unnecessary", RoundingMode::Unnecessary}};
  std::string name = ascii_lower(string_arg("round", v));
  for (auto [n, m] : kModes)
    if (n == name) return m;
  throw QueryError("ArgumentError", "InvalidArgumentValue", ErrorPhase::Runtime,
                   "round() does not know the rounding mode '" + v.as_string() + "'");
}

// Whether dropping digits moves the kept number one unit away from zero. `first` is the first
// dropped digit, `rest` whether any later dropped digit is not zero, `odd` the parity of the
// last kept digit.
bool rounds_away(RoundingMode mode, bool negative, int first, bool rest, bool odd) {
  bool inexact = first > 0 || rest;
  switch (mode) {
    case RoundingMode::Up:
      return inexact;
    case RoundingMode::Down:
      return false;
    case RoundingMode::Ceiling:
      return inexact && !negative;
    case RoundingMode::Floor:
      return inexact && negative;
    case RoundingMode::HalfUp:
      return first >= 5;
    case RoundingMode::HalfDown:
      return first > 5 || (first == 5 && rest);
    case RoundingMode::HalfEven:
      return first > 5 || (first == 5 && (rest || odd));
    case RoundingMode::Unnecessary:
      if (inexact)
        throw QueryError("ArgumentError", "InvalidArgumentValue", ErrorPhase::Runtime,
                         "round() with mode UNNECESSARY would have to round");
      return false;
  }
  return false;
}

// Rounds to `precision` decimal places the way Neo4j does (BigDecimal.valueOf(x).setScale):
// on the shortest decimal digits of x, so 2.675 rounds to 2.68 with HALF_UP.
double round_decimal(double x, int64_t precision, RoundingMode mode) {
  if (!std::isfinite(x) || x == 0) return x;
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(x), std::chars_format::scientific);
  std::string_view sci(buf, res.ptr - buf);
  size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c != '.') digits += c;
  int64_t exponent = std::atoll(std::string(sci.substr(e + 1)).c_str());
  // |x| = digits * 10^(exponent + 1 - digits.size()); keep the digits down to 10^-precision.
  int64_t keep = exponent + 1 + precision;
  if (keep >= static_cast<int64_t>(digits.size())) return x;
  std::string kept = keep > 0 ? digits.substr(0, keep) : "0";
  int first = keep >= 0 ? digits[keep] - '0' : 0;
  bool rest = digits.find_first_not_of('0', keep >= 0 ? keep + 1 : 0) != std::string::npos;
  bool odd = (kept.back() - '0') % 2 == 1;
  if (rounds_away(mode, x < 0, first, rest, odd)) {
    size_t i = kept.size();
    while (i > 0 && kept[i - 1] == '9') kept[--i] = '0';
    if (i == 0)
      kept.insert(kept.begin(), '1');
    else
      ++kept[i - 1];
  }
  std::string text = kept + "e" + std::to_string(-precision);
  double out = std::strtod(text.c_str(), nullptr);
  return x < 0 ? -out : out;
}

Value fn_round(Args a, const Ctx&) {
  if (any_null(a)) return {};
  double x = number_arg("round", a[0]);
  if (a.size() == 1) return round_half_up(x);
  int64_t precision = int_arg("round", a[1]);
  RoundingMode mode = a.size() > 2 ? rounding_mode(a[2]) : RoundingMode::HalfUp;
  return round_decimal(x, precision, mode);
}

Value fn_atan2(Args a, const Ctx&) {
  if (any_null(a)) return {};
  return std::atan2(number_arg("atan2", a[0]), number_arg("atan2", a[1]));
}

// clang-format off
Value fn_ceil(Args a, const Ctx&) { return unary_math(a, "ceil", [](double x) { return std::ceil(x); }); }
Value fn_floor(Args a, const Ctx&) { return unary_math(a, "floor", [](double x) { return std::floor(x); }); }
Value fn_sqrt(Args a, const Ctx&) { return unary_math(a, "sqrt", [](double x) { return std::sqrt(x); }); }
Value fn_exp(Args a, const Ctx&) { return unary_math(a, "exp", [](double x) { return std::exp(x); }); }
Value fn_log(Args a, const Ctx&) { return unary_math(a, "log", [](double x) { return std::log(x); }); }
Value fn_log10(Args a, const Ctx&) { return unary_math(a, "log10", [](double x) { return std::log10(x); }); }
Value fn_sin(Args a, const Ctx&) { return unary_math(a, "sin", [](double x) { return std::sin(x); }); }
Value fn_cos(Args a, const Ctx&) { return unary_math(a, "cos", [](double x) { return std::cos(x); }); }
Value fn_tan(Args a, const Ctx&) { return unary_math(a, "tan", [](double x) { return std::tan(x); }); }
Value fn_cot(Args a, const Ctx&) { return unary_math(a, "cot", [](double x) { return 1 / std::tan(x); }); }
Value fn_asin(Args a, const Ctx&) { return unary_math(a, "asin", [](double x) { return std::asin(x); }); }
Value fn_acos(Args a, const Ctx&) { return unary_math(a, "acos", [](double x) { return std::acos(x); }); }
Value fn_atan(Args a, const Ctx&) { return unary_math(a, "atan", [](double x) { return std::atan(x); }); }
Value fn_haversin(Args a, const Ctx&) { return unary_math(a, "haversin", [](double x) { return (1 - std::cos(x)) / 2; }); }
Value fn_degrees(Args a, const Ctx&) { return unary_math(a, "degrees", [](double x) { return x * 180 / std::numbers::pi; }); }
Value fn_radians(Args a, const Ctx&) { return unary_math(a, "radians", [](double x) { return x * std::numbers::pi / 180; }); }
Value fn_e(Args, const Ctx&) { return std::numbers::e; }
Value fn_pi(Args, const Ctx&) { return std::numbers::pi; }
// clang-format on

Value fn_rand(Args, const Ctx& ctx) {
  // 53 random bits: every double of [0, 1) with that spacing, as uniform_real_distribution.
  return static_cast<double>(ctx.env.next_random() >> 11) * 0x1.0p-53;
}

// ---- other functions

Value fn_timestamp(Args, const Ctx& ctx) {
  return ctx.env.now_ms();
}

// A version 4 (random) UUID in its canonical text form.
Value fn_random_uuid(Args, const Ctx& ctx) {
  std::array<uint8_t, 16> b;
  for (auto& byte : b) byte = static_cast<uint8_t>(ctx.env.next_random());
  b[6] = static_cast<uint8_t>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 0x0F];
  }
  return out;
}

// One row per function, sorted by name. Arity is checked by the binder; eval may assume it.
constexpr FunctionDef kFunctions[] = {
    {"abs", 1, 1, fn_abs},
    {"acos", 1, 1, fn_acos},
    {"asin", 1, 1, fn_asin},
    {"atan", 1, 1, fn_atan},
    {"atan2", 2, 2, fn_atan2},
    {"ceil", 1, 1, fn_ceil},
    {"coalesce", 1, -1, fn_coalesce},
    {"cos", 1, 1, fn_cos},
    {"cot", 1, 1, fn_cot},
    {"degrees", 1, 1, fn_degrees},
    {"e", 0, 0, fn_e},
    {"endnode", 1, 1, fn_end_node},
    {"exp", 1, 1, fn_exp},
    {"floor", 1, 1, fn_floor},
    {"haversin", 1, 1, fn_haversin},
    {"head", 1, 1, fn_head},
    {"id", 1, 1, fn_id},
    {"keys", 1, 1, fn_keys},
    {"labels", 1, 1, fn_labels},
    {"last", 1, 1, fn_last},
    {"left", 2, 2, fn_left},
    {"length", 1, 1, fn_length},
    {"log", 1, 1, fn_log},
    {"log10", 1, 1, fn_log10},
    {"lower", 1, 1, fn_to_lower},
    {"ltrim", 1, 1, fn_ltrim},
    {"nodes", 1, 1, fn_nodes},
    {"pi", 0, 0, fn_pi},
    {"properties", 1, 1, fn_properties},
    {"radians", 1, 1, fn_radians},
    {"rand", 0, 0, fn_rand},
    {"randomuuid", 0, 0, fn_random_uuid},
    {"range", 2, 3, fn_range},
    {"relationships", 1, 1, fn_relationships},
    {"replace", 3, 3, fn_replace},
    {"reverse", 1, 1, fn_reverse},
    {"right", 2, 2, fn_right},
    {"round", 1, 3, fn_round},
    {"rtrim", 1, 1, fn_rtrim},
    {"sign", 1, 1, fn_sign},
    {"sin", 1, 1, fn_sin},
    {"size", 1, 1, fn_size},
    {"split", 2, 2, fn_split},
    {"sqrt", 1, 1, fn_sqrt},
    {"startnode", 1, 1, fn_start_node},
    {"substring", 2, 3, fn_substring},
    {"tail", 1, 1, fn_tail},
    {"tan", 1, 1, fn_tan},
    {"timestamp", 0, 0, fn_timestamp},
    {"toboolean", 1, 1, fn_to_boolean},
    {"tobooleanornull", 1, 1, fn_to_boolean_or_null},
    {"tofloat", 1, 1, fn_to_float},
    {"tofloatornull", 1, 1, fn_to_float_or_null},
    {"tointeger", 1, 1, fn_to_integer},
    {"tointegerornull", 1, 1, fn_to_integer_or_null},
    {"tolower", 1, 1, fn_to_lower},
    {"tostring", 1, 1, fn_to_string},
    {"tostringornull", 1, 1, fn_to_string_or_null},
    {"toupper", 1, 1, fn_to_upper},
    {"trim", 1, 1, fn_trim},
    {"type", 1, 1, fn_type},
    {"upper", 1, 1, fn_to_upper},
};

static_assert(std::is_sorted(std::begin(kFunctions), std::end(kFunctions),
                             [](const FunctionDef& a, const FunctionDef& b) {
                               return a.name < b.name;
                             }),
              "find_function searches kFunctions by binary search");

}  // namespace

const FunctionDef* find_function(std::string_view name) {
  std::string key = ascii_lower(std::string(name));
  auto it = std::lower_bound(std::begin(kFunctions), std::end(kFunctions), key,
                             [](const FunctionDef& f, const std::string& k) { return f.name < k; });
  if (it != std::end(kFunctions) && it->name == key) return it;
  // The temporal constructors and their namespaces (date.truncate, duration.between, ...).
  auto temporal = temporal_functions();
  auto t = std::lower_bound(temporal.begin(), temporal.end(), key,
                            [](const FunctionDef& f, const std::string& k) { return f.name < k; });
  return t != temporal.end() && t->name == key ? &*t : nullptr;
}

uint64_t QueryEnvironment::next_random() {
  if (!rng_)
    rng_.emplace(seed_ ? seed_ : (uint64_t{std::random_device{}()} << 32) ^ std::random_device{}());
  return (*rng_)();
}

int64_t QueryEnvironment::now_ms() {
  if (clock_ms_ == 0)
    clock_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  return clock_ms_;
}

}  // namespace normgraph::query
