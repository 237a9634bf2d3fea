// Phrase arguments of stance cues (docs/extraction-rules.md "Phrase arguments"): the noun
// phrases a cue governs, concept linking, uncurated concepts and `normgraph vocab suggest`.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "../loaders/src/noun_chunker.hpp"
#include "normgraph/loaders/statement.hpp"
#include "statement_stances.hpp"
#include "test_helpers.hpp"

using normgraph::testing::TempDir;

namespace {

// "RELATION target-id" for each stance the speaker (Brazil) takes in `sentence`.
std::set<std::string> stances(const std::string& sentence) {
  normgraph::GraphStore g;
  return normgraph::testing::speaker_stances(sentence, g);
}

using Set = std::set<std::string>;

}  // namespace

TEST_CASE("the part-of-speech lexicon and tag rules tell nouns from verbs by context",
          "[statement][arguments]") {
  using normgraph::loaders::ChunkUnit;
  using normgraph::loaders::Tag;
  const auto chunker = normgraph::loaders::NounChunker::load_dir(std::string(NORMGRAPH_SOURCE_DIR) +
                                                                 "/ontology/text");
  REQUIRE_FALSE(chunker.empty());
  const std::vector<ChunkUnit> units = {{"we"}, {"condemn"}, {"the"}, {"attacks"}, {"."}};
  const auto tags = chunker.tag(units);
  CHECK(tags[0] == Tag::Pron);
  CHECK(tags[1] == Tag::Verb);
  CHECK(tags[2] == Tag::Det);
  CHECK(tags[3] == Tag::Noun);  // "attacks" after a determiner; a verb after "we"
  const auto verb = chunker.tag(std::vector<ChunkUnit>{{"they"}, {"attack"}, {"us"}});
  CHECK(verb[1] == Tag::Verb);
  CHECK(chunker.noun_lemma("activities") == "activity");
  CHECK(chunker.noun_lemma("cyberattacks") == "cyberattack");  // a word WordNet lacks
  CHECK(chunker.light("efforts"));
}

TEST_CASE("a cue takes the noun phrase it governs as an uncurated concept",
          "[statement][arguments]") {
  // a nominal head with its "of" complement; the mention inside it is not the argument
  CHECK(stances("We say no to the weaponization of information.") ==
        Set{"OPPOSES topic:weaponization-of-information"});
  CHECK(stances("We condemn attacks on critical infrastructure.") ==
        Set{"OPPOSES practice:attacks-on-critical-infrastructure"});
}

TEST_CASE("an uncurated concept is named by its phrase without determiners and marked uncurated",
          "[statement][arguments]") {
  normgraph::GraphStore g;
  normgraph::testing::default_statement_loader().load_text(
      "speaker: Brazil\n---\nWe condemn the misuse of technology.\n", "a.txt", g);
  normgraph::testing::default_statement_loader().load_text(
      "speaker: Chile\n---\nWe must combat all misuses of technology.\n", "b.txt", g);
  const auto node = g.find_node("practice:misuse-of-technology");
  REQUIRE(node);
  CHECK(g.node_name(*node) == "misuse of technology");
  const auto* curated = normgraph::find_entry(g.node_props(*node), "curated");
  REQUIRE(curated);
  CHECK(*curated == normgraph::Value(false));
  size_t opposing = 0;  // both statements' stances reach the one node: merged across documents
  g.for_each_adjacent(
      *node, normgraph::Direction::In, std::nullopt,
      [&](const normgraph::AdjEntry& a) { opposing += g.edge_type_name(a.type) == "OPPOSES"; });
  CHECK(opposing == 2);
}

TEST_CASE("lists and coordinations after a cue are distributed", "[statement][arguments]") {
  CHECK(stances("We face new risks: cyberattacks and cybercrime, the misuse of technology and in "
                "particular "
                "disinformation.")
            .size() == 4);
  CHECK(stances(
            "We are concerned about threats such as violent extremism, terrorism and pandemics.") ==
        Set{"CONCERNED_ABOUT topic:violent-extremism", "CONCERNED_ABOUT topic:terrorism",
            "CONCERNED_ABOUT topic:pandemics"});
  // an em dash after a light head opens the list as a colon does
  CHECK(
      stances(
          "We must take care of our citizens in view of very real threats \u2014 pension fraud and "
          "cyberattacks.") ==
      Set{"OPPOSES practice:pension-fraud", "CONCERNED_ABOUT topic:cyberattacks"});
  // a cue after a comma that is no noun keeps its whole list ("the fight against X, Y" does not)
  CHECK(stances("We hope for a world of peace, free from conflict, electronic crimes and wage "
                "theft.") == Set{"OPPOSES topic:armed-conflict",
                                 "OPPOSES practice:electronic-crime",
                                 "OPPOSES practice:wage-theft"});
}

