// The rule engine: parsing, checking and lowering, evaluation (recursion, negation, built-ins),
// checks, materialized edges and their explanations, the benchmark's Q5/Q6, and the CLI.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <random>
#include <regex>
#include <set>

#include "normgraph/engine/data_dir.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/engine/journal.hpp"
#include "normgraph/loaders/csv_graph.hpp"
#include "normgraph/ontology/schema.hpp"
#include "normgraph/rules/evaluation.hpp"
#include "normgraph/rules/graph_rules.hpp"
#include "normgraph/rules/parser.hpp"
#include "normgraph/rules/program.hpp"
#include "normgraph/workspace/journal_records.hpp"
#include "test_helpers.hpp"

using namespace normgraph;
using namespace normgraph::rules;
using normgraph::testing::CommandRun;
using normgraph::testing::run_cli;
using normgraph::testing::TempDir;

namespace {

void add_node(GraphStore& g, const std::string& id, const std::string& kind,
              const std::string& name = "", ValueMap props = {}) {
  NodeData n;
  n.id = id;
  n.labels = {kind};
  n.name = name.empty() ? id : name;
  n.props = std::move(props);
  g.upsert_node(n);
}

void add_edge(GraphStore& g, const std::string& s, const std::string& type, const std::string& t,
              const std::string& sentence = "") {
  EdgeData e;
  e.source = s;
  e.target = t;
  e.type = type;
  if (!sentence.empty()) {
    Evidence ev;
    ev.doc = "doc:d";
    ev.sentence = 1;
    ev.text = sentence;
    e.evidence.push_back(ev);
  }
  g.upsert_edge(e);
}

// A chain 0 -> 1 -> ... -> n-1 of E edges between nodes of kind N.
GraphStore chain(int n) {
  GraphStore g;
  for (int i = 0; i < n; ++i) add_node(g, "n" + std::to_string(i), "N");
  for (int i = 0; i + 1 < n; ++i)
    add_edge(g, "n" + std::to_string(i), "E", "n" + std::to_string(i + 1));
  return g;
}

struct Result {
  std::unique_ptr<CompiledProgram> program;
  std::unique_ptr<Evaluation> eval;

  size_t count(const std::string& relation) const {
    return eval->size(*program->find_relation(relation));
  }
  std::set<std::string> facts(const std::string& relation) const {
    std::set<std::string> out;
    const uint32_t r = *program->find_relation(relation);
    for (uint32_t i = 0; i < eval->size(r); ++i) {
      std::string s;
      for (TermId t : eval->tuple({r, i})) s += (s.empty() ? "" : " ") + eval->show(t);
      out.insert(s);
    }
    return out;
  }
};

Result run(const std::string& text, const GraphStore& g, const ontology::Schema* schema = nullptr,
           EvalOptions options = {}) {
  Result r;
  r.program = std::make_unique<CompiledProgram>(compile(parse_program(text, "t.rules"), g, schema));
  r.eval = std::make_unique<Evaluation>(*r.program, g, options);
  r.eval->run();
  return r;
}

// The message of the RuleError that compiling (or parsing) `text` throws.
std::string rejection(const std::string& text, const GraphStore& g,
                      const ontology::Schema* schema = nullptr) {
  try {
    compile(parse_program(text, "t.rules"), g, schema);
  } catch (const RuleError& e) {
    return e.what();
  }
  return "(accepted)";
}

const std::string kSource = NORMGRAPH_SOURCE_DIR;

}  // namespace

// ---- parsing

TEST_CASE("the parser reads rules, facts, checks, directives and comments", "[rules]") {
  const Program p = parse_program(R"(% a comment
// another
/* a block
   comment */
edge_of: reach(X, Y) :- E(X, Y).
reach(X, Z) :- reach(X, Y), E(Y, Z).   # trailing
start("n0").
far(X) :- reach("n0", X), not E("n0", X), X != "n0", !N(X).
up(X, Y) :- E*(X, Y), start(X).
check loop warning "{X} reaches itself" :- E+(X, X).
@output reach, far.
@derive REACH.
)",
                                  "t.rules");
  REQUIRE(p.rules.size() == 5);
  CHECK(p.rules[0].name == "edge_of");
  CHECK(p.rules[1].name == "reach#1");
  CHECK(p.rules[1].pos.line == 6);
  CHECK(p.rules[2].body.empty());
  CHECK(p.rules[2].head.args[0].kind == Term::Kind::String);
  const auto& far = p.rules[3].body;
  REQUIRE(far.size() == 4);
  CHECK(far[1].negated);
  CHECK(far[2].kind == Literal::Kind::Comparison);
  CHECK(far[2].op == CompareOp::Ne);
  CHECK(far[3].negated);
  CHECK(p.rules[4].body[0].closure == '*');
  REQUIRE(p.checks.size() == 1);
  CHECK(p.checks[0].severity == Severity::Warning);
  CHECK(p.checks[0].body[0].closure == '+');
  CHECK(p.directives.size() == 3);
  CHECK(p.directives[2].kind == Directive::Kind::Derive);
}

