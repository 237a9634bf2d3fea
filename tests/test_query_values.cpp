// Cypher value semantics (engine/query/src/values.hpp), checked against the openCypher TCK's
// expected answers; the scenario is named where one decides the case.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

// A private header of the query module: the semantics are tested below the query language.
#include "../engine/query/src/values.hpp"
#include "normgraph/query/query.hpp"

using namespace normgraph;
using namespace normgraph::query;

namespace {

Value list(std::initializer_list<Value> items) {
  return ValueList(items);
}
Value map(std::initializer_list<MapEntry> entries) {
  return ValueMap(entries);
}
const Value kNull;
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

template <class F>
void require_error(F&& f, const std::string& category, const std::string& code) {
  try {
    f();
    FAIL("no QueryError thrown");
  } catch (const QueryError& e) {
    CHECK(e.category() == category);
    CHECK(e.code() == code);
    CHECK(e.phase() == ErrorPhase::Runtime);
  }
}

Tri lt(const Value& a, const Value& b) {
  return compare(a, b, CompareOp::Lt);
}
Tri le(const Value& a, const Value& b) {
  return compare(a, b, CompareOp::Le);
}
Tri gt(const Value& a, const Value& b) {
  return compare(a, b, CompareOp::Gt);
}
Tri ge(const Value& a, const Value& b) {
  return compare(a, b, CompareOp::Ge);
}

}  // namespace

TEST_CASE("ternary logic follows the truth tables of Boolean1-4 and Null3", "[query]") {
  const Tri T = Tri::True, F = Tri::False, N = Tri::Null;
  CHECK(tri_and(T, T) == T);
  CHECK(tri_and(T, F) == F);
  CHECK(tri_and(T, N) == N);
  CHECK(tri_and(F, N) == F);
  CHECK(tri_and(N, F) == F);
  CHECK(tri_and(N, N) == N);
  CHECK(tri_or(T, N) == T);
  CHECK(tri_or(N, T) == T);
  CHECK(tri_or(F, N) == N);
  CHECK(tri_or(F, F) == F);
  CHECK(tri_xor(T, F) == T);
  CHECK(tri_xor(T, T) == F);
  CHECK(tri_xor(N, F) == N);
  CHECK(tri_not(T) == F);
  CHECK(tri_not(N) == N);
  CHECK(to_value(T) == Value(true));
  CHECK(to_value(F) == Value(false));
  CHECK(to_value(N).is_null());
  CHECK(truth(Value(true)) == T);
  CHECK(truth(kNull) == N);
  require_error([] { truth(Value(1)); }, "TypeError", "InvalidArgumentType");
  require_error([] { truth(list({})); }, "TypeError", "InvalidArgumentType");
}

TEST_CASE("equality of scalars and null (Comparison1, Null3)", "[query]") {
  CHECK(equals(Value(1), Value(1.0)) == Tri::True);
  CHECK(equals(Value(1.0), Value(1.0)) == Tri::True);
  CHECK(equals(Value("1.0"), Value(1.0)) == Tri::False);
  CHECK(equals(Value("1"), Value(1)) == Tri::False);
  CHECK(equals(Value(true), Value(1)) == Tri::False);
  CHECK(equals(kNull, kNull) == Tri::Null);
  CHECK(equals(kNull, Value(1)) == Tri::Null);
  CHECK(equals(Value("a"), Value("a")) == Tri::True);
  CHECK(equals(list({Value(1), Value(2)}), Value("foo")) == Tri::False);  // List3 [1]
  // Large integers compare exactly, not through doubles (Comparison1 [10]-[13]).
  CHECK(equals(Value(int64_t{4611686018427387905}), Value(int64_t{4611686018427387900})) ==
        Tri::False);
  CHECK(equals(Value(int64_t{9007199254740993}), Value(9007199254740992.0)) == Tri::False);
  CHECK(equals(Value(int64_t{9007199254740992}), Value(9007199254740992.0)) == Tri::True);
  CHECK(equals(Value(kMax), Value(9223372036854775808.0)) == Tri::False);
}

