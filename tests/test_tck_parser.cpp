// The TCK runner's parsers: Gherkin feature files and the value literals of result tables.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "tck/gherkin.hpp"
#include "tck/tck_value.hpp"

using namespace normgraph::tck;

namespace {

const char* const kOutline = R"(# A comment
@featureTag
Feature: Lists
  Some description of the feature.

  Background:
    Given an empty graph

  @skipStyleCheck
  Scenario Outline: [1] Index <name> #Example: <name>
    And having executed:
      """
      CREATE ({v: <value>})
        RETURN 1
      """
    When executing query:
      """
      RETURN <value> AS v
      """
    Then the result should be, in any order:
      | v       |
      | <value> |
    # a comment between steps
    And no side effects

    Examples:
      | name   | value  |
      | int    | 1      |
      | bar    | 'a\|b' |

  Scenario: [2] Plain
    When executing query: RETURN 1
    Then the result should be empty
)";

std::string canon(const std::string& literal, bool unordered = false) {
  CanonicalOptions options;
  options.unordered_lists = unordered;
  return canonical(parse_tck_value(literal), options);
}

}  // namespace

TEST_CASE("an outline expands into one scenario per example row", "[tck]") {
  Feature f = parse_feature(kOutline, "lists.feature");
  CHECK(f.name == "Lists");
  REQUIRE(f.scenarios.size() == 3);
  const Scenario& first = f.scenarios[0];
  CHECK(first.name == "[1] Index int #Example: int");
  CHECK(first.line == 10);
  CHECK(first.example_line == 28);
  CHECK(first.tags == std::vector<std::string>{"@featureTag", "@skipStyleCheck"});
  REQUIRE(first.steps.size() == 5);
  CHECK(first.steps[0].text == "an empty graph");  // from the background
  CHECK(first.steps[1].doc_string == "CREATE ({v: 1})\n  RETURN 1");
  CHECK(first.steps[2].doc_string == "RETURN 1 AS v");
  CHECK(first.steps[3].table == GherkinTable{{"v"}, {"1"}});
  CHECK(first.steps[4].keyword == "And");
  CHECK(f.scenarios[1].steps[3].table == GherkinTable{{"v"}, {"'a|b'"}});
  const Scenario& plain = f.scenarios[2];
  CHECK(plain.name == "[2] Plain");
  CHECK(plain.example_line == 0);
  CHECK(plain.steps[1].text == "executing query: RETURN 1");
}

TEST_CASE("cell escapes follow Gherkin: escaped bar, backslash and newline", "[tck]") {
  Feature f = parse_feature(
      "Feature: F\n  Scenario: S\n    Then x\n      | 'a\\\\b' | '\\n' | '\\'' |\n", "f");
  CHECK(f.scenarios[0].steps[0].table == GherkinTable{{"'a\\b'", "'\n'", "'\\''"}});
}

