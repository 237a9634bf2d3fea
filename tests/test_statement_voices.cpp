// Provenance, speakers and voices, and the known error classes of statement extraction
// (issue 13, items 4-6): each rule kind with its example sentence.
#include <catch2/catch.hpp>

#include <string>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/loaders/ingest.hpp"
#include "normgraph/loaders/norm_text.hpp"
#include "normgraph/loaders/statement.hpp"
#include "test_helpers.hpp"

namespace {

const normgraph::loaders::StatementLoader& statements() {
  static const auto instance = normgraph::loaders::StatementLoader::load_default();
  return instance;
}

std::string prop(const normgraph::GraphStore& g, const std::string& id, const std::string& key) {
  auto n = g.find_node(id);
  if (!n) return "<no node " + id + ">";
  const normgraph::Value* v = normgraph::find_entry(g.node_props(*n), key);
  return v ? v->as_string() : "";
}

bool has(const normgraph::GraphStore& g, const std::string& source, const std::string& type,
         const std::string& target) {
  auto s = g.find_node(source), t = g.find_node(target);
  auto ty = g.find_edge_type(type);
  return s && t && ty && g.find_edge(*s, *ty, *t).has_value();
}

}  // namespace

// ---- item 6: the file name stays in `source`, the header's citation goes to `citation`
TEST_CASE("a statement's Document keeps its file name in source and the header's in citation",
          "[statement][voices]") {
  normgraph::GraphStore g;
  statements().load_text(
      "title: T\nsource: github.com/x/y@abc:data/RUS_77_2022.txt (UNGDC)\nspeaker: Russia\n---\n"
      "We uphold sovereignty.\n",
      "/some/dir/RUS_2022_excerpt.txt", g);
  CHECK(prop(g, "doc:rus-2022-excerpt", "source") == "RUS_2022_excerpt.txt");
  CHECK(prop(g, "doc:rus-2022-excerpt", "citation") ==
        "github.com/x/y@abc:data/RUS_77_2022.txt (UNGDC)");
}

TEST_CASE("a norm text's Document keeps its file name in source and the header's in citation",
          "[norms][voices]") {
  normgraph::GraphStore g;
  auto loader = normgraph::loaders::NormLoader::load_default();
  loader.load_norm_text(
      "kind: norm-text\ntitle: Some norms\nsource: https://example.org/norms\n---\n"
      "1. States should not conduct theft of intellectual property.\n",
      "dir/some_norms.txt", g);
  CHECK(prop(g, "doc:some-norms", "source") == "some_norms.txt");
  CHECK(prop(g, "doc:some-norms", "citation") == "https://example.org/norms");
}

namespace {

// The graph of one statement of `speaker` (a name the vocabulary knows), dated `date`.
normgraph::GraphStore statement(const std::string& body, const std::string& speaker = "Russia",
                                const std::string& date = "2021",
                                const std::string& file = "statement.txt") {
  normgraph::GraphStore g;
  statements().load_text(
      "title: T\ndate: " + date + "\nspeaker: " + speaker + "\n---\n" + body + "\n", file, g);
  return g;
}

}  // namespace

// ---- item 3: the taxonomy is in the graph
TEST_CASE("an ingested statement carries the taxonomy above what it mentions",
          "[statement][voices]") {
  auto g =
      statement("We uphold the principle of non-interference. We are concerned about ransomware.");
  CHECK(has(g, "state:RUS", "ENDORSES", "principle:non-interference"));
  CHECK(has(g, "principle:non-interference", "SPECIALIZES", "principle:sovereignty"));
  CHECK(has(g, "principle:sovereignty", "SPECIALIZES", "principle:un-charter-principles"));
  CHECK(has(g, "principle:un-charter-principles", "SPECIALIZES", "principle:international-law"));
  CHECK(has(g, "topic:ransomware", "SPECIALIZES", "topic:cyber-crime"));
}

// ---- item 4: speakers and voices
TEST_CASE("a speech by an organization is the organization's: the file prefix is its code",
          "[statement][voices]") {
  normgraph::GraphStore g;
  statements().load_text(
      "The European Union and its member States remain committed to multilateralism. Russia, China "
      "and "
      "Israel were mentioned. Russia must respect international law. China and Israel too.\n",
      "EU_77_2022.txt", g);
  CHECK(has(g, "org:eu", "DELIVERED", "doc:eu-77-2022"));
  CHECK_FALSE(has(g, "state:RUS", "DELIVERED", "doc:eu-77-2022"));
  CHECK(has(g, "org:eu", "ENDORSES", "principle:multilateralism"));
}

TEST_CASE("a state's speech without a header: the ISO3 prefix of the file name",
          "[statement][voices]") {
  normgraph::GraphStore g;
  statements().load_text("We support multilateralism.\n", "AFG_55_2000.txt", g);
  CHECK(has(g, "state:AFG", "DELIVERED", "doc:afg-55-2000"));
  CHECK(has(g, "state:AFG", "ENDORSES", "principle:multilateralism"));
}

TEST_CASE("reported speech and others' positions are not the speaker's stance",
          "[statement][voices]") {
  auto g = statement(
      "States will sometimes point to the need to protect their sovereignty, referring broadly to "
      "their political will and autonomy.",
      "Israel");
  CHECK_FALSE(has(g, "state:ISR", "ENDORSES", "principle:sovereignty"));
  g = statement("Of course, I recognize that many have long been committed to non-intervention.",
                "United Kingdom");
  CHECK_FALSE(has(g, "state:GBR", "ENDORSES", "principle:non-interference"));
  g = statement(
      "In its attempts to revive a unipolar model under the banner of a rules-based order, the "
      "West has "
      "established dividing lines everywhere based on the notion of confrontation between blocs.");
  CHECK_FALSE(has(g, "state:RUS", "ENDORSES", "practice:bloc-confrontation"));
  // The speaker's own stance in the same words stays: "we" starts a clause of the speaker.
  g = statement("Some states claim that hegemony is acceptable; we oppose hegemony.");
  CHECK(has(g, "state:RUS", "OPPOSES", "practice:hegemony"));
  CHECK_FALSE(has(g, "state:RUS", "ENDORSES", "practice:hegemony"));
}

