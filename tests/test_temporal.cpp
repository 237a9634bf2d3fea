// Cypher temporal values (docs/query.md "Temporal values"): constructors, text, properties,
// arithmetic, comparison, ordering, truncation, duration.between, time zones, storage.
#include <catch2/catch.hpp>

#include <filesystem>

#include "normgraph/core/temporal.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/engine/snapshot.hpp"
#include "normgraph/query/query.hpp"
#include "normgraph/viz/export.hpp"
#include "normgraph/viz/selection.hpp"
#include "test_helpers.hpp"

using namespace normgraph;
using namespace normgraph::query;

namespace {

// The one value `RETURN <expression>` gives, as text (toString for temporals).
std::string eval_text(const std::string& expression) {
  GraphStore store;
  QueryEngine engine(store);
  QueryOptions options;
  options.clock_ms = 1'500'000'000'000;  // 2017-07-14T02:40Z
  QueryResult r = engine.run("RETURN " + expression + " AS v", {}, options);
  REQUIRE(r.rows.size() == 1);
  const Value& v = r.rows[0][0];
  switch (v.type()) {
    case Value::Type::Temporal:
      return format_temporal(v.as_temporal());
    case Value::Type::String:
      return v.as_string();
    case Value::Type::Int:
      return std::to_string(v.as_int());
    case Value::Type::Bool:
      return v.as_bool() ? "true" : "false";
    case Value::Type::Null:
      return "null";
    default:
      return "?";
  }
}

}  // namespace

TEST_CASE("a temporal value does not make Value larger", "[temporal]") {
  // Every row of every query is made of Values: a path (two vectors) sets the size today.
  CHECK(sizeof(TemporalValue) <= sizeof(PathValue));
  CHECK(sizeof(Value) == sizeof(PathValue) + 8);
}

TEST_CASE("temporal constructors from maps", "[temporal]") {
  CHECK(eval_text("date({year: 1984, month: 10, day: 11})") == "1984-10-11");
  CHECK(eval_text("date({year: 1817, week: 1})") == "1816-12-30");
  CHECK(eval_text("date({year: 1984, quarter: 3, dayOfQuarter: 45})") == "1984-08-14");
  CHECK(eval_text("date({year: 1984, ordinalDay: 202})") == "1984-07-20");
  CHECK(eval_text("localtime({hour: 12, minute: 31, second: 14, millisecond: 645})") ==
        "12:31:14.645");
  CHECK(eval_text("time({hour: 12, minute: 31, timezone: '+01:00'})") == "12:31+01:00");
  CHECK(eval_text("localdatetime({year: 1984, month: 10, day: 11, hour: 12})") ==
        "1984-10-11T12:00");
  CHECK(eval_text("datetime({year: 1984, month: 10, day: 11, hour: 12, timezone: 'Z'})") ==
        "1984-10-11T12:00Z");
  CHECK(eval_text("datetime({epochSeconds: 1, nanosecond: 5})") ==
        "1970-01-01T00:00:01.000000005Z");
  CHECK(eval_text("duration({days: 14, hours: 16, minutes: 12})") == "P14DT16H12M");
  CHECK(eval_text("duration({months: 0.75})") == "P22DT19H51M49.5S");
  CHECK(eval_text("duration({seconds: -2, milliseconds: 1})") == "PT-1.999S");
}

TEST_CASE("temporal constructors from strings and other temporals", "[temporal]") {
  CHECK(eval_text("date('2015-W30-2')") == "2015-07-21");
  CHECK(eval_text("date('2015202')") == "2015-07-21");
  CHECK(eval_text("localtime('214032.142')") == "21:40:32.142");
  CHECK(eval_text("time('2140-02')") == "21:40-02:00");
  CHECK(eval_text("datetime('2015-07-21T21:40:32.142+0100')") == "2015-07-21T21:40:32.142+01:00");
  CHECK(eval_text("duration('P5M1.5D')") == "P5M1DT12H");
  CHECK(eval_text("duration('P2012-02-02T14:37:21.545')") == "P2012Y2M2DT14H37M21.545S");
  CHECK(eval_text("date(datetime('2015-07-21T23:40+01:00'))") == "2015-07-21");
  CHECK(eval_text("datetime(date('2015-07-21'))") == "2015-07-21T00:00Z");
  CHECK(eval_text("time({time: time('12:00+01:00'), timezone: '+05:00'})") == "16:00+05:00");
  CHECK(eval_text("date(null)") == "null");
  CHECK_THROWS_AS(eval_text("date('2015-13-01')"), QueryError);
  CHECK_THROWS_AS(eval_text("date({year: 2015, month: 2, day: 30})"), QueryError);
}

