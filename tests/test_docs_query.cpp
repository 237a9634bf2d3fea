// Every ```cypher example in docs/query.md runs, in order, on the example graph and prints the
// ```text table that follows it (the timing at the end of the last line aside).
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <sstream>

#include "normgraph/loaders/graph_json.hpp"
#include "normgraph/query/query.hpp"
#include "normgraph/query/result_format.hpp"
#include "test_helpers.hpp"

using namespace normgraph;

namespace {

struct DocExample {
  std::string query;
  std::string expected;  // empty when the example shows no output
  size_t line;
};

std::vector<DocExample> examples(const std::string& markdown) {
  std::vector<DocExample> out;
  std::istringstream in(markdown);
  std::string line, block, lang;
  size_t number = 0, start = 0;
  bool inside = false;
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("```", 0) == 0) {
      if (!inside) {
        inside = true;
        lang = line.substr(3);
        block.clear();
        start = number;
      } else {
        inside = false;
        if (lang == "cypher")
          out.push_back({block, "", start});
        else if (lang == "text" && !out.empty() && out.back().expected.empty())
          out.back().expected = block;
      }
      continue;
    }
    if (inside) block += line + "\n";
  }
  return out;
}

// `// $name = literal` lines of an example set its parameters.
ValueMap params_of(const std::string& query) {
  ValueMap params;
  static const std::regex param_line(R"(^// \$(\w+) = (.*)$)");
  std::istringstream in(query);
  std::string line;
  std::smatch m;
  while (std::getline(in, line))
    if (std::regex_match(line, m, param_line))
      params.push_back({m[1], query::parse_literal(m[2].str())});
  return params;
}

std::string without_timing(std::string table) {
  return std::regex_replace(table, std::regex(R"( \([0-9.]+ ms\)\n$)"), "\n");
}

}  // namespace

TEST_CASE("docs/query.md: every example prints what the page shows", "[query][docs]") {
  const std::string doc =
      normgraph::testing::read_file(std::string(NORMGRAPH_SOURCE_DIR) + "/docs/query.md");
  const auto list = examples(doc);
  REQUIRE(list.size() >= 8);
  GraphStore store;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(NORMGRAPH_SOURCE_DIR) + "/examples/graphs"))
    if (entry.path().extension() == ".json")
      loaders::load_graph_json_file(entry.path().string(), store);
  query::QueryEngine engine(store);
  for (const auto& ex : list) {
    INFO("docs/query.md:" << ex.line << "\n" << ex.query);
    query::QueryResult r = engine.run(ex.query, params_of(ex.query));
    std::ostringstream table;
    query::write_result(table, store, r, query::ResultFormat::Table);
    if (!ex.expected.empty()) CHECK(without_timing(table.str()) == ex.expected);
  }
}
