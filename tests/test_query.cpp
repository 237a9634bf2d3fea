// The query engine on small hand-built graphs with known answers: grammar, binder errors,
// matching, expressions with Cypher's null semantics, projections, writes, limits, output.
#include <catch2/catch.hpp>

#include <sstream>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/ontology/schema.hpp"
#include "normgraph/query/query.hpp"
#include "normgraph/query/result_format.hpp"

using namespace normgraph;
using query::QueryEngine;
using query::QueryError;
using query::QueryResult;

namespace {

Evidence sentence(const std::string& doc, int64_t n, const std::string& text) {
  Evidence ev;
  ev.doc = doc;
  ev.sentence = n;
  ev.text = text;
  return ev;
}

// Three actors, four principles (a small taxonomy), a document with a norm.
GraphStore norms_graph() {
  GraphStore g;
  auto node = [&](const char* id, const char* kind, const char* name, ValueMap props = {}) {
    NodeData d;
    d.id = id;
    d.labels = {kind};
    d.name = name;
    d.props = std::move(props);
    g.upsert_node(d);
  };
  node("actor:cn", "Actor", "China", {{"iso", "CHN"}});
  node("actor:ee", "Actor", "Estonia", {{"iso", "EST"}});
  node("actor:us", "Actor", "United States", {{"iso", "USA"}});
  node("p:sov", "Principle", "State sovereignty");
  node("p:sovc", "Principle", "Sovereignty in cyberspace");
  node("p:nonint", "Principle", "Non-interference");
  node("p:hr", "Principle", "Human rights online");
  node("doc:gge", "Document", "GGE 2015", {{"year", int64_t{2015}}});
  node("norm:13f", "Norm", "GGE 13(f)", {{"label", "13(f)"}, {"modality", "prohibition"}});
  auto edge = [&](const char* s, const char* t, const char* type, std::vector<Evidence> ev = {},
                  bool derived = false) {
    EdgeData e{s, t, type, derived, {}, std::move(ev)};
    g.upsert_edge(e);
  };
  edge("p:sovc", "p:sov", "SPECIALIZES");
  edge("p:nonint", "p:sov", "SPECIALIZES");
  edge("actor:cn", "p:sovc", "ENDORSES",
       {sentence("s1", 3, "China upholds sovereignty in cyberspace.")});
  edge("actor:cn", "p:nonint", "ENDORSES", {sentence("s1", 4, "We oppose interference.")});
  edge("actor:ee", "p:hr", "ENDORSES", {sentence("s2", 1, "Human rights apply online.")});
  edge("actor:ee", "p:sovc", "ENDORSES");
  edge("actor:us", "p:sovc", "OPPOSES");
  edge("actor:us", "p:hr", "ENDORSES");
  edge("doc:gge", "norm:13f", "CONTAINS");
  edge("norm:13f", "p:sov", "INSTANTIATES");
  edge("actor:cn", "p:sov", "SUPPORTS", {}, true);
  return g;
}

// The first column of every row, as Cypher literals.
std::vector<std::string> column(const GraphStore& g, const QueryResult& r, size_t c = 0) {
  std::vector<std::string> out;
  for (const auto& row : r.rows) out.push_back(query::cypher_literal(g, row.at(c)));
  return out;
}

using Strings = std::vector<std::string>;

Strings run_column(GraphStore& g, const std::string& q, const ValueMap& params = {}) {
  QueryEngine engine(g);
  return column(g, engine.run(q, params));
}

std::string one(GraphStore& g, const std::string& q, const ValueMap& params = {}) {
  QueryEngine engine(g);
  QueryResult r = engine.run(q, params);
  REQUIRE(r.rows.size() == 1);
  REQUIRE(r.rows[0].size() == 1);
  return query::cypher_literal(g, r.rows[0][0]);
}

// The error a query raises.
QueryError error_of(GraphStore& g, const std::string& q, const ValueMap& params = {}) {
  QueryEngine engine(g);
  try {
    engine.run(q, params);
  } catch (const QueryError& e) {
    return e;
  }
  FAIL("no error for: " << q);
  throw;
}

}  // namespace

