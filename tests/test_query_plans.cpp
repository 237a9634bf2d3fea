// The plans a QueryEngine keeps with a repeated query (query.hpp): made once, used again while
// the store's counts they were made from hold, made again when one has moved by more than a
// factor of 2; a kept plan gives the same answers as a new one.
#include <catch2/catch.hpp>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/query/query.hpp"

using namespace normgraph;
using query::QueryEngine;
using query::QueryResult;

namespace {

// `actors` Actor nodes and `principles` Principle nodes, each actor supporting the first
// principle.
GraphStore small_graph(int actors, int principles) {
  GraphStore g;
  QueryEngine engine(g);
  engine.run("UNWIND range(1, $n) AS i CREATE (:Principle {n: i})", {{"n", int64_t{principles}}});
  engine.run(
      "MATCH (p:Principle {n: 1}) UNWIND range(1, $n) AS i CREATE (:Actor {n: i})-[:SUPPORTS]->(p)",
      {{"n", int64_t{actors}}});
  return g;
}

int64_t count_of(const QueryResult& r) {
  REQUIRE(r.rows.size() == 1);
  return r.rows[0][0].as_int();
}

const char* const kSupporters = "MATCH (a:Actor)-[:SUPPORTS]->(p:Principle) RETURN count(*)";

}  // namespace

TEST_CASE("query plans: a repeated query keeps its plan", "[query][plans]") {
  GraphStore g = small_graph(10, 10);
  QueryEngine engine(g);
  QueryResult first = engine.run(kSupporters);
  CHECK(first.stats.plans_made == 1);
  QueryResult second = engine.run(kSupporters);
  CHECK(second.stats.plans_made == 0);
  CHECK(count_of(second) == count_of(first));
  CHECK(count_of(second) == 10);
  // EXPLAIN shows the kept plan and keeps it.
  CHECK(engine.explain(kSupporters) == engine.explain(kSupporters));
  CHECK(engine.run(kSupporters).stats.plans_made == 0);
  // Each MATCH and MERGE clause has its plan.
  const char* two =
      "MATCH (a:Actor {n: 1}) MATCH (p:Principle) MERGE (a)-[:KNOWS]->(p) RETURN count(*)";
  CHECK(engine.run(two).stats.plans_made == 3);
  CHECK(engine.run(two).stats.plans_made == 0);
}

TEST_CASE("query plans: a small write keeps the plan, a big one makes it again", "[query][plans]") {
  GraphStore g = small_graph(10, 10);
  QueryEngine engine(g);
  CHECK(engine.run(kSupporters).stats.plans_made == 1);

  // 10 -> 13 actors, 20 -> 23 nodes: every count within a factor of 2.
  engine.run("MATCH (p:Principle {n: 2}) UNWIND range(1, 3) AS i CREATE (:Actor)-[:SUPPORTS]->(p)");
  QueryResult kept = engine.run(kSupporters);
  CHECK(kept.stats.plans_made == 0);
  CHECK(count_of(kept) == 13);
  // The kept plan's answer is a new plan's.
  QueryEngine fresh(g);
  QueryResult made = fresh.run(kSupporters);
  CHECK(made.stats.plans_made == 1);
  CHECK(count_of(made) == count_of(kept));

  // 10 -> 110 principles: planned again, then kept.
  engine.run("UNWIND range(1, 100) AS i CREATE (:Principle)");
  QueryResult replanned = engine.run(kSupporters);
  CHECK(replanned.stats.plans_made == 1);
  CHECK(count_of(replanned) == 13);
  CHECK(engine.run(kSupporters).stats.plans_made == 0);

  // Shrinking by more than half counts too: 110 -> 10 principles.
  engine.run("MATCH (p:Principle) WHERE p.n IS NULL DETACH DELETE p");
  CHECK(engine.run(kSupporters).stats.plans_made == 1);
}

TEST_CASE("query plans: a plan made before its type existed still finds what is written later",
          "[query][plans]") {
  GraphStore g = small_graph(5, 5);
  QueryEngine engine(g);
  const char* q = "MATCH (a:Actor)-[:OPPOSES]->(p:Principle) RETURN count(*)";
  QueryResult none = engine.run(q);
  CHECK(none.stats.plans_made == 1);
  CHECK(count_of(none) == 0);
  // A count that was 0 and no longer is: planned again.
  engine.run("MATCH (a:Actor {n: 1}), (p:Principle {n: 2}) CREATE (a)-[:OPPOSES]->(p)");
  QueryResult one = engine.run(q);
  CHECK(one.stats.plans_made == 1);
  CHECK(count_of(one) == 1);
  // 1 -> 2: kept, and still right.
  engine.run("MATCH (a:Actor {n: 2}), (p:Principle {n: 2}) CREATE (a)-[:OPPOSES]->(p)");
  QueryResult two = engine.run(q);
  CHECK(two.stats.plans_made == 0);
  CHECK(count_of(two) == 2);
}