TEST_CASE("temporal values read the query's clock", "[temporal]") {
  CHECK(eval_text("date()") == "2017-07-14");
  CHECK(eval_text("datetime.statement('+02:00')") == "2017-07-14T04:40+02:00");
  CHECK(eval_text("date({timezone: 'Pacific/Honolulu'})") == "2017-07-13");
}

TEST_CASE("named time zones come from the system's tzdata", "[temporal]") {
  // Summer and winter offsets and a southern zone.
  CHECK(eval_text("datetime('2017-08-08T12:00[Europe/Stockholm]')") ==
        "2017-08-08T12:00+02:00[Europe/Stockholm]");
  CHECK(eval_text("datetime('2017-01-08T12:00[Europe/Stockholm]')") ==
        "2017-01-08T12:00+01:00[Europe/Stockholm]");
  CHECK(eval_text("datetime('2017-01-08T12:00[Australia/Sydney]')") ==
        "2017-01-08T12:00+11:00[Australia/Sydney]");
  // A wall time in the spring gap moves forward by the gap.
  CHECK(eval_text("datetime('2017-03-26T02:30[Europe/Stockholm]')") ==
        "2017-03-26T03:30+02:00[Europe/Stockholm]");
  CHECK(eval_text(
            "datetime({year: 2017, month: 8, day: 8, timezone: 'Europe/Stockholm'}).timezone") ==
        "Europe/Stockholm");
  CHECK_THROWS_AS(eval_text("datetime('2017-08-08T12:00[Nowhere/Atlantis]')"), QueryError);
  CHECK_THROWS_AS(eval_text("datetime('2017-08-08T12:00[../../etc/passwd]')"), QueryError);
}

TEST_CASE("temporal properties", "[temporal]") {
  const std::string dt =
      "datetime({year: 1984, month: 11, day: 11, hour: 12, minute: 31, second: 14, "
      "nanosecond: 645876123, timezone: 'Europe/Stockholm'})";
  CHECK(eval_text(dt + ".week") == "45");
  CHECK(eval_text(dt + ".weekYear") == "1984");
  CHECK(eval_text(dt + ".quarter") == "4");
  CHECK(eval_text(dt + ".dayOfWeek") == "7");
  CHECK(eval_text(dt + ".ordinalDay") == "316");
  CHECK(eval_text(dt + ".offset") == "+01:00");
  CHECK(eval_text(dt + ".epochSeconds") == "469020674");
  CHECK(eval_text(dt + ".microsecond") == "645876");
  CHECK(eval_text("date('2012-01-01').weekYear") == "2011");
  CHECK(eval_text("duration({years: 1, months: 4, days: 10}).monthsOfYear") == "4");
  CHECK(eval_text("duration('PT-1.5S').seconds") == "-2");
  CHECK(eval_text("duration('PT-1.5S').nanosecondsOfSecond") == "500000000");
}

TEST_CASE("temporal arithmetic", "[temporal]") {
  CHECK(eval_text("date('2015-01-31') + duration({months: 1})") == "2015-02-28");
  CHECK(eval_text("date('2015-01-31') + duration({hours: 49})") == "2015-02-02");
  CHECK(eval_text("localtime('23:00') + duration({hours: 2})") == "01:00");
  CHECK(eval_text("localdatetime('2015-12-31T23:00') + duration('PT1H30M')") == "2016-01-01T00:30");
  CHECK(eval_text("datetime('2017-10-28T12:00[Europe/Stockholm]') + duration({days: 1})") ==
        "2017-10-29T12:00+01:00[Europe/Stockholm]");
  CHECK(eval_text("datetime('2017-10-28T12:00[Europe/Stockholm]') + duration({hours: 24})") ==
        "2017-10-29T11:00+01:00[Europe/Stockholm]");
  CHECK(eval_text("date('2015-03-01') - duration('P1D')") == "2015-02-28");
  CHECK(eval_text("duration('P1DT1H') + duration('PT23H')") == "P1DT24H");
  CHECK(eval_text("duration('P1M') * 1.5") == "P1M15DT5H14M33S");
  CHECK(eval_text("duration('PT1H') / 4") == "PT15M");
  CHECK(eval_text("duration('PT1H') * 2") == "PT2H");
}

