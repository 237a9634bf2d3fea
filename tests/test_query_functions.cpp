// The scalar functions of the query language (engine/query/src/functions.hpp), with the
// openCypher TCK's expected answers where it has them.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <set>

// Private headers of the query module: the functions are tested below the query language.
#include "../engine/query/src/functions.hpp"
#include "../engine/query/src/values.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/query/query.hpp"

using namespace normgraph;
using namespace normgraph::query;

namespace {

const Value kNull;
const double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

Value list(std::initializer_list<Value> items) {
  return ValueList(items);
}
Value map(std::initializer_list<MapEntry> entries) {
  return ValueMap(entries);
}
template <class... T>
Value l(T... v) {
  return list({Value(v)...});
}

const GraphStore& empty_store() {
  static const GraphStore store;
  return store;
}

// Calls a function by name, checking that its arity admits the arguments.
Value call(const GraphStore& store, std::string_view name, std::vector<Value> args) {
  const FunctionDef* f = find_function(name);
  REQUIRE(f != nullptr);
  REQUIRE(static_cast<int>(args.size()) >= f->min_args);
  REQUIRE((f->max_args < 0 || static_cast<int>(args.size()) <= f->max_args));
  QueryEnvironment env(0, 0);
  QueryLimits limits(0, 0);
  return f->eval(args, FunctionContext{store, env, limits});
}

Value call(std::string_view name, std::vector<Value> args = {}) {
  return call(empty_store(), name, std::move(args));
}

void require_error(std::string_view name, std::vector<Value> args, const std::string& category,
                   const std::string& code) {
  INFO(name);
  try {
    call(name, std::move(args));
    FAIL("no QueryError thrown");
  } catch (const QueryError& e) {
    CHECK(e.category() == category);
    CHECK(e.code() == code);
    CHECK(e.phase() == ErrorPhase::Runtime);
  }
}

void require_type_error(std::string_view name, std::vector<Value> args) {
  require_error(name, std::move(args), "TypeError", "InvalidArgumentType");
}

// A small graph: (alice:Person:Employee {age: 42})-[:KNOWS {since: 2020}]->(:Person "_:1"),
// and a node with no name.
struct TinyGraph {
  GraphStore store;
  NodeId alice, blank, plain;
  EdgeId knows;
  TinyGraph() {
    std::vector<std::string> person_employee = {"Person", "Employee"}, person = {"Person"};
    alice = store.add_node("alice", person_employee, "Alice");
    blank = store.add_node(store.fresh_node_id(), person, "Bob");
    plain = store.add_node("plain", {}, "");
    store.set_node_property(alice, "age", Value(42));
    knows = store.add_edge(alice, store.intern_edge_type("KNOWS"), blank,
                           ValueMap{{"since", Value(2020)}});
  }
  Value call(std::string_view name, std::vector<Value> args) {
    return ::call(store, name, std::move(args));
  }
};

}  // namespace

TEST_CASE("functions are found by name in any case", "[query]") {
  REQUIRE(find_function("toUpper") != nullptr);
  CHECK(find_function("TOUPPER") == find_function("toupper"));
  CHECK(find_function("toUpper")->name == "toupper");
  CHECK(find_function("upper")->eval == find_function("toUpper")->eval);
  CHECK(find_function("lower")->eval == find_function("toLower")->eval);
  CHECK(find_function("nosuchfunction") == nullptr);
  CHECK(find_function("") == nullptr);
  CHECK(find_function("count") == nullptr);   // aggregates are the planner's
  CHECK(find_function("exists") == nullptr);  // a pattern predicate, not a function
  CHECK(find_function("coalesce")->max_args == -1);
  CHECK(find_function("range")->min_args == 2);
  CHECK(find_function("range")->max_args == 3);
  CHECK(find_function("pi")->max_args == 0);
}