TEST_CASE("the parser rejects bad text with file, line and column", "[rules]") {
  auto error = [](const std::string& text) {
    try {
      parse_program(text, "f.rules");
    } catch (const RuleError& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  CHECK(error("p(X) :- q(X)") ==
        "f.rules:1:13: expected ',' or '.' after a body literal, found the end of the file");
  CHECK(error("p(X) :- q(x).") ==
        "f.rules:1:11: 'x' is not a term: variables start with a capital letter or '_', constants "
        "are \"strings\" or integers");
  CHECK(error("p(\"abc) :- q(X).") == "f.rules:1:3: unterminated string");
  CHECK(error("\n  @outptu p.") ==
        "f.rules:2:4: unknown directive '@outptu' (expected @output or @derive)");
  CHECK(error("check c fatal \"m\" :- p(X).") ==
        "f.rules:1:9: unknown severity 'fatal' (expected error, warning or info)");
  CHECK(error("p(X) :- q(X), X ~ 1.") == "f.rules:1:17: unexpected character '~'");
  CHECK(error("/* open") == "f.rules:1:1: unterminated comment");
  CHECK(error("p*(X, Y) :- q(X, Y).") == "f.rules:1:1: a rule's head cannot be a closure");
}

// ---- checking and lowering

TEST_CASE("the compiler rejects unknown predicates, arity mismatches and unsafe variables",
          "[rules]") {
  GraphStore g = chain(3);
  CHECK(rejection("p(X) :- F(X, Y).", g) ==
        "t.rules:1:9: unknown predicate 'F': not an edge type, a node kind, a property, a built-in "
        "or a relation defined by a rule");
  CHECK(rejection("p(X) :- e(X, Y).", g) ==
        "t.rules:1:9: unknown predicate 'e': not an edge type, a node kind, a property, a built-in "
        "or a relation defined by a rule; did you mean 'E'?");
  CHECK(rejection("p(X) :- E(X).", g) ==
        "t.rules:1:9: 'E' is an edge type and takes 2 argument(s), not 1");
  CHECK(rejection("p(X) :- E(X, Y).\nq(X) :- p(X, Y).", g) ==
        "t.rules:2:9: 'p' is defined with 1 argument(s) and takes 1 argument(s), not 2");
  CHECK(rejection("p(X) :- N(X).\np(X, Y) :- E(X, Y).", g) ==
        "t.rules:2:1: 'p' has 2 argument(s) here but 1 elsewhere");
  CHECK(rejection("p(X, Y) :- N(X).", g) ==
        "t.rules:1:6: unsafe variable Y in rule 'p#1': it appears in the head but no positive atom "
        "of the body binds it");
  CHECK(rejection("p(X) :- N(X), not E(X, Y).", g) ==
        "t.rules:1:24: unsafe variable Y in rule 'p#1': it appears in a negated atom but no "
        "positive atom of the body binds it");
  CHECK(rejection("p(X) :- N(X), Y > 3.", g) ==
        "t.rules:1:15: unsafe variable Y in rule 'p#1': it appears in a comparison but no positive "
        "atom of the body binds it");
  CHECK(rejection("p(X, Y) :- E*(X, Y).", g) ==
        "t.rules:1:12: 'E*': one of its two ends must be bound by another atom of the body (the "
        "reflexive closure of every node is not computed)");
  CHECK(rejection("N(X) :- E(X, Y).", g) ==
        "t.rules:1:1: 'N' is a node kind, a property or a built-in; rules cannot define it");
  CHECK(rejection("@derive q.\np(X) :- N(X).\n@derive p.", g) ==
        "t.rules:1:9: 'q' is not defined by any rule\nt.rules:3:9: @derive needs a relation of 2 "
        "arguments; 'p' has 1");
  CHECK(rejection("check c error \"{Z}\" :- N(X).", g) ==
        "t.rules:1:1: check 'c': the message names {Z}, which is not a variable of the body");
}

TEST_CASE("@derive must name a derived edge type of the schema", "[rules]") {
  GraphStore g;
  const auto schema = ontology::Schema::load_default();
  CHECK(
      rejection("ENDORSES(A, P) :- SUPPORTS(A, P).\n@derive ENDORSES.", g, &schema) ==
      "t.rules:2:9: @derive ENDORSES: the schema's edge type is asserted by loaders, not derived");
  CHECK(rejection("LIKES(A, P) :- SUPPORTS(A, P).\n@derive LIKES.", g, &schema) ==
        "t.rules:2:9: @derive LIKES: the schema has no such edge type (add it to schema.json, "
        "marked derived)");
  CHECK(rejection("SUPPORTS(A, P) :- ENDORSES(A, P).\n@derive SUPPORTS.", g, &schema) ==
        "(accepted)");
}

TEST_CASE("stratification orders negation and rejects recursion through it", "[rules]") {
  GraphStore g = chain(4);
  CHECK(rejection("p(X) :- N(X), not q(X).\nq(X) :- N(X), not p(X).", g) ==
        "t.rules:1:15: the program is not stratifiable: 'p' depends on 'not q', which depends on "
        "'p' in turn (recursion through negation)\nt.rules:2:15: the program is not stratifiable: "
        "'q' depends on 'not p', which depends on 'q' in turn (recursion through negation)");
  CHECK(rejection("p(X) :- N(X), not p(X).", g).find("not stratifiable") != std::string::npos);
  // The negated relation is evaluated in an earlier stratum, whatever the order in the file.
  const std::string text =
      "unreached(X) :- N(X), not reached(X).\n"
      "reached(Y) :- E(\"n0\", Y).\nreached(Z) :- reached(Y), E(Y, Z).";
  const CompiledProgram p = compile(parse_program(text, "t.rules"), g, nullptr);
  const std::string plan = describe(p);
  CHECK(plan.find("reached") < plan.find("unreached"));
  CHECK(plan.find("(recursive)") != std::string::npos);
  Result r = run(text, g);
  CHECK(r.facts("unreached") == std::set<std::string>{"n0"});
  CHECK(r.count("reached") == 3);
}

// ---- recursion

TEST_CASE("transitive closure on chains, cycles and diamonds", "[rules]") {
  const std::string linear = "tc(X, Y) :- E(X, Y).\ntc(X, Z) :- tc(X, Y), E(Y, Z).";
  const std::string nonlinear = "tc(X, Y) :- E(X, Y).\ntc(X, Z) :- tc(X, Y), tc(Y, Z).";
  SECTION("chain") {
    GraphStore g = chain(60);
    CHECK(run(linear, g).count("tc") == 60 * 59 / 2);
    CHECK(run(nonlinear, g).count("tc") == 60 * 59 / 2);
    CHECK(run("tc(X, Y) :- E+(X, Y).", g).count("tc") == 60 * 59 / 2);
  }
  SECTION("cycle") {
    GraphStore g = chain(25);
    add_edge(g, "n24", "E", "n0");
    CHECK(run(linear, g).count("tc") == 25 * 25);
    CHECK(run(nonlinear, g).count("tc") == 25 * 25);
  }
  SECTION("diamond") {
    GraphStore g;
    for (const char* n : {"a", "b", "c", "d", "e"}) add_node(g, n, "N");
    add_edge(g, "a", "E", "b");
    add_edge(g, "a", "E", "c");
    add_edge(g, "b", "E", "d");
    add_edge(g, "c", "E", "d");
    add_edge(g, "d", "E", "e");
    Result r = run(linear, g);
    CHECK(r.facts("tc") ==
          std::set<std::string>{"a b", "a c", "a d", "a e", "b d", "b e", "c d", "c e", "d e"});
    // a reaches d twice over; the fact is made once and keeps one derivation.
    const uint32_t tc = *r.program->find_relation("tc");
    auto a = *g.find_node("a"), d = *g.find_node("d");
    const TermId tuple[2] = {a, d};
    auto f = r.eval->find(tc, tuple);
    REQUIRE(f);
    auto why = r.eval->derivation(*f);
    REQUIRE(why);
    CHECK(r.program->rules[why->rule].name == "tc#2");
    CHECK(why->premises.size() == 2);
  }
  SECTION("reflexive-transitive closure seeded by the body") {
    GraphStore g = chain(5);
    add_node(g, "x", "M");
    add_edge(g, "x", "P", "n2");
    Result r = run("up(A, B) :- P(A, Q), E*(Q, B).\ndown(B) :- E*(A, B), A = \"n3\".", g);
    CHECK(r.facts("up") == std::set<std::string>{"x n2", "x n3", "x n4"});
    CHECK(r.facts("down") == std::set<std::string>{"n3", "n4"});
  }
}

TEST_CASE("parallel joins give the same facts as one thread", "[rules]") {
  GraphStore g;
  std::mt19937 rng(7);
  const int n = 3000;
  for (int i = 0; i < n; ++i) add_node(g, "v" + std::to_string(i), "V");
  for (int i = 0; i < 40000; ++i)
    add_edge(g, "v" + std::to_string(rng() % n), "E", "v" + std::to_string(rng() % n));
  const std::string text = "two(X, Z) :- E(X, Y), E(Y, Z), X != Z.";
  EvalOptions one, four;
  one.threads = 1;
  four.threads = 4;
  Result a = run(text, g, nullptr, one), b = run(text, g, nullptr, four);
  CHECK(a.count("two") > 100000);
  CHECK(a.facts("two") == b.facts("two"));
}

// ---- built-ins, properties, negation

TEST_CASE("kinds, properties, comparisons and dates", "[rules]") {
  GraphStore g;
  add_node(g, "state:CHN", "Actor", "China", {{"type", "state"}});
  add_node(g, "org:un", "Actor", "United Nations", {{"type", "organization"}});
  add_node(g, "doc:a", "Document", "A", {{"date", "2015-10"}});
  add_node(g, "doc:b", "Document", "B", {{"date", "2016"}});
  add_node(g, "doc:c", "Document", "C", {{"date", "2015"}});
  add_node(g, "n:1", "Norm", "N1", {{"modality", "prohibition"}, {"rank", int64_t{3}}});
  add_node(g, "n:2", "Norm", "N2", {{"modality", "obligation"}, {"rank", int64_t{12}}});
  add_edge(g, "doc:a", "REFERENCES", "doc:b");
  add_edge(g, "doc:a", "REFERENCES", "doc:c");
  Result r = run(R"(
china(X) :- name(X, "China").
china_any_case(X) :- name(X, "CHINA").
states(X) :- Actor(X), type(X, "state").
not_states(X) :- Actor(X), not type(X, "state").
prohibitions(N) :- modality(N, "prohibition").
high(N) :- Norm(N), rank(N, R), R > 5.
pairs(A, B) :- Norm(A), Norm(B), A != B, A < B.
later(S, D) :- REFERENCES(S, D), date(S, DS), date(D, DD), date_after(DD, DS).
named(X, N) :- Actor(X), name(X, N), N >= "D".
)",
                 g);
  CHECK(r.facts("china") == std::set<std::string>{"state:CHN"});
  CHECK(r.facts("china_any_case").empty());  // names match exactly, aliases do not count
  CHECK(r.facts("states") == std::set<std::string>{"state:CHN"});
  CHECK(r.facts("not_states") == std::set<std::string>{"org:un"});
  CHECK(r.facts("prohibitions") == std::set<std::string>{"n:1"});
  CHECK(r.facts("high") == std::set<std::string>{"n:2"});
  CHECK(r.facts("pairs") == std::set<std::string>{"n:1 n:2"});
  CHECK(r.facts("later") == std::set<std::string>{"doc:a doc:b"});  // 2015 is not after 2015-10
  CHECK(r.facts("named") == std::set<std::string>{"org:un United Nations"});
}

TEST_CASE("negation of relations, kinds and closures' results", "[rules]") {
  GraphStore g = chain(6);
  add_node(g, "m", "M");
  add_edge(g, "n5", "E", "m");
  Result r = run(R"(
reach(Y) :- E("n2", Y).
reach(Z) :- reach(Y), E(Y, Z).
others(X) :- N(X), not reach(X), X != "n2".
ends(X) :- E(_, X), not N(X).
sinks(X) :- E(_, X), not E(X, _).
)",
                 g);
  CHECK(r.facts("others") == std::set<std::string>{"n0", "n1"});
  CHECK(r.facts("ends") == std::set<std::string>{"m"});
  CHECK(r.facts("sinks") == std::set<std::string>{"m"});
}