TEST_CASE("temporal comparison, equality and ordering", "[temporal]") {
  CHECK(eval_text("date('2015-01-01') < date('2015-01-02')") == "true");
  CHECK(eval_text("datetime('2015-01-01T12:00+01:00') = datetime('2015-01-01T11:00Z')") == "true");
  CHECK(eval_text("time('12:00+01:00') < time('11:30Z')") == "true");
  CHECK(eval_text("date('2015-01-01') < localdatetime('2015-01-02T00:00')") == "null");
  CHECK(eval_text("duration('P1D') < duration('P2D')") == "null");
  CHECK(eval_text("duration('PT70S') = duration('PT1M10S')") == "true");
  CHECK(eval_text("duration('P1D') = duration('PT24H')") == "false");
  CHECK(eval_text("date('2015-01-01') = '2015-01-01'") == "false");
  // ORDER BY across kinds: datetime, localdatetime, date, time, localtime, duration; then
  // strings and nulls.
  CHECK(eval_text("[x IN ['s', duration('P1D'), localtime('12:00'), time('12:00Z'), "
                  "date('2015-01-01'), localdatetime('2015-01-01T00:00'), "
                  "datetime('2015-01-01T00:00Z')] | x][0]") == "s");
  GraphStore store;
  QueryEngine engine(store);
  QueryResult r = engine.run(
      "UNWIND [null, 's', duration('P1D'), localtime('12:00'), date('2016-01-01'), "
      "date('2015-01-01'), datetime('2015-01-01T00:00Z')] AS x RETURN toString(x) AS t "
      "ORDER BY x");
  std::vector<std::string> order;
  for (const auto& row : r.rows) order.push_back(row[0].is_null() ? "null" : row[0].as_string());
  CHECK(order == std::vector<std::string>{"2015-01-01T00:00Z", "2015-01-01", "2016-01-01", "12:00",
                                          "P1D", "s", "null"});
  // DISTINCT treats equal instants as one.
  r = engine.run(
      "UNWIND [datetime('2015-01-01T12:00+01:00'), datetime('2015-01-01T11:00Z')] AS x "
      "RETURN count(DISTINCT x) AS n");
  CHECK(r.rows[0][0].as_int() == 1);
}

TEST_CASE("truncation", "[temporal]") {
  CHECK(eval_text("date.truncate('decade', date('1984-10-11'))") == "1980-01-01");
  CHECK(eval_text("date.truncate('week', date('1984-10-11'), {dayOfWeek: 2})") == "1984-10-09");
  CHECK(eval_text("date.truncate('weekYear', date('1984-01-01'))") == "1983-01-03");
  CHECK(eval_text("datetime.truncate('month', datetime('2017-10-11T12:31+01:00'), "
                  "{timezone: 'Europe/Stockholm'})") == "2017-10-01T00:00+02:00[Europe/Stockholm]");
  CHECK(eval_text("localtime.truncate('millisecond', localtime('12:31:14.645876'))") ==
        "12:31:14.645");
  CHECK_THROWS_AS(eval_text("date.truncate('hour', date('1984-10-11'))"), QueryError);
}

TEST_CASE("durations between temporals", "[temporal]") {
  CHECK(eval_text("duration.between(date('1984-10-11'), date('2015-06-24'))") == "P30Y8M13D");
  CHECK(eval_text("duration.between(localtime('14:30'), localtime('16:30'))") == "PT2H");
  CHECK(eval_text("duration.between(time('14:30'), time('16:30+0100'))") == "PT1H");
  CHECK(eval_text("duration.inMonths(date('1984-10-11'), date('2015-06-24'))") == "P30Y8M");
  CHECK(eval_text("duration.inDays(date('2015-01-01'), date('2016-01-01'))") == "P365D");
  CHECK(eval_text("duration.inSeconds(localdatetime('2015-01-01T00:00'), "
                  "localdatetime('2015-01-02T00:00:01.5'))") == "PT24H1.5S");
  CHECK(eval_text("duration.between(date('2015-01-01'), null)") == "null");
}

