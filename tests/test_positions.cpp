// Positions over time: the as-of view, compare, timeline and the checks that understand time
// (docs/analysis.md), on examples/positions/positions.json.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "normgraph/engine/edge_view.hpp"
#include "normgraph/loaders/graph_json.hpp"
#include "normgraph/ontology/evidence_sources.hpp"
#include "normgraph/ontology/schema.hpp"
#include "normgraph/query/query.hpp"
#include "normgraph/rules/report.hpp"
#include "normgraph/viz/positions.hpp"
#include "test_helpers.hpp"

using namespace normgraph;
using normgraph::testing::CommandRun;
using normgraph::testing::run_cli;
using normgraph::testing::TempDir;

namespace {

const std::string kExample =
    std::string(NORMGRAPH_SOURCE_DIR) + "/examples/positions/positions.json";

GraphStore example_graph() {
  GraphStore store;
  loaders::load_graph_json_file(kExample, store);
  return store;
}

EdgeId edge(const GraphStore& s, const char* from, const char* type, const char* to) {
  return *s.find_edge(*s.find_node(from), *s.find_edge_type(type), *s.find_node(to));
}

EdgeFilter filter(std::string since, std::string until, std::vector<std::string> sources = {},
                  std::vector<std::string> exclude = {}) {
  return {std::move(since), std::move(until), std::move(sources), std::move(exclude)};
}

viz::DateWindow until_2019() {
  viz::DateWindow window;
  window.until = "2019";
  return window;
}

int64_t count(query::QueryEngine& engine, const std::string& text) {
  return engine.run(text).rows.at(0).at(0).as_int();
}

}  // namespace

TEST_CASE("dates compare at the precision both have", "[positions]") {
  CHECK(is_date_prefix("2019"));
  CHECK(is_date_prefix("2019-06"));
  CHECK(is_date_prefix("2019-06-30"));
  CHECK_FALSE(is_date_prefix("2019-13"));
  CHECK_FALSE(is_date_prefix("19"));
  CHECK_FALSE(is_date_prefix("2019-06-30T10"));
  CHECK_FALSE(is_date_prefix("last year"));
  CHECK(compare_dates("2019", "2019-06") == 0);
  CHECK(compare_dates("2019-05", "2019-06-01") < 0);
  CHECK(compare_dates("2021-10-12", "2021-09") > 0);
}

TEST_CASE("an edge is stated when its evidence's documents are dated", "[positions]") {
  const GraphStore s = example_graph();
  const StatedDates restraint =
      stated_dates(s, edge(s, "state:XYZ", "ENDORSES", "principle:restraint"));
  CHECK(restraint.first == "2019");
  CHECK(restraint.last == "2021-10-12");
  CHECK(stated_dates(s, edge(s, "state:XYZ", "ENDORSES", "doc:call")).first.empty());
  const DocumentDates dates(s);
  CHECK(dates.stated(s, edge(s, "state:XYZ", "OPPOSES", "principle:sovereignty")).first ==
        "2021-10-12");
}

TEST_CASE("the as-of view hides edges stated outside the window or by other sources",
          "[positions]") {
  const GraphStore s = example_graph();
  const SourceKinds kinds = ontology::load_default_source_kinds();
  const EdgeId xyz_opposes = edge(s, "state:XYZ", "OPPOSES", "principle:sovereignty");
  const EdgeId xyz_endorses = edge(s, "state:XYZ", "ENDORSES", "principle:sovereignty");
  const EdgeId restraint = edge(s, "state:XYZ", "ENDORSES", "principle:restraint");
  const EdgeId supporter = edge(s, "state:XYZ", "ENDORSES", "doc:call");
  const EdgeId taxonomy =
      edge(s, "principle:sovereignty", "SPECIALIZES", "principle:international-law");

  const EdgeView as_of_2019(s, filter("", "2019"), kinds);
  CHECK(as_of_2019.visible(xyz_endorses));
  CHECK_FALSE(as_of_2019.visible(xyz_opposes));
  CHECK(as_of_2019.visible(restraint));  // one of its two sentences is of 2019
  CHECK(as_of_2019.visible(supporter));  // no dated evidence: timeless
  CHECK(as_of_2019.visible(taxonomy));
  CHECK(as_of_2019.hidden_count() == 4);  // XYZ's 2021 opposition, Otherland's three stances

  const EdgeView since_2021(s, filter("2021", ""), kinds);
  CHECK_FALSE(since_2021.visible(xyz_endorses));
  CHECK(since_2021.visible(xyz_opposes));
  CHECK(since_2021.visible(restraint));

  const EdgeView month(s, filter("2021-10", "2021-10"), kinds);
  CHECK(month.visible(xyz_opposes));
  CHECK_FALSE(month.visible(edge(s, "state:OTH", "ENDORSES", "principle:sovereignty")));

  const EdgeView statements(s, filter("", "", {"statement"}), kinds);
  CHECK_FALSE(statements.visible(supporter));
  CHECK(statements.visible(xyz_endorses));
  CHECK(statements.visible(taxonomy));  // no source kind: never filtered by source
  const EdgeView no_lists(s, filter("", "", {}, {"supporters"}), kinds);
  CHECK_FALSE(no_lists.visible(supporter));
  CHECK(no_lists.hidden_count() == 1);
}

