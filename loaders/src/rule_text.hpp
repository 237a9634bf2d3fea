#pragma once
// Line helpers shared by the rule-file readers (extraction_rules.cpp, norm_rules.cpp).
#include <string>
#include <string_view>
#include <vector>

namespace normgraph::loaders::detail {

inline std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

// The non-empty, trimmed pieces of `s` between `sep`s.
inline std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == sep) {
      std::string part = trim(s.substr(start, i - start));
      if (!part.empty()) out.push_back(part);
      start = i + 1;
    }
  return out;
}

}  // namespace normgraph::loaders::detail