// ---- checks

TEST_CASE("a rule check reports bindings, its message and the evidence behind it", "[rules]") {
  GraphStore g;
  add_node(g, "state:X", "Actor", "Xland", {{"type", "state"}});
  add_node(g, "principle:p", "Principle", "peace");
  add_node(g, "principle:q", "Principle", "quiet");
  add_edge(g, "state:X", "ENDORSES", "principle:q", "X endorses quiet.");
  add_edge(g, "principle:q", "SPECIALIZES", "principle:p", "Quiet is a form of peace.");
  add_edge(g, "state:X", "OPPOSES", "principle:p", "X opposes peace.");
  Result r = run(R"(
sup(A, P) :- ENDORSES(A, Q), SPECIALIZES*(Q, P).
check dual error "{A} both supports and opposes {P}" :- sup(A, P), OPPOSES(A, P).
)",
                 g);
  auto vs = rule_violations(*r.eval);
  REQUIRE(vs.size() == 1);
  CHECK(vs[0].check == "dual");
  CHECK(vs[0].severity == "error");
  CHECK(vs[0].message == "Xland both supports and opposes peace");
  CHECK(vs[0].bindings ==
        std::vector<std::pair<std::string, std::string>>{{"A", "state:X"}, {"P", "principle:p"}});
  std::set<std::string> sentences;
  for (const auto& e : vs[0].evidence) sentences.insert(e.text);
  CHECK(sentences == std::set<std::string>{"X endorses quiet.", "Quiet is a form of peace.",
                                           "X opposes peace."});
}

