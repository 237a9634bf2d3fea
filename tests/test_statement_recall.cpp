// Recall of statement extraction (issue 13): the cue families of threats.rules and
// arguments.rules, valued topics, the subject gate for other states, and cue words with
// punctuation. Each case is a general sentence of the language of diplomacy.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "../loaders/src/extraction_rules.hpp"
#include "normgraph/loaders/statement.hpp"
#include "statement_stances.hpp"
#include "test_helpers.hpp"

namespace {

// "RELATION target-id" for each stance the speaker (Brazil) takes in `text`.
std::set<std::string> stances(const std::string& text) {
  normgraph::GraphStore g;
  return normgraph::testing::speaker_stances(text, g);
}

using Set = std::set<std::string>;

}  // namespace

TEST_CASE("facing an ill and a list after 'threats such as' are concerns", "[statement][recall]") {
  CHECK(stances("We face threats such as terrorism, pandemics and climate change.") ==
        Set{"CONCERNED_ABOUT topic:terrorism", "CONCERNED_ABOUT topic:pandemics",
            "CONCERNED_ABOUT topic:climate-change"});
  CHECK(stances("We are facing the threat of terrorism.") ==
        Set{"CONCERNED_ABOUT topic:terrorism"});
}

TEST_CASE("an impersonal sentence naming ills as a danger is the speaker's concern",
          "[statement][recall]") {
  CHECK(stances("Terrorism and climate change remain a clear and present danger.") ==
        Set{"CONCERNED_ABOUT topic:terrorism", "CONCERNED_ABOUT topic:climate-change"});
  CHECK(stances("Terrorism and climate change remain serious concerns.") ==
        Set{"CONCERNED_ABOUT topic:terrorism", "CONCERNED_ABOUT topic:climate-change"});
  // An endorse cue still needs the speaker or a modal: in a description it takes no position
  // (no phrase argument: "the order" is no principle); the principle it names is the speaker's
  // by named-stance (test_named_stance.cpp), as it would be without the cue.
  CHECK(stances("The order is based on the rule of law.") == Set{"ENDORSES principle:rule-of-law"});
}

TEST_CASE("the speaker as the target of an attack is concerned about it", "[statement][recall]") {
  CHECK(stances("Last year we were the target of a large-scale cyberattack.") ==
        Set{"CONCERNED_ABOUT topic:cyberattacks"});
  CHECK(stances(
            "Our country has serious concerns given the espionage and sabotage of recent years.") ==
        Set{"OPPOSES practice:cyber-espionage", "CONCERNED_ABOUT topic:cyber-sabotage"});
}

TEST_CASE("'we must end X' opposes X, 'X must end.' too, but only at the clause's end",
          "[statement][recall]") {
  CHECK(stances("We must end this pandemic.") == Set{"OPPOSES topic:pandemics"});
  CHECK(stances("Terrorism must end.") == Set{"OPPOSES topic:terrorism"});
}

TEST_CASE("a valued topic under an endorse cue: its principle, or concern, never opposition",
          "[statement][recall]") {
  CHECK(stances("We must protect our critical infrastructure.") ==
        Set{"ENDORSES principle:critical-infrastructure-protection"});
  CHECK(stances("We will strengthen cybersecurity.") == Set{"CONCERNED_ABOUT topic:cybersecurity"});
  CHECK(stances("We must combat cybersecurity.").empty());  // no ill to work against
}

TEST_CASE("building cues endorse what they build", "[statement][recall]") {
  CHECK(stances("We help States build resilience.") == Set{"ENDORSES principle:resilience"});
}

TEST_CASE("another state blocks a sentence only as its subject", "[statement][recall]") {
  // After a preposition the other state is an object: the sentence stays the speaker's.
  CHECK(stances("We condemn the cyberattack carried out by Iran.") ==
        Set{"OPPOSES topic:cyberattacks"});
  // As the subject (alone or heading a list) it is someone else's position.
  // (the ill it names stays the speaker's concern: named-stance, test_named_stance.cpp)
  CHECK(stances("Iran supports terrorism.") == Set{"CONCERNED_ABOUT topic:terrorism"});
  CHECK(stances("In 2019, China and Russia rejected the militarization of cyberspace.").empty());
}