TEST_CASE("grammar: accepted queries", "[query]") {
  GraphStore g = norms_graph();
  QueryEngine engine(g);
  for (const char* q : {
           "MATCH (n) RETURN n",
           "match (a:Actor {name: 'China'})-[r:ENDORSES|OPPOSES]->(p) return a, r, p",
           "MATCH (a)<-[:ENDORSES]-(b), (c) WHERE a.x IS NOT NULL RETURN count(*)",
           "MATCH p = (a)-[*0..]->(b) RETURN length(p), nodes(p), relationships(p)",
           "MATCH p = shortestPath((a)-[*..3]-(b)) RETURN p LIMIT 1",
           "OPTIONAL MATCH (n:Nothing) RETURN n",
           "UNWIND [1, 2, 3] AS x WITH x WHERE x > 1 RETURN x ORDER BY x DESC SKIP 0 LIMIT 1",
           "RETURN [x IN range(1, 5) WHERE x % 2 = 1 | x * 10] AS odd, {a: 1, `b c`: 'd'} AS m",
           "RETURN CASE WHEN 1 < 2 THEN 'yes' ELSE 'no' END, reduce(s = 0, x IN [1, 2] | s + x)",
           "RETURN 0x1F, 0o17, 1.5e3, .5, -9223372036854775808, 'it\\'s'  ",
           "MATCH (n) WHERE (n)-[:ENDORSES]->() AND all(x IN [1] WHERE x = 1) RETURN n.name",
           "/* comment */ MATCH (n) // trailing\nRETURN n.name AS name",
           "RETURN 1 AS a UNION RETURN 2 AS a",
       }) {
    INFO(q);
    CHECK_NOTHROW(engine.run(q));
  }
}

TEST_CASE("grammar: rejected queries point at line and column and say what was expected",
          "[query]") {
  GraphStore g;
  struct Case {
    const char* query;
    const char* code;
    size_t line, column;
    const char* says;
  };
  for (const Case& c : std::vector<Case>{
           {"MATCH (n RETURN n", "UnexpectedSyntax", 1, 10, "expected ')'"},
           {"MATCH (n)\nRETURN n.", "UnexpectedSyntax", 2, 10, "expected a property name"},
           {"RETURN 'abc", "UnexpectedSyntax", 1, 8, "unterminated string"},
           {"RETURN 9223372036854775808", "IntegerOverflow", 1, 8, "64 bits"},
           {"MATCH (n) RETURN n ORDER", "UnexpectedSyntax", 1, 25, "expected BY"},
           {"RETURN 1 +", "UnexpectedSyntax", 1, 11, "expected an expression"},
           {"RETURN 12abc", "InvalidNumberLiteral", 1, 8, "invalid number"},
           {"MATCH (a)-[:T*1..2 RETURN a", "UnexpectedSyntax", 1, 20, "expected ']'"},
           {"RETURN '\\q'", "UnexpectedSyntax", 1, 9, "unknown escape"},
       }) {
    INFO(c.query);
    QueryError e = error_of(g, c.query);
    CHECK(e.category() == "SyntaxError");
    CHECK(e.code() == c.code);
    CHECK(e.phase() == query::ErrorPhase::Compile);
    CHECK(e.line() == c.line);
    CHECK(e.column() == c.column);
    CHECK_THAT(e.what(), Catch::Contains(c.says));
  }
}

