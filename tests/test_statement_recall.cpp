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

TEST_CASE("a forum named as where the speaker works is one it takes part in",
          "[statement][recall]") {
  auto forums = [](const std::string& text) {
    normgraph::GraphStore g;
    return normgraph::testing::speaker_stances(text, g, "Brazil", "state:BRA", {"PARTICIPATES_IN"});
  };
  CHECK(forums("In the General Assembly, Brazil works to promote responsible behaviour.") ==
        Set{"PARTICIPATES_IN org:unga"});
  CHECK(forums("We affirmed it in forums like the UN GGE and the Open-ended Working Group.") ==
        Set{"PARTICIPATES_IN org:un-gge", "PARTICIPATES_IN org:oewg"});
  CHECK(forums("An agreement should be negotiated within the Open-ended Working Group.") ==
        Set{"PARTICIPATES_IN org:oewg"});
  // an organization that is no forum, or another's place in a forum, is no participation
  CHECK(forums("Much was achieved within the African Union.").empty());
  CHECK(forums("In the Security Council, Russia vetoed the draft.").empty());
}

TEST_CASE("a pattern capture takes an actor type, and only an actor's", "[statement][recall]") {
  normgraph::loaders::ExtractionRules rules;
  rules.parse("pattern p : within the F:@Actor.forum+ => PARTICIPATES_IN(@Speaker, F)\n",
              "t.rules");
  REQUIRE(rules.patterns.size() == 1);
  CHECK(rules.patterns[0].elements[2].kind == "Actor");
  CHECK(rules.patterns[0].elements[2].actor_type == "forum");
  normgraph::loaders::ExtractionRules bad;
  CHECK_THROWS(bad.parse("pattern p : in X:@Topic.forum => MENTIONS(@Speaker, X)\n", "t.rules"));
}

TEST_CASE("a stance carried by a verb finds the concept its noun names", "[statement][recall]") {
  // verbal_forms.tsv: "militarization of cyberspace" is also "militarize cyberspace"
  CHECK(stances("We reject attempts to weaponize cyberspace.") ==
        Set{"OPPOSES practice:militarization-of-cyberspace"});
  // and the verb is shared by what is coordinated with its object
  const auto s = stances("Some promote projects to militarize outer space and cyberspace.");
  CHECK(s.count("OPPOSES practice:militarization-of-cyberspace"));
  CHECK(s.count("CONCERNED_ABOUT topic:arms-race-in-outer-space"));
}

TEST_CASE("what a counter cue keeps from an ill is no ill", "[statement][recall]") {
  const auto s = stances("We must prevent cyberspace from being used for espionage and sabotage.");
  CHECK_FALSE(s.count("OPPOSES topic:cyberspace"));
  CHECK(s.count("OPPOSES practice:cyber-espionage"));
}

TEST_CASE("documents of the field are linked by name", "[statement][recall]") {
  CHECK(stances("We should adopt a comprehensive convention on international terrorism.")
            .count("ENDORSES doc:ccit"));
  CHECK(stances("All countries must observe international rules and norms.")
            .count("ENDORSES principle:rules-based-order"));
}

TEST_CASE("a capital of UN style marks no name", "[statement][recall]") {
  // style_capitals.txt: "State" is a common noun, so the phrase is a concept of its own
  const auto s = stances("We condemn State-sponsored disruptions of access to information.");
  CHECK(s.size() == 1);
  CHECK(s.begin()->rfind("OPPOSES practice:statesponsored-disruption", 0) == 0);
  // a real name still makes none
  CHECK(stances("We condemn Petrovian disruptions of access to information.").empty());
}

TEST_CASE("an event held in the speaker's country or said to be hosted by it is hosted",
          "[statement][recall]") {
  auto hosted = [](const std::string& text) {
    normgraph::GraphStore g;
    return normgraph::testing::speaker_stances(text, g, "Brazil", "state:BRA", {"HOSTED"});
  };
  CHECK(hosted("At the ASEAN Ministerial Conference on Cybersecurity, which was held in Brazil "
               "last week, all agreed.") ==
        Set{"HOSTED event:asean-ministerial-conference-on-cybersecurity"});
  CHECK(hosted("That is what the AI Safety Summit that Brazil is hosting in November will seek.") ==
        Set{"HOSTED event:ai-safety-summit"});
  // held elsewhere: not the speaker's
  CHECK(hosted("The AI Safety Summit was held in Kenya.").empty());
}

TEST_CASE("the speaker's chair of a body is membership or participation", "[statement][recall]") {
  auto relations = [](const std::string& text) {
    normgraph::GraphStore g;
    return normgraph::testing::speaker_stances(text, g, "Brazil", "state:BRA",
                                               {"MEMBER_OF", "PARTICIPATES_IN"});
  };
  CHECK(relations("Security was a priority under Brazil's chairmanship of the African Union.") ==
        Set{"MEMBER_OF org:au"});
  CHECK(relations("During our presidency of the Security Council we acted.") ==
        Set{"PARTICIPATES_IN org:unsc"});
  CHECK(relations("We thank Ghana for its chairmanship of the African Union.").empty());
}