TEST_CASE("NaN equals nothing (Comparison1 [8])", "[query]") {
  CHECK(equals(Value(kNaN), Value(1)) == Tri::False);
  CHECK(equals(Value(kNaN), Value(1.0)) == Tri::False);
  CHECK(equals(Value(kNaN), Value(kNaN)) == Tri::False);
  CHECK(equals(Value(kNaN), Value("a")) == Tri::False);
}

TEST_CASE("equality of lists with nulls (Comparison1 [6], List3)", "[query]") {
  auto l = [](auto... v) { return list({Value(v)...}); };
  CHECK(equals(l(1, 2), l(1)) == Tri::False);
  CHECK(equals(l(nullptr), l(1)) == Tri::Null);
  CHECK(equals(l("a"), l(1)) == Tri::False);
  CHECK(equals(list({l(1)}), list({l(1), l(nullptr)})) == Tri::False);
  CHECK(equals(list({l(1), l(2)}), list({l(1), l(nullptr)})) == Tri::Null);
  CHECK(equals(list({l(1), l(2, 3)}), list({l(1), l(nullptr)})) == Tri::False);
  CHECK(equals(l(1), l(1, nullptr)) == Tri::False);
  CHECK(equals(l(1, 2), l(nullptr, "foo")) == Tri::False);
  CHECK(equals(l(1, 2), l(nullptr, 2)) == Tri::Null);
  CHECK(equals(list({l(1, 2), l("foo", "bar")}), list({l(1, 2), l(nullptr, "bar")})) == Tri::Null);
  CHECK(equals(l(1, 2.0), l(1.0, 2)) == Tri::True);
  CHECK(equals(l(), l()) == Tri::True);
}

TEST_CASE("equality of maps with nulls (Comparison1 [7])", "[query]") {
  Value n;
  CHECK(equals(map({}), map({})) == Tri::True);
  CHECK(equals(map({{"k", 1}}), map({{"k", 1}})) == Tri::True);
  CHECK(equals(map({{"k", "a"}, {"l", 2}}), map({{"l", 2}, {"k", "a"}})) == Tri::True);
  CHECK(equals(map({}), map({{"k", n}})) == Tri::False);
  CHECK(equals(map({{"k", n}}), map({})) == Tri::False);
  CHECK(equals(map({{"k", 1}}), map({{"k", 1}, {"l", n}})) == Tri::False);
  CHECK(equals(map({{"k", n}, {"l", 1}}), map({{"l", 1}})) == Tri::False);
  CHECK(equals(map({{"k", n}}), map({{"k", n}, {"l", n}})) == Tri::False);
  CHECK(equals(map({{"k", n}}), map({{"k", n}})) == Tri::Null);
  CHECK(equals(map({{"k", 1}}), map({{"k", n}})) == Tri::Null);
  CHECK(equals(map({{"k", 1}, {"l", n}}), map({{"k", n}, {"l", n}})) == Tri::Null);
  CHECK(equals(map({{"k", 1}, {"l", n}}), map({{"k", n}, {"l", 1}})) == Tri::Null);
  CHECK(equals(map({{"k", 1}, {"l", n}}), map({{"k", 1}, {"l", 1}})) == Tri::Null);
  CHECK(equals(map({{"k", 1}}), map({{"k", 2}})) == Tri::False);
}

TEST_CASE("graph elements are equal by identity (Comparison1 [4], [5], [14])", "[query]") {
  CHECK(equals(Value(NodeRef{1}), Value(NodeRef{1})) == Tri::True);
  CHECK(equals(Value(NodeRef{1}), Value(NodeRef{2})) == Tri::False);
  CHECK(equals(Value(EdgeRef{1}), Value(EdgeRef{1})) == Tri::True);
  CHECK(equals(Value(NodeRef{1}), Value(EdgeRef{1})) == Tri::False);
  Value loop = PathValue{{0, 0}, {0}};
  CHECK(equals(loop, Value(PathValue{{0, 0}, {0}})) == Tri::True);
  CHECK(equals(loop, Value(PathValue{{0, 1}, {0}})) == Tri::False);
}