TEST_CASE("each schema check finds its violation", "[rules]") {
  const auto schema = ontology::Schema::load_default();
  GraphStore g;
  add_node(g, "state:X", "Actor", "Xland", {{"type", "state"}});
  add_node(g, "principle:p", "Principle", "peace");
  add_node(g, "doc:d", "Document", "D", {{"type", "statement"}});
  CHECK(schema_violations(g, schema).empty());
  auto found = [&](const std::string& check, const std::string& message) {
    for (const auto& v : schema_violations(g, schema))
      if (v.check == check && v.message == message) return true;
    return false;
  };
  add_node(g, "thing:t", "Thing", "t");
  CHECK(found("schema.unknown_kind", "thing:t has kind 'Thing', which the schema does not define"));
  add_node(g, "actor:y", "Actor", "Y");
  CHECK(found("schema.required_property", "actor:y (Actor) lacks the required property 'type'"));
  add_node(g, "topic:t", "Topic", "t");
  add_edge(g, "principle:p", "ENDORSES", "topic:t");
  CHECK(found("schema.domain", "ENDORSES goes from Actor, but principle:p is a Principle"));
  CHECK(found("schema.range",
              "ENDORSES goes to Principle or Norm or Document or Practice or Actor, but "
              "topic:t is a Topic"));
  add_edge(g, "state:X", "LIKES", "principle:p");
  CHECK(found("schema.unknown_edge_type",
              "state:X -[LIKES]-> principle:p: the schema has no edge type LIKES"));
  EdgeData e{"state:X", "principle:p", "ENDORSES", false, {}, {}};
  Evidence ev;
  ev.doc = "doc:missing";
  e.evidence = {ev};
  g.upsert_edge(e);
  CHECK(found("schema.dangling_reference",
              "state:X ENDORSES principle:p: its evidence names the "
              "document doc:missing, which is not in the graph"));
  Evidence derived;
  derived.rule = "r";
  derived.extra = {
      {"premises", ValueList{Value(ValueMap{
                       {"source", "state:X"}, {"type", "OPPOSES"}, {"target", "principle:p"}})}}};
  g.upsert_edge(*g.find_node("state:X"), g.intern_edge_type("SUPPORTS"),
                *g.find_node("principle:p"), true, {}, {derived});
  CHECK(found("schema.dangling_reference",
              "state:X SUPPORTS principle:p (rule r) rests on a premise that is not in the graph"));
}