TEST_CASE("document dates keep their precision", "[temporal]") {
  // A year or a month as a document gives it prints as it was written, and date() keeps it.
  const TemporalValue year = parse_document_date("2015").value();
  CHECK(format_temporal(year) == "2015");
  CHECK(format_temporal(parse_document_date("2015-07").value()) == "2015-07");
  CHECK(format_temporal(parse_document_date("2015-07-22").value()) == "2015-07-22");
  CHECK_FALSE(parse_document_date("2015-13"));
  CHECK_FALSE(parse_document_date("2015-02-30"));
  CHECK_FALSE(parse_document_date("July 2015"));
  GraphStore store;
  QueryEngine engine(store);
  QueryResult r = engine.run("RETURN date($d) AS d, date($d).year AS y, date($d) < date('2016')",
                             {{"d", Value(year)}});
  CHECK(format_temporal(r.rows[0][0].as_temporal()) == "2015");
  CHECK(r.rows[0][1].as_int() == 2015);
  CHECK(r.rows[0][2].as_bool());
}

TEST_CASE("temporal properties are stored and survive a snapshot", "[temporal]") {
  normgraph::testing::TempDir dir;
  const std::string path = dir.file("graph.snapshot");
  {
    GraphStore store;
    QueryEngine engine(store);
    engine.run(
        "CREATE (:Doc {d: date('2015-07-21'), t: datetime('2017-08-08T12:00[Europe/Stockholm]'), "
        "ds: [duration('P1D'), duration('PT-1.5S')]})");
    save_snapshot(store, path);
  }
  GraphStore loaded = load_snapshot(path);
  QueryEngine engine(loaded);
  QueryResult r = engine.run(
      "MATCH (n:Doc) RETURN toString(n.d), toString(n.t), "
      "[x IN n.ds | toString(x)]");
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0][0].as_string() == "2015-07-21");
  CHECK(r.rows[0][1].as_string() == "2017-08-08T12:00+02:00[Europe/Stockholm]");
  CHECK(r.rows[0][2].as_list()[1].as_string() == "PT-1.5S");
}

TEST_CASE("a snapshot of format 1 (before temporal values) still loads", "[temporal]") {
  // tests/data/snapshot-v1.snapshot was saved by the build before format 2, from
  // CREATE (:Document {id: 'doc:v1', name: 'A v1 document', date: '2015-07', pages: 3,
  //   scores: [1.5, 2.5]})-[:CITES {weight: 2}]->(:Principle {id: 'principle:sovereignty',
  //   name: 'sovereignty'})
  GraphStore store =
      load_snapshot(std::string(NORMGRAPH_SOURCE_DIR) + "/tests/data/snapshot-v1.snapshot");
  QueryEngine engine(store);
  QueryResult r = engine.run(
      "MATCH (d:Document)-[c:CITES]->(p:Principle) "
      "RETURN d.name, d.date, date(d.date).month, d.pages, d.scores, c.weight, p.name");
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0][0].as_string() == "A v1 document");
  CHECK(r.rows[0][1].as_string() == "2015-07");
  CHECK(r.rows[0][2].as_int() == 7);
  CHECK(r.rows[0][3].as_int() == 3);
  CHECK(r.rows[0][4].as_list().size() == 2);
  CHECK(r.rows[0][5].as_int() == 2);
  CHECK(r.rows[0][6].as_string() == "sovereignty");
}

TEST_CASE("exports write temporal properties as their ISO text", "[temporal]") {
  normgraph::testing::TempDir dir;
  GraphStore store;
  QueryEngine engine(store);
  engine.run(
      "CREATE (:Document {id: 'doc:t', d: date('2015-07-21'), at: datetime('2015-07-21T21:40Z')})");
  NodeId doc = *store.find_node("doc:t");
  store.set_node_property(doc, "year", Value(parse_document_date("2015").value()));
  viz::write_rdf_file(store, viz::Selection::all(store), viz::RdfSyntax::NTriples,
                      dir.file("g.nt"));
  const std::string nt = normgraph::testing::read_file(dir.file("g.nt"));
  CHECK(nt.find("\"2015-07-21\"^^<http://www.w3.org/2001/XMLSchema#date>") != std::string::npos);
  CHECK(nt.find("\"2015-07-21T21:40Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime>") !=
        std::string::npos);
  CHECK(nt.find("\"2015\"^^<http://www.w3.org/2001/XMLSchema#gYear>") != std::string::npos);
}