TEST_CASE("queries, rules and traversals see only the view's edges on its thread", "[positions]") {
  GraphStore s = example_graph();
  const auto schema = ontology::Schema::load_default();
  query::QueryEngine engine(s, &schema);
  const std::string endorsements = "MATCH (:Actor)-[r:ENDORSES]->() RETURN count(r)";
  CHECK(count(engine, endorsements) == 5);
  const EdgeView view(s, filter("", "2019"), ontology::load_default_source_kinds());
  {
    const ScopedEdgeView scoped(&view);
    CHECK(count(engine, endorsements) == 3);
    CHECK(count(engine, "MATCH (a {name: 'Otherland'})--() RETURN count(*)") == 0);
    CHECK(s.degree(*s.find_node("state:OTH"), Direction::Out) == 0);
  }
  CHECK(count(engine, endorsements) == 5);
  const auto dates = engine.run(
      "MATCH ({name: 'Examplestan'})-[r:ENDORSES]->({name: 'restraint'}) "
      "RETURN r.first_stated, r.last_stated, properties(r).first_stated");
  REQUIRE(dates.rows.size() == 1);
  CHECK(dates.rows[0][0].as_string() == "2019");
  CHECK(dates.rows[0][1].as_string() == "2021-10-12");
  CHECK(dates.rows[0][2].as_string() == "2019");
}

TEST_CASE("compare: collisions, shared positions and positions one actor holds", "[positions]") {
  const GraphStore s = example_graph();
  const NodeId xyz = viz::resolve_node(s, "Examplestan", "compare");
  const NodeId oth = viz::resolve_node(s, "state:OTH", "compare");
  auto relation_of = [](const viz::Comparison& c, const std::string& concept_id) {
    for (const auto& cc : c.concepts)
      if (cc.concept_ref.id == concept_id) return std::string(viz::relation_name(cc.relation));
    return std::string("absent");
  };
  const viz::Comparison all = viz::compare_actors(s, xyz, oth, {});
  CHECK(relation_of(all, "principle:sovereignty") == "collision");
  CHECK(relation_of(all, "principle:restraint") == "shared");
  CHECK(relation_of(all, "topic:ransomware") == "only_second");
  CHECK(relation_of(all, "doc:call") == "only_first");
  CHECK(all.concepts.front().relation == viz::Relation::Collision);

  const viz::Comparison early = viz::compare_actors(s, xyz, oth, until_2019());
  CHECK(relation_of(early, "principle:sovereignty") == "only_first");
  CHECK(relation_of(early, "topic:ransomware") == "absent");

  const std::string json = viz::format_comparison(all, "json");
  CHECK(json.find("\"relation\":\"collision\"") != std::string::npos);
  CHECK(json.find("Examplestan rejects sovereignty as a shield for attacks.") != std::string::npos);
  CHECK(json.find("\"first_stated\":\"2021-10-12\"") != std::string::npos);
  const std::string csv = viz::format_comparison(all, "csv");
  CHECK(csv.rfind("relation,concept_id,concept,actor_id,actor,stance,", 0) == 0);
  CHECK(viz::format_comparison(all, "svg").find("<svg") == 0);
  CHECK_THROWS_AS(viz::format_comparison(all, "xml"), InputError);
  CHECK_THROWS_AS(viz::resolve_node(s, "Nowhere", "compare"), InputError);
}

