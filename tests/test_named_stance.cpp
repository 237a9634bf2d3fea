// A vocabulary concept named without a cue takes its kind's named-stance (statements.rules), and
// a `value` cue endorses the good it names as harmed or the rule it names as broken. Each case is
// a general sentence of the language of diplomacy, written for the test.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "../loaders/src/extraction_rules.hpp"
#include "normgraph/loaders/statement.hpp"
#include "statement_stances.hpp"
#include "test_helpers.hpp"

namespace {

// "RELATION target-id" for each stance the speaker (Kenya) takes in `text`.
std::set<std::string> stances(const std::string& text) {
  normgraph::GraphStore g;
  return normgraph::testing::speaker_stances(text, g, "Kenya", "state:KEN");
}

bool has(const std::set<std::string>& s, const std::string& fact) {
  return s.count(fact) > 0;
}

}  // namespace

TEST_CASE("named-stance lines parse, and a bad kind or act is refused", "[statement][named]") {
  normgraph::loaders::ExtractionRules rules;
  rules.parse("named-stance Topic : concern\nnamed-stance Principle : endorse\n", "t.rules");
  REQUIRE(rules.named_stances.size() == 2);
  CHECK(rules.named_stances[0].first == "Topic");
  CHECK(rules.named_stances[0].second == normgraph::loaders::StanceAct::Concern);
  CHECK(rules.named_stances[1].second == normgraph::loaders::StanceAct::Endorse);
  normgraph::loaders::ExtractionRules bad;
  CHECK_THROWS(bad.parse("named-stance Actor : concern\n", "t.rules"));
  CHECK_THROWS(bad.parse("named-stance Topic : oppose\n", "t.rules"));
}

TEST_CASE("an ill named without a cue is a concern of the speaker", "[statement][named]") {
  const auto s = stances("Ransomware and cybercrime cost our small businesses dearly every year.");
  CHECK(has(s, "CONCERNED_ABOUT topic:ransomware"));
  CHECK(has(s, "CONCERNED_ABOUT topic:cyber-crime"));
  // a named practice is opposed
  CHECK(has(stances("Economic coercion hurts the poorest nations first."),
            "OPPOSES practice:coercion"));
}

TEST_CASE("a principle or a document named without a cue is endorsed by the speaker",
          "[statement][named]") {
  const auto s =
      stances("The Paris Agreement and the principle of due diligence shaped our national plan.");
  CHECK(has(s, "ENDORSES doc:paris-agreement"));
  CHECK(has(s, "ENDORSES principle:due-diligence"));
}

TEST_CASE("named-stance never speaks for another state or reported speech", "[statement][named]") {
  // another state's sentence: no endorsement nor opposition (its ills: see below)
  for (const auto& fact : stances("Russia says that sovereignty justifies its war."))
    CHECK(fact.rfind("CONCERNED_ABOUT", 0) == 0);
  CHECK(stances("Many countries point to sovereignty to excuse disinformation.").empty());
}

TEST_CASE("named-stance leaves mentions a cue governed, and entries that opt out",
          "[statement][named]") {
  // the cue decides: no concern about what is fought, besides the opposition
  const auto fought = stances("We fight terrorism.");
  CHECK(has(fought, "OPPOSES topic:terrorism"));
  CHECK_FALSE(has(fought, "CONCERNED_ABOUT topic:terrorism"));
  // a modifier is no mention of the thing ("human rights activists")
  CHECK_FALSE(
      has(stances("Human rights activists met the minister."), "ENDORSES principle:human-rights"));
  // props.named false: naming migration or attribution is no stance
  CHECK(stances("Migration shaped our history.").empty());
}

TEST_CASE("a value cue endorses the rule broken or the good harmed, and nothing else",
          "[statement][named]") {
  const auto breach =
      stances("Such an act is a blatant breach of international law and of the UN Charter.");
  CHECK(has(breach, "ENDORSES principle:international-law"));
  const auto harm = stances("Disinformation undermines democracy and threatens our sovereignty.");
  CHECK(has(harm, "ENDORSES principle:sovereignty"));
  CHECK(has(harm, "CONCERNED_ABOUT topic:disinformation"));
  // an ill after a value cue is not endorsed
  const auto ill = stances("The resolution was adopted in violation of terrorism laws.");
  CHECK_FALSE(has(ill, "ENDORSES topic:terrorism"));
  CHECK_FALSE(has(ill, "OPPOSES topic:terrorism"));
}