// ---- materialization and explain

TEST_CASE("derived edges carry their derivation and explain walks it to sentences", "[rules]") {
  const auto schema = ontology::Schema::load_default();
  GraphStore g;
  add_node(g, "state:X", "Actor", "Xland", {{"type", "state"}});
  add_node(g, "principle:a", "Principle", "a");
  add_node(g, "principle:b", "Principle", "b");
  add_node(g, "principle:c", "Principle", "c");
  add_edge(g, "state:X", "ENDORSES", "principle:a", "X endorses a.");
  add_edge(g, "principle:a", "SPECIALIZES", "principle:b", "a is a kind of b.");
  add_edge(g, "principle:b", "SPECIALIZES", "principle:c", "b is a kind of c.");
  const std::string text =
      "via: SUPPORTS(A, P) :- ENDORSES(A, Q), SPECIALIZES*(Q, P).\n@derive SUPPORTS.";
  {
    Result r = run(text, g, &schema);
    auto written = write_derived_edges(*r.eval, g);
    CHECK(written.edges_written == 3);
  }
  auto x = *g.find_node("state:X"), c = *g.find_node("principle:c");
  auto supports = g.find_edge(x, *g.find_edge_type("SUPPORTS"), c);
  REQUIRE(supports);
  CHECK(g.edge_derived(*supports));
  const Explanation why = explain_edge(g, *supports);
  CHECK(why.derived);
  CHECK(why.rule == "via");
  REQUIRE(why.premises.size() == 3);
  std::set<std::string> facts, sentences;
  for (const auto& p : why.premises) {
    facts.insert(p.fact);
    CHECK_FALSE(p.derived);
    for (const auto& e : p.evidence) sentences.insert(e.text);
  }
  CHECK(facts == std::set<std::string>{"state:X ENDORSES principle:a",
                                       "principle:a SPECIALIZES principle:b",
                                       "principle:b SPECIALIZES principle:c"});
  CHECK(sentences ==
        std::set<std::string>{"X endorses a.", "a is a kind of b.", "b is a kind of c."});
  // A second run replaces the derived edges instead of piling them up; a removed premise
  // removes the fact.
  g.remove_edge(*g.find_edge(*g.find_node("principle:b"), *g.find_edge_type("SPECIALIZES"), c));
  {
    Result r = run(text, g, &schema);
    auto written = write_derived_edges(*r.eval, g);
    CHECK(written.edges_removed == 3);
    CHECK(written.edges_written == 2);
  }
  auto gone = g.find_edge(x, *g.find_edge_type("SUPPORTS"), c);
  CHECK_FALSE((gone && g.edge_live(*gone)));
}