TEST_CASE("malformed feature files are reported with file and line", "[tck]") {
  auto error_of = [](const std::string& text) {
    try {
      parse_feature(text, "bad.feature");
    } catch (const GherkinError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("Feature: F\n  Scenario: S\n    When q:\n      \"\"\"\n      RETURN 1\n") ==
        "bad.feature:4: unterminated doc string");
  CHECK(error_of("Feature: F\n  Scenario: S\n    Then t\n      | a | b |\n      | 1 |\n") ==
        "bad.feature:5: the row has 1 cells, the table 2");
  CHECK(error_of("Feature: F\n  Scenario: S\n    Given x\n    Frobnicate\n") ==
        "bad.feature:4: unexpected line: Frobnicate");
  CHECK(error_of("Feature: F\n  Scenario: S\n    Given x\n  Examples:\n") ==
        "bad.feature:4: Examples: outside a Scenario Outline");
  CHECK(error_of("  Scenario: S\n") == "bad.feature:1: a scenario before Feature:");
  CHECK(error_of("Feature: F\n      | a |\n") == "bad.feature:2: a table without a step");
}

TEST_CASE("placeholders without a column stay as written", "[tck]") {
  CHECK(substitute("<a> < <b> <c>", {"a", "c"}, {"1", "3"}) == "1 < <b> 3");
}

TEST_CASE("scalar literals", "[tck]") {
  CHECK(canon("null") == "null");
  CHECK(canon(" true ") == "true");
  CHECK(canon("-12") == "-12");
  CHECK(canon("-9223372036854775808") == "-9223372036854775808");
  CHECK(canon("1.0") == "1.0");
  CHECK(canon(".5") == "0.5");
  CHECK(canon("1e10") == "1e+10");
  CHECK(canon("-0.0") == "0.0");
  CHECK(canon("NaN") == "NaN");
  CHECK(canon("-Inf") == "-Infinity");
  CHECK(canon("'it\\'s'") == "'it\\'s'");
  CHECK(parse_tck_value("'a\\\\b\\u00e9\\t'").text == "a\\b\xc3\xa9\t");
  CHECK(parse_tck_value("\"x\"").text == "x");
  CHECK(parse_tck_value("1.2635418652381264e305").real == 1.2635418652381264e305);
  CHECK(std::isnan(parse_tck_value("NaN").real));
}

TEST_CASE("integers and floats are different values", "[tck]") {
  CHECK(canon("1") != canon("1.0"));
  CHECK(canon("[1, 2.5]") == "[1, 2.5]");
}

TEST_CASE("graph literals", "[tck]") {
  CHECK(canon("()") == "()");
  CHECK(canon("(:B:A {name: 'x', age: 3})") == "(:A:B {age: 3, name: 'x'})");
  CHECK(canon("({num: 1})") == "({num: 1})");
  CHECK(canon("[:T {k: 1}]") == "[:T {k: 1}]");
  CHECK(canon("[:T]") == "[:T]");
  CHECK(canon("<(:A)-[:T]->(:B)<-[:U]-()>") == "<(:A)-[:T]->(:B)<-[:U]-()>");
  CHECK(canon("<()>") == "<()>");
  CHECK(canon("{a: [1, {b: null}], `weird key`: ''}") == "{a: [1, {b: null}], weird key: ''}");
  CHECK(canon("[[], {}]") == "[[], {}]");
}

TEST_CASE("malformed literals are errors", "[tck]") {
  for (const char* bad : {"", "[1, 2", "{a 1}", "'open", "(:A", "<(:A)-[:T]-(:B)>", "1 2", "nul",
                          "99999999999999999999"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_tck_value(bad), ValueSyntaxError);
  }
}

TEST_CASE("lists compare as multisets when element order is ignored", "[tck]") {
  CHECK(canon("[2, 1, [4, 3]]", true) == canon("[1, [3, 4], 2]", true));
  CHECK(canon("[2, 1]") != canon("[1, 2]"));
  CHECK(canon("[1, 1, 2]", true) != canon("[1, 2, 2]", true));
}

TEST_CASE("tables compare by columns and rows, in order or not", "[tck]") {
  auto row = [](std::initializer_list<const char*> cells) {
    std::vector<TckValue> out;
    for (const char* c : cells) out.push_back(parse_tck_value(c));
    return out;
  };
  TckTable expected{{"a", "b"}, {row({"1", "'x'"}), row({"2", "null"})}};
  TckTable reversed{{"a", "b"}, {row({"2", "null"}), row({"1", "'x'"})}};
  CHECK(compare_tables(expected, reversed, RowOrder::Any).empty());
  CHECK_FALSE(compare_tables(expected, reversed, RowOrder::Exact).empty());
  TckTable renamed{{"a", "c"}, expected.rows};
  CHECK(compare_tables(expected, renamed, RowOrder::Any).find("columns differ") !=
        std::string::npos);
  TckTable duplicated{{"a", "b"}, {row({"1", "'x'"}), row({"1", "'x'"})}};
  std::string difference = compare_tables(expected, duplicated, RowOrder::Any);
  CHECK(difference.find("missing (1 rows):\n    | 2 | null |") != std::string::npos);
  CHECK(compare_tables({{"f"}, {row({"NaN"})}}, {{"f"}, {row({"NaN"})}}, RowOrder::Any).empty());
}

// Every feature file of the TCK parses, and every value in its tables is readable.
TEST_CASE("the TCK's feature files and table values parse", "[tck]") {
  std::filesystem::path root = std::filesystem::path(NORMGRAPH_SHARED_DIR) / "tck" / "features";
  if (!std::filesystem::exists(root)) return;
  size_t files = 0, values = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".feature") continue;
    ++files;
    Feature f = parse_feature_file(entry.path().string());
    for (const Scenario& s : f.scenarios) {
      for (const Step& step : s.steps) {
        bool values_table = step.text.starts_with("the result should be") ||
                            step.text.starts_with("parameters are");
        if (!values_table) continue;
        for (size_t r = step.text.starts_with("parameters") ? 0 : 1; r < step.table.size(); ++r) {
          for (size_t c = step.text.starts_with("parameters") ? 1 : 0; c < step.table[r].size();
               ++c) {
            INFO(entry.path().string() << ":" << step.line << " " << step.table[r][c]);
            CHECK_NOTHROW(parse_tck_value(step.table[r][c]));
            ++values;
          }
        }
      }
    }
  }
  CHECK(files > 200);
  CHECK(values > 1000);
}