TEST_CASE("graph functions: id, labels, type, startNode, endNode", "[query]") {
  TinyGraph g;
  Value alice = NodeRef{g.alice}, knows = EdgeRef{g.knows};
  CHECK(g.call("id", {alice}) == Value(int64_t{g.alice}));
  CHECK(g.call("id", {knows}) == Value(int64_t{g.knows}));
  CHECK(g.call("id", {kNull}).is_null());
  CHECK(g.call("labels", {alice}) == l("Person", "Employee"));
  CHECK(g.call("labels", {Value(NodeRef{g.plain})}) == l());
  CHECK(g.call("labels", {kNull}).is_null());
  CHECK(g.call("type", {knows}) == Value("KNOWS"));
  CHECK(g.call("type", {kNull}).is_null());
  CHECK(g.call("startNode", {knows}) == Value(NodeRef{g.alice}));
  CHECK(g.call("endNode", {knows}) == Value(NodeRef{g.blank}));
  CHECK(g.call("startNode", {kNull}).is_null());
  require_type_error("id", {Value(1)});
  require_type_error("labels", {knows});
  require_type_error("type", {alice});
  require_type_error("startNode", {alice});
  require_type_error("endNode", {Value("x")});
}

TEST_CASE("properties and keys: stored properties plus the id and name columns", "[query]") {
  TinyGraph g;
  Value alice = NodeRef{g.alice}, blank = NodeRef{g.blank}, plain = NodeRef{g.plain};
  CHECK(g.call("properties", {alice}) == map({{"age", 42}, {"id", "alice"}, {"name", "Alice"}}));
  CHECK(g.call("properties", {blank}) == map({{"name", "Bob"}}));  // generated id hidden
  CHECK(g.call("properties", {plain}) == map({{"id", "plain"}}));  // empty name hidden
  CHECK(g.call("properties", {Value(EdgeRef{g.knows})}) == map({{"since", 2020}}));
  CHECK(g.call("properties", {map({{"k", 1}})}) == map({{"k", 1}}));
  CHECK(g.call("properties", {kNull}).is_null());
  CHECK(g.call("keys", {alice}) == l("age", "id", "name"));
  CHECK(g.call("keys", {Value(EdgeRef{g.knows})}) == l("since"));
  // Map3: keys in the order written, null values included.
  CHECK(g.call("keys", {map({{"name", "Alice"}, {"age", 38}, {"address", map({})}})}) ==
        l("name", "age", "address"));
  CHECK(g.call("keys", {map({{"k", kNull}, {"l", 1}})}) == l("k", "l"));
  CHECK(g.call("keys", {map({})}) == l());
  CHECK(g.call("keys", {kNull}).is_null());
  require_type_error("properties", {Value(1)});
  require_type_error("keys", {l(1)});

  // A stored property named like a column (a query set `id` to a non-string) wins over the
  // column and does not make a second entry.
  g.store.set_node_property(g.plain, "id", Value(7));
  CHECK(node_properties(g.store, g.plain) == ValueMap{{"id", Value(7)}});
  CHECK(edge_properties(g.store, g.knows) == ValueMap{{"since", Value(2020)}});
}

TEST_CASE("path functions: nodes, relationships, length", "[query]") {
  Value path = PathValue{{0, 1, 2}, {7, 8}};
  CHECK(call("nodes", {path}) == list({Value(NodeRef{0}), Value(NodeRef{1}), Value(NodeRef{2})}));
  CHECK(call("relationships", {path}) == list({Value(EdgeRef{7}), Value(EdgeRef{8})}));
  CHECK(call("length", {path}) == Value(2));
  CHECK(call("length", {Value(PathValue{{0}, {}})}) == Value(0));
  CHECK(call("nodes", {kNull}).is_null());
  CHECK(call("relationships", {kNull}).is_null());
  CHECK(call("length", {kNull}).is_null());
  require_type_error("nodes", {l(1)});
  require_type_error("relationships", {Value(NodeRef{0})});
  require_type_error("length", {Value("abc")});  // size() measures strings (Neo4j 5)
  require_type_error("length", {l(1)});
}