TEST_CASE("comparison of numbers, strings and booleans", "[query]") {
  CHECK(lt(Value(1), Value(3.14)) == Tri::True);
  CHECK(le(Value(1), Value(1.0)) == Tri::True);
  CHECK(lt(Value(1), Value(1.0)) == Tri::False);  // Comparison2 [6]
  CHECK(gt(Value(3.14), Value(1)) == Tri::True);
  CHECK(ge(Value(-1), Value(-0.5)) == Tri::False);
  CHECK(lt(Value(int64_t{9007199254740993}), Value(9007199254740994.0)) == Tri::True);
  CHECK(gt(Value(int64_t{9007199254740993}), Value(9007199254740992.0)) == Tri::True);
  CHECK(lt(Value(kMax), Value(1e19)) == Tri::True);
  CHECK(gt(Value(kMin), Value(-1e19)) == Tri::True);
  CHECK(lt(Value("a"), Value("b")) == Tri::True);
  CHECK(lt(Value("B"), Value("a")) == Tri::True);
  CHECK(lt(Value("ab"), Value("abc")) == Tri::True);
  CHECK(lt(Value(false), Value(true)) == Tri::True);
  CHECK(ge(Value(true), Value(true)) == Tri::True);
  CHECK(lt(Value(-kInf), Value(kMin)) == Tri::True);
}

TEST_CASE("comparison across types is null, except numbers (Comparison2 [3], [6])", "[query]") {
  std::vector<Value> types = {Value(NodeRef{0}),
                              Value(EdgeRef{0}),
                              Value(PathValue{{0, 1}, {0}}),
                              Value(""),
                              Value(1),
                              Value(3.14),
                              Value(true),
                              kNull,
                              list({}),
                              map({})};
  for (size_t i = 0; i < types.size(); ++i)
    for (size_t j = 0; j < types.size(); ++j) {
      if (i == j) continue;
      bool numbers = (i == 4 && j == 5) || (i == 5 && j == 4);
      for (auto op : {CompareOp::Lt, CompareOp::Le, CompareOp::Gt, CompareOp::Ge}) {
        Tri r = compare(types[i], types[j], op);
        if (numbers)
          CHECK(r != Tri::Null);
        else
          CHECK(r == Tri::Null);
      }
    }
  CHECK(lt(Value("1.0"), Value(1.0)) == Tri::Null);
  CHECK(lt(Value("1"), Value(1)) == Tri::Null);
  // Maps and graph elements are not comparable even with their own kind.
  CHECK(lt(map({}), map({})) == Tri::Null);
  CHECK(le(Value(NodeRef{0}), Value(NodeRef{0})) == Tri::Null);
}

TEST_CASE("comparison of lists is lexicographic (Comparison2 [4])", "[query]") {
  auto l = [](auto... v) { return list({Value(v)...}); };
  CHECK(ge(l(1, 0), l(1)) == Tri::True);
  CHECK(ge(l(1, nullptr), l(1)) == Tri::True);
  CHECK(ge(l(1, 2), l(1, nullptr)) == Tri::Null);
  CHECK(ge(l(1, "a"), l(1, nullptr)) == Tri::Null);
  CHECK(ge(l(1, 2), l(3, nullptr)) == Tri::False);
  CHECK(lt(l(), l(1)) == Tri::True);
  CHECK(lt(l(1, 2), l(1, 3)) == Tri::True);
  CHECK(lt(l(1, "a"), l(2, 3)) == Tri::True);  // decided before the incomparable pair
  CHECK(lt(l(1, "a"), l(1, 3)) == Tri::Null);
  CHECK(le(l("a", 1), l("a", 1.0)) == Tri::True);
}