TEST_CASE("founding a named group or partnering with a body is taking part in it",
          "[statement][recall]") {
  auto relations = [](const std::string& text) {
    normgraph::GraphStore g;
    return normgraph::testing::speaker_stances(text, g, "Brazil", "state:BRA",
                                               {"PARTICIPATES_IN", "HOSTED"});
  };
  // a group the vocabulary knows, founded by a list of states
  CHECK(relations("This summer, Brazil and Ghana launched the Group of Friends on e-Governance and "
                  "Cybersecurity.") ==
        Set{"PARTICIPATES_IN org:friends-e-governance-cybersecurity"});
  // a name the vocabulary lacks: a group made from the text, its partners take part too
  normgraph::GraphStore g;
  CHECK(normgraph::testing::speaker_stances(
            "We launched the Brazil-Ghana Digital Trade Council with the African Union.", g,
            "Brazil", "state:BRA", {"PARTICIPATES_IN"}) ==
        Set{"PARTICIPATES_IN group:brazil-ghana-digital-trade-council"});
  const auto group = g.find_node("group:brazil-ghana-digital-trade-council");
  REQUIRE(group);
  CHECK(g.node_data(*group).name == "Brazil-Ghana Digital Trade Council");
  CHECK(normgraph::testing::speaker_stances("We launched the Brazil-Ghana Digital Trade Council "
                                            "with the African Union.",
                                            g, "Brazil", "org:au", {"PARTICIPATES_IN"}) ==
        Set{"PARTICIPATES_IN group:brazil-ghana-digital-trade-council"});
  CHECK(relations("We have partnered with the United Nations Office for Disarmament Affairs.") ==
        Set{"PARTICIPATES_IN org:unoda"});
  // a lower-case event head ends a capitalised name: an event
  CHECK(relations("That is what the Al summit that Brazil is hosting in November will seek.") ==
        Set{"HOSTED event:al-summit"});
  // a name that goes on past its head names a document, a date or a second actor: no group
  CHECK(relations("We launched the Atlantic Council Convention on Data in May.").empty());
  normgraph::GraphStore h;
  normgraph::testing::speaker_stances("We launched the Security Council and Germany Initiative.",
                                      h);
  CHECK_FALSE(h.find_node("group:security-council-and-germany-initiative"));
}

TEST_CASE("support for a body or its work endorses the body, never a state or what it owns",
          "[statement][recall]") {
  auto endorsed = [](const std::string& text) {
    normgraph::GraphStore g;
    return normgraph::testing::speaker_stances(text, g, "Brazil", "state:BRA", {"ENDORSES"});
  };
  CHECK(endorsed("We support the reconvening of the Group of Governmental Experts (GGE).") ==
        Set{"ENDORSES org:un-gge"});
  CHECK(endorsed("We will continue supporting the Office of Counter-Terrorism and others.") ==
        Set{"ENDORSES org:unoct"});
  // the body as a modifier or an owner: what is supported is something else
  CHECK(endorsed("We welcome the General Assembly resolutions on the matter.").empty());
  CHECK(endorsed("We support the United Nations disarmament agenda.") ==
        Set{"ENDORSES principle:disarmament"});
  // a state is no body
  CHECK(endorsed("We support the Republic of Moldova.").empty());
}

TEST_CASE("a document named by its author is referenced and endorsed under an endorse cue",
          "[statement][recall]") {
  normgraph::GraphStore g;
  const auto endorsed = normgraph::testing::speaker_stances(
      "We underline the statement of the Freedom Online Coalition on shutdowns.", g, "Brazil",
      "state:BRA", {"ENDORSES"});
  CHECK(endorsed == Set{"ENDORSES doc:statement-of-the-freedom-online-coalition"});
  const auto doc = g.find_node("doc:statement-of-the-freedom-online-coalition");
  REQUIRE(doc);
  const auto data = g.node_data(*doc);
  CHECK(data.name == "statement of the Freedom Online Coalition");
  // the statement references it; no named stance for a document named in passing
  normgraph::GraphStore h;
  CHECK(normgraph::testing::speaker_stances(
            "The report of the African Union describes the situation.", h, "Brazil", "state:BRA",
            {"ENDORSES"})
            .empty());
  REQUIRE(h.find_node("doc:report-of-the-african-union"));
  // a head without an actor as its author is no document ("the statement of the problem")
  normgraph::GraphStore k;
  normgraph::testing::speaker_stances("We welcome the statement of the problem.", k);
  CHECK_FALSE(k.find_node("doc:statement-of-the-problem"));
}