TEST_CASE("coalesce returns the first non-null argument", "[query]") {
  CHECK(call("coalesce", {kNull, Value(2), Value(3)}) == Value(2));
  CHECK(call("coalesce", {Value("male")}) == Value("male"));
  CHECK(call("coalesce", {kNull, kNull}).is_null());
  CHECK(call("coalesce", {kNull, l()}) == l());
}

TEST_CASE("head, last, tail (List7-9)", "[query]") {
  CHECK(call("head", {l(1, 2, 3)}) == Value(1));
  CHECK(call("head", {l()}).is_null());
  CHECK(call("head", {kNull}).is_null());
  CHECK(call("last", {l(1, 2, 3)}) == Value(3));
  CHECK(call("last", {l()}).is_null());
  CHECK(call("last", {kNull}).is_null());
  CHECK(call("tail", {call("tail", {l(1, 2, 3, 4, 5)})}) == l(3, 4, 5));
  CHECK(call("tail", {l()}) == l());
  CHECK(call("tail", {kNull}).is_null());
  require_type_error("head", {Value("abc")});
  require_type_error("last", {Value(1)});
  require_type_error("tail", {map({})});
}

TEST_CASE("size of lists and strings (List6)", "[query]") {
  CHECK(call("size", {l(1, 2, 3)}) == Value(3));
  CHECK(call("size", {list({l(), l(), l()})}) == Value(3));
  CHECK(call("size", {Value("abc")}) == Value(3));
  CHECK(call("size", {Value("")}) == Value(0));
  CHECK(call("size", {Value("h\xc3\xa9llo")}) == Value(5));  // characters, not bytes
  CHECK(call("size", {kNull}).is_null());
  require_type_error("size", {Value(PathValue{{0}, {}})});
  require_type_error("size", {Value(1)});
  require_type_error("size", {map({})});
}

TEST_CASE("range (List11)", "[query]") {
  CHECK(call("range", {Value(-1236), Value(-1234)}) == l(-1236, -1235, -1234));
  CHECK(call("range", {Value(0), Value(-123)}) == l());
  CHECK(call("range", {Value(0), Value(0)}) == l(0));
  CHECK(call("range", {Value(6), Value(10)}) == l(6, 7, 8, 9, 10));
  CHECK(call("range", {Value(1381), Value(-3412), Value(-1298)}) == l(1381, 83, -1215, -2513));
  CHECK(call("range", {Value(10), Value(-10), Value(-3)}) == l(10, 7, 4, 1, -2, -5, -8));
  CHECK(call("range", {Value(0), Value(1), Value(-123)}) == l());
  CHECK(call("range", {Value(0), Value(-1), Value(1)}) == l());
  CHECK(call("range", {Value(0), Value(0), Value(-1)}) == l(0));
  CHECK(call("range", {Value(0), Value(1), Value(2)}) == l(0));
  CHECK(call("range", {Value(-3412), Value(1381), Value(1298)}) == l(-3412, -2114, -816, 482));
  CHECK(call("range", {Value(-10), Value(10), Value(3)}) == l(-10, -7, -4, -1, 2, 5, 8));
  int64_t max = std::numeric_limits<int64_t>::max();
  CHECK(call("range", {Value(max - 1), Value(max)}) == l(max - 1, max));
  CHECK(call("range", {Value(kMin), Value(kMin + 2), Value(max)}) == l(kMin));
  CHECK(call("range", {kNull, Value(1)}).is_null());
  require_error("range", {Value(2), Value(8), Value(0)}, "ArgumentError", "NumberOutOfRange");
  require_error("range", {Value(0), Value(0), Value(0)}, "ArgumentError", "NumberOutOfRange");
  require_error("range", {Value(2), Value(-8), Value(0)}, "ArgumentError", "NumberOutOfRange");
  for (const Value& bad : {Value(true), Value(-1.1), Value(0.0), Value("xyz"), l(0), map({})}) {
    require_error("range", {bad, Value(1), Value(1)}, "ArgumentError", "InvalidArgumentType");
    require_error("range", {Value(0), bad, Value(1)}, "ArgumentError", "InvalidArgumentType");
    require_error("range", {Value(0), Value(1), bad}, "ArgumentError", "InvalidArgumentType");
  }
  require_error("range", {Value(0), Value(max)}, "ArgumentError", "NumberOutOfRange");
}