TEST_CASE("binder: scoping and clause errors", "[query]") {
  GraphStore g = norms_graph();
  struct Case {
    const char* query;
    const char* code;
  };
  for (const Case& c : std::vector<Case>{
           {"MATCH (a) RETURN b", "UndefinedVariable"},
           {"MATCH (a) WITH a.name AS n RETURN a", "UndefinedVariable"},
           {"MATCH (a)-[r]->(b) MATCH (r) RETURN r", "VariableTypeConflict"},
           {"MATCH (a)-[r]->()-[r]->() RETURN a", "RelationshipUniquenessViolation"},
           {"RETURN nosuchfunction(1)", "UnknownFunction"},
           {"RETURN toUpper('a', 'b')", "InvalidNumberOfArguments"},
           {"MATCH (a) WHERE count(a) > 1 RETURN a", "InvalidAggregation"},
           {"RETURN count(count(*))", "NestedAggregation"},
           {"MATCH (a) RETURN a.name, count(*) + a.iso", "AmbiguousAggregationExpression"},
           {"CREATE (a)-[:T|U]->(b)", "NoSingleRelationshipType"},
           {"CREATE (a)-[:T]-(b)", "RequiresDirectedRelationship"},
           {"CREATE (a)-[:T*2]->(b)", "CreatingVarLength"},
           {"MATCH (a) CREATE (a:Actor)", "VariableAlreadyBound"},
           {"MATCH (a) RETURN a.name AS x, a.iso AS x", "ColumnNameConflict"},
           {"MATCH (a)", "InvalidClauseComposition"},
           {"RETURN 1 AS a UNION RETURN 2 AS b", "DifferentColumnsInUnion"},
           {"MATCH (a) RETURN a LIMIT a.x", "NonConstantExpression"},
           {"MATCH (a $p) RETURN a", "InvalidParameterUse"},
           {"MATCH (a) RETURN (a)-->()", "UnexpectedSyntax"},
           {"WITH 1 AS x RETURN x LIMIT -1", "NegativeIntegerArgument"},
       }) {
    INFO(c.query);
    QueryError e = error_of(g, c.query);
    CHECK(e.category() == "SyntaxError");
    CHECK(e.code() == c.code);
    CHECK(e.line() >= 1);
  }
  QueryError e = error_of(g, "MATCH (a)\n  RETURN b");
  CHECK(e.line() == 2);
  CHECK(e.column() == 10);
  CHECK(error_of(g, "RETURN $missing").category() == "ParameterMissing");
}

TEST_CASE("binder: labels and types the ontology lacks are warnings, not errors", "[query]") {
  GraphStore g = norms_graph();
  auto schema = ontology::Schema::load_default();
  QueryEngine engine(g, &schema);
  QueryResult known = engine.run("MATCH (a:Actor)-[:ENDORSES]->(p:Principle) RETURN count(*)");
  CHECK(known.warnings.empty());
  QueryResult unknown = engine.run(
      "MATCH (a:Akteur)-[:LIKES]->(b) WHERE b.colour = 'red' OR a.code = 'X' "
      "RETURN count(*)");
  REQUIRE(unknown.warnings.size() == 3);
  CHECK_THAT(unknown.warnings[0], Catch::Contains("Akteur"));
  CHECK_THAT(unknown.warnings[1], Catch::Contains("LIKES"));
  CHECK_THAT(unknown.warnings[2], Catch::Contains("'colour'"));
  CHECK(unknown.rows[0][0] == Value(int64_t{0}));
}

TEST_CASE("match: labels, property maps, directions, type alternatives", "[query]") {
  GraphStore g = norms_graph();
  CHECK(run_column(
            g, "MATCH (a:Actor {name: 'China'})-[:ENDORSES]->(p) RETURN p.name ORDER BY p.name") ==
        Strings{"'Non-interference'", "'Sovereignty in cyberspace'"});
  CHECK(run_column(g,
                   "MATCH (p {name: 'Sovereignty in cyberspace'})<-[:ENDORSES]-(a) RETURN a.name "
                   "ORDER BY a.name") == Strings{"'China'", "'Estonia'"});
  CHECK(
      run_column(g,
                 "MATCH (a)-[r:ENDORSES|OPPOSES]->(:Principle {name: 'Sovereignty in cyberspace'}) "
                 "RETURN a.name + ' ' + type(r) ORDER BY a.name") ==
      Strings{"'China ENDORSES'", "'Estonia ENDORSES'", "'United States OPPOSES'"});
  // Undirected: both the endorsers and the broader principle.
  CHECK(one(g, "MATCH ({name: 'Sovereignty in cyberspace'})-[r]-(x) RETURN count(x)") == "4");
  // Names match exactly; an alias or another case does not.
  CHECK(one(g, "MATCH (a {name: 'china'}) RETURN count(a)") == "0");
  CHECK(one(g, "MATCH (a) WHERE a.id = 'actor:ee' RETURN a.name") == "'Estonia'");
  CHECK(one(g, "MATCH (a:Actor) WHERE a.iso IN ['CHN', 'USA'] RETURN count(*)") == "2");
  // Several patterns and several MATCH clauses join on shared variables.
  CHECK(run_column(
            g,
            "MATCH (a:Actor)-[:ENDORSES]->(p), (b:Actor)-[:ENDORSES]->(p) WHERE a.name < b.name "
            "RETURN a.name + '/' + b.name + ':' + p.name") ==
        Strings{"'China/Estonia:Sovereignty in cyberspace'",
                "'Estonia/United States:Human rights online'"});
  CHECK(one(g, "MATCH (a {name: 'Estonia'}) MATCH (a)-[:ENDORSES]->(p) RETURN count(p)") == "2");
  // A cartesian product of two disconnected patterns.
  CHECK(one(g, "MATCH (a:Actor), (d:Document) RETURN count(*)") == "3");
  // Relationship uniqueness: one edge is not used twice in a pattern.
  CHECK(one(g, "MATCH (a {name: 'China'})-[:ENDORSES]->(p)<-[:ENDORSES]-(b) RETURN count(*)") ==
        "1");
}

