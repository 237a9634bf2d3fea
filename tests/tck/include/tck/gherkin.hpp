#pragma once
// A small reader for the Gherkin subset the openCypher TCK uses: Feature, Background,
// Scenario, Scenario Outline with Examples, steps with doc strings and tables, tags and
// comments. Outlines are expanded here, one scenario per example row.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace normgraph::tck {

using GherkinTable = std::vector<std::vector<std::string>>;  // rows of cells, escapes removed

struct Step {
  std::string keyword;  // Given, When, Then, And, But, *
  std::string text;     // after the keyword, trimmed
  size_t line = 0;
  std::optional<std::string> doc_string;
  GherkinTable table;  // empty when the step has none
};

struct Scenario {
  std::string name;               // an outline's name with the example's values substituted
  size_t line = 0;                // the line of the Scenario (Outline) keyword
  size_t example_line = 0;        // the example row's line, 0 for a plain scenario
  std::string example;            // the example row as written ("| a | 1 |"), empty for a plain one
  std::vector<std::string> tags;  // the feature's, the scenario's and the examples' tags
  std::vector<Step> steps;        // the background's steps first
};

struct Feature {
  std::string path;
  std::string name;
  std::vector<std::string> tags;
  std::vector<Scenario> scenarios;
};

// Malformed input; what() starts with "file:line: ".
class GherkinError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `path` is only used in messages and copied into the result.
Feature parse_feature(std::string_view text, const std::string& path);
Feature parse_feature_file(const std::string& path);

// Replaces each <name> by the row's value for the column `name`.
std::string substitute(std::string_view text, const std::vector<std::string>& header,
                       const std::vector<std::string>& row);

}  // namespace normgraph::tck