TEST_CASE("reverse of strings and lists (String3, List10)", "[query]") {
  CHECK(call("reverse", {Value("raksO")}) == Value("Oskar"));
  CHECK(call("reverse", {Value("h\xc3\xa9")}) == Value("\xc3\xa9h"));
  CHECK(call("reverse", {Value("")}) == Value(""));
  CHECK(call("reverse", {l(1, "a", nullptr)}) == l(nullptr, "a", 1));
  CHECK(call("reverse", {kNull}).is_null());
  require_type_error("reverse", {Value(12)});
}

TEST_CASE("toString (TypeConversion4)", "[query]") {
  CHECK(call("toString", {Value(42)}) == Value("42"));
  CHECK(call("toString", {Value(true)}) == Value("true"));
  CHECK(call("toString", {Value(false)}) == Value("false"));
  CHECK(call("toString", {Value(2.3)}) == Value("2.3"));
  CHECK(call("toString", {Value(1.0)}) == Value("1.0"));
  CHECK(call("toString", {Value(1e20)}) == Value("1.0E20"));
  CHECK(call("toString", {Value("apa")}) == Value("apa"));
  CHECK(call("toString", {kNull}).is_null());
  for (const Value& bad :
       {l(), map({}), Value(NodeRef{0}), Value(EdgeRef{0}), Value(PathValue{{0}, {}})}) {
    require_error("toString", {bad}, "TypeError", "InvalidArgumentValue");
    CHECK(call("toStringOrNull", {bad}).is_null());
  }
  CHECK(call("toStringOrNull", {Value(7)}) == Value("7"));
}

TEST_CASE("toInteger (TypeConversion2)", "[query]") {
  CHECK(call("toInteger", {Value(82.9)}) == Value(82));
  CHECK(call("toInteger", {Value(-2.9)}) == Value(-2));
  CHECK(call("toInteger", {Value(2)}) == Value(2));
  CHECK(call("toInteger", {Value("foo")}).is_null());
  CHECK(call("toInteger", {Value("")}).is_null());
  CHECK(call("toInteger", {Value("1.7")}) == Value(1));
  CHECK(call("toInteger", {Value("2.9")}) == Value(2));
  CHECK(call("toInteger", {Value("42")}) == Value(42));
  CHECK(call("toInteger", {Value(" 42 ")}) == Value(42));
  CHECK(call("toInteger", {Value("-9223372036854775808")}) == Value(kMin));
  CHECK(call("toInteger", {Value("1e3")}) == Value(1000));
  CHECK(call("toInteger", {Value("1e30")}).is_null());
  CHECK(call("toInteger", {Value(true)}) == Value(1));
  CHECK(call("toInteger", {kNull}).is_null());
  require_error("toInteger", {Value(1e30)}, "ArgumentError", "NumberOutOfRange");
  require_error("toInteger", {Value(kNaN)}, "ArgumentError", "NumberOutOfRange");
  CHECK(call("toIntegerOrNull", {Value(1e30)}).is_null());
  for (const Value& bad :
       {l(), map({}), Value(NodeRef{0}), Value(EdgeRef{0}), Value(PathValue{{0}, {}})}) {
    require_error("toInteger", {bad}, "TypeError", "InvalidArgumentValue");
    CHECK(call("toIntegerOrNull", {bad}).is_null());
  }
  CHECK(call("toIntegerOrNull", {Value("12")}) == Value(12));
}