TEST_CASE("explain follows a derived premise into its own derivation", "[rules]") {
  GraphStore g;
  add_node(g, "state:X", "Actor", "Xland", {{"type", "state"}});
  add_node(g, "principle:a", "Principle", "a");
  add_edge(g, "state:X", "ENDORSES", "principle:a", "X endorses a.");
  add_edge(g, "state:X", "OPPOSES", "principle:a", "X opposes a.");
  {
    Result r =
        run("s: SUPPORTS(A, P) :- ENDORSES(A, P).\n"
            "c: CONFLICTS_WITH(A, P) :- SUPPORTS(A, P), OPPOSES(A, P).\n"
            "@derive SUPPORTS, CONFLICTS_WITH.",
            g);
    write_derived_edges(*r.eval, g);
  }
  auto e = g.find_edge(*g.find_node("state:X"), *g.find_edge_type("CONFLICTS_WITH"),
                       *g.find_node("principle:a"));
  REQUIRE(e);
  const Explanation why = explain_edge(g, *e);
  CHECK(why.rule == "c");
  REQUIRE(why.premises.size() == 2);
  CHECK(why.premises[0].fact == "state:X OPPOSES principle:a");
  CHECK(why.premises[1].fact == "state:X SUPPORTS principle:a");
  CHECK(why.premises[1].rule == "s");
  REQUIRE(why.premises[1].premises.size() == 1);
  CHECK(why.premises[1].premises[0].evidence.at(0).text == "X endorses a.");
}

// ---- the shipped rules, the benchmark, the CLI

TEST_CASE("the default rule files compile against the schema", "[rules]") {
  const auto schema = ontology::Schema::load_default();
  GraphStore g;
  const CompiledProgram p = compile(parse_files(default_rule_files()), g, &schema);
  CHECK(p.checks.size() >= 5);
  CHECK(p.relations[*p.find_relation("SUPPORTS")].derive);
  CHECK(p.relations[*p.find_relation("CONFLICTS_WITH")].derive);
}

TEST_CASE("the examples of docs/rules.md compile", "[rules]") {
  const std::string doc = normgraph::testing::read_file(kSource + "/docs/rules.md");
  const std::regex block("```prolog\n([\\s\\S]*?)```");
  const auto schema = ontology::Schema::load_default();
  GraphStore g;
  size_t blocks = 0;
  for (std::sregex_iterator it(doc.begin(), doc.end(), block), end; it != end; ++it, ++blocks) {
    INFO((*it)[1].str());
    CHECK_NOTHROW(compile(parse_program((*it)[1].str(), "docs/rules.md"), g, &schema));
  }
  CHECK(blocks >= 5);
}

TEST_CASE("Q5 and Q6 as rules give the benchmark's answers", "[rules][bench]") {
  TempDir dir;
  const std::string cmd = "python3 " + std::string(NORMGRAPH_SHARED_DIR) +
                          "/bench/gen_graph.py --statements 1000 --out " + dir.path() +
                          " >/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  GraphStore g;
  loaders::load_csv_graph(dir.path(), g);
  auto file = [](const char* name) {
    return normgraph::testing::read_file(kSource + "/bench/queries/" + name);
  };
  Result q5 = run(file("q5.rules"), g);
  CHECK(q5.count("supports") == 4165);
  Result q6 = run(file("q6.rules"), g);
  std::set<std::string> pairs;
  const uint32_t conflict = *q6.program->find_relation("conflict");
  for (uint32_t i = 0; i < q6.eval->size(conflict); ++i) {
    auto t = q6.eval->tuple({conflict, i});
    pairs.insert(std::string(g.node_name(t[0])) + "|" + std::string(g.node_name(t[1])));
  }
  CHECK(pairs == std::set<std::string>{
                     "Organization 26|Principle 06", "Organization 26|Principle 48",
                     "State 063|Principle 04", "State 071|Principle 07", "State 071|Principle 18",
                     "State 071|Principle 27", "State 108|Principle 09", "State 108|Principle 35",
                     "State 108|Principle 58", "State 131|Principle 08", "State 142|Principle 09",
                     "State 185|Principle 01", "State 185|Principle 79", "State 190|Principle 02",
                     "State 190|Principle 16"});
}

TEST_CASE("normgraph check: clean on the reference statement, a dual stance is an error",
          "[rules][cli]") {
  TempDir dir;
  const std::string ref =
      std::string(NORMGRAPH_SHARED_DIR) + "/corpus/statements/000_f7b3e24bbd779271.txt";
  REQUIRE(run_cli("ingest --data " + dir.file("ref") + " " + ref).code == 0);
  CommandRun clean = run_cli("check --data " + dir.file("ref"));
  CHECK(clean.code == 0);
  CHECK(clean.out == "0 error(s), 0 warning(s), 0 info; 7 rule check(s) and the schema checks\n");

  REQUIRE(run_cli("ingest --data " + dir.file("ds") + " " + kSource +
                  "/examples/rules/dual-stance.json")
              .code == 0);
  CommandRun dual = run_cli("check --data " + dir.file("ds") + " --format json");
  CHECK(dual.code == 1);
  CHECK(dual.out.find("\"check\": \"dual_stance\"") != std::string::npos);
  CHECK(dual.out.find("\"A\": \"state:XYZ\"") != std::string::npos);
  CHECK(dual.out.find("Examplestan upholds the principle of state sovereignty in cyberspace.") !=
        std::string::npos);
  CHECK(dual.out.find(
            "Examplestan rejects any appeal to sovereignty that shields attacks on others.") !=
        std::string::npos);
  CHECK(dual.out.find("\"errors\": 1,") != std::string::npos);
  size_t count = 0;
  for (size_t i = dual.out.find("\"check\""); i != std::string::npos;
       i = dual.out.find("\"check\"", i + 1))
    ++count;
  CHECK(count == 1);
}

