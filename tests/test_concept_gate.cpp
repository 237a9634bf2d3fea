// The concept gate (loaders/src/concept_gate.hpp, docs/extraction-rules.md "The concept gate"):
// which unlinked argument phrases become uncurated concepts. Each trap is asserted as not made.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "../loaders/src/concept_gate.hpp"
#include "../loaders/src/extraction_rules.hpp"
#include "../loaders/src/noun_chunker.hpp"
#include "normgraph/loaders/statement.hpp"
#include "statement_stances.hpp"

namespace {

// "RELATION target-id" for each stance the speaker (Brazil) takes in `sentence`.
std::set<std::string> stances(const std::string& sentence, normgraph::GraphStore& g) {
  return normgraph::testing::speaker_stances(sentence, g);
}

std::set<std::string> stances(const std::string& sentence) {
  normgraph::GraphStore g;
  return stances(sentence, g);
}

using Set = std::set<std::string>;

const std::string kTextDir = std::string(NORMGRAPH_SOURCE_DIR) + "/ontology/text";

}  // namespace

TEST_CASE(
    "the gate refuses generic heads unless a complement or a specific modifier goes with them",
    "[statement][concept-gate]") {
  using normgraph::loaders::ConceptGate;
  using normgraph::loaders::NounChunker;
  const auto chunker = NounChunker::load_dir(kTextDir);
  const auto gate = ConceptGate::load_dir(kTextDir);
  using Words = std::vector<std::string_view>;
  auto refusal = [&](Words words, size_t head, size_t complement) {
    return std::string(gate.refusal(chunker, words, head, complement));
  };
  CHECK(refusal({"project"}, 0, 1) == "a generic head");
  CHECK(refusal({"regional", "strategy"}, 1, 2) == "a generic head");
  CHECK(refusal({"current", "situation"}, 1, 2) == "a generic head");
  CHECK(refusal({"plans"}, 0, 1) == "a generic head");  // the plural from the singular
  CHECK(refusal({"peace", "process"}, 1, 2).empty());
  CHECK(refusal({"counter-terrorism", "strategy"}, 1, 2).empty());
  CHECK(refusal({"strategy", "of", "deterrence"}, 0, 1).empty());
  CHECK(refusal({"theme", "of", "our", "session"}, 0, 1) == "a generic head");
  CHECK(refusal({"theme", "of", "this", "session"}, 0, 1) == "a deictic complement");
  CHECK(refusal({"solid", "foundations"}, 1, 2) == "a generic head");  // an adjective rescues none
  CHECK(refusal({"comprehensive"}, 0, 1) == "a modifier without a head");
  CHECK(refusal({"lasting"}, 0, 1) == "a modifier without a head");
  CHECK(refusal({"militarization", "of", "cyberspace"}, 0, 1).empty());
  CHECK(refusal({"crisis", "of", "climate", "change", ",", "pollution"}, 0, 1) ==
        "a complement cut inside a list");
}

TEST_CASE("generic heads make no uncurated concept", "[statement][concept-gate]") {
  CHECK(stances("We call on all States to support our project.").empty());
  CHECK(stances("We have adopted plans and programmes.").empty());
  CHECK(stances("We should resist the temptation.").empty());
  CHECK(stances("We must address the current situation.").empty());
  CHECK(stances("We will implement suitable strategies and measures.").empty());
  CHECK(stances("We are confronted with the fierce urgency of now.").empty());
  CHECK(stances("We need to take measures to pursue the four pillars.").empty());
  // a specific modifier or a complement makes the same head a concept
  CHECK(stances("We promote a green growth strategy.") ==
        Set{"ENDORSES principle:green-growth-strategy"});
  CHECK(stances("We call for agreement on an interim mechanism.") ==
        Set{"ENDORSES principle:agreement-on-interim-mechanism"});
}

TEST_CASE("a modifier without its head makes no concept", "[statement][concept-gate]") {
  // whatever the chunker makes of the coordinated adjectives, none of them is a concept
  const Set made = stances("We seek to achieve a comprehensive, just and lasting settlement.");
  for (const auto& fact : made) {
    CHECK(fact.find("comprehensive") == std::string::npos);
    CHECK(fact.find(":just") == std::string::npos);
    CHECK(fact.find(":lasting") == std::string::npos);
  }
}

TEST_CASE("an uncurated concept never takes over a curated id", "[statement][concept-gate]") {
  // "solidarity" links to no entry, but its id would be the vocabulary's principle:solidarity
  // (named "international solidarity")
  normgraph::GraphStore g;
  CHECK(stances("We promote solidarity.", g) == Set{"ENDORSES principle:uncurated-solidarity"});
  CHECK_FALSE(g.find_node("principle:solidarity"));  // the curated node is not made or renamed
  const auto made = g.find_node("principle:uncurated-solidarity");
  REQUIRE(made);
  CHECK(g.node_name(*made) == "solidarity");
}