TEST_CASE("toFloat (TypeConversion3)", "[query]") {
  CHECK(call("toFloat", {Value(3)}) == Value(3.0));
  CHECK(call("toFloat", {Value(3.4)}) == Value(3.4));
  CHECK(call("toFloat", {Value("5")}) == Value(5.0));
  CHECK(call("toFloat", {Value("-1.5e2")}) == Value(-150.0));
  CHECK(call("toFloat", {Value(".5")}) == Value(0.5));
  CHECK(call("toFloat", {Value("foo")}).is_null());
  CHECK(call("toFloat", {Value("")}).is_null());
  CHECK(call("toFloat", {Value("inf")}).is_null());  // Java spells it Infinity
  CHECK(call("toFloat", {Value("Infinity")}) == Value(std::numeric_limits<double>::infinity()));
  CHECK(std::isnan(call("toFloat", {Value("NaN")}).as_double()));
  CHECK(call("toFloat", {kNull}).is_null());
  for (const Value& bad : {Value(true), l(), map({}), Value(NodeRef{0}), Value(EdgeRef{0}),
                           Value(PathValue{{0}, {}})}) {
    require_error("toFloat", {bad}, "TypeError", "InvalidArgumentValue");
    CHECK(call("toFloatOrNull", {bad}).is_null());
  }
  CHECK(call("toFloatOrNull", {Value("2.5")}) == Value(2.5));
}

TEST_CASE("toBoolean (TypeConversion1)", "[query]") {
  CHECK(call("toBoolean", {Value(true)}) == Value(true));
  CHECK(call("toBoolean", {Value(false)}) == Value(false));
  CHECK(call("toBoolean", {Value("true")}) == Value(true));
  CHECK(call("toBoolean", {Value("false")}) == Value(false));
  CHECK(call("toBoolean", {Value("TRUE")}) == Value(true));
  for (const char* s : {"", " tru ", "f alse", "yes"})
    CHECK(call("toBoolean", {Value(s)}).is_null());
  CHECK(call("toBoolean", {kNull}).is_null());
  // Integers convert as in Neo4j 5 (the TCK lists no integer among the failures).
  CHECK(call("toBoolean", {Value(0)}) == Value(false));
  CHECK(call("toBoolean", {Value(1)}) == Value(true));
  for (const Value& bad : {l(), map({}), Value(1.0), Value(NodeRef{0}), Value(EdgeRef{0}),
                           Value(PathValue{{0}, {}})}) {
    require_error("toBoolean", {bad}, "TypeError", "InvalidArgumentValue");
    CHECK(call("toBooleanOrNull", {bad}).is_null());
  }
  CHECK(call("toBooleanOrNull", {Value("false")}) == Value(false));
}

TEST_CASE("string case and trimming", "[query]") {
  CHECK(call("toUpper", {Value("abc1-Z")}) == Value("ABC1-Z"));
  CHECK(call("upper", {Value("abc")}) == Value("ABC"));
  CHECK(call("toLower", {Value("ABC1-z")}) == Value("abc1-z"));
  CHECK(call("lower", {Value("ABC")}) == Value("abc"));
  CHECK(call("toUpper", {kNull}).is_null());
  CHECK(call("trim", {Value("  a b \t\n")}) == Value("a b"));
  CHECK(call("ltrim", {Value("  a ")}) == Value("a "));
  CHECK(call("rtrim", {Value("  a ")}) == Value("  a"));
  CHECK(call("trim", {Value("   ")}) == Value(""));
  CHECK(call("trim", {kNull}).is_null());
  require_type_error("toUpper", {Value(1)});
  require_type_error("toLower", {l("a")});
  require_type_error("trim", {Value(true)});
  require_type_error("ltrim", {Value(1.5)});
  require_type_error("rtrim", {map({})});
}

TEST_CASE("replace", "[query]") {
  CHECK(call("replace", {Value("hello"), Value("l"), Value("w")}) == Value("hewwo"));
  CHECK(call("replace", {Value("aaa"), Value("aa"), Value("b")}) == Value("ba"));
  CHECK(call("replace", {Value("abc"), Value("x"), Value("y")}) == Value("abc"));
  CHECK(call("replace", {Value("abc"), Value(""), Value("-")}) == Value("-a-b-c-"));
  CHECK(call("replace", {kNull, Value("a"), Value("b")}).is_null());
  CHECK(call("replace", {Value("a"), kNull, Value("b")}).is_null());
  CHECK(call("replace", {Value("a"), Value("a"), kNull}).is_null());
  require_type_error("replace", {Value("a"), Value(1), Value("b")});
}