TEST_CASE("comparison with NaN is false, with a non-number null (Comparison2 [5])", "[query]") {
  for (auto op : {CompareOp::Lt, CompareOp::Le, CompareOp::Gt, CompareOp::Ge}) {
    CHECK(compare(Value(kNaN), Value(1), op) == Tri::False);
    CHECK(compare(Value(kNaN), Value(1.0), op) == Tri::False);
    CHECK(compare(Value(kNaN), Value(kNaN), op) == Tri::False);
    CHECK(compare(Value(1), Value(kNaN), op) == Tri::False);
    CHECK(compare(Value(kNaN), Value("a"), op) == Tri::Null);
    CHECK(compare(kNull, Value(1), op) == Tri::Null);
  }
}

TEST_CASE("IN follows List5 and Null3 [4]", "[query]") {
  auto l = [](auto... v) { return list({Value(v)...}); };
  CHECK(in_list(Value(3), l(1, 2, 3)) == Tri::True);
  CHECK(in_list(Value(1), l("1", 2)) == Tri::False);
  CHECK(in_list(l(1, 2), list({Value(1), l(1, "2")})) == Tri::False);
  CHECK(in_list(l(1), l(1, 2)) == Tri::False);
  CHECK(in_list(l(1, 2), list({Value(1), l(1, 2)})) == Tri::True);
  CHECK(in_list(kNull, kNull) == Tri::Null);
  CHECK(in_list(kNull, l(1, 2, 3)) == Tri::Null);
  CHECK(in_list(kNull, l()) == Tri::False);
  CHECK(in_list(Value(1), l(nullptr, 1)) == Tri::True);
  CHECK(in_list(Value(5), l(1, 2, 3, nullptr)) == Tri::Null);
  CHECK(in_list(l(nullptr), l(nullptr)) == Tri::Null);
  CHECK(in_list(l(1), list({l(1, nullptr)})) == Tri::False);
  CHECK(in_list(l(1, 2), list({l(nullptr, 2)})) == Tri::Null);
  CHECK(in_list(l(1, 2), list({l(nullptr, 2), l(1, 2)})) == Tri::True);
  CHECK(in_list(l(1, 2), list({l(nullptr, "foo")})) == Tri::False);
  CHECK(in_list(l(), list({l()})) == Tri::True);
  CHECK(in_list(l(), l()) == Tri::False);
  CHECK(in_list(l(), l(1, 2, nullptr)) == Tri::Null);
  require_error([] { in_list(Value(1), Value(123)); }, "TypeError", "InvalidArgumentType");
}

TEST_CASE("orderability: the order of ReturnOrderBy1 [11]", "[query]") {
  // map < node < relationship < list < path < string < boolean < number < NaN < null
  std::vector<Value> ascending = {map({{"a", "map"}}),
                                  Value(NodeRef{0}),
                                  Value(EdgeRef{0}),
                                  list({Value("list")}),
                                  Value(PathValue{{0, 1}, {0}}),
                                  Value("text"),
                                  Value(false),
                                  Value(1.5),
                                  Value(kNaN),
                                  kNull};
  for (size_t i = 0; i < ascending.size(); ++i)
    for (size_t j = 0; j < ascending.size(); ++j) {
      INFO(i << " vs " << j);
      int c = order_compare(ascending[i], ascending[j]);
      CHECK((c < 0) == (i < j));
      CHECK((c > 0) == (i > j));
    }
}