TEST_CASE("match: variable length, named paths, shortestPath", "[query]") {
  GraphStore g = norms_graph();
  CHECK(run_column(g,
                   "MATCH (a {name: 'China'})-[:ENDORSES]->()-[:SPECIALIZES*0..]->(p) "
                   "RETURN DISTINCT p.name ORDER BY p.name") ==
        Strings{"'Non-interference'", "'Sovereignty in cyberspace'", "'State sovereignty'"});
  CHECK(
      one(g, "MATCH (a {name: 'China'})-[:ENDORSES]->()-[:SPECIALIZES*0..]->(p) RETURN count(*)") ==
      "4");
  CHECK(one(g,
            "MATCH (a {name: 'China'})-[*1..2]->(p {name: 'State sovereignty'}) RETURN count(*)") ==
        "3");
  CHECK(one(g, "MATCH (a {name: 'China'})-[*2]->(p) RETURN count(*)") == "2");
  CHECK(run_column(g,
                   "MATCH p = (a {name: 'Estonia'})-[:ENDORSES]->()-[:SPECIALIZES]->(top) "
                   "RETURN [n IN nodes(p) | n.name]") ==
        Strings{"['Estonia', 'Sovereignty in cyberspace', 'State sovereignty']"});
  CHECK(
      one(g,
          "MATCH p = (a {name: 'Estonia'})-[:ENDORSES]->()-[:SPECIALIZES]->() RETURN length(p)") ==
      "2");
  CHECK(one(g,
            "MATCH p = shortestPath((a {name: 'China'})-[*]-(b {name: 'United States'})) "
            "RETURN [n IN nodes(p) | n.name]") ==
        "['China', 'Sovereignty in cyberspace', 'United States']");
  CHECK(one(g,
            "MATCH p = shortestPath((a {name: 'China'})-[:ENDORSES*]->(b {name: 'United States'})) "
            "RETURN count(p)") == "0");
  CHECK(one(g,
            "MATCH p = allShortestPaths((a {name: 'Estonia'})-[*]-(b {name: 'United States'})) "
            "RETURN count(p)") == "2");
  // The configured cap bounds an open upper end.
  QueryEngine engine(g);
  query::QueryOptions capped;
  capped.max_path_length = 1;
  CHECK(engine.run("MATCH (a {name: 'China'})-[*]->(p) RETURN count(*)", {}, capped).rows[0][0] ==
        Value(int64_t{3}));
}