TEST_CASE("substring, left, right (String1)", "[query]") {
  CHECK(call("substring", {Value("0123456789"), Value(1)}) == Value("123456789"));
  CHECK(call("substring", {Value("0123456789"), Value(1), Value(3)}) == Value("123"));
  CHECK(call("substring", {Value("abc"), Value(5)}) == Value(""));
  CHECK(call("substring", {Value("abc"), Value(1), Value(10)}) == Value("bc"));
  CHECK(call("substring", {Value("h\xc3\xa9llo"), Value(1), Value(2)}) == Value("\xc3\xa9l"));
  CHECK(call("substring", {kNull, Value(1)}).is_null());
  require_error("substring", {Value("abc"), Value(-1)}, "ArgumentError", "NumberOutOfRange");
  require_error("substring", {Value("abc"), Value(0), Value(-1)}, "ArgumentError",
                "NumberOutOfRange");
  require_type_error("substring", {Value("abc"), Value(1.0)});
  require_type_error("substring", {Value(123), Value(1)});
  CHECK(call("left", {Value("hello"), Value(3)}) == Value("hel"));
  CHECK(call("left", {Value("hello"), Value(10)}) == Value("hello"));
  CHECK(call("left", {Value("hello"), Value(0)}) == Value(""));
  CHECK(call("right", {Value("hello"), Value(3)}) == Value("llo"));
  CHECK(call("right", {Value("hello"), Value(10)}) == Value("hello"));
  CHECK(call("right", {Value("h\xc3\xa9"), Value(1)}) == Value("\xc3\xa9"));
  CHECK(call("left", {kNull, Value(1)}).is_null());
  CHECK(call("right", {kNull, Value(1)}).is_null());
  require_error("left", {Value("abc"), Value(-1)}, "ArgumentError", "NumberOutOfRange");
  require_error("right", {Value("abc"), Value(-1)}, "ArgumentError", "NumberOutOfRange");
  require_type_error("left", {Value(1), Value(1)});
  require_type_error("right", {Value("abc"), Value("1")});
}

TEST_CASE("split (String4)", "[query]") {
  CHECK(call("split", {Value("one1two"), Value("1")}) == l("one", "two"));
  CHECK(call("split", {Value("a,b,"), Value(",")}) == l("a", "b", ""));
  CHECK(call("split", {Value("a::b"), Value("::")}) == l("a", "b"));
  CHECK(call("split", {Value("abc"), Value("x")}) == l("abc"));
  CHECK(call("split", {Value("abc"), Value("")}) == l("a", "b", "c"));
  CHECK(call("split", {Value("a-b_c"), l("-", "_")}) == l("a", "b", "c"));
  CHECK(call("split", {kNull, Value(",")}).is_null());
  CHECK(call("split", {Value("a"), kNull}).is_null());
  require_type_error("split", {Value("a"), Value(1)});
  require_type_error("split", {Value(1), Value(",")});
}

TEST_CASE("abs, sign, ceil, floor (Mathematical11)", "[query]") {
  CHECK(call("abs", {Value(-1)}) == Value(1));
  CHECK(call("abs", {Value(3)}) == Value(3));
  CHECK(call("abs", {Value(-1.5)}) == Value(1.5));
  CHECK(call("abs", {kNull}).is_null());
  require_error("abs", {Value(kMin)}, "ArgumentError", "NumberOutOfRange");
  require_type_error("abs", {Value("-1")});
  CHECK(call("sign", {Value(-7)}) == Value(-1));
  CHECK(call("sign", {Value(0)}) == Value(0));
  CHECK(call("sign", {Value(2.5)}) == Value(1));
  CHECK(call("sign", {Value(-0.1)}) == Value(-1));
  CHECK(call("sign", {kNull}).is_null());
  CHECK(call("ceil", {Value(0.1)}) == Value(1.0));
  CHECK(call("ceil", {Value(1)}) == Value(1.0));
  CHECK(call("floor", {Value(-0.1)}) == Value(-1.0));
  CHECK(call("floor", {kNull}).is_null());
  require_type_error("ceil", {Value(true)});
}