TEST_CASE("a cue word with punctuation needs its punctuation", "[statement][recall]") {
  // "threats :" opens a list; without its colon the cue fired on every "threats" (a comma too).
  normgraph::loaders::ExtractionRules rules;
  rules.parse("cue concern before weak : threats : | risks , such as\n", "test.rules");
  REQUIRE(rules.cues.size() == 2);
  CHECK(rules.cues[0].words == std::vector<std::string>{"threats", ":"});
  CHECK(rules.cues[1].words == std::vector<std::string>{"risks", ",", "such", "as"});
  CHECK(stances("We see new threats: ransomware and disinformation.") ==
        Set{"CONCERNED_ABOUT topic:ransomware", "CONCERNED_ABOUT topic:disinformation"});
}

TEST_CASE("a wildcard cue: its head's own cue inside, the whole cue after its tail",
          "[statement][recall]") {
  // "against" ends the wildcard: it is no neutral cue of its own here.
  CHECK(stances("We are hardening our critical infrastructure against cyberattacks.") ==
        Set{"ENDORSES principle:critical-infrastructure-protection", "OPPOSES topic:cyberattacks"});
  CHECK(stances("We must protect critical infrastructure from terrorism.") ==
        Set{"ENDORSES principle:critical-infrastructure-protection", "OPPOSES topic:terrorism"});
}

TEST_CASE("a verdict of law after an ill counters it, a double negative affirms",
          "[statement][recall]") {
  CHECK(stances("Changes to the order through the use of force or coercion cannot be condoned.") ==
        Set{"OPPOSES practice:use-of-force", "OPPOSES practice:coercion"});
  CHECK(stances("Attacks via cyberspace know no limits.") ==
        Set{"CONCERNED_ABOUT topic:cyberattacks"});
  CHECK(stances("We cannot possibly fail to defend the right to privacy.") ==
        Set{"ENDORSES principle:privacy"});
}

TEST_CASE("a law held to apply is endorsed, 'may' makes an impersonal position",
          "[statement][recall]") {
  CHECK(stances("We consider that international law is applicable to cyberspace.") ==
        Set{"ENDORSES principle:international-law"});
  CHECK(
      stances(
          "A State under attack may act in accordance with its inherent right to self-defence.") ==
      Set{"ENDORSES principle:self-defence"});
}

TEST_CASE("a verdict adjective before an ill and a growing ill are concerns or opposition",
          "[statement][recall]") {
  // The later, nearer cue decides.
  CHECK(stances("We were the target of an unprovoked, large-scale cyberattack.") ==
        Set{"OPPOSES topic:cyberattacks"});
  CHECK(stances("We condemn unacceptable nuclear threats.") ==
        Set{"OPPOSES topic:nuclear-weapons"});
  // "surge" is a light head: the concern is about what surges, not a concept "surge in ...".
  CHECK(stances("We are witnessing a surge in cyberattacks.") ==
        Set{"CONCERNED_ABOUT topic:cyberattacks"});
  CHECK(stances("There is a resurgence in xenophobic sentiments.") ==
        Set{"CONCERNED_ABOUT topic:xenophobia"});
}

TEST_CASE("examples after 'can pose:' and an ill at work are concerns", "[statement][recall]") {
  CHECK(stances("We have seen the dangers these tools can pose: hacking of bank accounts.") ==
        Set{"CONCERNED_ABOUT topic:hacking"});
  CHECK(stances("If hackers are targeting our banks, we will respond.") ==
        Set{"CONCERNED_ABOUT topic:hacking"});
}

TEST_CASE("a vocabulary trigger does not swallow the cue before its concept",
          "[statement][recall]") {
  // "ensure international information security" was a trigger phrase: the mention took the cue's
  // word and no stance was made.
  CHECK(stances("We must ensure international information security.") ==
        Set{"ENDORSES principle:international-information-security"});
}