TEST_CASE("optional match pads with nulls, null semantics of predicates", "[query]") {
  GraphStore g = norms_graph();
  CHECK(
      run_column(
          g, "MATCH (a:Actor) OPTIONAL MATCH (a)-[:OPPOSES]->(p) RETURN p.name ORDER BY a.name") ==
      Strings{"null", "null", "'Sovereignty in cyberspace'"});
  CHECK(one(g, "RETURN null = null") == "null");
  CHECK(one(g, "RETURN null <> 1") == "null");
  CHECK(one(g, "RETURN NOT null") == "null");
  CHECK(one(g, "RETURN null OR true") == "true");
  CHECK(one(g, "RETURN null AND false") == "false");
  CHECK(one(g, "RETURN 2 IN [1, null]") == "null");
  CHECK(one(g, "RETURN 1 IN [1, null]") == "true");
  CHECK(one(g, "RETURN [1, null] = [1, null]") == "null");
  CHECK(one(g, "RETURN 'abc' STARTS WITH null") == "null");
  CHECK(one(g, "RETURN 1 < 'a'") == "null");
  // WHERE keeps only true.
  CHECK(one(g, "MATCH (a:Actor) WHERE a.missing = 1 OR a.missing <> 1 RETURN count(*)") == "0");
  CHECK(one(g, "MATCH (a:Actor) WHERE a.missing IS NULL RETURN count(*)") == "3");
  CHECK(one(g,
            "MATCH (a:Actor) WHERE a.name STARTS WITH 'E' OR a.name ENDS WITH 'States' "
            "RETURN count(*)") == "2");
  CHECK(one(g, "MATCH (a:Actor) WHERE a.name CONTAINS 'in' XOR a.iso = 'EST' RETURN count(*)") ==
        "2");
  CHECK(one(g, "MATCH (a:Actor) WHERE NOT (a)-[:OPPOSES]->() RETURN count(*)") == "2");
  CHECK(one(g, "MATCH (a:Actor) WHERE a.name >= 'E' AND a.name <= 'F' RETURN a.name") ==
        "'Estonia'");
}

TEST_CASE("projections: aggregation, DISTINCT, ORDER BY ties, SKIP and LIMIT", "[query]") {
  GraphStore g = norms_graph();
  CHECK(run_column(g,
                   "MATCH (a:Actor)-[:ENDORSES]->(p) RETURN a.name, count(*) AS n ORDER BY n DESC, "
                   "a.name") == Strings{"'China'", "'Estonia'", "'United States'"});
  CHECK(one(g, "MATCH (a)-[:ENDORSES]->(p) RETURN count(DISTINCT p)") == "3");
  CHECK(one(g, "MATCH (a)-[:ENDORSES]->(p) RETURN count(p)") == "5");
  CHECK(one(g, "MATCH (a:Actor) RETURN collect(a.iso)") == "['CHN', 'EST', 'USA']");
  CHECK(one(g, "MATCH (a:Actor) RETURN min(a.name) + '..' + max(a.name)") ==
        "'China..United States'");
  CHECK(one(g, "MATCH (n:Nothing) RETURN count(*)") == "0");
  CHECK(one(g, "MATCH (n:Nothing) RETURN collect(n)") == "[]");
  CHECK(one(g, "UNWIND [1, 2, 2, null] AS x RETURN sum(x)") == "5");
  CHECK(one(g, "UNWIND [1, 2, 2, null] AS x RETURN avg(x)") == "1.6666666666666667");
  CHECK(run_column(g, "UNWIND [3, 1, 2, 1] AS x RETURN DISTINCT x ORDER BY x") ==
        Strings{"1", "2", "3"});
  // Ties keep their input order (ORDER BY is stable); SKIP and LIMIT cut after ordering.
  CHECK(run_column(g,
                   "UNWIND [{k: 1, v: 'a'}, {k: 0, v: 'b'}, {k: 1, v: 'c'}, {k: 0, v: 'd'}] AS m "
                   "RETURN m.v ORDER BY m.k") == Strings{"'b'", "'d'", "'a'", "'c'"});
  CHECK(run_column(g, "UNWIND range(1, 10) AS x RETURN x ORDER BY x DESC SKIP 2 LIMIT 3") ==
        Strings{"8", "7", "6"});
  // Nulls sort last ascending, first descending.
  CHECK(run_column(g, "UNWIND [2, null, 1] AS x RETURN x ORDER BY x") == Strings{"1", "2", "null"});
  CHECK(run_column(g, "UNWIND [2, null, 1] AS x RETURN x ORDER BY x DESC") ==
        Strings{"null", "2", "1"});
  // WITH chains and filters on aggregates.
  CHECK(run_column(g,
                   "MATCH (a:Actor)-[:ENDORSES]->(p) WITH a, count(p) AS n WHERE n > 1 "
                   "RETURN a.name ORDER BY a.name") == Strings{"'China'", "'Estonia'"});
  CHECK(one(g, "MATCH (a:Actor) WITH a ORDER BY a.name LIMIT 1 RETURN a.name") == "'China'");
  CHECK(run_column(g, "RETURN 1 AS x UNION RETURN 1 AS x") == Strings{"1"});
  CHECK(run_column(g, "RETURN 1 AS x UNION ALL RETURN 1 AS x") == Strings{"1", "1"});
}