TEST_CASE("timeline: a stance per year, first, change, stop and resume", "[positions]") {
  const GraphStore s = example_graph();
  const viz::Timeline t = viz::actor_timeline(s, *s.find_node("state:XYZ"), kNoNode, {});
  REQUIRE(t.years == std::vector<int>{2019, 2021});
  auto row = [&](const std::string& id) -> const viz::TimelineRow& {
    for (const auto& r : t.rows)
      if (r.concept_ref.id == id) return r;
    FAIL("no row " + id);
    return t.rows.front();
  };
  const auto& sovereignty = row("principle:sovereignty");
  CHECK(sovereignty.cells[0].stance == "endorses");
  CHECK(sovereignty.cells[0].event == "first");
  CHECK(sovereignty.cells[1].stance == "opposes");
  CHECK(sovereignty.cells[1].event == "change");
  CHECK(sovereignty.cells[1].sentences.at(0).text ==
        "Examplestan rejects sovereignty as a shield for attacks.");
  const auto& restraint = row("principle:restraint");
  CHECK(restraint.cells[1].stance == "endorses");
  CHECK(restraint.cells[1].event.empty());
  // The supporters list is undated: no year holds it.
  CHECK(std::none_of(t.rows.begin(), t.rows.end(),
                     [](const viz::TimelineRow& r) { return r.concept_ref.id == "doc:call"; }));

  const viz::Timeline one =
      viz::actor_timeline(s, *s.find_node("state:XYZ"), *s.find_node("principle:restraint"), {});
  CHECK(one.rows.size() == 1);
  CHECK(one.years.size() == 2);
  const std::string csv = viz::format_timeline(t, "csv");
  CHECK(csv.find("principle:sovereignty,state sovereignty,2021,opposes,change,1\n") !=
        std::string::npos);
  CHECK(viz::format_timeline(t, "svg").find("<svg") == 0);
}

TEST_CASE("timeline: a stance that stops and comes back", "[positions]") {
  GraphStore s = example_graph();
  loaders::load_graph_json_text(R"({"format": "normgraph-graph", "version": 1,
    "nodes": [{"id": "doc:xyz-2023", "kind": "Document", "name": "2023",
               "props": {"type": "statement", "date": "2023"}}],
    "edges": [{"source": "state:XYZ", "target": "principle:sovereignty", "type": "OPPOSES",
               "evidence": [{"doc": "doc:xyz-2023", "rule": "cue.oppose.reject", "text": "No."}]},
              {"source": "state:XYZ", "target": "principle:restraint", "type": "ENDORSES",
               "evidence": [{"doc": "doc:xyz-2023", "rule": "cue.endorse.support", "text": "Yes."}]}]})",
                                "more", s);
  s.upsert_node(
      {"doc:xyz-2022", {"Document"}, "2022", {}, {{"date", Value(std::string("2022"))}}, {}});
  s.upsert_edge({"state:XYZ",
                 "topic:ransomware",
                 "CONCERNED_ABOUT",
                 false,
                 {},
                 {{"doc:xyz-2022", 1, 1, -1, -1, "cue.concern", "Ransomware worries us.", {}}}});
  const viz::Timeline t = viz::actor_timeline(s, *s.find_node("state:XYZ"), kNoNode, {});
  REQUIRE(t.years == std::vector<int>{2019, 2021, 2022, 2023});
  for (const auto& r : t.rows)
    if (r.concept_ref.id == "principle:restraint") {
      CHECK(r.cells[2].event == "stop");
      CHECK(r.cells[3].event == "resume");
    }
}