TEST_CASE("normgraph rules and explain, bad rules change nothing", "[rules][cli]") {
  TempDir dir;
  const std::string data = dir.file("data");
  REQUIRE(
      run_cli("ingest --data " + data + " " + kSource + "/examples/rules/dual-stance.json").code ==
      0);
  CommandRun r = run_cli("rules --data " + data);
  CHECK(r.code == 0);
  CHECK(r.out.find("SUPPORTS                          1  (derived edges)") != std::string::npos);
  CommandRun why =
      run_cli("explain --data " + data + " --edge state:XYZ SUPPORTS principle:sovereignty");
  CHECK(why.code == 0);
  CHECK(why.out ==
        "state:XYZ SUPPORTS principle:sovereignty  [derived by supports_endorsed]\n"
        "  state:XYZ ENDORSES principle:sovereignty  [asserted]\n"
        "    evidence: doc:xyz-2021 paragraph 1 sentence 2 [manual]: \"Examplestan upholds the "
        "principle of state sovereignty in cyberspace.\"\n");
  // A check's violation, explained from the evaluation: the lowering's own relations (the
  // closure under SPECIALIZES) are folded into the facts they rest on.
  CommandRun fact =
      run_cli("explain --data " + data + " --fact 'dual_stance(state:XYZ, principle:sovereignty)'");
  CHECK(fact.code == 0);
  CHECK(fact.out ==
        "dual_stance(state:XYZ, principle:sovereignty)  [derived by check dual_stance]\n"
        "  state:XYZ SUPPORTS principle:sovereignty  [derived by supports_endorsed]\n"
        "    state:XYZ ENDORSES principle:sovereignty  [asserted]\n"
        "      evidence: doc:xyz-2021 paragraph 1 sentence 2 [manual]: \"Examplestan upholds the "
        "principle of state sovereignty in cyberspace.\"\n"
        "  state:XYZ OPPOSES principle:sovereignty  [asserted]\n"
        "    evidence: doc:xyz-2021 paragraph 3 sentence 1 [manual]: \"Examplestan rejects any "
        "appeal to sovereignty that shields attacks on others.\"\n"
        "  at_one_time(state:XYZ, principle:sovereignty)  [derived by at_one_time#1]\n"
        "    supported_when(state:XYZ, principle:sovereignty, doc:xyz-2021)  [derived by "
        "supported_when#1]\n"
        "      state:XYZ SUPPORTS principle:sovereignty  [shown above]\n"
        "      state:XYZ ENDORSES principle:sovereignty  [shown above]\n"
        "    opposed_when(state:XYZ, principle:sovereignty, doc:xyz-2021)  [derived by "
        "opposed_when#1]\n"
        "      state:XYZ OPPOSES principle:sovereignty  [shown above]\n");
  CHECK(run_cli("explain --data " + data + " --fact 'dual_stance(state:XYZ, nowhere)'").code == 2);
  CHECK(run_cli("explain --data " + data + " --fact 'dual_stance(state:XYZ'").code == 2);
  CommandRun all = run_cli("explain --data " + data + " --node state:XYZ --format json");
  CHECK(all.code == 0);
  CHECK(all.out.find("\"rule\": \"supports_endorsed\"") != std::string::npos);
  CHECK(run_cli("explain --data " + data + " --node state:XYZ --edge").code == 1);
  CHECK(run_cli("query --data " + data + " \"MATCH ()-[r:SUPPORTS]->() RETURN r.derived\"")
            .out.find("true") != std::string::npos);

  const std::string snapshot = normgraph::testing::read_file(data + "/graph.snapshot");
  const std::string bad = normgraph::testing::write_in(
      dir, "bad.rules", "SUPPORTS(A, P) :- ENDORSES(A, P).\nx(A) :- ENDORSES(A, P), not x(A).\n");
  CommandRun failed = run_cli("rules --data " + data + " " + bad);
  CHECK(failed.code == 2);
  CHECK(failed.out.find("bad.rules:2:25: the program is not stratifiable") != std::string::npos);
  CHECK(normgraph::testing::read_file(data + "/graph.snapshot") == snapshot);
  CHECK(run_cli("explain --data " + data + " --edge state:XYZ SUPPORTS nowhere").code == 2);
  CHECK(run_cli("check --data " + data + " --rules " + dir.file("missing.rules")).code == 2);
}