TEST_CASE("a coordinated word shares the mention's complement or head", "[statement][named]") {
  // "freedom of association, opinion or expression": freedom of expression too
  const auto rights = stances("We defend freedom of association, opinion or expression.");
  CHECK(has(rights, "ENDORSES principle:freedom-of-expression"));
  // "the militarization of outer space and cyberspace": the militarization of cyberspace too
  CHECK(has(stances("We oppose the militarization of outer space and cyberspace."),
            "OPPOSES practice:militarization-of-cyberspace"));
  // "isolationist, protectionist and even xenophobic sentiments": the head is shared backwards
  const auto moods =
      stances("There is a rise in isolationist, protectionist and even xenophobic sentiments.");
  CHECK(has(moods, "OPPOSES practice:isolationism"));
  CHECK(has(moods, "OPPOSES practice:protectionism"));
  // a word that makes no vocabulary entry stays a word
  CHECK_FALSE(has(stances("We defend freedom of association, movement and travel."),
                  "ENDORSES principle:travel"));
}

TEST_CASE("a valued topic named without a cue is taken up, never opposed", "[statement][named]") {
  const auto s = stances("One of the main challenges of our time is cybersecurity.");
  CHECK(has(s, "CONCERNED_ABOUT topic:cybersecurity"));
  CHECK_FALSE(has(s, "OPPOSES topic:cybersecurity"));
  // with props.endorsed_as, the principle is endorsed
  CHECK(has(stances("Critical infrastructure protection shaped our national plan."),
            "ENDORSES principle:critical-infrastructure-protection"));
}

TEST_CASE("a so-called principle is not endorsed but rejected", "[statement][named]") {
  CHECK_FALSE(has(stances("They speak of the so-called rules-based order."),
                  "ENDORSES principle:rules-based-order"));
  CHECK(has(stances("Our region has no use for the so-called rules-based order."),
            "OPPOSES principle:rules-based-order"));
  CHECK(
      has(stances("They speak of the rules-based order."), "ENDORSES principle:rules-based-order"));
}

TEST_CASE("in another state's sentence, only the ills the speaker names are its concern",
          "[statement][named]") {
  const auto s = stances("Russia used ransomware against the sovereignty of Ukraine.");
  CHECK(has(s, "CONCERNED_ABOUT topic:ransomware"));
  CHECK_FALSE(has(s, "ENDORSES principle:sovereignty"));  // no position from another's sentence
  CHECK(s.size() == 1);
}

TEST_CASE("what an impersonal endorse cue names is still named", "[statement][named]") {
  // no speaker and no modal: the cue takes no position, named-stance does
  CHECK(has(stances("The network's aim is to share best practices and promote capacity-building."),
            "ENDORSES principle:capacity-building"));
  // an ill under such a cue is a concern, never endorsed
  const auto ill = stances("The regime promotes terrorism abroad.");
  CHECK(has(ill, "CONCERNED_ABOUT topic:terrorism"));
  CHECK_FALSE(has(ill, "ENDORSES topic:terrorism"));
}

TEST_CASE("an ill under a neutral or value cue is still named", "[statement][named]") {
  const auto pretext = stances("Troops were sent under the pretext of terrorism.");
  CHECK(has(pretext, "CONCERNED_ABOUT topic:terrorism"));
  const auto harm = stances("Such campaigns undermine democracy and spread disinformation.");
  CHECK(has(harm, "CONCERNED_ABOUT topic:disinformation"));
  // the background of an order is valued
  CHECK(has(stances("The international order is anchored in the UN Charter."),
            "ENDORSES doc:un-charter"));
}

TEST_CASE("an ill inside a phrase a cue took is named too", "[statement][named]") {
  const auto s =
      stances("We will strengthen regional partnerships against the spread of ransomware.");
  CHECK(has(s, "CONCERNED_ABOUT topic:ransomware"));
  CHECK_FALSE(has(s, "ENDORSES topic:ransomware"));
}

TEST_CASE("a war against an ill is the fight against it, not an armed conflict",
          "[statement][named]") {
  const auto s =
      stances("We have waged a war against terrorism. The war on illicit drugs goes on.");
  CHECK(has(s, "OPPOSES topic:terrorism"));
  CHECK(has(s, "OPPOSES topic:drug-trafficking"));
  CHECK_FALSE(has(s, "CONCERNED_ABOUT topic:armed-conflict"));
  // also where a cue takes the war as its phrase ("pursue wars against")
  const auto pursued = stances("We need to pursue wars against poverty, hunger and ignorance.");
  CHECK(has(pursued, "OPPOSES topic:poverty"));
  CHECK_FALSE(has(pursued, "CONCERNED_ABOUT topic:armed-conflict"));
  // a war against a people or a state is a war
  CHECK(has(stances("The war on Gaza has lasted a year."), "CONCERNED_ABOUT topic:armed-conflict"));
  // information wars are no armed conflict either
  const auto info = stances("Information wars are a tumour for humankind.");
  CHECK_FALSE(has(info, "CONCERNED_ABOUT topic:armed-conflict"));
}

