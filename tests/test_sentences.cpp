// The mention layer and full-text search over every sentence (docs/sentences.md).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>
#include <string>

#include "normgraph/core/errors.hpp"
#include "normgraph/loaders/statement.hpp"
#include "normgraph/query/query.hpp"
#include "normgraph/query/result_format.hpp"
#include "normgraph/search/sentence_index.hpp"
#include "test_helpers.hpp"

using namespace normgraph;
using normgraph::testing::TempDir;

namespace {

const char* const kRussia2019 =
    "title: Russia on cyber\ndate: 2019\nspeaker: Russia\n---\n"
    "Cyber attacks on hospitals are growing. We firmly uphold the principle of non-interference in "
    "internal affairs. The weather was fine. Non-interference is the basis of order.\n";
const char* const kChina2021 =
    "title: China on development\ndate: 2021-09-22\nspeaker: China\n---\n"
    "A cyber attack knows no borders. We call for development for all.\n";

GraphStore two_documents() {
  GraphStore g;
  auto loader = loaders::StatementLoader::load_default();
  loader.load_text(kRussia2019, "rus_2019.txt", g);
  loader.load_text(kChina2021, "chn_2021.txt", g);
  return g;
}

const Value* property(const ValueMap& props, const std::string& key) {
  for (const auto& e : props)
    if (e.key == key) return &e.value;
  return nullptr;
}

std::vector<std::string> texts(const std::vector<search::SentenceHit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.push_back(h.text);
  return out;
}

}  // namespace

TEST_CASE("a document keeps every sentence, with a stance or not", "[sentences]") {
  GraphStore g = two_documents();
  auto doc = g.find_node("doc:rus-2019");
  REQUIRE(doc);
  const Value* sentences = property(g.node_props(*doc), "sentences");
  REQUIRE(sentences);
  REQUIRE(sentences->as_list().size() == 4);
  CHECK(sentences->as_list()[2].as_string() == "The weather was fine.");
}

TEST_CASE("a document MENTIONS each vocabulary concept it names, with a count and the sentences",
          "[sentences]") {
  GraphStore g = two_documents();
  auto doc = g.find_node("doc:rus-2019");
  REQUIRE(doc);
  auto mentions = g.find_edge_type("MENTIONS");
  REQUIRE(mentions);
  bool found = false;
  g.for_each_adjacent(*doc, Direction::Out, *mentions, [&](const AdjEntry& a) {
    if (g.node_name(a.node) != "non-interference in internal affairs" &&
        g.node_id(a.node).find("non-interference") == std::string::npos)
      return;
    found = true;
    const Value* count = property(g.edge_props(a.edge), "count");
    REQUIRE(count);
    CHECK(count->as_int() == 2);
    const auto evidence = g.edge_evidence(a.edge);
    REQUIRE(evidence.size() == 2);
    CHECK(evidence[0].rule == "mention");
    CHECK(evidence[1].text == "Non-interference is the basis of order.");
  });
  CHECK(found);
}

TEST_CASE("sentence search finds phrases with stemming, filters and counts", "[sentences]") {
  GraphStore g = two_documents();
  search::SentenceIndex index(":memory:");
  const auto stats = index.sync(g);
  CHECK(stats.documents_indexed == 2);
  CHECK(stats.sentences_total == 6);

  search::SentenceQuery q;
  q.text = "cyber attack";  // finds "Cyber attacks" too
  q.by_date = true;
  auto hits = index.search(q);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].text == "Cyber attacks on hospitals are growing.");
  CHECK(hits[0].speaker == "Russian Federation");
  CHECK(hits[0].date == "2019");
  CHECK(hits[0].sentence == 0);
  CHECK(hits[0].marked == "[Cyber attacks] on hospitals are growing.");
  CHECK(hits[1].doc == "doc:chn-2021");
  CHECK(index.count(q) == 2);

  SECTION("a phrase is a phrase: words apart do not match") {
    q.text = "attack cyber";
    CHECK(index.search(q).empty());
  }
  SECTION("speaker by name or id, dates by prefix") {
    q.speaker = "CHINA";
    CHECK(texts(index.search(q)) == std::vector<std::string>{"A cyber attack knows no borders."});
    q.speaker = "state:RUS";
    CHECK(index.search(q).size() == 1);
    q.speaker.clear();
    q.since = "2020";
    CHECK(index.search(q).size() == 1);
    q.since.clear();
    q.until = "2021-09";  // the 2021-09-22 speech is in September 2021
    CHECK(index.search(q).size() == 2);
    q.until = "2021-08";
    CHECK(index.search(q).size() == 1);
  }
  SECTION("counts by year") {
    const auto counts = index.count_by(q, "year");
    REQUIRE(counts.size() == 2);
    CHECK(counts[0].key == "2019");
    CHECK(counts[0].documents == 1);
    CHECK(counts[1].key == "2021");
    CHECK_THROWS_AS(index.count_by(q, "colour"), InputError);
  }
  SECTION("FTS5 syntax on request, its errors are input errors") {
    q.fts_syntax = true;
    q.text = "cyber AND (borders OR hospitals)";
    CHECK(index.search(q).size() == 2);
    q.text = "cyber AND (";
    CHECK_THROWS_AS(index.search(q), InputError);
    q.fts_syntax = false;
    q.text = "   ";
    CHECK_THROWS_AS(index.search(q), InputError);
  }
}