TEST_CASE("checks: dual_stance within one time, stance_change across years", "[positions]") {
  const GraphStore s = example_graph();
  const auto schema = ontology::Schema::load_default();
  rules::CheckOptions options;
  options.rule_files = rules::default_rule_files();
  options.schema_checks = false;
  const rules::CheckReport report = rules::run_checks(s, schema, options);
  size_t dual = 0, change = 0;
  for (const auto& v : report.violations) {
    dual += v.check == "dual_stance";
    if (v.check != "stance_change") continue;
    ++change;
    CHECK(v.severity == "info");
    CHECK(v.message ==
          "Examplestan endorsed state sovereignty in 2019 (Examplestan at the General Assembly, "
          "2019) and opposed it in 2021 (Examplestan at the General Assembly, 2021)");
    const auto has = [&](const std::string& text) {
      return std::any_of(v.evidence.begin(), v.evidence.end(),
                         [&](const Evidence& e) { return e.text == text; });
    };
    CHECK(has("Examplestan upholds state sovereignty in cyberspace."));
    CHECK(has("Examplestan rejects sovereignty as a shield for attacks."));
  }
  CHECK(dual == 0);
  CHECK(change == 1);
  CHECK(report.errors == 0);

  // The same document both ways is a dual stance still.
  GraphStore same = example_graph();
  same.upsert_edge(
      {"state:OTH",
       "principle:sovereignty",
       "OPPOSES",
       false,
       {},
       {{"doc:oth-2021", 3, 1, -1, -1, "cue.oppose.reject", "Otherland rejects it.", {}}}});
  const rules::CheckReport both = rules::run_checks(same, schema, options);
  CHECK(both.errors == 1);
}

TEST_CASE("CLI: --as-of on query, export and check, compare and timeline", "[positions][cli]") {
  TempDir dir;
  const std::string data = dir.file("data");
  REQUIRE(run_cli("ingest --data " + data + " " + kExample).code == 0);
  const std::string q = "'MATCH (:Actor)-[r:ENDORSES]->() RETURN count(r) AS n'";
  CHECK(run_cli("query --data " + data + " --format csv " + q).out == "n\r\n5\r\n");
  CHECK(run_cli("query --data " + data + " --format csv --as-of 2019 " + q).out == "n\r\n3\r\n");
  CHECK(run_cli("query --data " + data + " --format csv --since 2021-01 " + q).out == "n\r\n4\r\n");
  CHECK(run_cli("query --data " + data + " --format csv --exclude-sources supporters " + q).out ==
        "n\r\n4\r\n");
  CHECK(run_cli("query --data " + data + " --as-of 2019-13 " + q).code == 1);
  CHECK(run_cli("query --data " + data + " --as-of 2019 --until 2020 " + q).code == 1);
  CommandRun bad_kind = run_cli("query --data " + data + " --sources speeches " + q);
  CHECK(bad_kind.code == 1);
  CHECK(bad_kind.out.find("unknown source kind 'speeches'") != std::string::npos);
  CHECK(run_cli("query --data " + data + " --as-of 2019 \"CREATE (:Topic {name: 'x'})\"").code ==
        1);

  CommandRun matrix = run_cli("export --data " + data + " --format matrix --as-of 2019");
  CHECK(matrix.code == 0);
  CHECK(matrix.out.find("Otherland") == std::string::npos);
  CommandRun json = run_cli("export --data " + data + " --as-of 2019");
  CHECK(json.out.find("Otherland upholds") == std::string::npos);
  CHECK(json.out.find("Examplestan upholds") != std::string::npos);

  CommandRun check = run_cli("check --data " + data);
  CHECK(check.code == 0);
  CHECK(check.out.find("info stance_change: Examplestan endorsed state sovereignty in 2019") !=
        std::string::npos);
  CHECK(run_cli("check --data " + data + " --as-of 2019").out.find("stance_change") ==
        std::string::npos);

  CommandRun compare = run_cli("compare --data " + data + " Examplestan Otherland");
  CHECK(compare.code == 0);
  CHECK(compare.out.find("collisions (1):\n  state sovereignty [Principle]\n") !=
        std::string::npos);
  CommandRun early = run_cli("compare --data " + data + " --until 2019 Examplestan Otherland");
  CHECK(early.out.find("collisions (0):") != std::string::npos);
  CHECK(run_cli("compare --data " + data + " Examplestan").code == 1);
  CHECK(run_cli("compare --data " + data + " Examplestan Nowhere").code == 2);

  CommandRun timeline = run_cli("timeline --data " + data + " Examplestan --format json");
  CHECK(timeline.code == 0);
  CHECK(timeline.out.find("\"years\":[2019,2021]") != std::string::npos);
  CommandRun text =
      run_cli("timeline --data " + data + " Examplestan --concept 'state sovereignty'");
  CHECK(text.out.find("2021 change: state sovereignty (opposes)") != std::string::npos);
  CHECK(run_cli("timeline --data " + data + " Examplestan --format svg").out.rfind("<svg", 0) == 0);
  CHECK(run_cli("timeline --data " + data + " Examplestan --format pdf").code == 1);
}
