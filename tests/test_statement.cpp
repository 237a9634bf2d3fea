// The statement loader end to end on the reference statement, scored by ../shared/gold.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "normgraph/core/errors.hpp"
#include "normgraph/loaders/statement.hpp"
#include "normgraph/ontology/schema.hpp"
#include "test_helpers.hpp"

using normgraph::testing::TempDir;

namespace {

const std::string kShared = NORMGRAPH_SHARED_DIR;

int run(const std::string& command) {
  return std::system(command.c_str());
}

}  // namespace

TEST_CASE("the reference statement yields every gold fact and none of the false ones",
          "[statement][gold]") {
  TempDir t;
  const std::string cli = NORMGRAPH_CLI;
  const std::string seed = kShared + "/corpus/statements/000_f7b3e24bbd779271.txt";
  REQUIRE(run(cli + " ingest --data " + t.file("data") + " " + seed + " > /dev/null") == 0);
  REQUIRE(run(cli + " export --data " + t.file("data") + " -o " + t.file("g.json")) == 0);
  const int status = run("python3 " + kShared + "/gold/check_gold.py " + t.file("g.json") + " " +
                         kShared + "/gold/seed.gold.tsv > " + t.file("score.txt"));
  INFO(normgraph::testing::read_file(t.file("score.txt")));
  CHECK(status == 0);
}

TEST_CASE("a statement's speaker and date come from its metadata header", "[statement]") {
  normgraph::GraphStore g;
  auto loader = normgraph::loaders::StatementLoader::load_default();
  loader.load_text(
      "title: A test statement\ndate: 2021\nspeaker: Russia\n---\n"
      "We firmly uphold the principle of non-interference in internal affairs. We oppose double "
      "standards.\n",
      "test_statement.txt", g);
  auto doc = g.find_node("doc:test-statement");
  REQUIRE(doc);
  CHECK(g.node_name(*doc) == "A test statement");
  auto rus = g.find_node("state:RUS");
  REQUIRE(rus);
  auto delivered = g.find_edge_type("DELIVERED");
  REQUIRE(delivered);
  CHECK(g.find_edge(*rus, *delivered, *doc));
  size_t endorses = 0, opposes = 0;
  g.for_each_adjacent(*rus, normgraph::Direction::Out, std::nullopt,
                      [&](const normgraph::AdjEntry& a) {
                        endorses += g.edge_type_name(a.type) == "ENDORSES";
                        opposes += g.edge_type_name(a.type) == "OPPOSES";
                      });
  CHECK(endorses == 1);
  CHECK(opposes == 1);
}

TEST_CASE("every fact from the reference statement fits the ontology's schema", "[statement]") {
  normgraph::GraphStore g;
  auto loader = normgraph::loaders::StatementLoader::load_default();
  loader.load_file(kShared + "/corpus/statements/000_f7b3e24bbd779271.txt", g);
  const auto schema = normgraph::ontology::Schema::load_default();
  size_t commitments = 0;
  g.for_each_node_with_label("Commitment", [&](normgraph::NodeId) { ++commitments; });
  CHECK(commitments >= 10);
  for (normgraph::EdgeId e = 0; e < g.edge_slots(); ++e) {
    if (!g.edge_live(e)) continue;
    auto ends = g.edge_ends(e);
    INFO(g.node_id(ends.source) << " -" << g.edge_type_name(ends.type) << "-> "
                                << g.node_id(ends.target));
    CHECK(schema.allows(g.edge_type_name(ends.type), g.node_kind(ends.source),
                        g.node_kind(ends.target)));
    CHECK_FALSE(g.edge_evidence(e).empty());
  }
}

TEST_CASE("a stance sentence becomes a commitment with its modality and enumeration",
          "[statement]") {
  normgraph::GraphStore g;
  auto loader = normgraph::loaders::StatementLoader::load_default();
  loader.load_text("speaker: China\n---\nSecondly, we should uphold the rule of law.\n", "c.txt",
                   g);
  std::vector<normgraph::NodeId> found;
  g.for_each_node_with_label("Commitment", [&](normgraph::NodeId n) { found.push_back(n); });
  REQUIRE(found.size() == 1);
  const auto& props = g.node_props(found[0]);
  CHECK(*normgraph::find_entry(props, "modality") == normgraph::Value("recommendation"));
  CHECK(*normgraph::find_entry(props, "enumeration") == normgraph::Value("secondly"));
  CHECK(*normgraph::find_entry(props, "polarity") == normgraph::Value("positive"));
  CHECK(g.degree(found[0], normgraph::Direction::Out, g.find_edge_type("INVOKES")) == 1);
  CHECK(g.degree(found[0], normgraph::Direction::In, g.find_edge_type("MAKES")) == 1);
}