TEST_CASE("a war of history named in passing is no concern", "[statement][named]") {
  const auto s =
      stances("In the Second World War we learned that there is no isolation from evil.");
  CHECK_FALSE(has(s, "CONCERNED_ABOUT topic:armed-conflict"));
  CHECK_FALSE(has(s, "CONCERNED_ABOUT topic:world-wars"));
  // under a cue it is what the cue says
  CHECK(has(stances("We must prevent a third world war."), "OPPOSES topic:world-wars"));
}

TEST_CASE("a phrase after a demonstrative is an anaphor, no concept of its own",
          "[statement][named]") {
  const auto s = stances(
      "The United Nations depends on its moral authority, and that authority "
      "must be preserved.");
  for (const auto& fact : s) CHECK(fact.find("authority") == std::string::npos);
  CHECK(has(stances("The moral authority of the United Nations must be preserved."),
            "ENDORSES principle:moral-authority-of-united-nations"));
}

TEST_CASE("a list of ills names ills throughout, a mixed list does not", "[statement][named]") {
  const auto s = stances(
      "Violations are committed through disinformation, cyberattacks, "
      "economic influence and energy pressures.");
  CHECK(has(s, "CONCERNED_ABOUT topic:disinformation"));
  CHECK(has(s, "CONCERNED_ABOUT topic:economic-influence"));
  CHECK(has(s, "CONCERNED_ABOUT topic:energy-pressure"));  // ids from the singular
  // a good in the list: the other items are not made ills
  const auto mixed =
      stances("Terrorism, poverty, democracy and economic influence shape our region.");
  CHECK_FALSE(has(mixed, "CONCERNED_ABOUT topic:economic-influence"));
  // one ill is no list of ills
  CHECK_FALSE(has(stances("Terrorism and economic influence shape our region."),
                  "CONCERNED_ABOUT topic:economic-influence"));
}

TEST_CASE("an ill named with the state it happens in is a narrower concept of its own",
          "[statement][named]") {
  normgraph::GraphStore g;
  const auto s = normgraph::testing::speaker_stances(
      "The conflicts in Syria go on. We condemn the aggression against Cuba.", g, "Kenya",
      "state:KEN");
  CHECK(has(s, "CONCERNED_ABOUT topic:conflict-in-syrian-arab-republic"));
  CHECK(has(s, "OPPOSES practice:aggression-against-cuba"));
  CHECK_FALSE(has(s, "CONCERNED_ABOUT topic:armed-conflict"));
  // it specializes the vocabulary's ill, so queries and rules roll it up
  const auto war = g.find_node("topic:conflict-in-syrian-arab-republic");
  REQUIRE(war);
  std::set<std::string> broader;
  g.for_each_adjacent(*war, normgraph::Direction::Out, std::nullopt,
                      [&](const normgraph::AdjEntry& a) {
                        if (g.edge_type_name(a.type) == "SPECIALIZES")
                          broader.insert(std::string(g.node_id(a.node)));
                      });
  CHECK(broader == std::set<std::string>{"topic:armed-conflict"});
  // the speaker's own country is no place instance: "the war in Kenya" is the speaker's war
  CHECK(has(stances("The war in Kenya ended in 1990."), "CONCERNED_ABOUT topic:armed-conflict"));
}

TEST_CASE("a name that holds an ill names the ill", "[statement][named]") {
  const auto s = stances("We will ratify the Comprehensive Nuclear-Test-Ban Treaty.");
  CHECK(has(s, "ENDORSES doc:ctbt"));
  CHECK(has(s, "CONCERNED_ABOUT topic:nuclear-tests"));
  // in another state's sentence, as any named ill, only as a concern
  CHECK_FALSE(has(stances("Our plan is ambitious."), "CONCERNED_ABOUT topic:nuclear-tests"));
}

TEST_CASE("an ill under an endorse cue makes no good, a short verb no concept",
          "[statement][named]") {
  const auto s = stances("We seek to contribute to the resolution of these frozen conflicts.");
  CHECK(s == std::set<std::string>{"CONCERNED_ABOUT topic:armed-conflict"});
  CHECK(stances("Rather than using it for treatment, we put it into social policies.").empty());
}