TEST_CASE("round: Java's Math.round, and Neo4j 5's precision and modes", "[query]") {
  CHECK(call("round", {Value(3.141592)}) == Value(3.0));
  CHECK(call("round", {Value(2.5)}) == Value(3.0));
  CHECK(call("round", {Value(-2.5)}) == Value(-2.0));  // halves round up
  CHECK(call("round", {Value(-2.6)}) == Value(-3.0));
  CHECK(call("round", {Value(0.49999999999999994)}) == Value(0.0));
  CHECK(call("round", {Value(7)}) == Value(7.0));
  CHECK(call("round", {kNull}).is_null());
  CHECK(call("round", {Value(3.141592), Value(3)}) == Value(3.142));
  CHECK(call("round", {Value(2.675), Value(2)}) == Value(2.68));  // on the decimal digits
  CHECK(call("round", {Value(-1.5), Value(0)}) == Value(-2.0));   // HALF_UP: away from zero
  CHECK(call("round", {Value(1234.5), Value(-2)}) == Value(1200.0));
  CHECK(call("round", {Value(9.99), Value(1)}) == Value(10.0));
  CHECK(call("round", {Value(0.004), Value(2)}) == Value(0.0));
  CHECK(call("round", {Value(1.5), Value(5)}) == Value(1.5));
  CHECK(call("round", {Value(1.25), Value(1), Value("HALF_EVEN")}) == Value(1.2));
  CHECK(call("round", {Value(1.35), Value(1), Value("HALF_EVEN")}) == Value(1.4));
  CHECK(call("round", {Value(1.25), Value(1), Value("HALF_DOWN")}) == Value(1.2));
  CHECK(call("round", {Value(1.21), Value(1), Value("UP")}) == Value(1.3));
  CHECK(call("round", {Value(-1.21), Value(1), Value("UP")}) == Value(-1.3));
  CHECK(call("round", {Value(1.29), Value(1), Value("DOWN")}) == Value(1.2));
  CHECK(call("round", {Value(-1.21), Value(1), Value("CEILING")}) == Value(-1.2));
  CHECK(call("round", {Value(-1.21), Value(1), Value("FLOOR")}) == Value(-1.3));
  CHECK(call("round", {Value(0.001), Value(1), Value("CEILING")}) == Value(0.1));
  CHECK(call("round", {Value(1.5), Value(1), Value("UNNECESSARY")}) == Value(1.5));
  require_error("round", {Value(1.55), Value(1), Value("UNNECESSARY")}, "ArgumentError",
                "InvalidArgumentValue");
  require_error("round", {Value(1.5), Value(1), Value("SIDEWAYS")}, "ArgumentError",
                "InvalidArgumentValue");
  require_type_error("round", {Value("1.5")});
  require_type_error("round", {Value(1.5), Value(1.0)});
}

TEST_CASE("sqrt, exp, logarithms (Mathematical13-14)", "[query]") {
  CHECK(call("sqrt", {Value(12.96)}).as_double() == Approx(3.6));
  CHECK(call("sqrt", {Value(16)}) == Value(4.0));
  CHECK(std::isnan(call("sqrt", {Value(-1)}).as_double()));
  CHECK(call("exp", {Value(0)}) == Value(1.0));
  CHECK(call("log", {Value(std::exp(2.0))}).as_double() == Approx(2.0));
  CHECK(call("log", {Value(0)}) == Value(-std::numeric_limits<double>::infinity()));
  CHECK(std::isnan(call("log", {Value(-1)}).as_double()));
  CHECK(call("log10", {Value(1000)}).as_double() == Approx(3.0));
  CHECK(call("sqrt", {kNull}).is_null());
  CHECK(call("log", {kNull}).is_null());
  require_type_error("sqrt", {Value("4")});
  require_type_error("exp", {l(1)});
}

