#include "values.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>

#include "normgraph/query/query.hpp"
#include "temporal_functions.hpp"

namespace normgraph::query {

using Type = Value::Type;

namespace {

// ---- errors

std::string with_article(const Value& v) {
  std::string name =
      v.type() == Type::Temporal ? temporal_kind_name(v.as_temporal().kind) : type_name(v.type());
  bool vowel = std::string_view("aeiou").find(name[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + name;
}

[[noreturn]] void type_error(const std::string& message) {
  throw QueryError("TypeError", "InvalidArgumentType", ErrorPhase::Runtime, message);
}

[[noreturn]] void operand_error(const char* verb, const Value& a, const Value& b) {
  type_error(std::string("cannot ") + verb + " " + with_article(a) + " and " + with_article(b));
}

[[noreturn]] void overflow(int64_t a, const char* op, int64_t b) {
  throw QueryError("ArgumentError", "NumberOutOfRange", ErrorPhase::Runtime,
                   "integer overflow in " + std::to_string(a) + " " + op + " " + std::to_string(b));
}

// The TCK names no code for division by zero; NumberOutOfRange is its code for an
// arithmetic result that does not exist. The message is Neo4j's.
[[noreturn]] void division_by_zero() {
  throw QueryError("ArgumentError", "NumberOutOfRange", ErrorPhase::Runtime, "/ by zero");
}

// ---- numbers

bool is_number(const Value& v) {
  return v.type() == Type::Int || v.type() == Type::Double;
}

double as_number(const Value& v) {
  return v.type() == Type::Int ? static_cast<double>(v.as_int()) : v.as_double();
}

// The outcome of comparing two values that may be unordered: NaN against a number is
// Unordered (every comparison is false), a comparison Cypher leaves open is Undefined (null).
enum class Cmp : uint8_t { Less, Equal, Greater, Unordered, Undefined };

template <class T>
Cmp three_way(const T& a, const T& b) {
  return a < b ? Cmp::Less : (b < a ? Cmp::Greater : Cmp::Equal);
}

// An integer against a float, exactly: converting a large integer to double would round it.
Cmp compare_int_double(int64_t i, double d) {
  if (std::isnan(d)) return Cmp::Unordered;
  constexpr double kTwo63 = 9223372036854775808.0;
  if (d >= kTwo63) return Cmp::Less;
  if (d < -kTwo63) return Cmp::Greater;
  double whole = std::trunc(d);
  auto t = static_cast<int64_t>(whole);
  if (i != t) return three_way(i, t);
  double fraction = d - whole;  // exact
  return fraction > 0 ? Cmp::Less : (fraction < 0 ? Cmp::Greater : Cmp::Equal);
}

Cmp flip(Cmp c) {
  if (c == Cmp::Less) return Cmp::Greater;
  if (c == Cmp::Greater) return Cmp::Less;
  return c;
}

Cmp compare_numbers(const Value& a, const Value& b) {
  if (a.type() == Type::Int && b.type() == Type::Int) return three_way(a.as_int(), b.as_int());
  if (a.type() == Type::Int) return compare_int_double(a.as_int(), b.as_double());
  if (b.type() == Type::Int) return flip(compare_int_double(b.as_int(), a.as_double()));
  double x = a.as_double(), y = b.as_double();
  if (std::isnan(x) || std::isnan(y)) return Cmp::Unordered;
  return three_way(x, y);
}

// ---- equality

Tri all_of(Tri acc, Tri next) {
  if (acc == Tri::False || next == Tri::False) return Tri::False;
  if (acc == Tri::Null || next == Tri::Null) return Tri::Null;
  return Tri::True;
}

Tri lists_equal(const ValueList& a, const ValueList& b) {
  if (a.size() != b.size()) return Tri::False;
  Tri acc = Tri::True;
  for (size_t i = 0; i < a.size() && acc != Tri::False; ++i) acc = all_of(acc, equals(a[i], b[i]));
  return acc;
}

bool same_keys(const ValueMap& a, const ValueMap& b) {
  if (a.size() != b.size()) return false;
  return std::all_of(a.begin(), a.end(),
                     [&](const MapEntry& e) { return find_entry(b, e.key) != nullptr; });
}

Tri maps_equal(const ValueMap& a, const ValueMap& b) {
  if (!same_keys(a, b)) return Tri::False;
  Tri acc = Tri::True;
  for (const auto& e : a) acc = all_of(acc, equals(e.value, *find_entry(b, e.key)));
  return acc;
}

// ---- comparison

Cmp compare_values(const Value& a, const Value& b);

Cmp compare_lists(const ValueList& a, const ValueList& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    Cmp c = compare_values(a[i], b[i]);
    if (c != Cmp::Equal) return c;
  }
  return three_way(a.size(), b.size());
}

Cmp compare_values(const Value& a, const Value& b) {
  if (is_number(a) && is_number(b)) return compare_numbers(a, b);
  if (a.type() != b.type()) return Cmp::Undefined;
  switch (a.type()) {
    case Type::Bool:
      return three_way(a.as_bool(), b.as_bool());
    case Type::String:
      return three_way(a.as_string(), b.as_string());
    case Type::List:
      return compare_lists(a.as_list(), b.as_list());
    case Type::Temporal: {  // one kind with itself, durations not at all
      auto c = temporal_compare(a.as_temporal(), b.as_temporal());
      if (!c) return Cmp::Undefined;
      return *c < 0 ? Cmp::Less : (*c > 0 ? Cmp::Greater : Cmp::Equal);
    }
    default:  // null, maps and graph elements are not comparable
      return Cmp::Undefined;
  }
}

// ---- orderability

// Temporal kinds rank between paths and strings (Neo4j's order), each kind apart.
int type_rank(const Value& v) {
  switch (v.type()) {
    case Type::Map:
      return 0;
    case Type::Node:
      return 1;
    case Type::Edge:
      return 2;
    case Type::List:
      return 3;
    case Type::Path:
      return 4;
    case Type::Temporal:
      return 5 + temporal_kind_rank(v.as_temporal().kind);
    case Type::String:
      return 11;
    case Type::Bool:
      return 12;
    case Type::Int:
    case Type::Double:
      return 13;
    case Type::Null:
      return 14;
  }
  return 15;
}

template <class T>
int sign_of(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int order_numbers(const Value& a, const Value& b) {
  Cmp c = compare_numbers(a, b);
  if (c == Cmp::Unordered) {  // NaN sorts after every other number
    bool a_nan = a.type() == Type::Double && std::isnan(a.as_double());
    bool b_nan = b.type() == Type::Double && std::isnan(b.as_double());
    return static_cast<int>(a_nan) - static_cast<int>(b_nan);
  }
  return c == Cmp::Less ? -1 : (c == Cmp::Greater ? 1 : 0);
}

int order_lists(const ValueList& a, const ValueList& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i)
    if (int c = order_compare(a[i], b[i])) return c;
  return sign_of(a.size(), b.size());
}

std::vector<const MapEntry*> sorted_entries(const ValueMap& m) {
  std::vector<const MapEntry*> out;
  for (const auto& e : m) out.push_back(&e);
  std::sort(out.begin(), out.end(), [](auto* x, auto* y) { return x->key < y->key; });
  return out;
}

// Maps order by size, then by their sorted keys, then by the values in key order (as Neo4j).
int order_maps(const ValueMap& a, const ValueMap& b) {
  if (int c = sign_of(a.size(), b.size())) return c;
  auto x = sorted_entries(a), y = sorted_entries(b);
  for (size_t i = 0; i < x.size(); ++i)
    if (int c = sign_of(x[i]->key, y[i]->key)) return c;
  for (size_t i = 0; i < x.size(); ++i)
    if (int c = order_compare(x[i]->value, y[i]->value)) return c;
  return 0;
}

// Paths order element by element (node, relationship, node, ...), a prefix first.
int order_paths(const PathValue& a, const PathValue& b) {
  size_t n = std::min(a.nodes.size(), b.nodes.size());
  for (size_t i = 0; i < n; ++i) {
    if (int c = sign_of(a.nodes[i], b.nodes[i])) return c;
    if (i < a.edges.size() && i < b.edges.size())
      if (int c = sign_of(a.edges[i], b.edges[i])) return c;
  }
  return sign_of(a.nodes.size(), b.nodes.size());
}

// ---- hashing

size_t mix(size_t seed, size_t h) {
  return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

// Equivalent numbers hash alike: an integral float hashes as the integer it equals.
size_t hash_number(const Value& v) {
  if (v.type() == Type::Int) return std::hash<int64_t>{}(v.as_int());
  double d = v.as_double();
  if (std::isnan(d)) return 0x7ff8;
  if (d == std::trunc(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0)
    return std::hash<int64_t>{}(static_cast<int64_t>(d));
  return std::hash<double>{}(d);
}

// ---- arithmetic

void require_numbers(const char* verb, const Value& a, const Value& b) {
  if (!is_number(a) || !is_number(b)) operand_error(verb, a, b);
}

bool both_ints(const Value& a, const Value& b) {
  return a.type() == Type::Int && b.type() == Type::Int;
}

// The text a number or boolean becomes when added to a string.
std::string concat_text(const Value& v) {
  switch (v.type()) {
    case Type::String:
      return v.as_string();
    case Type::Int:
      return std::to_string(v.as_int());
    case Type::Double:
      return format_double(v.as_double());
    case Type::Bool:
      return v.as_bool() ? "true" : "false";
    default:
      return {};
  }
}

bool concatenable(const Value& v) {
  return v.type() == Type::String || v.type() == Type::Bool || is_number(v);
}

Value add_lists(const Value& a, const Value& b) {
  ValueList out;
  auto append = [&out](const Value& v) {
    if (v.type() == Type::List)
      out.insert(out.end(), v.as_list().begin(), v.as_list().end());
    else
      out.push_back(v);
  };
  append(a);
  append(b);
  return out;
}

}  // namespace

// ---- ternary logic

Value to_value(Tri t) {
  return t == Tri::Null ? Value() : Value(t == Tri::True);
}

Tri tri_and(Tri a, Tri b) {
  return all_of(a, b);
}

Tri tri_or(Tri a, Tri b) {
  if (a == Tri::True || b == Tri::True) return Tri::True;
  if (a == Tri::Null || b == Tri::Null) return Tri::Null;
  return Tri::False;
}

Tri tri_xor(Tri a, Tri b) {
  if (a == Tri::Null || b == Tri::Null) return Tri::Null;
  return tri(a != b);
}

Tri tri_not(Tri a) {
  if (a == Tri::Null) return Tri::Null;
  return tri(a == Tri::False);
}

Tri truth(const Value& v) {
  if (v.is_null()) return Tri::Null;
  if (v.type() != Type::Bool) type_error("expected a boolean but got " + with_article(v));
  return tri(v.as_bool());
}

// ---- equality and comparison

Tri equals(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Tri::Null;
  if (is_number(a) && is_number(b)) return tri(compare_numbers(a, b) == Cmp::Equal);
  if (a.type() != b.type()) return Tri::False;
  switch (a.type()) {
    case Type::List:
      return lists_equal(a.as_list(), b.as_list());
    case Type::Map:
      return maps_equal(a.as_map(), b.as_map());
    case Type::Temporal:
      return tri(temporal_equal(a.as_temporal(), b.as_temporal()));
    default:  // booleans, strings, graph elements: by value (nodes and edges by id)
      return tri(a == b);
  }
}

Tri compare(const Value& a, const Value& b, CompareOp op) {
  Cmp c = compare_values(a, b);
  if (c == Cmp::Undefined) return Tri::Null;
  if (c == Cmp::Unordered) return Tri::False;
  switch (op) {
    case CompareOp::Lt:
      return tri(c == Cmp::Less);
    case CompareOp::Le:
      return tri(c != Cmp::Greater);
    case CompareOp::Gt:
      return tri(c == Cmp::Greater);
    case CompareOp::Ge:
      return tri(c != Cmp::Less);
  }
  return Tri::Null;
}

Tri in_list(const Value& x, const Value& list) {
  if (list.is_null()) return Tri::Null;
  if (list.type() != Type::List) type_error("IN expects a list but got " + with_article(list));
  Tri acc = Tri::False;
  for (const auto& e : list.as_list()) {
    acc = tri_or(acc, equals(x, e));
    if (acc == Tri::True) break;
  }
  return acc;
}

int order_compare(const Value& a, const Value& b) {
  if (is_number(a) && is_number(b)) return order_numbers(a, b);
  if (int c = sign_of(type_rank(a), type_rank(b))) return c;
  switch (a.type()) {
    case Type::Map:
      return order_maps(a.as_map(), b.as_map());
    case Type::Node:
      return sign_of(a.as_node(), b.as_node());
    case Type::Edge:
      return sign_of(a.as_edge(), b.as_edge());
    case Type::List:
      return order_lists(a.as_list(), b.as_list());
    case Type::Path:
      return order_paths(a.as_path(), b.as_path());
    case Type::String:
      return sign_of(a.as_string(), b.as_string());
    case Type::Bool:
      return sign_of(a.as_bool(), b.as_bool());
    case Type::Temporal:
      return temporal_order(a.as_temporal(), b.as_temporal());
    default:  // null
      return 0;
  }
}

bool equivalent(const Value& a, const Value& b) {
  if (is_number(a) && is_number(b)) return order_numbers(a, b) == 0;
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Type::List: {
      const auto &x = a.as_list(), &y = b.as_list();
      return x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin(), equivalent);
    }
    case Type::Map:
      return same_keys(a.as_map(), b.as_map()) &&
             std::all_of(a.as_map().begin(), a.as_map().end(), [&](const MapEntry& e) {
               return equivalent(e.value, *find_entry(b.as_map(), e.key));
             });
    case Type::Temporal:
      return temporal_equal(a.as_temporal(), b.as_temporal());
    default:
      return a == b;
  }
}

size_t hash_value(const Value& v) {
  size_t seed = static_cast<size_t>(is_number(v) ? Type::Int : v.type());
  switch (v.type()) {
    case Type::Null:
      return seed;
    case Type::Bool:
      return mix(seed, v.as_bool());
    case Type::Int:
    case Type::Double:
      return mix(seed, hash_number(v));
    case Type::String:
      return mix(seed, std::hash<std::string>{}(v.as_string()));
    case Type::List:
      for (const auto& e : v.as_list()) seed = mix(seed, hash_value(e));
      return seed;
    case Type::Map: {
      size_t sum = 0;  // order-insensitive: {a: 1, b: 2} equals {b: 2, a: 1}
      for (const auto& e : v.as_map())
        sum += mix(std::hash<std::string>{}(e.key), hash_value(e.value));
      return mix(seed, sum);
    }
    case Type::Node:
      return mix(seed, v.as_node());
    case Type::Edge:
      return mix(seed, v.as_edge());
    case Type::Path:
      for (uint32_t n : v.as_path().nodes) seed = mix(seed, n);
      for (uint32_t e : v.as_path().edges) seed = mix(seed, e);
      return seed;
    case Type::Temporal:
      return mix(seed, temporal_hash(v.as_temporal()));
  }
  return seed;
}

// ---- arithmetic

Value add(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return {};
  if (a.type() == Type::List || b.type() == Type::List) return add_lists(a, b);
  if (auto t = temporal_add(a, b)) return *t;
  if ((a.type() == Type::String || b.type() == Type::String) && concatenable(a) && concatenable(b))
    return concat_text(a) + concat_text(b);
  require_numbers("add", a, b);
  if (!both_ints(a, b)) return as_number(a) + as_number(b);
  int64_t r;
  if (__builtin_add_overflow(a.as_int(), b.as_int(), &r)) overflow(a.as_int(), "+", b.as_int());
  return r;
}

Value subtract(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return {};
  if (auto t = temporal_subtract(a, b)) return *t;
  require_numbers("subtract", a, b);
  if (!both_ints(a, b)) return as_number(a) - as_number(b);
  int64_t r;
  if (__builtin_sub_overflow(a.as_int(), b.as_int(), &r)) overflow(a.as_int(), "-", b.as_int());
  return r;
}

Value multiply(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return {};
  if (auto t = temporal_multiply(a, b)) return *t;
  require_numbers("multiply", a, b);
  if (!both_ints(a, b)) return as_number(a) * as_number(b);
  int64_t r;
  if (__builtin_mul_overflow(a.as_int(), b.as_int(), &r)) overflow(a.as_int(), "*", b.as_int());
  return r;
}

Value divide(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return {};
  if (auto t = temporal_divide(a, b)) return *t;
  require_numbers("divide", a, b);
  if (!both_ints(a, b)) return as_number(a) / as_number(b);  // IEEE: x / 0.0 is ±Infinity or NaN
  if (b.as_int() == 0) division_by_zero();
  if (a.as_int() == std::numeric_limits<int64_t>::min() && b.as_int() == -1)
    overflow(a.as_int(), "/", b.as_int());
  return a.as_int() / b.as_int();
}

Value modulo(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return {};
  require_numbers("take the modulo of", a, b);
  if (!both_ints(a, b)) return std::fmod(as_number(a), as_number(b));
  if (b.as_int() == 0) division_by_zero();
  if (b.as_int() == -1) return int64_t{0};  // INT64_MIN % -1 is undefined in C++
  return a.as_int() % b.as_int();
}

Value power(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return {};
  require_numbers("raise", a, b);
  return std::pow(as_number(a), as_number(b));
}

Value negate(const Value& a) {
  if (a.is_null()) return {};
  if (a.type() == Type::Double) return -a.as_double();
  if (a.type() != Type::Int) type_error("cannot negate " + with_article(a));
  if (a.as_int() == std::numeric_limits<int64_t>::min())
    throw QueryError("ArgumentError", "NumberOutOfRange", ErrorPhase::Runtime,
                     "integer overflow in -(" + std::to_string(a.as_int()) + ")");
  return -a.as_int();
}

// ---- text

// Java's Double.toString, which Neo4j uses: the shortest digits that read back as the same
// double; plain notation for 1e-3 <= |d| < 1e7, else d.dddE<n>; always a digit after the point.
std::string format_double(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, res.ptr - buf);  // [-]D[.DDD]e±XX
  std::string sign = sci[0] == '-' ? "-" : "";
  if (!sign.empty()) sci.remove_prefix(1);
  size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c != '.') digits += c;
  int exp = std::atoi(std::string(sci.substr(e + 1)).c_str());
  double magnitude = std::fabs(d);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    std::string out;
    if (exp < 0) {
      out = "0." + std::string(-exp - 1, '0') + digits;
    } else {
      if (digits.size() < static_cast<size_t>(exp) + 1) digits.append(exp + 1 - digits.size(), '0');
      out = digits.substr(0, exp + 1) + "." + digits.substr(exp + 1);
      if (out.back() == '.') out += '0';
    }
    return sign + out;
  }
  std::string mantissa = digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0");
  return sign + mantissa + "E" + std::to_string(exp);
}

}  // namespace normgraph::query