TEST_CASE("orderability within a type", "[query]") {
  auto l = [](auto... v) { return list({Value(v)...}); };
  CHECK(order_compare(Value(1), Value(1.5)) < 0);
  CHECK(order_compare(Value(2), Value(1.5)) > 0);
  CHECK(order_compare(Value(1), Value(1.0)) == 0);
  CHECK(order_compare(Value(kInf), Value(kNaN)) < 0);
  CHECK(order_compare(Value(kNaN), Value(kNaN)) == 0);
  CHECK(order_compare(Value(-kInf), Value(kMin)) < 0);
  CHECK(order_compare(Value(false), Value(true)) < 0);
  CHECK(order_compare(Value("a"), Value("b")) < 0);
  CHECK(order_compare(Value(NodeRef{1}), Value(NodeRef{2})) < 0);
  CHECK(order_compare(Value(EdgeRef{3}), Value(EdgeRef{2})) > 0);
  CHECK(order_compare(l(1, 2), l(1, 2, 0)) < 0);
  CHECK(order_compare(l(1, nullptr), l(1, 2)) > 0);  // null sorts last inside lists too
  CHECK(order_compare(l(1, "a"), l(1, 2)) < 0);      // strings before numbers
  CHECK(order_compare(l(), l()) == 0);
  CHECK(order_compare(map({{"a", 1}}), map({{"a", 1}, {"b", 1}})) < 0);  // size first
  CHECK(order_compare(map({{"a", 9}}), map({{"b", 1}})) < 0);            // then keys
  CHECK(order_compare(map({{"a", 1}, {"b", 2}}), map({{"b", 2}, {"a", 1}})) == 0);
  CHECK(order_compare(map({{"a", 2}}), map({{"a", 1}})) > 0);
  CHECK(order_compare(Value(PathValue{{0}, {}}), Value(PathValue{{0, 1}, {0}})) < 0);
  CHECK(order_compare(Value(PathValue{{0, 1}, {5}}), Value(PathValue{{0, 1}, {4}})) > 0);
  CHECK(order_compare(kNull, kNull) == 0);
}

TEST_CASE("equivalence and hashing for DISTINCT (Aggregation8, Return5)", "[query]") {
  auto l = [](auto... v) { return list({Value(v)...}); };
  CHECK(equivalent(kNull, kNull));
  CHECK(equivalent(Value(kNaN), Value(kNaN)));
  CHECK(equivalent(l(nullptr, 1), l(nullptr, 1)));
  CHECK(equivalent(map({{"name", l("A", "B")}}), map({{"name", l("A", "B")}})));
  CHECK(equivalent(map({{"a", 1}, {"b", nullptr}}), map({{"b", nullptr}, {"a", 1}})));
  CHECK_FALSE(equivalent(map({{"a", 1}}), map({{"a", 1}, {"b", nullptr}})));
  CHECK_FALSE(equivalent(l(1), l(1, nullptr)));
  CHECK_FALSE(equivalent(Value("1"), Value(1)));
  CHECK_FALSE(equivalent(kNull, Value(0)));
  // 1 and 1.0 are one value under DISTINCT (see values.hpp for why).
  CHECK(equivalent(Value(1), Value(1.0)));
  CHECK(equivalent(l(1, 2), l(1.0, 2.0)));
  CHECK_FALSE(equivalent(Value(int64_t{9007199254740993}), Value(9007199254740992.0)));
  CHECK(equivalent(Value(0.0), Value(-0.0)));
  std::vector<std::pair<Value, Value>> pairs = {
      {Value(1), Value(1.0)},
      {Value(0), Value(-0.0)},
      {Value(kNaN), Value(-kNaN)},
      {kNull, kNull},
      {l(1, "a"), l(1.0, "a")},
      {map({{"a", 1}, {"b", 2.0}}), map({{"b", 2}, {"a", 1.0}})},
      {Value(PathValue{{0, 1}, {2}}), Value(PathValue{{0, 1}, {2}})},
  };
  for (const auto& [a, b] : pairs) {
    CHECK(equivalent(a, b));
    CHECK(hash_value(a) == hash_value(b));
  }
  CHECK(hash_value(Value(1)) != hash_value(Value(2)));
  CHECK(hash_value(l(1, 2)) != hash_value(l(2, 1)));
  CHECK(hash_value(Value(NodeRef{1})) != hash_value(Value(EdgeRef{1})));
}