TEST_CASE("trigonometry and constants (Mathematical9, 15-17)", "[query]") {
  CHECK(call("e") == Value(std::numbers::e));
  CHECK(call("pi") == Value(std::numbers::pi));
  CHECK(call("sin", {Value(0)}) == Value(0.0));
  CHECK(call("cos", {Value(0)}) == Value(1.0));
  CHECK(call("tan", {Value(std::numbers::pi / 4)}).as_double() == Approx(1.0));
  CHECK(call("cot", {Value(std::numbers::pi / 4)}).as_double() == Approx(1.0));
  CHECK(call("asin", {Value(1)}).as_double() == Approx(std::numbers::pi / 2));
  CHECK(call("acos", {Value(1)}) == Value(0.0));
  CHECK(call("atan", {Value(1)}).as_double() == Approx(std::numbers::pi / 4));
  CHECK(call("atan2", {Value(1), Value(1)}).as_double() == Approx(std::numbers::pi / 4));
  CHECK(call("atan2", {kNull, Value(1)}).is_null());
  CHECK(call("haversin", {Value(std::numbers::pi)}).as_double() == Approx(1.0));
  CHECK(call("degrees", {Value(std::numbers::pi)}).as_double() == Approx(180.0));
  CHECK(call("radians", {Value(180)}).as_double() == Approx(std::numbers::pi));
  CHECK(std::isnan(call("asin", {Value(2)}).as_double()));
  CHECK(call("sin", {kNull}).is_null());
  require_type_error("sin", {Value("0")});
  require_type_error("atan2", {Value(1), Value("1")});
}

TEST_CASE("rand, timestamp, randomUUID", "[query]") {
  for (int i = 0; i < 100; ++i) {
    double r = call("rand").as_double();
    CHECK(r >= 0.0);
    CHECK(r < 1.0);
  }
  int64_t t = call("timestamp").as_int();
  CHECK(t > int64_t{1'600'000'000'000});  // after September 2020, in milliseconds
  // xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx, lower-case hex (no std::regex: GCC bug 105562)
  auto is_uuid = [](const std::string& u) {
    if (u.size() != 36 || u[14] != '4' ||
        std::string_view("89ab").find(u[19]) == std::string_view::npos)
      return false;
    for (size_t i = 0; i < u.size(); ++i) {
      bool dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? u[i] != '-'
               : std::string_view("0123456789abcdef").find(u[i]) == std::string_view::npos)
        return false;
    }
    return true;
  };
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    std::string u = call("randomUUID").as_string();
    CHECK(is_uuid(u));
    seen.insert(u);
  }
  CHECK(seen.size() == 20);
}

TEST_CASE("a seed and a clock in the options make rand, randomUUID and timestamp repeatable",
          "[query]") {
  GraphStore store;
  QueryEngine engine(store);
  const std::string q =
      "UNWIND range(1, 3) AS i RETURN rand() AS r, randomUUID() AS u, timestamp() AS t";
  QueryOptions fixed;
  fixed.random_seed = 42;
  fixed.clock_ms = 1'700'000'000'123;
  const auto a = engine.run(q, {}, fixed), b = engine.run(q, {}, fixed);
  REQUIRE(a.rows.size() == 3);
  CHECK(a.rows == b.rows);
  CHECK(a.rows[0][0] != a.rows[1][0]);  // a sequence, not one value
  for (const auto& row : a.rows) CHECK(row[2] == Value(int64_t{1'700'000'000'123}));
  fixed.random_seed = 43;
  CHECK(engine.run(q, {}, fixed).rows[0][0] != a.rows[0][0]);
  // Without a clock, timestamp() is still one value for the whole query.
  const auto c = engine.run("UNWIND range(1, 1000) AS i RETURN count(DISTINCT timestamp()) AS n");
  CHECK(c.rows[0][0] == Value(int64_t{1}));
}