TEST_CASE("the sentence index follows the graph: new, changed and removed documents",
          "[sentences]") {
  TempDir t;
  GraphStore g = two_documents();
  {
    search::SentenceIndex index(t.file("s.sqlite"));
    index.sync(g);
  }
  search::SentenceIndex index(t.file("s.sqlite"));  // reopened: nothing to do
  auto again = index.sync(g);
  CHECK(again.documents_indexed == 0);
  CHECK(again.documents_total == 2);

  g.set_node_property(*g.find_node("doc:chn-2021"), "sentences",
                      Value(ValueList{Value("Peace and development.")}));
  g.remove_node(*g.find_node("doc:rus-2019"), true);
  auto changed = index.sync(g);
  CHECK(changed.documents_indexed == 1);
  CHECK(changed.documents_removed == 1);
  search::SentenceQuery q;
  q.text = "cyber";
  CHECK(index.search(q).empty());
  q.text = "development";
  CHECK(index.search(q).size() == 1);
}

TEST_CASE("normgraph sentences prints matches and counts, exit 1 when none", "[sentences][cli]") {
  TempDir t;
  const std::string cli = NORMGRAPH_CLI;
  testing::write_file(t.file("rus_2019.txt"), kRussia2019);
  REQUIRE(std::system((cli + " ingest --data " + t.file("d") + " " + t.file("rus_2019.txt") +
                       " > /dev/null")
                          .c_str()) == 0);
  const std::string run = cli + " sentences --data " + t.file("d") + " ";
  REQUIRE(std::system((run + "'cyber attacks' --format csv > " + t.file("out.csv")).c_str()) == 0);
  CHECK(testing::read_file(t.file("out.csv")) ==
        "doc,title,speaker,date,sentence,text\ndoc:rus-2019,Russia on cyber,Russian "
        "Federation,2019,0,Cyber attacks on hospitals "
        "are growing.\n");
  REQUIRE(std::system(
              (run + "cyber --count-by year --format json > " + t.file("counts.json")).c_str()) ==
          0);
  CHECK(testing::read_file(t.file("counts.json")) ==
        "[\n  {\"year\": \"2019\", \"documents\": 1, \"sentences\": 1}\n]\n");
  CHECK(WEXITSTATUS(std::system((run + "'no such words here' > /dev/null").c_str())) == 1);
  CHECK(WEXITSTATUS(std::system((run + "--match 'cyber AND (' > /dev/null 2>&1").c_str())) == 2);
}

TEST_CASE("docs/sentences.md: the mentions-per-year query counts documents and mentions",
          "[sentences][docs]") {
  const std::string doc =
      testing::read_file(std::string(NORMGRAPH_SOURCE_DIR) + "/docs/sentences.md");
  const size_t begin = doc.find("```cypher\n");
  REQUIRE(begin != std::string::npos);
  const size_t end = doc.find("```", begin + 10);
  GraphStore g = two_documents();
  query::QueryEngine engine(g);
  query::QueryResult r = engine.run(doc.substr(begin + 10, end - begin - 10));
  std::ostringstream csv;
  query::write_result(csv, g, r, query::ResultFormat::Csv);
  CHECK(csv.str() == "year,documents,mentions\r\n2019,1,2\r\n");
}