TEST_CASE("parameters, UNWIND, functions on graph elements, evidence", "[query]") {
  GraphStore g = norms_graph();
  ValueMap params{{"actor", "China"}, {"names", ValueList{"Estonia", "United States"}}};
  CHECK(one(g, "MATCH (a {name: $actor})-[:ENDORSES]->(p) RETURN count(p)", params) == "2");
  CHECK(one(g, "MATCH (a:Actor) WHERE a.name IN $names RETURN count(*)", params) == "2");
  CHECK(run_column(g, "UNWIND $names AS n MATCH (a {name: n}) RETURN a.iso", params) ==
        Strings{"'EST'", "'USA'"});
  CHECK(one(g, "MATCH (a {name: 'China'}) RETURN labels(a)") == "['Actor']");
  CHECK(one(g, "MATCH (a {name: 'China'}) RETURN keys(a)") == "['iso', 'id', 'name']");
  CHECK(one(g, "MATCH ()-[r:INSTANTIATES]->() RETURN type(r)") == "'INSTANTIATES'");
  CHECK(one(g, "MATCH (n:Norm) RETURN n {.label, .modality}") ==
        "{label: '13(f)', modality: 'prohibition'}");
  // Evidence of a relationship: the sentences behind it.
  CHECK(one(g,
            "MATCH ({name: 'China'})-[r:ENDORSES]->({name: 'Non-interference'}) "
            "RETURN [e IN r.evidence | e.doc + '#' + toString(e.sentence) + ' ' + e.text]") ==
        "['s1#4 We oppose interference.']");
  // Derived edges (from rules) are relationships like any other, marked derived.
  CHECK(
      one(g,
          "MATCH (a)-[r:SUPPORTS]->(p) RETURN a.name + ' ' + p.name + ' ' + toString(r.derived)") ==
      "'China State sovereignty true'");
  CHECK(one(g, "MATCH ()-[r:ENDORSES]->() WHERE r.derived RETURN count(r)") == "0");
}

TEST_CASE("writes: CREATE, SET, REMOVE, DELETE with statistics", "[query]") {
  GraphStore g = norms_graph();
  QueryEngine engine(g);
  query::QueryOptions who;
  who.author = "analyst";
  who.reason = "from the 2021 report";
  QueryResult r = engine.run(
      "MATCH (a {name: 'Estonia'}), (p {name: 'Non-interference'}) "
      "CREATE (a)-[e:ENDORSES {weight: 2}]->(p), (n:Norm:Curated {id: 'norm:x', label: 'x'}) "
      "RETURN type(e), n.id",
      {}, who);
  CHECK(r.stats.relationships_created == 1);
  CHECK(r.stats.nodes_created == 1);
  CHECK(r.stats.labels_added == 2);
  CHECK(query::cypher_literal(g, r.rows[0][1]) == "'norm:x'");
  REQUIRE(g.find_node("norm:x"));
  CHECK(one(g,
            "MATCH ({name: 'Estonia'})-[e:ENDORSES {weight: 2}]->(p) "
            "RETURN e.evidence[0].rule + ' ' + e.evidence[0].by + ': ' + e.evidence[0].why") ==
        "'manual analyst: from the 2021 report'");
  CHECK(one(g, "MATCH (n:Curated) RETURN labels(n)") == "['Norm', 'Curated']");

  r = engine.run(
      "MATCH (n {id: 'norm:x'}) SET n.modality = 'obligation', n:Reviewed REMOVE n.label");
  CHECK(r.stats.properties_set == 2);
  CHECK(r.stats.labels_added == 1);
  CHECK(one(g, "MATCH (n:Reviewed) RETURN n.modality + '/' + coalesce(n.label, '-')") ==
        "'obligation/-'");
  r = engine.run("MATCH (n:Reviewed) REMOVE n:Curated");
  CHECK(r.stats.labels_removed == 1);
  CHECK(one(g, "MATCH (n:Curated) RETURN count(n)") == "0");
  CHECK(one(g, "MATCH (n {id: 'norm:x'}) SET n += {a: 1, b: 'two'} RETURN n.a + size(n.b)") == "4");
  CHECK(one(g, "MATCH (n {id: 'norm:x'}) SET n = {c: true} RETURN keys(n)") == "['c', 'id']");

  // DELETE of a node with relationships fails and changes nothing; DETACH DELETE removes them.
  const size_t edges = g.edge_count();
  QueryError e = error_of(g, "MATCH (p {name: 'State sovereignty'}) DELETE p");
  CHECK(e.code() == "DeleteConnectedNode");
  CHECK(g.edge_count() == edges);
  r = engine.run("MATCH (p {name: 'State sovereignty'}) DETACH DELETE p");
  CHECK(r.stats.nodes_deleted == 1);
  CHECK(r.stats.relationships_deleted == 4);
  CHECK(one(g, "MATCH (p {name: 'State sovereignty'}) RETURN count(p)") == "0");
  CHECK(one(g, "MATCH ()-[r]->() WITH r LIMIT 1 DELETE r RETURN count(*)") == "1");
}

