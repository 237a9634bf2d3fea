#pragma once
// Line helpers shared by the rule-file readers (extraction_rules.cpp, norm_rules.cpp).
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "normgraph/core/strings.hpp"
#include "normgraph/loaders/phrase_matcher.hpp"

namespace normgraph::loaders::detail {

// normgraph::trim as a string.
inline std::string trim(std::string_view s) {
  return std::string(normgraph::trim(s));
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

// The words of a phrase as the loaders compare them: lowercased, "self-defence" (or
// "co-hosted") one word "selfdefence", "*" kept. A punctuation mark standing alone is kept when
// `keep_punctuation` (the extraction cue "threats :" needs its colon: without it, it fired on
// every "threats", a comma included), else left out.
inline std::vector<std::string> phrase_words(std::string_view phrase, bool keep_punctuation) {
  std::vector<std::string> words;
  for (const std::string& piece : split(phrase, ' ')) {
    if (piece == "*" || (keep_punctuation && piece.size() == 1 &&
                         std::ispunct(static_cast<unsigned char>(piece[0])))) {
      words.push_back(piece);
      continue;
    }
    for (auto& w : joined_words(tokenize(piece))) words.push_back(std::move(w));
  }
  return words;
}

}  // namespace normgraph::loaders::detail
