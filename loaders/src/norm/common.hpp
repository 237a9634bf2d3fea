#pragma once
// What the norm-text loader's parts share: the loader's state (vocabulary, text rules,
// norm-text rules, the phrase matcher) and small text helpers.
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "../norm_rules.hpp"
#include "normgraph/core/errors.hpp"
#include "normgraph/core/files.hpp"
#include "normgraph/core/ontology_dir.hpp"
#include "normgraph/core/strings.hpp"
#include "normgraph/loaders/norm_text.hpp"
#include "normgraph/loaders/phrase_matcher.hpp"
#include "normgraph/loaders/text.hpp"
#include "normgraph/loaders/vocabulary_nodes.hpp"
#include "normgraph/ontology/vocabulary.hpp"

namespace normgraph::loaders {

struct NormLoader::Impl {
  ontology::Vocabulary vocabulary;
  text::TextRules text_rules;
  NormRules rules;
  PhraseMatcher matcher;                                 // values: vocabulary entry indexes
  std::map<std::string, std::vector<uint32_t>> by_name;  // folded name, alias or id -> entries
};

namespace norm {

constexpr size_t kNone = static_cast<size_t>(-1);

inline std::string trim(std::string_view s) {
  return std::string(normgraph::trim(s, " \t\r\n"));
}

// A name as supporters lists and curated sets compare it: lowercase, Latin accents dropped,
// hyphens, apostrophes and runs of spaces one space ("Émirats Arabes Unis" ~ "emirats arabes
// unis").
inline std::string fold(std::string_view name) {
  static const char* const kLatin1 =  // U+00C0 .. U+00FF without their accents
      "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
  std::string out;
  for (size_t i = 0; i < name.size();) {
    char32_t c = text::detail::decode_utf8(name, i);
    char a = 0;
    if (c < 0x80)
      a = static_cast<char>(c);
    else if (c >= 0xC0 && c <= 0xFF)
      a = kLatin1[c - 0xC0];
    else if (c == 0x2019 || c == 0x2010 || c == 0x2011 || c == 0x2013)
      a = ' ';
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a + 32);
    if (a == '-' || a == '\'' || a == '_' || a == ' ' || a == '\t' || a == '.') a = ' ';
    if (a == ' ' && (out.empty() || out.back() == ' ')) continue;
    if (a) out += a;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

inline std::string base_name(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

inline void set_prop(ValueMap& props, std::string_view key, Value value) {
  for (auto& entry : props)
    if (entry.key == key) {
      entry.value = std::move(value);
      return;
    }
  props.push_back({std::string(key), std::move(value)});
}

inline std::string header_value(const text::Header& header, std::string_view key) {
  for (const auto& [k, v] : header.fields)
    if (k == key) return v;
  return "";
}

// A word of a sentence with its place; words joined by hyphens or apostrophes are one word
// ("self-defence" -> "selfdefence"), as in rule phrases.
struct Word {
  size_t begin, end;
  std::string norm;
  bool word;
};

inline std::vector<Word> words_of(std::string_view text) {
  std::vector<Token> tokens = tokenize(text);
  std::vector<Word> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.joiner && !out.empty() && i + 1 < tokens.size() && tokens[i + 1].word) {
      out.back().norm += tokens[i + 1].norm;
      out.back().end = tokens[i + 1].end;
      ++i;
      continue;
    }
    out.push_back({t.begin, t.end, t.norm, t.word});
  }
  return out;
}

inline bool contains(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Where `phrase` matches the words `ws` from index k: the end index and the indexes of its
// literal words, or nullopt. "*" takes 0..gap words.
struct PhraseMatch {
  size_t end = 0;
  std::vector<size_t> literal;
};
inline bool match_phrase(const std::vector<Word>& ws, size_t k,
                         const std::vector<std::string>& phrase, size_t p, size_t gap,
                         PhraseMatch& m) {
  if (p == phrase.size()) {
    m.end = k;
    return true;
  }
  if (phrase[p] == "*") {
    for (size_t g = 0; g <= gap && k + g <= ws.size(); ++g) {
      if (g > 0 && !ws[k + g - 1].word) break;  // a gap stays within a clause: no punctuation
      if (match_phrase(ws, k + g, phrase, p + 1, gap, m)) return true;
    }
    return false;
  }
  if (k >= ws.size() || !ws[k].word || ws[k].norm != phrase[p]) return false;
  m.literal.push_back(k);
  if (match_phrase(ws, k + 1, phrase, p + 1, gap, m)) return true;
  m.literal.pop_back();
  return false;
}

inline std::optional<PhraseMatch> match_at(const std::vector<Word>& ws, size_t k,
                                           const std::vector<std::string>& phrase, size_t gap) {
  PhraseMatch m;
  if (match_phrase(ws, k, phrase, 0, gap, m)) return m;
  return std::nullopt;
}

// Words [from, to) of `ws` as text: lowercased, punctuation left out.
inline std::string words_text(std::string_view text, const std::vector<Word>& ws, size_t from,
                              size_t to) {
  std::string out;
  for (size_t i = from; i < to && i < ws.size(); ++i) {
    if (!ws[i].word) continue;
    if (!out.empty()) out += ' ';
    out += ascii_lower(text.substr(ws[i].begin, ws[i].end - ws[i].begin));
  }
  return out;
}

// As printed, with the original case: for addressees ("United Nations").
inline std::string words_as_printed(std::string_view text, const std::vector<Word>& ws, size_t from,
                                    size_t to) {
  if (from >= to || from >= ws.size()) return "";
  to = std::min(to, ws.size());
  return trim(text.substr(ws[from].begin, ws[to - 1].end - ws[from].begin));
}

// The fields of a TSV line, trimmed.
inline std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i)
    if (i == line.size() || line[i] == '\t') {
      out.push_back(trim(line.substr(start, i - start)));
      start = i + 1;
    }
  return out;
}

// The entries of `kind` a folded name stands for.
inline std::vector<uint32_t> entries_named(const NormLoader::Impl& impl, const std::string& name,
                                           std::string_view kind) {
  std::vector<uint32_t> out;
  if (auto it = impl.by_name.find(fold(name)); it != impl.by_name.end())
    for (uint32_t e : it->second)
      if (impl.vocabulary.entries()[e].kind == kind &&
          std::find(out.begin(), out.end(), e) == out.end())
        out.push_back(e);
  return out;
}

// The successor of a printed number in its style: 4 -> 5, b -> c, iv -> v.
inline std::string successor(const std::string& number) {
  static const char* const kRoman[] = {"i",    "ii",  "iii",  "iv",    "v",   "vi",   "vii",
                                       "viii", "ix",  "x",    "xi",    "xii", "xiii", "xiv",
                                       "xv",   "xvi", "xvii", "xviii", "xix", "xx"};
  for (size_t r = 0; r + 1 < std::size(kRoman); ++r)
    if (number == kRoman[r]) return kRoman[r + 1];
  if (!number.empty() && std::all_of(number.begin(), number.end(), ::isdigit))
    return std::to_string(std::stoul(number) + 1);
  if (number.size() == 1 && std::isalpha(static_cast<unsigned char>(number[0])))
    return std::string(1, static_cast<char>(number[0] + 1));
  return "";
}

}  // namespace norm
}  // namespace normgraph::loaders