TEST_CASE("writes: MERGE matches or creates, with ON CREATE and ON MATCH", "[query]") {
  GraphStore g = norms_graph();
  QueryEngine engine(g);
  const size_t nodes = g.node_count();
  // Matches: nothing is created, ON MATCH runs.
  QueryResult r = engine.run(
      "MERGE (a:Actor {name: 'China'}) ON CREATE SET a.new = true "
      "ON MATCH SET a.seen = 1 RETURN a.id, a.new, a.seen");
  CHECK(r.stats.nodes_created == 0);
  CHECK(column(g, r, 0) == Strings{"'actor:cn'"});
  CHECK(column(g, r, 2) == Strings{"1"});
  // Does not match: the whole pattern is created, ON CREATE runs; a second run matches it.
  const char* q =
      "MATCH (a {name: 'Estonia'}) MERGE (a)-[r:ENDORSES]->(p:Principle {id: 'p:dd', name: "
      "'Due diligence'}) ON CREATE SET r.by = 'merge' RETURN p.name, r.by";
  r = engine.run(q);
  CHECK(r.stats.nodes_created == 1);
  CHECK(r.stats.relationships_created == 1);
  CHECK(column(g, r, 1) == Strings{"'merge'"});
  r = engine.run(q);
  CHECK(r.stats.nodes_created == 0);
  CHECK(r.stats.relationships_created == 0);
  CHECK(g.node_count() == nodes + 1);
  // Each input row sees what earlier rows created: two rows, one node.
  r = engine.run("UNWIND ['x', 'x'] AS k MERGE (t:Topic {name: k}) RETURN count(*)");
  CHECK(r.stats.nodes_created == 1);
  CHECK(one(g, "MATCH (t:Topic {name: 'x'}) RETURN count(t)") == "1");
  CHECK(error_of(g, "MERGE (a)-[:A|B]->(b)").code() == "NoSingleRelationshipType");
}

TEST_CASE("a failing query leaves the store as it was", "[query]") {
  GraphStore g = norms_graph();
  const size_t nodes = g.node_count(), edges = g.edge_count();
  QueryEngine engine(g);
  // Writes happen, then a later expression fails at run time: all are undone.
  CHECK_THROWS_AS(engine.run("UNWIND [1, 2, 0] AS x CREATE (n:Tmp {v: 10 / x}) "
                             "WITH n MATCH (a {name: 'China'}) SET a.iso = 'XX' "
                             "DETACH DELETE a"),
                  QueryError);
  CHECK_THROWS_AS(engine.run("MATCH (a {name: 'China'}) SET a.iso = 'XX', a.bad = {no: 'maps'}"),
                  QueryError);
  CHECK_THROWS_AS(engine.run("MATCH (a {name: 'Estonia'}) DETACH DELETE a WITH 1 AS one "
                             "RETURN 1 / 0"),
                  QueryError);
  CHECK(g.node_count() == nodes);
  CHECK(g.edge_count() == edges);
  CHECK(one(g, "MATCH (a {name: 'China'}) RETURN a.iso") == "'CHN'");
  CHECK(one(g, "MATCH (a {name: 'Estonia'})-[r]->() RETURN count(r)") == "2");
  CHECK(one(g, "MATCH (n:Tmp) RETURN count(n)") == "0");
}