TEST_CASE("a negated stance flips, a distant or someone else's negation voids it",
          "[statement][voices]") {
  auto g = statement("We do not accept unilateral coercive measures.");
  CHECK(has(g, "state:RUS", "OPPOSES", "practice:unilateral-sanctions"));
  CHECK_FALSE(has(g, "state:RUS", "ENDORSES", "practice:unilateral-sanctions"));
  g = statement("We will never abandon multilateralism.");
  CHECK(has(g, "state:RUS", "ENDORSES", "principle:multilateralism"));
  CHECK_FALSE(has(g, "state:RUS", "OPPOSES", "principle:multilateralism"));
  g = statement("We will not enjoy development without respect for human rights.");
  CHECK_FALSE(has(g, "state:RUS", "OPPOSES", "principle:human-rights"));
  g = statement("We condemn those who do not respect sovereignty.");
  CHECK_FALSE(has(g, "state:RUS", "OPPOSES", "principle:sovereignty"));
}

// ---- item 5: known error classes
TEST_CASE("the object of a cue that is a frame, a harm or a purpose is not opposed",
          "[statement][voices]") {
  auto g = statement("We must combat extremism within the rule of law.");
  CHECK_FALSE(has(g, "state:RUS", "OPPOSES", "principle:rule-of-law"));
  CHECK(has(g, "state:RUS", "OPPOSES", "topic:violent-extremism"));
  g = statement("We condemn all restrictions on freedom of speech.");
  CHECK_FALSE(has(g, "state:RUS", "OPPOSES", "principle:freedom-of-expression"));
  g = statement("We are rejecting the use of human rights for political purposes.");
  CHECK_FALSE(has(g, "state:RUS", "OPPOSES", "principle:human-rights"));
  g = statement(
      "We must work together to prevent conflicts, maintain international peace and security.");
  CHECK_FALSE(has(g, "state:RUS", "OPPOSES", "principle:international-peace-and-security"));
  CHECK(has(g, "state:RUS", "ENDORSES", "principle:international-peace-and-security"));
  CHECK(has(g, "state:RUS", "OPPOSES", "topic:armed-conflict"));
  // Working against an ill (`counter`) opposes practices and topics, never a principle beside it.
  g = statement("We will fight terrorism in cooperation with our partners.");
  CHECK(has(g, "state:RUS", "OPPOSES", "topic:terrorism"));
  CHECK_FALSE(has(g, "state:RUS", "OPPOSES", "principle:cooperation"));
  // What force is used against is harmed, not opposed.
  g = statement("We oppose any use of force against the territorial integrity of any country.");
  CHECK(has(g, "state:RUS", "OPPOSES", "practice:use-of-force"));
  CHECK_FALSE(has(g, "state:RUS", "OPPOSES", "principle:territorial-integrity"));
  // A negated acceptance of a proposition is no stance on what the proposition names.
  g = statement("We cannot accept that international law should be violated.");
  CHECK_FALSE(has(g, "state:RUS", "OPPOSES", "principle:international-law"));
}

TEST_CASE("a document is not referenced by accident or before it exists", "[statement][voices]") {
  auto g = statement("From anywhere, you can dial the code for Rwanda.", "Rwanda", "2015");
  CHECK_FALSE(has(g, "doc:statement", "REFERENCES", "doc:code-of-conduct-2015"));
  CHECK_FALSE(has(g, "doc:statement", "REFERENCES", "doc:code-of-conduct-2011"));
  g = statement("We are committed to the sustainable development goals.", "Ghana", "2005");
  CHECK_FALSE(has(g, "doc:statement", "REFERENCES", "doc:2030-agenda"));
  g = statement("We are committed to the sustainable development goals.", "Ghana", "2016");
  CHECK(has(g, "doc:statement", "REFERENCES", "doc:2030-agenda"));
  // A convention under negotiation is named before its adoption.
  g = statement("We support the drafting of a universal convention on combating cybercrime.",
                "Russia", "2021");
  CHECK(has(g, "doc:statement", "REFERENCES", "doc:un-cybercrime-convention"));
}

TEST_CASE(
    "a dataset README among the statements is skipped with a message, not read as a statement",
    "[statement][voices]") {
  normgraph::testing::TempDir t;
  normgraph::testing::write_file(t.file("ungdc/README_UNGDC.txt"),
                                 "The dataset now covers the UNGDC. We support human rights.\n");
  normgraph::testing::write_file(t.file("ungdc/AFG_55_2000.txt"), "We support multilateralism.\n");
  normgraph::GraphStore g;
  const auto inputs = normgraph::loaders::ingest_path(t.file("ungdc"), g);
  REQUIRE(inputs.size() == 2);
  const auto& readme = inputs[0].format == "skipped" ? inputs[0] : inputs[1];
  CHECK(readme.format == "skipped");
  CHECK(readme.error.empty());
  REQUIRE(readme.warnings.size() == 1);
  CHECK(readme.warnings[0].find("README_UNGDC.txt: a README, not a statement: skipped") !=
        std::string::npos);
  CHECK_FALSE(g.find_node("doc:readme-ungdc"));
  CHECK(has(g, "state:AFG", "ENDORSES", "principle:multilateralism"));
}