TEST_CASE("a long commitment name is cut at a character boundary", "[statement]") {
  normgraph::GraphStore g;
  auto loader = normgraph::loaders::StatementLoader::load_default();
  std::string accents;
  for (int i = 0; i < 60; ++i) accents += "\xC3\xA9";  // é, two bytes each
  loader.load_text("speaker: France\n---\nWe uphold the rule of law " + accents + ".\n", "f.txt",
                   g);
  size_t checked = 0;
  g.for_each_node_with_label("Commitment", [&](normgraph::NodeId n) {
    std::string name(g.node_name(n));
    CHECK(name.size() <= 80);
    CHECK(name.substr(name.size() - 3) == "...");
    // No dangling lead byte before the dots: the byte before them ends a character.
    const auto last = static_cast<unsigned char>(name[name.size() - 4]);
    CHECK(last != 0xC3);
    ++checked;
  });
  CHECK(checked == 1);
}

TEST_CASE("the bundled example statement yields its stances with the speaker of its header",
          "[statement][examples]") {
  normgraph::GraphStore g;
  auto loader = normgraph::loaders::StatementLoader::load_default();
  loader.load_file(
      std::string(NORMGRAPH_SOURCE_DIR) + "/examples/statements/EST_2026_sample_statement.txt", g);
  auto has = [&](const char* source, const char* type, const char* target) {
    auto s = g.find_node(source), t = g.find_node(target);
    auto ty = g.find_edge_type(type);
    return s && t && ty && g.find_edge(*s, *ty, *t).has_value();
  };
  CHECK(has("state:EST", "ENDORSES", "principle:capacity-building"));
  CHECK(has("state:EST", "ENDORSES", "principle:international-law"));
  CHECK(has("state:EST", "OPPOSES", "topic:disinformation"));
  CHECK(has("state:EST", "CONCERNED_ABOUT", "topic:ransomware"));
  CHECK_FALSE(
      has("org:eu", "DELIVERED", "doc:est-2026-sample-statement"));  // aligning is not delivering
}

TEST_CASE("bad extraction rules are reported with file, line and column", "[statement]") {
  TempDir t;
  const std::string ontology = NORMGRAPH_SOURCE_DIR "/ontology";
  std::filesystem::create_directory_symlink(ontology + "/vocab", t.file("vocab"));
  std::filesystem::create_directory_symlink(ontology + "/text", t.file("text"));
  auto error_for = [&](const std::string& rules) {
    normgraph::testing::write_file(t.file("extraction/x.rules"), rules);
    try {
      normgraph::loaders::StatementLoader::load_dir(t.path());
    } catch (const normgraph::InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  const std::string file = t.file("extraction/x.rules");
  CHECK(error_for("# fine\nspeaker-word : we\nfrobnicate : x\n")
            .find(file + ":3:1: unknown keyword 'frobnicate'") != std::string::npos);
  CHECK(error_for(": nothing before the colon\n").find(file + ":1:1: expected a keyword") !=
        std::string::npos);
  CHECK(
      error_for("cue endorse sideways : uphold\n").find(file + ":1:5: expected before or after") !=
      std::string::npos);
  CHECK(error_for("pattern p : A:@Actor ... (hosted) => HOSTED(A, B)\n")
            .find("'B' is not captured") != std::string::npos);
  CHECK(error_for("speaker-word : we\n").empty());
}

TEST_CASE("a sentence that repeats a stance thousands of times is cited once per fact",
          "[statement][limits]") {
  normgraph::GraphStore g;
  auto loader = normgraph::loaders::StatementLoader::load_default();
  std::string sentence;
  for (int i = 0; i < 2000; ++i)
    sentence += "We oppose double standards and we uphold the principle of non-interference, ";
  sentence += "always.";
  loader.load_text("title: Repeated\ndate: 2021\nspeaker: Russia\n---\n" + sentence + "\n",
                   "repeated.txt", g);
  auto rus = g.find_node("state:RUS");
  REQUIRE(rus);
  size_t stances = 0;
  g.for_each_adjacent(*rus, normgraph::Direction::Out, std::nullopt,
                      [&](const normgraph::AdjEntry& a) {
                        const auto type = g.edge_type_name(a.type);
                        if (type != "ENDORSES" && type != "OPPOSES") return;
                        ++stances;
                        const auto evidence = g.edge_evidence(a.edge);
                        REQUIRE(evidence.size() == 1);
                        CHECK(evidence[0].text == sentence);
                      });
  CHECK(stances == 2);
}
