#include <catch2/catch.hpp>

#include "normgraph/loaders/phrase_matcher.hpp"

using namespace normgraph::loaders;

namespace {

// The matched phrases' first values, as text, in order.
std::vector<std::string> found(const PhraseMatcher& m, std::string_view text) {
  static const char* kNames[] = {"United States",     "state sovereignty",  "sovereignty",
                                 "capacity building", "Cold War mentality", "cyber crime"};
  std::vector<std::string> out;
  for (const auto& match : m.match(tokenize(text)))
    out.push_back(kNames[m.values(match.phrase).front()]);
  return out;
}

PhraseMatcher sample() {
  PhraseMatcher m;
  m.add("United States", 0);
  m.add("US", 0);
  m.add("state sovereignty", 1);
  m.add("sovereignty", 2);
  m.add("capacity-building", 3);
  m.add("Cold War or zero-sum mentality", 4);
  m.add("cyber crime", 5);
  m.add("cybercrime", 5);
  m.add("common, comprehensive and cooperative security", 1);
  return m;
}

}  // namespace

TEST_CASE("the phrase matcher finds leftmost-longest matches ignoring case and hyphens",
          "[matcher]") {
  PhraseMatcher m = sample();
  CHECK(found(m, "principles of State Sovereignty and sovereignty") ==
        std::vector<std::string>{"state sovereignty", "sovereignty"});
  CHECK(found(m, "capacity building, Capacity-Building") ==
        std::vector<std::string>{"capacity building", "capacity building"});
  CHECK(found(m, "abandon the Cold War or zero-sum mentality") ==
        std::vector<std::string>{"Cold War mentality"});
  CHECK(found(m, "Cybercrime and cyber-crime") ==
        std::vector<std::string>{"cyber crime", "cyber crime"});
}

TEST_CASE("short capital phrases match only in capitals, punctuation ends a phrase", "[matcher]") {
  PhraseMatcher m = sample();
  CHECK(found(m, "the US told us") == std::vector<std::string>{"United States"});
  CHECK(found(m, "state, sovereignty") == std::vector<std::string>{"sovereignty"});
  CHECK(found(m, "cyber. crime").empty());
  CHECK(found(m, "common, comprehensive and cooperative security") ==
        std::vector<std::string>{"state sovereignty"});
  CHECK(found(m, "common comprehensive and cooperative security").empty());
}

TEST_CASE("tokens keep their offsets and join hyphenated words", "[matcher]") {
  auto tokens = tokenize("co-hosted (ICTs) now");
  REQUIRE(tokens.size() == 7);
  CHECK(tokens[0].norm == "co");
  CHECK(tokens[1].joiner);
  CHECK(tokens[4].all_caps == false);  // "ICTs" has a lowercase letter
  CHECK(tokens[4].begin == 11);
  CHECK(joined_words(tokens) == std::vector<std::string>{"cohosted", "icts", "now"});
}