TEST_CASE("rules, check and explain see the journal a server left, rules folds it",
          "[rules][cli]") {
  TempDir dir;
  const std::string data = dir.file("data");
  REQUIRE(
      run_cli("ingest --data " + data + " " + kSource + "/examples/rules/dual-stance.json").code ==
      0);
  {
    // What a killed server leaves: a journal after the snapshot with a posted statement.
    DataDir d(data, DataDir::Access::Write);
    Journal j(data + "/journal");
    j.replay([](std::string_view) {});
    j.append(workspace::encode_record(workspace::BaseRecord{d.snapshot_checksum()}));
    j.append(workspace::encode_record(workspace::DocumentRecord{
        "statement", "MYS_2019_j",
        "Malaysia supports the principle of state sovereignty in cyberspace."}));
  }
  const std::string count_docs =
      "query --data " + data + " --format csv \"MATCH (d:Document) RETURN count(d) AS n\"";
  CHECK(run_cli(count_docs).out == "n\r\n2\r\n");
  CHECK(run_cli("check --data " + data).code == 1);  // the dual stance of the snapshot
  CHECK(
      run_cli("explain --data " + data + " --edge state:MYS ENDORSES principle:sovereignty").code ==
      0);
  REQUIRE(run_cli("rules --data " + data).code == 0);
  CHECK(run_cli(count_docs).out == "n\r\n2\r\n");
  CHECK(
      run_cli("explain --data " + data + " --edge state:MYS SUPPORTS principle:sovereignty").code ==
      0);
  size_t records = 0;
  Journal(data + "/journal", true).replay([&](std::string_view) { ++records; });
  CHECK(records == 1);  // folded: the base record only
}

TEST_CASE("a closure's start values are no evidence: another actor's sentence never explains",
          "[rules][cli]") {
  // SUPPORTS(A, P) :- ENDORSES(A, Q), SPECIALIZES*(Q, P) starts its closure from every Q some
  // ENDORSES names; China endorses sovereignty too, and its sentence once showed up as evidence
  // of Examplestan's dual stance.
  TempDir dir;
  const std::string data = dir.file("data");
  const std::string ref =
      std::string(NORMGRAPH_SHARED_DIR) + "/corpus/statements/000_f7b3e24bbd779271.txt";
  REQUIRE(run_cli("ingest --data " + data + " " + ref + " " + kSource +
                  "/examples/rules/dual-stance.json")
              .code == 0);
  CommandRun check = run_cli("check --data " + data);
  CHECK(check.code == 1);
  CHECK(check.out.find("error dual_stance: Examplestan both supports and opposes") !=
        std::string::npos);
  CHECK(check.out.find("000_f7b3e24bbd779271") == std::string::npos);
  CommandRun why =
      run_cli("explain --data " + data + " --fact 'dual_stance(state:XYZ, principle:sovereignty)'");
  CHECK(why.code == 0);
  CHECK(why.out.find("state:CHN") == std::string::npos);
  REQUIRE(run_cli("rules --data " + data).code == 0);
  CommandRun edge =
      run_cli("explain --data " + data + " --edge state:XYZ SUPPORTS principle:sovereignty");
  CHECK(edge.out.find("state:CHN") == std::string::npos);
  CHECK(edge.out.find("state:XYZ ENDORSES principle:sovereignty  [asserted]") != std::string::npos);
}

TEST_CASE("schema checks: declared property types and allowed values", "[rules][cli]") {
  TempDir dir;
  const std::string graph = normgraph::testing::write_in(dir, "bad-values.json", R"({
  "format": "normgraph-graph", "version": 1,
  "nodes": [
    {"id": "state:XYZ", "kind": "Actor", "name": "Examplestan",
     "props": {"type": "state", "un_member": "yes"}},
    {"id": "commitment:x", "kind": "Commitment", "name": "x",
     "props": {"polarity": "maybe", "modality": "should"}},
    {"id": "commitment:y", "kind": "Commitment", "name": "y",
     "props": {"polarity": "mixed", "modality": "recommendation", "free": 3}}
  ],
  "edges": []})");
  REQUIRE(run_cli("ingest --data " + dir.file("data") + " " + graph).code == 0);
  CommandRun check = run_cli("check --data " + dir.file("data") + " --no-default-rules");
  CHECK(check.code == 1);
  CHECK(check.out.find("error schema.property_value: commitment:x (Commitment): 'polarity' is "
                       "'maybe', not positive or negative or mixed") != std::string::npos);
  CHECK(check.out.find("'modality' is 'should'") != std::string::npos);
  CHECK(check.out.find("warning schema.property_type: state:XYZ (Actor): 'un_member' should be a "
                       "boolean") != std::string::npos);
  CHECK(check.out.find("commitment:y") == std::string::npos);
  CHECK(check.out.find("2 error(s), 1 warning(s)") != std::string::npos);
}

TEST_CASE("the whole corpus passes the schema checks", "[rules][cli][corpus]") {
  // Statements, norm texts and General Debate speeches: every kind, edge end, required
  // property and property value the loaders write is one the schema allows.
  TempDir dir;
  REQUIRE(
      run_cli("ingest --data " + dir.file("data") + " " + NORMGRAPH_SHARED_DIR + "/corpus").code ==
      0);
  CommandRun check = run_cli("check --data " + dir.file("data") + " --no-default-rules");
  CHECK(check.out == "0 error(s), 0 warning(s), 0 info; 0 rule check(s) and the schema checks\n");
  CHECK(check.code == 0);
}