TEST_CASE("what the speaker needs, seeks, proposes or wants more of is endorsed",
          "[statement][recall]") {
  CHECK(stances("We need a binding international treaty on cybercrime.") ==
        Set{"ENDORSES principle:binding-international-treaty-on-cybercrime",
            "CONCERNED_ABOUT topic:cyber-crime"});
  CHECK(stances("We advocate an increase in official development assistance.") ==
        Set{"ENDORSES principle:official-development-assistance"});
  CHECK(stances("We must guard against the fragmentation of the internet.") ==
        Set{"OPPOSES practice:fragmentation-of-internet"});
  // someone else's need, a noun, a vague request and an actor are no stance
  CHECK(stances("Others seek conquest and domination.") ==
        Set{"OPPOSES practice:hegemony"});  // the ill named, nothing sought
  CHECK(stances("We should receive a comprehensive needs assessment.").empty());
  CHECK(stances("We need assistance.").empty());
  CHECK(stances("We need a free and stable Ukraine.").empty());
}

TEST_CASE("a prohibition, a ban or the elimination of an ill opposes it, even when supported",
          "[statement][recall]") {
  CHECK(stances("We support the prohibition of chemical weapons.") ==
        Set{"OPPOSES topic:chemical-weapons"});
  CHECK(stances("We stand for a complete ban on nuclear testing.") ==
        Set{"OPPOSES topic:nuclear-tests"});
  CHECK(stances("The elimination of poverty should remain our paramount goal.") ==
        Set{"OPPOSES topic:poverty"});
  // waiving a right opposes it, whatever cue supports the waiver
  CHECK(stances("We support waiving intellectual property rights on the vaccines.") ==
        Set{"OPPOSES principle:intellectual-property-protection"});
  // lifting a ban takes no stance on what it banned
  CHECK(stances("We ask the Council to lift the ban on arms.").empty());
}

TEST_CASE("a trend names an ill only when the vocabulary knows it as one", "[statement][recall]") {
  CHECK(stances("The alarming rise of terrorism is a threat to us all.") ==
        Set{"CONCERNED_ABOUT topic:terrorism"});
  CHECK(stances("The remarkable growth of information and communication technologies is opening up "
                "new possibilities.")
            .empty());
  CHECK(stances("The average growth of our gross domestic product is ten per cent.").empty());
  CHECK(stances("The rapid growth of the digital economy brings opportunities.").empty());
}

TEST_CASE("keeping a thing from misuse names the misuse", "[statement][recall]") {
  CHECK(stances("We must prevent cyberspace from being used as a weapon.") ==
        Set{"OPPOSES practice:militarization-of-cyberspace"});
  CHECK(stances("We must prevent information and communication technologies from being used for "
                "criminal purposes.") == Set{"OPPOSES topic:cyber-crime"});
  CHECK(stances("We must keep the Internet from being used maliciously.") ==
        Set{"OPPOSES practice:malicious-use-of-internet"});
  CHECK(stances("We must prevent them from being used maliciously.").empty());  // no antecedent
  // kept from an ill without a frame: the thing kept is no ill
  CHECK(stances("We must prevent cyberspace from harm.").empty());
}

TEST_CASE("a framed cue is about its frame with the argument: a place becoming a battlefield",
          "[statement][recall]") {
  CHECK(stances("Cyberspace must not become a battlefield.") ==
        Set{"OPPOSES practice:militarization-of-cyberspace"});
  // the frame and a light head ("space") link to the vocabulary
  CHECK(stances("Outer space is becoming a battlefield.") ==
        Set{"CONCERNED_ABOUT topic:arms-race-in-outer-space"});
  // else a concept of the frame and the phrase; an introductory phrase is no list item
  CHECK(
      stances("In a context of growing competition, the Arctic must not become a battleground.") ==
      Set{"OPPOSES practice:militarization-of-arctic"});
  // verbs of a nominalized good
  CHECK(stances("We must democratize Internet governance.") ==
        Set{"ENDORSES principle:democratization-of-internet-governance"});
  // a pronoun frames nothing
  CHECK(stances("It must not become a battlefield.").empty());
}

TEST_CASE("a framed cue needs words after 'as'", "[statement][recall]") {
  normgraph::loaders::ExtractionRules rules;
  CHECK_THROWS_WITH(rules.parse("cue oppose after as : become a battlefield\n", "f.rules"),
                    Catch::Contains("f.rules:1") && Catch::Contains("expected words after 'as'"));
  rules.parse("cue oppose after as militarization of : become a battlefield\n", "f.rules");
  REQUIRE(rules.cues.size() == 1);
  CHECK(rules.cues[0].frame == "militarization of");
}

TEST_CASE("names, places of adoption and the world's problems are read for what they are",
          "[statement][recall]") {
  // a commission's name holds a principle it does not endorse
  CHECK(stances("Brazil sponsored the International Commission on Intervention and State "
                "Sovereignty.")
            .empty());
  // where something else was reaffirmed is not endorsed
  CHECK(stances("The goals were reaffirmed in the 2005 World Summit Outcome.").empty());
  // the problems confronting humanity are concerns, not fights
  CHECK(
      stances("We face the problems confronting humanity, be they terrorism or migratory flows.") ==
      Set{"CONCERNED_ABOUT topic:terrorism", "CONCERNED_ABOUT topic:migration"});
}