TEST_CASE("a cue whose subject is another state is that state's act", "[statement][concept-gate]") {
  const Set made = stances(
      "If India is genuinely concerned about infiltration across the border, we ask that it agree "
      "to a mechanism to monitor it.");
  for (const auto& fact : made) CHECK(fact.find("infiltration") == std::string::npos);
  // the speaker's own concern stays
  CHECK(stances("We are genuinely concerned about infiltration across the border.") ==
        Set{"OPPOSES practice:infiltration"});
}

TEST_CASE("a cue inside a neutral cue's object takes its first phrase only",
          "[statement][concept-gate]") {
  const Set made = stances(
      "We must address the root causes: a lack of adherence to the rule of law, poor economic "
      "growth, rising inequality and youth unemployment.");
  for (const auto& fact : made) {
    // no cue's stance: inequality and unemployment are named ills (named-stance: concern) only,
    // economic growth a named good (named-stance: endorse, as "a lack of X" values X)
    if (fact.rfind("CONCERNED_ABOUT topic:", 0) == 0 ||
        fact == "ENDORSES principle:economic-growth")
      continue;
    CHECK(fact.find("inequality") == std::string::npos);
    CHECK(fact.find("growth") == std::string::npos);
    CHECK(fact.find("unemployment") == std::string::npos);
  }
  CHECK(made.count("CONCERNED_ABOUT topic:inequality") == 1);
}

TEST_CASE("a good modifying a harm head is harmed, not the cue's object",
          "[statement][concept-gate]") {
  // the vocabulary's entry when it has one, else a concept of the whole phrase
  CHECK(stances("We strongly condemn the human rights violations committed against the "
                "indigenous people.") == Set{"OPPOSES practice:human-rights-violations"});
  CHECK(stances("We strongly condemn the press freedom violations committed against "
                "journalists.") == Set{"OPPOSES practice:press-freedom-violation"});
  CHECK(stances("We call for a firm commitment to the resolution of all sovereignty disputes.")
            .empty());
}

TEST_CASE("a good under a concern cue makes no concept", "[statement][concept-gate]") {
  CHECK(stances("We must address global food security.").empty());
  CHECK(stances("We welcome the positive signals and the highest standards.").empty());
}

TEST_CASE("a complement that points at the moment or the room makes no concept",
          "[statement][concept-gate]") {
  CHECK(stances("We promote the principles and ideals of this universal Organization.").empty());
  CHECK(stances("We want a basis in keeping with the realities of today's world.").empty());
  CHECK(stances("We promote the ideals of the Charter.") ==
        Set{"ENDORSES principle:ideal-of-charter"});
}

TEST_CASE("an act named by an anaphoric possessive or owned by an actor makes no concept",
          "[statement][concept-gate]") {
  CHECK(stances("We call for their immediate and unconditional removal.").empty());
  CHECK(stances("We reaffirm the principles of Iraq's foreign policy.").empty());
  // with its object named it does
  CHECK(stances("We call for the immediate and unconditional removal of trade barriers.") ==
        Set{"ENDORSES principle:immediate-and-unconditional-removal-of-trade-barriers"});
}

TEST_CASE("a curated cue takes vocabulary concepts only: what is recognized may be a fact",
          "[statement][concept-gate]") {
  CHECK(stances("We recognize the growing interdependency of individual actors.").empty());
  CHECK(stances("We recognize the right to development.") == Set{"ENDORSES principle:development"});
  normgraph::loaders::ExtractionRules rules;
  rules.parse("cue endorse before weak curated : recognize\n", "f.rules");
  REQUIRE(rules.cues.size() == 1);
  CHECK(rules.cues[0].weak);
  CHECK(rules.cues[0].curated);
  CHECK_THROWS_WITH(rules.parse("cue endorse before strong : recognize\n", "f.rules"),
                    Catch::Contains("f.rules:1") && Catch::Contains("[curated|ills]"));
  // ills: a curated cue of the vocabulary's ills only
  normgraph::loaders::ExtractionRules trend;
  trend.parse("cue concern before weak ills : rise of\n", "t.rules");
  REQUIRE(trend.cues.size() == 1);
  CHECK(trend.cues[0].ills);
  CHECK(trend.cues[0].curated);
  CHECK_THROWS_WITH(trend.parse("cue concern before curated ills : rise of\n", "t.rules"),
                    Catch::Contains("t.rules:1"));
}