TEST_CASE("a light head passes the cue on to its complement", "[statement][arguments]") {
  CHECK(stances("We support the promotion of human rights.") ==
        Set{"ENDORSES principle:human-rights"});
  CHECK(stances("We welcome the efforts of the Secretary-General.").empty());
}

TEST_CASE(
    "predicates after the subject: must be respected, is condemned, poses a threat, is essential",
    "[statement][arguments]") {
  CHECK(stances("The sovereignty of States must be respected.") ==
        Set{"ENDORSES principle:sovereignty"});
  CHECK(stances("Piracy is condemned.") == Set{"OPPOSES topic:piracy"});
  CHECK(stances("Ransomware poses a threat to all of us.") ==
        Set{"CONCERNED_ABOUT topic:ransomware"});
  CHECK(stances("Capacity-building is essential.") == Set{"ENDORSES principle:capacity-building"});
}

TEST_CASE("we are concerned that X: the subject of the clause is the concern",
          "[statement][arguments]") {
  CHECK(stances("We are concerned that the militarisation of cyberspace is accelerating.") ==
        Set{"OPPOSES practice:militarization-of-cyberspace"});
}

TEST_CASE("a phrase links to the vocabulary across spelling, hyphens and number",
          "[statement][arguments]") {
  CHECK(stances("We must prevent cyber-attacks and the militarisation of cyberspace.") ==
        Set{"OPPOSES topic:cyberattacks", "OPPOSES practice:militarization-of-cyberspace"});
}

TEST_CASE("a cue governs only its phrases: a purpose after them is out of reach",
          "[statement][arguments]") {
  CHECK(stances("We must combat extremism within the rule of law.") ==
        Set{"OPPOSES topic:violent-extremism", "ENDORSES principle:rule-of-law"});
}

TEST_CASE("vocab suggest lists uncurated concepts with examples and an entry to paste",
          "[statement][arguments][cli]") {
  TempDir t;
  normgraph::testing::write_file(t.file("a.txt"),
                                 "speaker: Brazil\n---\nWe condemn the misuse of technology.\n");
  normgraph::testing::write_file(t.file("b.txt"),
                                 "speaker: Chile\n---\nWe reject any misuses of technology.\n");
  REQUIRE(normgraph::testing::run_cli("ingest --data " + t.file("d") + " " + t.file("a.txt") + " " +
                                      t.file("b.txt") + " > /dev/null")
              .code == 0);
  const auto text = normgraph::testing::run_cli("vocab suggest --data " + t.file("d"));
  REQUIRE(text.code == 0);
  CHECK(text.out.find("2  practice:misuse-of-technology") != std::string::npos);
  CHECK(text.out.find("We condemn the misuse of technology.") != std::string::npos);
  CHECK(text.out.find(
            "{\"id\": \"practice:misuse-of-technology\", \"name\": \"misuse of technology\"") !=
        std::string::npos);
  const auto json = normgraph::testing::run_cli("vocab suggest --data " + t.file("d") +
                                                " --format json --min-count 3");
  REQUIRE(json.code == 0);
  CHECK(json.out == "[]\n");
  CHECK(normgraph::testing::run_cli("vocab list --data " + t.file("d") + " 2>/dev/null").code != 0);
}

TEST_CASE("a transparent head passes the cue to a vocabulary concept only",
          "[statement][arguments]") {
  CHECK(stances("We reject the use of disinformation to interfere in elections.") ==
        Set{"OPPOSES topic:disinformation"});
  CHECK(stances("We reject the use of computers for criminal purposes.").empty());
}

TEST_CASE("a vocabulary concept modifying the head is the argument", "[statement][arguments]") {
  CHECK(stances("We condemn ransomware campaigns.") == Set{"OPPOSES topic:ransomware"});
}

TEST_CASE("the subject of an after-cue keeps its complements", "[statement][arguments]") {
  CHECK(stances("Malicious cyber activity against hospitals and energy grids is on the rise.") ==
        Set{"OPPOSES practice:malicious-cyber-activity"});
}

TEST_CASE("a vague noun alone and a value under a concern cue make no concept",
          "[statement][arguments]") {
  CHECK(stances("We must address this crisis.").empty());
  CHECK(stances("We must address the climate crisis.") ==
        Set{"CONCERNED_ABOUT topic:climate-change"});
  CHECK(stances("We must address peace and stability in the region.").empty());
}

TEST_CASE("a bare noun after 'and' continues the complement, not the list",
          "[statement][arguments]") {
  CHECK(stances("We condemn the destruction of schools and hospitals.") ==
        Set{"OPPOSES practice:destruction-of-schools-and-hospitals"});
  // an adjective after 'and' opens an item of its own
  CHECK(stances("We condemn the destruction of schools and unlawful mass surveillance.") ==
        Set{"OPPOSES practice:destruction-of-schools", "OPPOSES practice:mass-surveillance"});
}
