#include "normgraph/ontology/evidence_sources.hpp"

#include <fstream>
#include <string_view>

#include "normgraph/core/errors.hpp"
#include "normgraph/core/ontology_dir.hpp"
#include "normgraph/core/strings.hpp"

namespace normgraph::ontology {

SourceKindTable load_source_kinds(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot read source kinds '" + path + "'");
  SourceKindTable patterns;
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    const std::string text(trim(line));
    if (text.empty() || text[0] == '#') continue;
    const auto tab = text.find('\t');
    const std::string_view fields(text);
    const std::string pattern(tab == std::string::npos ? "" : trim(fields.substr(0, tab)));
    const std::string kind(tab == std::string::npos ? "" : trim(fields.substr(tab + 1)));
    if (pattern.empty() || kind.empty())
      throw InputError(path + ":" + std::to_string(number) +
                       ": expected RULE-PATTERN<TAB>KIND, got '" + text + "'");
    patterns.emplace_back(pattern, kind);
  }
  return patterns;
}

SourceKindTable load_default_source_kinds() {
  return load_source_kinds(ontology_path("evidence-sources.tsv"));
}

}  // namespace normgraph::ontology