TEST_CASE("addition: numbers, strings, lists (Mathematical2, List4)", "[query]") {
  auto l = [](auto... v) { return list({Value(v)...}); };
  CHECK(add(Value(99), Value(5)) == Value(104));
  CHECK(add(Value(1), Value(0.5)) == Value(1.5));
  CHECK(add(Value(0.5), Value(0.25)) == Value(0.75));
  CHECK(add(Value("a"), Value("b")) == Value("ab"));
  CHECK(add(Value("a"), Value(1)) == Value("a1"));
  CHECK(add(Value(1.5), Value("a")) == Value("1.5a"));
  CHECK(add(Value("a"), Value(true)) == Value("atrue"));
  CHECK(add(l(1, 10, 100), l(4, 5)) == l(1, 10, 100, 4, 5));
  CHECK(add(l(false, true), Value(false)) == l(false, true, false));
  CHECK(add(Value(0), l(1)) == l(0, 1));
  CHECK(add(list({l(), l()}), list({l()})) == list({l(), l(), l()}));
  CHECK(add(l(1), Value("a")) == l(1, "a"));
  CHECK(add(l(1), map({})) == list({Value(1), map({})}));
  CHECK(add(kNull, Value(1)).is_null());
  CHECK(add(Value("a"), kNull).is_null());
  CHECK(add(l(1), kNull).is_null());
  require_error([] { add(map({}), Value(1)); }, "TypeError", "InvalidArgumentType");
  require_error([] { add(Value("a"), map({})); }, "TypeError", "InvalidArgumentType");
  require_error([] { add(Value(true), Value(1)); }, "TypeError", "InvalidArgumentType");
  require_error([] { add(Value(NodeRef{0}), Value("a")); }, "TypeError", "InvalidArgumentType");
  require_error([] { add(Value(kMax), Value(1)); }, "ArgumentError", "NumberOutOfRange");
  require_error([] { add(Value(kMin), Value(-1)); }, "ArgumentError", "NumberOutOfRange");
  CHECK(add(Value(kMax), Value(1.0)) == Value(9223372036854775808.0));
}

TEST_CASE("subtraction, multiplication and overflow", "[query]") {
  CHECK(subtract(Value(3), Value(5)) == Value(-2));
  CHECK(subtract(Value(3), Value(0.5)) == Value(2.5));
  CHECK(subtract(kNull, Value(1)).is_null());
  CHECK(multiply(Value(6), Value(7)) == Value(42));
  CHECK(multiply(Value(2), Value(1.5)) == Value(3.0));
  CHECK(multiply(Value(2), kNull).is_null());
  require_error([] { subtract(Value(kMin), Value(1)); }, "ArgumentError", "NumberOutOfRange");
  require_error([] { multiply(Value(kMax), Value(2)); }, "ArgumentError", "NumberOutOfRange");
  require_error([] { multiply(Value(kMin), Value(-1)); }, "ArgumentError", "NumberOutOfRange");
  require_error([] { subtract(Value("a"), Value(1)); }, "TypeError", "InvalidArgumentType");
  require_error([] { multiply(Value("a"), Value(2)); }, "TypeError", "InvalidArgumentType");
  require_error([] { subtract(list({}), Value(1)); }, "TypeError", "InvalidArgumentType");
  try {
    add(Value(kMax), Value(1));
  } catch (const QueryError& e) {
    CHECK(e.detail() == "integer overflow in 9223372036854775807 + 1");
  }
  try {
    add(map({}), Value(1));
  } catch (const QueryError& e) {
    CHECK(e.detail() == "cannot add a map and an integer");
  }
}

TEST_CASE("division and modulo (Mathematical8)", "[query]") {
  CHECK(divide(Value(12), Value(4)) == Value(3));
  CHECK(divide(Value(7), Value(2)) == Value(3));
  CHECK(divide(Value(-7), Value(2)) == Value(-3));  // truncates toward zero
  CHECK(divide(Value(7), Value(2.0)) == Value(3.5));
  CHECK(divide(Value(1.0), Value(0)) == Value(kInf));
  CHECK(divide(Value(-1), Value(0.0)) == Value(-kInf));
  CHECK(std::isnan(divide(Value(0.0), Value(0.0)).as_double()));
  CHECK(divide(kNull, Value(0)).is_null());
  require_error([] { divide(Value(1), Value(0)); }, "ArgumentError", "NumberOutOfRange");
  require_error([] { divide(Value(kMin), Value(-1)); }, "ArgumentError", "NumberOutOfRange");
  CHECK(modulo(Value(7), Value(3)) == Value(1));
  CHECK(modulo(Value(-7), Value(3)) == Value(-1));  // the sign of the dividend, as Java
  CHECK(modulo(Value(7), Value(-3)) == Value(1));
  CHECK(modulo(Value(kMin), Value(-1)) == Value(0));
  CHECK(modulo(Value(7.5), Value(2)) == Value(1.5));
  CHECK(modulo(Value(-7.5), Value(2.0)) == Value(-1.5));
  CHECK(std::isnan(modulo(Value(1.0), Value(0.0)).as_double()));
  require_error([] { modulo(Value(1), Value(0)); }, "ArgumentError", "NumberOutOfRange");
  require_error([] { divide(Value("6"), Value(2)); }, "TypeError", "InvalidArgumentType");
  try {
    divide(Value(1), Value(0));
  } catch (const QueryError& e) {
    CHECK(e.detail() == "/ by zero");
  }
}