TEST_CASE("limits: a runaway pattern stops at the time limit, a large result at the row limit",
          "[query]") {
  // A complete graph on 12 nodes: paths of up to 30 edges are far too many to enumerate.
  GraphStore g;
  QueryEngine engine(g);
  engine.run("UNWIND range(1, 12) AS i CREATE (:K {i: i})");
  engine.run("MATCH (a:K), (b:K) WHERE a.i <> b.i CREATE (a)-[:E]->(b)");
  query::QueryOptions limits;
  limits.time_limit_seconds = 0.2;
  QueryError e = error_of(g, "MATCH (a:K {i: 1})-[*..30]->(b) RETURN count(*)");
  (void)e;
  try {
    engine.run("MATCH p = (a:K {i: 1})-[*..30]->(b) RETURN count(*)", {}, limits);
    FAIL("no time limit error");
  } catch (const QueryError& err) {
    CHECK(err.category() == "LimitExceeded");
    CHECK(err.code() == "TimeLimit");
  }
  limits.time_limit_seconds = 0;
  limits.max_rows = 100;
  try {
    engine.run("MATCH (a:K), (b:K) RETURN a, b", {}, limits);
    FAIL("no row limit error");
  } catch (const QueryError& err) {
    CHECK(err.code() == "RowLimit");
  }
  CHECK(engine.run("MATCH (a:K), (b:K) RETURN a, b LIMIT 100", {}, limits).rows.size() == 100);
}

TEST_CASE("result formats: JSON, CSV, table", "[query]") {
  GraphStore g = norms_graph();
  QueryEngine engine(g);
  QueryResult r = engine.run(
      "MATCH (a {name: 'Estonia'})-[e:ENDORSES]->(p {name: 'Human rights online'}) "
      "RETURN a, e, 'say \"hi\", ok' AS text, 1.5 AS x, null AS nothing");
  std::ostringstream json, csv, table;
  query::write_result(json, g, r, query::ResultFormat::Json);
  CHECK_THAT(
      json.str(),
      Catch::StartsWith(
          R"({"columns":["a","e","text","x","nothing"],"rows":[[{"id":"actor:ee","labels":["Actor"],"name":"Estonia","props":{"iso":"EST"}},{"source":"actor:ee","target":"p:hr","type":"ENDORSES","props":{}},"say \"hi\", ok",1.5,null]],"stats":{"rows":1,)"));
  query::write_result(csv, g, r, query::ResultFormat::Csv);
  CHECK_THAT(csv.str(),
             Catch::StartsWith("a,e,text,x,nothing\r\n\"(:Actor {iso: 'EST', id: 'actor:ee', name: "
                               "'Estonia'})\",[:ENDORSES],\"say \"\"hi\"\", ok\",1.5,\r\n"));
  query::write_result(table, g, r, query::ResultFormat::Table);
  CHECK_THAT(table.str(), Catch::Contains("| 'say \"hi\", ok' | 1.5 | null    |"));
  CHECK_THAT(table.str(), Catch::Contains("1 row"));
}

TEST_CASE("parse_literal reads parameter values", "[query]") {
  CHECK(query::parse_literal("42") == Value(int64_t{42}));
  CHECK(query::parse_literal("'China'") == Value("China"));
  CHECK(query::parse_literal("[1, 'a']") == Value(ValueList{int64_t{1}, "a"}));
  CHECK_THROWS_AS(query::parse_literal("China"), InputError);
  CHECK(query::query_writes("MATCH (n) SET n.x = 1"));
  CHECK_FALSE(query::query_writes("MATCH (n) RETURN n"));
}
