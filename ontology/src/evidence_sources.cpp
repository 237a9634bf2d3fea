#include "normgraph/ontology/evidence_sources.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "normgraph/core/errors.hpp"

namespace normgraph::ontology {

namespace {
std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}
}  // namespace

SourceKinds load_source_kinds(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot read source kinds '" + path + "'");
  std::vector<std::pair<std::string, std::string>> patterns;
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    const std::string text = trimmed(line);
    if (text.empty() || text[0] == '#') continue;
    const auto tab = text.find('\t');
    const std::string pattern = tab == std::string::npos ? "" : trimmed(text.substr(0, tab));
    const std::string kind = tab == std::string::npos ? "" : trimmed(text.substr(tab + 1));
    if (pattern.empty() || kind.empty())
      throw InputError(path + ":" + std::to_string(number) +
                       ": expected RULE-PATTERN<TAB>KIND, got '" + text + "'");
    patterns.emplace_back(pattern, kind);
  }
  return SourceKinds(std::move(patterns));
}

SourceKinds load_default_source_kinds() {
  const char* override_dir = std::getenv("NORMGRAPH_ONTOLOGY_DIR");
  std::filesystem::path dir = override_dir && *override_dir ? override_dir : NORMGRAPH_ONTOLOGY_DIR;
  return load_source_kinds((dir / "evidence-sources.tsv").string());
}

namespace {
std::string checked_date(const std::string& option, const std::string& text) {
  if (!text.empty() && !is_date_prefix(text))
    throw InputError(option + " takes a date YYYY, YYYY-MM or YYYY-MM-DD, not '" + text + "'");
  return text;
}

std::vector<std::string> checked_kinds(const std::string& option, const std::string& text,
                                       const SourceKinds& kinds) {
  std::vector<std::string> out;
  size_t start = 0;
  while (!text.empty() && start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    const std::string kind = trimmed(text.substr(start, comma - start));
    if (!kinds.knows(kind)) {
      std::string known;
      for (const auto& k : kinds.kinds()) known += (known.empty() ? "" : ", ") + k;
      throw InputError(option + ": unknown source kind '" + kind + "' (" + known + ")");
    }
    out.push_back(kind);
    start = comma + 1;
  }
  return out;
}
}  // namespace

EdgeFilter parse_edge_filter(const EdgeFilterText& text, const SourceKinds& kinds) {
  if (!text.as_of.empty() && !text.until.empty())
    throw InputError("as-of and until both end the window: give one of them");
  EdgeFilter filter;
  filter.since = checked_date("since", text.since);
  filter.until = checked_date(text.as_of.empty() ? "until" : "as-of",
                              text.as_of.empty() ? text.until : text.as_of);
  filter.sources = checked_kinds("sources", text.sources, kinds);
  filter.exclude_sources = checked_kinds("exclude-sources", text.exclude_sources, kinds);
  return filter;
}

}  // namespace normgraph::ontology