TEST_CASE("power is always a float, negation", "[query]") {
  CHECK(power(Value(2), Value(3)) == Value(8.0));
  CHECK(power(Value(2), Value(-1)) == Value(0.5));
  CHECK(power(Value(4), Value(0.5)) == Value(2.0));
  CHECK(power(kNull, Value(2)).is_null());
  require_error([] { power(Value(true), Value(2)); }, "TypeError", "InvalidArgumentType");
  CHECK(negate(Value(5)) == Value(-5));
  CHECK(negate(Value(-0.5)) == Value(0.5));
  CHECK(negate(kNull).is_null());
  CHECK(negate(Value(kMax)) == Value(-kMax));
  require_error([] { negate(Value(kMin)); }, "ArgumentError", "NumberOutOfRange");
  require_error([] { negate(Value("a")); }, "TypeError", "InvalidArgumentType");
}

TEST_CASE("floats print as Java's Double.toString", "[query]") {
  CHECK(format_double(1.0) == "1.0");
  CHECK(format_double(-0.5) == "-0.5");
  CHECK(format_double(2.3) == "2.3");
  CHECK(format_double(0.0) == "0.0");
  CHECK(format_double(-0.0) == "-0.0");
  CHECK(format_double(3.0) == "3.0");
  CHECK(format_double(100.0) == "100.0");
  CHECK(format_double(3985764.3405892686) == "3985764.3405892686");
  CHECK(format_double(0.3405892687) == "0.3405892687");
  CHECK(format_double(0.001) == "0.001");
  CHECK(format_double(9999999.0) == "9999999.0");
  CHECK(format_double(1e7) == "1.0E7");
  CHECK(format_double(1e9) == "1.0E9");
  CHECK(format_double(1e20) == "1.0E20");
  CHECK(format_double(1.5e20) == "1.5E20");
  CHECK(format_double(1e-5) == "1.0E-5");
  CHECK(format_double(-1.2635418652381264e305) == "-1.2635418652381264E305");
  CHECK(format_double(0.1 + 0.2) == "0.30000000000000004");
  CHECK(format_double(kNaN) == "NaN");
  CHECK(format_double(kInf) == "Infinity");
  CHECK(format_double(-kInf) == "-Infinity");
}

TEST_CASE("n.aliases lists a node's other names, n.name stays exact", "[query]") {
  GraphStore g;
  NodeData n;
  n.id = "state:RUS";
  n.labels = {"Actor"};
  n.name = "Russian Federation";
  n.aliases = {"Russia", "RF"};
  g.upsert_node(n);
  NodeData m;
  m.id = "state:XYZ";
  m.labels = {"Actor"};
  m.name = "Examplestan";
  g.upsert_node(m);
  query::QueryEngine engine(g);
  auto r = engine.run("MATCH (a:Actor) RETURN a.name AS name, a.aliases AS aliases ORDER BY name");
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[0][1].is_null());
  REQUIRE(r.rows[1][1].type() == Value::Type::List);
  CHECK(r.rows[1][1].as_list() == ValueList{Value("Russia"), Value("RF")});
  CHECK(engine.run("MATCH (a {name: 'Russia'}) RETURN a").rows.empty());
  CHECK(engine.run("MATCH (a) WHERE 'RF' IN a.aliases RETURN a.id").rows.size() == 1);
}
