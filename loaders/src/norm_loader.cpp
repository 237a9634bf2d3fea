// The norm-text loader: the numbering parser (lines to provisions), the reading of a
// provision (modality, addressee, action), and the writers of norm texts, supporters lists and
// curated norm sets. What it knows about the language of norm texts is in norm-text.rules.
#include "normgraph/loaders/norm_text.hpp"

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
#include <unordered_map>
#include <unordered_set>

#include "norm_rules.hpp"
#include "normgraph/core/errors.hpp"
#include "normgraph/core/files.hpp"
#include "normgraph/core/ontology_dir.hpp"
#include "normgraph/core/strings.hpp"
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

namespace {

constexpr size_t kNone = static_cast<size_t>(-1);

// ---- small text helpers

std::string trim(std::string_view s) {
  return std::string(normgraph::trim(s, " \t\r\n"));
}

// A name as supporters lists and curated sets compare it: lowercase, Latin accents dropped,
// hyphens, apostrophes and runs of spaces one space ("Émirats Arabes Unis" ~ "emirats arabes
// unis").
std::string fold(std::string_view name) {
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

std::string base_name(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

void set_prop(ValueMap& props, std::string_view key, Value value) {
  for (auto& entry : props)
    if (entry.key == key) {
      entry.value = std::move(value);
      return;
    }
  props.push_back({std::string(key), std::move(value)});
}

std::string header_value(const text::Header& header, std::string_view key) {
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

std::vector<Word> words_of(std::string_view text) {
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

bool contains(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Where `phrase` matches the words `ws` from index k: the end index and the indexes of its
// literal words, or nullopt. "*" takes 0..gap words.
struct PhraseMatch {
  size_t end = 0;
  std::vector<size_t> literal;
};
bool match_phrase(const std::vector<Word>& ws, size_t k, const std::vector<std::string>& phrase,
                  size_t p, size_t gap, PhraseMatch& m) {
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

std::optional<PhraseMatch> match_at(const std::vector<Word>& ws, size_t k,
                                    const std::vector<std::string>& phrase, size_t gap) {
  PhraseMatch m;
  if (match_phrase(ws, k, phrase, 0, gap, m)) return m;
  return std::nullopt;
}

// Words [from, to) of `ws` as text: lowercased, punctuation left out.
std::string words_text(std::string_view text, const std::vector<Word>& ws, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to && i < ws.size(); ++i) {
    if (!ws[i].word) continue;
    if (!out.empty()) out += ' ';
    out += ascii_lower(text.substr(ws[i].begin, ws[i].end - ws[i].begin));
  }
  return out;
}

// As printed, with the original case: for addressees ("United Nations").
std::string words_as_printed(std::string_view text, const std::vector<Word>& ws, size_t from,
                             size_t to) {
  if (from >= to || from >= ws.size()) return "";
  to = std::min(to, ws.size());
  return trim(text.substr(ws[from].begin, ws[to - 1].end - ws[from].begin));
}

// The successor of a printed number in its style: 4 -> 5, b -> c, iv -> v.
std::string successor(const std::string& number) {
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

}  // namespace

// ---- the numbering parser

namespace {

class ProvisionParser {
 public:
  ProvisionParser(const NormRules& rules, size_t first_line)
      : rules_(rules), line_number_(first_line) {}

  std::vector<Provision> parse(std::string_view body) {
    size_t start = 0;
    for (size_t line = line_number_; start <= body.size(); ++line) {
      size_t end = body.find('\n', start);
      if (end == std::string_view::npos) end = body.size();
      this->line(trim(body.substr(start, end - start)), line);
      if (end == body.size()) break;
      start = end + 1;
    }
    return std::move(out_);
  }

 private:
  enum class Prev { None, Heading, HeadingItem, Item, Bullet, Plain };
  struct Level {
    std::string style, number;
    bool parenthesized;
    int provision;
    int parent;  // the provision the level's items belong to
  };

  void line(const std::string& text, size_t number) {
    if (text.empty()) {
      blank_before_ = true;
      return;
    }
    current_line_ = number;
    if (text[0] == '#')  // a line of only '#' is an empty heading
      heading(trim(text.substr(std::min(text.find_first_not_of('#'), text.size()))));
    else if (size_t len = bullet_length(text))
      bullet(trim(text.substr(len)));
    else if (!item(text, false))
      plain(text);
    blank_before_ = false;
  }

  void heading(const std::string& text) {
    continuing_ = -1;
    in_bullets_ = false;
    if (std::string n = article_number(text); !n.empty()) {
      article_ = n;
      stack_.clear();
      article_provision_ = add(Provision::Kind::ArticleBody, n, "", -1);
      prev_ = Prev::Heading;
      return;
    }
    if (item(text, true)) return;
    article_.clear();  // a chapter or title heading ends the article and its lists
    article_provision_ = -1;
    stack_.clear();
    prev_ = Prev::Heading;
  }

  // "Article  51", "Art. 2": the number after an article word.
  std::string article_number(const std::string& heading) const {
    std::vector<Word> ws = words_of(heading);
    size_t k = 0;
    while (k < ws.size() && !ws[k].word) ++k;
    if (k >= ws.size() || !contains(rules_.article_words, ws[k].norm)) return "";
    for (++k; k < ws.size() && !ws[k].word; ++k) {
    }
    if (k >= ws.size() || !std::isdigit(static_cast<unsigned char>(ws[k].norm[0]))) return "";
    return heading.substr(ws[k].begin, ws[k].end - ws[k].begin);
  }

  size_t bullet_length(const std::string& text) const {
    std::smatch m;
    for (const auto& re : rules_.bullets)
      if (std::regex_search(text, m, re, std::regex_constants::match_continuous))
        return m.length(0);
    return 0;
  }

  struct Candidate {
    const NumberingMarker* marker;
    std::string number;
    size_t length;
  };

  // A numbered item (or a heading that starts with a marker); false when no marker fits.
  bool item(const std::string& text, bool is_heading) {
    std::vector<Candidate> candidates;
    std::smatch m;
    for (const auto& marker : rules_.markers)
      if (std::regex_search(text, m, marker.pattern, std::regex_constants::match_continuous) &&
          m.size() > 1)
        candidates.push_back({&marker, m.str(1), static_cast<size_t>(m.length(0))});
    if (candidates.empty()) return false;
    auto open_level = [&](const Candidate& c) -> int {
      for (size_t l = stack_.size(); l-- > 0;)
        if (stack_[l].style == c.marker->style) return static_cast<int>(l);
      return -1;
    };
    // A sibling that follows its predecessor, else a new level, else any open level.
    const Candidate* chosen = nullptr;
    int level = -1;
    for (const auto& c : candidates)
      if (int l = open_level(c); l >= 0 && successor(stack_[l].number) == c.number)
        chosen = &c, level = l;
    if (!chosen)
      for (const auto& c : candidates)
        if (open_level(c) < 0) {
          chosen = &c;
          break;
        }
    if (!chosen) chosen = &candidates.front(), level = open_level(candidates.front());
    int parent = -1;
    if (level >= 0) {
      parent = stack_[level].parent;  // a sibling: the same lead-in
      stack_.resize(level);
    } else if (!stack_.empty()) {
      parent = stack_.back().provision;
    } else if (article_provision_ >= 0) {
      parent = article_provision_;
    } else if (prev_ == Prev::Plain) {
      parent = lead_;
    }
    const bool parenthesized = text[0] == '(';
    stack_.push_back({chosen->marker->style, chosen->number, parenthesized, -1, parent});
    std::string rest = trim(text.substr(chosen->length));
    const int p = add(Provision::Kind::Item, label(), is_heading ? "" : rest, parent);
    stack_.back().provision = p;
    if (is_heading) out_[p].title = rest;
    in_bullets_ = false;
    prev_ = is_heading ? Prev::HeadingItem : Prev::Item;
    continuing_ = is_heading ? -1 : p;
    return true;
  }

  std::string label() const {
    std::string out = article_;
    for (size_t l = 0; l < stack_.size(); ++l) {
      const bool bare = l == 0 && article_.empty() && !stack_[l].parenthesized;
      out += bare ? stack_[l].number : "(" + stack_[l].number + ")";
    }
    return out;
  }

  void bullet(const std::string& text) {
    if (!in_bullets_) {
      list_parent_ = prev_ == Prev::Plain && lead_ >= 0 ? lead_
                     : !stack_.empty()                  ? stack_.back().provision
                                                        : article_provision_;
      bullets_ = 0;
      in_bullets_ = true;
    }
    ++bullets_;
    std::string prefix = list_parent_ >= 0 && !out_[list_parent_].label.empty()
                             ? out_[list_parent_].label + " "
                             : "";
    continuing_ = add(Provision::Kind::Item, prefix + "bullet " + std::to_string(bullets_), text,
                      list_parent_);
    prev_ = Prev::Bullet;
  }

  void plain(const std::string& text) {
    // A line right below another (no blank line) continues its block.
    if (!blank_before_ && continuing_ >= 0) {
      append(continuing_, text);
      return;
    }
    if (prev_ == Prev::HeadingItem && !stack_.empty()) {  // "(b) Implementation" then its lead-in
      const int p = stack_.back().provision;
      append(p, text);
      continuing_ = p;
      prev_ = Prev::Item;
      return;
    }
    in_bullets_ = false;
    if (article_provision_ >= 0 && stack_.empty() && !out_[article_provision_].has_items) {
      append(article_provision_, text);
      continuing_ = article_provision_;
      prev_ = Prev::Plain;
      return;
    }
    stack_.clear();  // a paragraph after a list ends it
    const bool preamble = article_provision_ < 0 && starts_with_signatory(text);
    lead_ = add(preamble ? Provision::Kind::Preamble : Provision::Kind::Paragraph, "", text, -1);
    continuing_ = lead_;
    prev_ = Prev::Plain;
  }

  bool starts_with_signatory(const std::string& text) const {
    for (const Word& w : words_of(text))
      if (w.word) return contains(rules_.signatory_words, w.norm);
    return false;
  }

  int add(Provision::Kind kind, std::string label, std::string text, int parent) {
    Provision p;
    p.kind = kind;
    p.label = std::move(label);
    p.text = std::move(text);
    p.line = current_line_;
    p.parent = parent;
    if (parent >= 0) out_[parent].has_items = true;
    out_.push_back(std::move(p));
    return static_cast<int>(out_.size() - 1);
  }

  void append(int p, const std::string& text) {
    std::string& t = out_[p].text;
    t += t.empty() ? text : " " + text;
  }

  const NormRules& rules_;
  size_t line_number_;
  size_t current_line_ = 0;
  std::vector<Provision> out_;
  std::vector<Level> stack_;
  std::string article_;
  int article_provision_ = -1;
  int lead_ = -1;        // the last plain paragraph: the lead-in of a list right below it
  int continuing_ = -1;  // the block a line right below continues
  int list_parent_ = -1;
  size_t bullets_ = 0;
  bool in_bullets_ = false;
  bool blank_before_ = true;
  Prev prev_ = Prev::None;
};

// Text exported without some spaces and hyphens: "determinedto" -> "determined to",
// "selfdefense" -> "self-defence" (the rules' glued words and respellings).
std::string repair_words(std::string_view text, const NormRules& rules,
                         const text::TextRules& text_rules) {
  std::string out;
  size_t copied = 0;
  for (const Token& t : tokenize(text)) {
    if (!t.word) continue;
    std::string replacement;
    if (auto it = rules.respellings.find(t.norm); it != rules.respellings.end()) {
      replacement = it->second;
    } else if (!text_rules.is_known_word(t.norm)) {
      for (const auto& suffix : rules.glued_words) {
        if (t.norm.size() < suffix.size() + 2 ||
            t.norm.compare(t.norm.size() - suffix.size(), suffix.size(), suffix))
          continue;
        std::string_view word = text.substr(t.begin, t.end - t.begin);
        std::string_view prefix = word.substr(0, word.size() - suffix.size());
        if (text_rules.is_known_word(prefix)) {
          replacement = std::string(prefix) + " " + std::string(word.substr(prefix.size()));
          break;
        }
      }
    }
    if (replacement.empty()) continue;
    out.append(text.substr(copied, t.begin - copied));
    out += replacement;
    copied = t.end;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace

// ---- reading a provision

namespace {

// The ids of one document's norms. A label seen again gets "-2", "-3", ... after its base id
// (never a suffix on a suffix), the next free number kept per base, so n repeats of a label
// cost n lookups and ids of bounded length.
class UniqueIds {
 public:
  std::string take(const std::string& base) {
    if (taken_.insert(base).second) return base;
    for (int& n = next_.try_emplace(base, 2).first->second;; ++n) {
      std::string id = base + "-" + std::to_string(n);
      if (taken_.insert(id).second) {
        ++n;
        return id;
      }
    }
  }

 private:
  std::unordered_set<std::string> taken_;
  std::unordered_map<std::string, int> next_;
};

class Reader {
 public:
  explicit Reader(const NormLoader::Impl& impl) : impl_(impl), rules_(impl.rules) {}

  ProvisionReading sentence(std::string_view text) const {
    ProvisionReading r;
    const std::vector<Word> ws = words_of(text);
    const size_t first_word = first_word_index(ws);
    for (size_t k = 0; k < ws.size(); ++k) {
      if (!ws[k].word) continue;
      const ModalityCue* best = nullptr;
      PhraseMatch best_match;
      for (const auto& cue : rules_.cues) {
        // A lone modal first in a sentence is an inversion ("Should the parties fail ..."), not a
        // cue.
        if (k == first_word && cue.words.size() == 1) continue;
        auto m = match_at(ws, k, cue.words, rules_.gap_words);
        if (m && (!best || m->end > best_match.end)) best = &cue, best_match = *m;
      }
      if (!best) continue;
      r.modality = best->modality;
      r.rule = best->rule;
      size_t action_from = action_start(ws, *best, best_match);
      if (auto after = addressee_after(text, ws, *best, best_match)) {
        r.addressee = after->first;
        action_from = after->second;
      } else {
        r.addressee = subject(text, ws, k);
      }
      r.action = action(text, ws, action_from);
      return r;
    }
    return r;
  }

  ProvisionReading provision(std::string_view text) const {
    for (const auto& s : text::segment(text, impl_.text_rules)) {
      ProvisionReading r = sentence(text.substr(s.begin, s.end - s.begin));
      if (!r.modality.empty()) return r;
    }
    ProvisionReading r;
    const std::vector<Word> ws = words_of(text);
    size_t k = 0;
    while (k < ws.size() && (!ws[k].word || contains(rules_.action_skip, ws[k].norm))) ++k;
    r.action = action(text, ws, k);
    return r;
  }

  std::vector<ProvisionReading> provisions(const std::vector<Provision>& list) const {
    std::vector<ProvisionReading> out;
    out.reserve(list.size());
    for (const Provision& p : list) {
      ProvisionReading r = provision(p.text);
      if (r.modality.empty() || r.addressee.empty())
        for (int up = p.parent; up >= 0; up = list[up].parent) {
          if (r.modality.empty() && !out[up].modality.empty()) {
            r.modality = out[up].modality;
            r.rule = "modality.inherited";
          }
          if (r.addressee.empty()) r.addressee = lead_addressee(list[up].text, out[up]);
          if (!r.modality.empty() && !r.addressee.empty()) break;
        }
      out.push_back(std::move(r));
    }
    return out;
  }

 private:
  static size_t first_word_index(const std::vector<Word>& ws) {
    for (size_t k = 0; k < ws.size(); ++k)
      if (ws[k].word) return k;
    return kNone;
  }

  // The action starts at the cue's first literal word that is not a modal word ("refrain" in
  // "shall refrain"), else after the cue.
  size_t action_start(const std::vector<Word>& ws, const ModalityCue&, const PhraseMatch& m) const {
    for (size_t k : m.literal)
      if (!contains(rules_.action_skip, ws[k].norm)) return k;
    size_t k = m.end;
    // "shall, first of all, seek": an aside between commas right after the cue is no action.
    if (k < ws.size() && ws[k].norm == ",")
      for (size_t close = k + 1; close < ws.size() && close <= k + 6; ++close)
        if (ws[close].norm == ",") {
          k = close;
          break;
        }
    while (k < ws.size() && (!ws[k].word || contains(rules_.action_skip, ws[k].norm))) ++k;
    return k;
  }

  std::string action(std::string_view text, const std::vector<Word>& ws, size_t from) const {
    size_t to = from, words = 0;
    for (; to < ws.size() && words < rules_.action_words; ++to) {
      if (!ws[to].word) {
        const char c = ws[to].norm[0];
        if (c == ';' || c == ':' || c == '.' || c == '(' || c == ')') break;
        continue;
      }
      bool stop = false;
      for (const auto& phrase : rules_.action_stop)
        if (to > from && match_at(ws, to, phrase, 0)) stop = true;
      if (stop) break;
      ++words;
    }
    return words_text(text, ws, from, to);
  }

  // "nothing ... shall authorize the United Nations to intervene": the addressee is what the
  // cue's verb names, and the action starts after its "to".
  std::optional<std::pair<std::string, size_t>> addressee_after(std::string_view text,
                                                                const std::vector<Word>& ws,
                                                                const ModalityCue& cue,
                                                                const PhraseMatch& m) const {
    size_t from = m.end;
    bool found = false;
    for (const auto& phrase : rules_.addressee_after) {
      if (phrase.size() == 1 && phrase[0] == cue.words.back()) found = true;
      if (!found)
        if (auto after = match_at(ws, m.end, phrase, 0)) found = true, from = after->end;
      if (found) break;
    }
    if (!found) return std::nullopt;
    size_t to = from;
    while (to < ws.size() && ws[to].word && ws[to].norm != "to" && to - from < 8) ++to;
    if (to >= ws.size() || ws[to].norm != "to") return std::nullopt;
    return std::make_pair(noun_phrase(text, ws, from, to), to + 1);
  }

  // The subject before the cue: the first comma-separated part that does not open with a
  // preposition or conjunction ("In implementing ..., the President, in consultation ..., shall").
  std::string subject(std::string_view text, const std::vector<Word>& ws, size_t cue) const {
    size_t start = 0;
    for (size_t k = 0; k <= cue; ++k) {
      if (k < cue && !(ws[k].word == false && ws[k].norm == ",")) continue;
      // part [start, k)
      size_t first = start;
      while (first < k && !ws[first].word) ++first;
      if (first < k && !contains(rules_.addressee_skip, ws[first].norm) && k - first <= 10)
        return noun_phrase(text, ws, first, k);
      start = k + 1;
    }
    return "";
  }

  std::string noun_phrase(std::string_view text, const std::vector<Word>& ws, size_t from,
                          size_t to) const {
    while (from < to && (!ws[from].word || contains(rules_.addressee_drop, ws[from].norm))) ++from;
    if (from < to && contains(rules_.signatory_words, ws[from].norm))
      return rules_.signatory_addressee;
    return words_as_printed(text, ws, from, to);
  }

  // What a lead-in says of the addressee of its items: "commitments by countries", else its own.
  std::string lead_addressee(std::string_view text, const ProvisionReading& reading) const {
    const std::vector<Word> ws = words_of(text);
    for (size_t k = 0; k < ws.size(); ++k)
      for (const auto& phrase : rules_.addressee_of)
        if (auto m = match_at(ws, k, phrase, 0)) {
          size_t to = m->end;
          while (to < ws.size() && ws[to].word && to - m->end < 6) ++to;
          if (std::string np = noun_phrase(text, ws, m->end, to); !np.empty()) return np;
        }
    return reading.addressee;
  }

  const NormLoader::Impl& impl_;
  const NormRules& rules_;
};

}  // namespace

std::vector<Provision> NormLoader::parse_provisions(std::string_view body) const {
  std::vector<Provision> provisions = ProvisionParser(impl_->rules, 1).parse(body);
  for (Provision& p : provisions)
    p.text =
        text::normalize(repair_words(p.text, impl_->rules, impl_->text_rules), impl_->text_rules)
            .text;
  return provisions;
}

ProvisionReading NormLoader::read_sentence(std::string_view sentence) const {
  return Reader(*impl_).sentence(sentence);
}

std::vector<ProvisionReading> NormLoader::read_provisions(
    const std::vector<Provision>& provisions) const {
  return Reader(*impl_).provisions(provisions);
}

// ---- writing a norm text

namespace {

constexpr const char* kSupportersRule = "supporters.list";

struct Mention {
  uint32_t entry;
  size_t begin;  // byte offset in the text matched
};

// The vocabulary's mentions in `text` whose kind is one of `kinds`.
std::vector<Mention> mentions(const NormLoader::Impl& impl, std::string_view text,
                              const std::vector<std::string>& kinds) {
  std::vector<Mention> out;
  std::vector<Token> tokens = tokenize(text);
  impl.matcher.identify(tokens);
  for (const auto& m : impl.matcher.match(static_cast<const std::vector<Token>&>(tokens)))
    for (uint32_t e : impl.matcher.values(m.phrase))
      if (contains(kinds, impl.vocabulary.entries()[e].kind)) {
        out.push_back({e, tokens[m.first].begin});
        break;
      }
  return out;
}

class NormTextWriter {
 public:
  NormTextWriter(const NormLoader& loader, const NormLoader::Impl& impl, std::string_view bytes,
                 std::string file_name)
      : impl_(impl), file_name_(std::move(file_name)) {
    std::string utf8 = text::to_utf8(bytes);
    header_ = text::parse_header(utf8);
    const size_t first_line = 1 + std::count(utf8.begin(), utf8.begin() + header_.body_begin, '\n');
    provisions_ = ProvisionParser(impl.rules, first_line)
                      .parse(std::string_view(utf8).substr(header_.body_begin));
    for (Provision& p : provisions_) {
      p.text =
          text::normalize(repair_words(p.text, impl.rules, impl.text_rules), impl.text_rules).text;
      offsets_.push_back(normalized_size_);
      normalized_size_ += p.text.size() + 2;  // provisions joined by blank lines
    }
    readings_ = loader.read_provisions(provisions_);
    document_ = document_node();
  }

  LoadCounts write(GraphStore& store) const {
    LoadCounts counts;
    // The one conflict the store could refuse half-way: checked before anything is written.
    if (auto existing = store.find_node(document_.id);
        existing && store.node_kind(*existing) != "Document")
      throw InputError(file_name_ + ": the document id " + document_.id + " is a " +
                       std::string(store.node_kind(*existing)) + " node in the graph");
    const NodeId doc = store.upsert_node(document_);
    ++counts.nodes;
    UniqueIds ids;
    for (size_t i = 0; i < provisions_.size(); ++i) {
      if (is_norm(i)) write_norm(store, doc, i, ids, counts);
      if (provisions_[i].kind == Provision::Kind::Preamble) write_preamble(store, doc, i, counts);
    }
    const LoadCounts signatories = link_signatories(store, doc);
    counts.nodes += signatories.nodes;
    counts.edges += signatories.edges;
    return counts;
  }

 private:
  bool is_norm(size_t i) const {
    const Provision& p = provisions_[i];
    return (p.kind == Provision::Kind::Item || p.kind == Provision::Kind::ArticleBody) &&
           !p.has_items && !p.text.empty() && !readings_[i].modality.empty();
  }

  NodeData document_node() const {
    const std::string title = header_value(header_, "title");
    const std::string stem = std::filesystem::path(file_name_).stem().string();
    const ontology::VocabularyEntry* entry = nullptr;
    if (std::string id = header_value(header_, "document"); !id.empty())
      entry = impl_.vocabulary.find(id);
    if (!entry && !title.empty())
      for (const Mention& m : mentions(impl_, title, {"Document"})) {
        entry = &impl_.vocabulary.entries()[m.entry];
        break;
      }
    NodeData d;
    if (entry) {
      d = vocabulary_node(*entry);
    } else {
      d.id = "doc:" + slug(stem);
      d.labels = {"Document"};
      d.name = title.empty() ? stem : title;
      std::string type = header_value(header_, "type");
      set_prop(d.props, "type", Value(type.empty() ? "norm-text" : type));
    }
    set_prop(d.props, "source", Value(base_name(file_name_)));
    if (std::string date = header_value(header_, "date"); !date.empty())
      set_prop(d.props, "date", Value(date));
    if (!title.empty() && title != d.name) set_prop(d.props, "title", Value(title));
    if (std::string citation = header_value(header_, "source"); !citation.empty())
      set_prop(d.props, "citation", Value(citation));
    return d;
  }

  Evidence evidence(size_t i, size_t sentence, size_t begin, size_t end,
                    const std::string& rule) const {
    Evidence ev;
    ev.doc = document_.id;
    ev.paragraph = static_cast<int64_t>(i);
    ev.sentence = static_cast<int64_t>(sentence);
    ev.span_begin = static_cast<int64_t>(offsets_[i] + begin);
    ev.span_end = static_cast<int64_t>(offsets_[i] + end);
    ev.rule = rule;
    ev.text = provisions_[i].text.substr(begin, end - begin);
    ev.extra.push_back({"line", Value(static_cast<int64_t>(provisions_[i].line))});
    return ev;
  }

  void write_norm(GraphStore& store, NodeId doc, size_t i, UniqueIds& ids,
                  LoadCounts& counts) const {
    const Provision& p = provisions_[i];
    const ProvisionReading& r = readings_[i];
    NodeData norm;
    norm.id = "norm:" + document_.id.substr(document_.id.find(':') + 1) + ":" + slug(p.label);
    norm.id = ids.take(norm.id);
    norm.labels = {"Norm"};
    norm.name = document_.name + " " + p.label;
    norm.props = {{"label", Value(p.label)},
                  {"modality", Value(r.modality)},
                  {"action", Value(r.action)},
                  {"text", Value(p.text)}};
    if (!r.addressee.empty()) norm.props.push_back({"addressee", Value(r.addressee)});
    const Evidence ev = evidence(i, 0, 0, p.text.size(), "norm." + r.rule);
    norm.evidence = {ev};
    const NodeId n = store.upsert_node(norm);
    store.upsert_edge(doc, store.intern_edge_type("CONTAINS"), n, false, {}, {ev});
    ++counts.nodes;
    ++counts.edges;
    std::set<uint32_t> principles;
    for (const Mention& m : mentions(impl_, p.text, {"Principle"})) principles.insert(m.entry);
    for (uint32_t e : principles) {
      const NodeId target = store.upsert_node(vocabulary_node(impl_.vocabulary.entries()[e]));
      Evidence why = ev;
      why.rule = "norm.instantiates";
      store.upsert_edge(n, store.intern_edge_type("INSTANTIATES"), target, false, {}, {why});
      ++counts.edges;
    }
  }

  // A preambular paragraph: each stance verb opens a clause up to the next one; the clause's
  // mentions of the kinds the rules name for the verb's act become one Commitment.
  void write_preamble(GraphStore& store, NodeId doc, size_t i, LoadCounts& counts) const {
    const Provision& p = provisions_[i];
    const NormRules& rules = impl_.rules;
    const std::vector<text::Sentence> sentences = text::segment(p.text, impl_.text_rules);
    for (size_t s = 0; s < sentences.size(); ++s) {
      std::string_view sentence = std::string_view(p.text).substr(
          sentences[s].begin, sentences[s].end - sentences[s].begin);
      const std::vector<Word> ws = words_of(sentence);
      struct Clause {
        bool oppose;
        size_t begin;
        std::string verb;
      };
      std::vector<Clause> clauses;
      size_t words_seen = 0;
      for (size_t k = 0; k < ws.size(); ++k) {
        if (!ws[k].word) continue;
        ++words_seen;
        for (const auto& verb : rules.preamble_verbs)
          if (auto m = match_at(ws, k, verb.words, 0)) {
            if (s == 0 && clauses.empty() && words_seen > rules.preamble_reach) break;
            clauses.push_back({verb.oppose, ws[k].begin, ws[k].norm});
            k = m->end - 1;
            break;
          }
      }
      for (size_t c = 0; c < clauses.size(); ++c) {
        const size_t end = c + 1 < clauses.size() ? clauses[c + 1].begin : sentence.size();
        const auto& kinds = clauses[c].oppose ? rules.oppose_targets : rules.endorse_targets;
        std::vector<uint32_t> targets, documents;
        for (const Mention& m :
             mentions(impl_, sentence.substr(clauses[c].begin, end - clauses[c].begin), kinds)) {
          auto& list = impl_.vocabulary.entries()[m.entry].kind == "Document" ? documents : targets;
          if (!contains_entry(list, m.entry)) list.push_back(m.entry);
        }
        const std::string rule = std::string("preamble.") +
                                 (clauses[c].oppose ? "oppose." : "endorse.") + clauses[c].verb;
        const Evidence ev = evidence(i, s, sentences[s].begin, sentences[s].end, rule);
        for (uint32_t e : documents) {
          const NodeId target = store.upsert_node(vocabulary_node(impl_.vocabulary.entries()[e]));
          if (target != doc)
            store.upsert_edge(doc, store.intern_edge_type("REFERENCES"), target, false, {}, {ev});
          ++counts.edges;
        }
        if (targets.empty()) continue;
        NodeData commitment;
        commitment.id = "commitment:" + document_.id.substr(document_.id.find(':') + 1) +
                        ":preamble-" + std::to_string(i) + "." + std::to_string(s) + "." +
                        std::to_string(c);
        commitment.labels = {"Commitment"};
        commitment.name = std::string(sentence.substr(0, std::min<size_t>(sentence.size(), 80)));
        commitment.props = {{"text", Value(sentence)},
                            {"polarity", Value(clauses[c].oppose ? "negative" : "positive")},
                            {"modality", Value("assertion")}};
        const NodeId node = store.upsert_node(commitment);
        store.upsert_edge(node, store.intern_edge_type("STATED_IN"), doc, false, {}, {ev});
        for (uint32_t e : targets) {
          const NodeId target = store.upsert_node(vocabulary_node(impl_.vocabulary.entries()[e]));
          store.upsert_edge(node, store.intern_edge_type("INVOKES"), target, false, {}, {ev});
        }
        ++counts.nodes;
        counts.edges += 1 + targets.size();
      }
    }
  }

  static bool contains_entry(const std::vector<uint32_t>& list, uint32_t e) {
    return std::find(list.begin(), list.end(), e) != list.end();
  }

 public:
  // Every signatory of `doc` (an Actor that ENDORSES it by a supporters list) MAKES the
  // document's preambular Commitments and ENDORSES or OPPOSES what they invoke.
  static LoadCounts link_signatories(GraphStore& store, NodeId doc) {
    LoadCounts counts;
    const auto endorses = store.find_edge_type("ENDORSES");
    const auto stated_in = store.find_edge_type("STATED_IN");
    const auto invokes = store.find_edge_type("INVOKES");
    if (!endorses || !stated_in || !invokes) return counts;
    std::vector<NodeId> signatories;
    store.for_each_adjacent(doc, Direction::In, *endorses, [&](const AdjEntry& a) {
      for (const Evidence& ev : store.edge_evidence(a.edge))
        if (ev.rule == kSupportersRule) {
          signatories.push_back(a.node);
          break;
        }
    });
    struct Stance {
      NodeId commitment, target;
      bool oppose;
      Evidence evidence;
    };
    std::vector<Stance> stances;
    store.for_each_adjacent(doc, Direction::In, *stated_in, [&](const AdjEntry& a) {
      std::vector<Evidence> evs = store.edge_evidence(a.edge);
      if (evs.empty() || evs.front().rule.rfind("preamble.", 0) != 0) return;
      const Value* polarity = find_entry(store.node_props(a.node), "polarity");
      const bool oppose = polarity && *polarity == Value("negative");
      Evidence ev = evs.front();
      ev.rule += ".signatory";
      store.for_each_adjacent(a.node, Direction::Out, *invokes, [&](const AdjEntry& t) {
        stances.push_back({a.node, t.node, oppose, ev});
      });
    });
    if (signatories.empty() || stances.empty()) return counts;
    const EdgeType makes = store.intern_edge_type("MAKES"),
                   opposes = store.intern_edge_type("OPPOSES");
    for (NodeId actor : signatories)
      for (const Stance& s : stances) {
        store.upsert_edge(actor, makes, s.commitment, false, {}, {s.evidence});
        store.upsert_edge(actor, s.oppose ? opposes : *endorses, s.target, false, {}, {s.evidence});
        counts.edges += 2;
      }
    return counts;
  }

 private:
  const NormLoader::Impl& impl_;
  std::string file_name_;
  text::Header header_;
  std::vector<Provision> provisions_;
  std::vector<ProvisionReading> readings_;
  std::vector<size_t> offsets_;  // of each provision in the document's normalized text
  size_t normalized_size_ = 0;
  NodeData document_;
};

}  // namespace

LoadCounts NormLoader::load_norm_text(std::string_view bytes, const std::string& file_name,
                                      GraphStore& store) const {
  NormTextWriter writer(*this, *impl_, bytes,
                        file_name);  // reads everything before the store is touched
  return writer.write(store);
}

LoadCounts NormLoader::load_norm_text_file(const std::string& path, GraphStore& store) const {
  return load_norm_text(read_file(path), path, store);
}

// ---- supporters lists

namespace {

std::vector<std::string> split_tabs(std::string_view line) {
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
std::vector<uint32_t> entries_named(const NormLoader::Impl& impl, const std::string& name,
                                    std::string_view kind) {
  std::vector<uint32_t> out;
  if (auto it = impl.by_name.find(fold(name)); it != impl.by_name.end())
    for (uint32_t e : it->second)
      if (impl.vocabulary.entries()[e].kind == kind &&
          std::find(out.begin(), out.end(), e) == out.end())
        out.push_back(e);
  return out;
}

}  // namespace

SupportersResult NormLoader::load_supporters(std::string_view bytes, const std::string& file_name,
                                             GraphStore& store) const {
  const std::string utf8 = text::to_utf8(bytes);
  const std::string file = base_name(file_name);
  const auto& entries = impl_->vocabulary.entries();
  struct Row {
    size_t line;
    std::string code, name, text;
  };
  std::vector<Row> rows;
  std::string comments, explicit_document;
  std::istringstream in(utf8);
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string t = trim(line);
    if (t.empty()) continue;
    if (t[0] == '#') {
      std::string c = trim(t.substr(1));
      if (c.rfind("document:", 0) == 0)
        explicit_document = trim(c.substr(9));
      else
        comments += c + "\n";
      continue;
    }
    std::vector<std::string> cols = split_tabs(line);
    if (cols.size() == 1)
      rows.push_back({n, "", cols[0], t});
    else
      rows.push_back({n, cols[0], cols[1], t});
  }
  // The document: named, else the first the comments or the file name mention.
  const ontology::VocabularyEntry* doc_entry = nullptr;
  if (!explicit_document.empty()) {
    doc_entry = impl_->vocabulary.find(explicit_document);
    if (!doc_entry)
      if (auto named = entries_named(*impl_, explicit_document, "Document"); !named.empty())
        doc_entry = &entries[named[0]];
    if (!doc_entry && !store.find_node(explicit_document))
      throw InputError(file_name + ": '# document: " + explicit_document +
                       "' names no known document");
  } else {
    std::string stem = std::filesystem::path(file_name).stem().string();
    std::replace(stem.begin(), stem.end(), '_', ' ');
    for (const std::string& where : {comments, stem}) {
      if (doc_entry) break;
      for (const Mention& m : mentions(*impl_, where, {"Document"})) {
        doc_entry = &entries[m.entry];
        break;
      }
    }
    if (!doc_entry)
      throw InputError(file_name +
                       ": cannot tell which document these are the supporters of; add a line '# "
                       "document: doc:...'");
  }
  SupportersResult result;
  result.document = doc_entry ? doc_entry->id : explicit_document;
  result.rows = rows.size();
  std::vector<std::pair<uint32_t, const Row*>> resolved;
  for (const Row& row : rows) {
    const std::string where = file + ":" + std::to_string(row.line) + ": ";
    if (row.name.empty()) {
      result.warnings.push_back(where + "supporter '" + row.code +
                                "' not resolved: the row has no name");
      continue;
    }
    std::vector<uint32_t> found = entries_named(*impl_, row.name, "Actor");
    const ontology::VocabularyEntry* by_code =
        row.code.empty() ? nullptr : impl_->vocabulary.find("state:" + row.code);
    if (found.size() > 1 && by_code) {  // the code tells which one
      auto it = std::find_if(found.begin(), found.end(),
                             [&](uint32_t e) { return &entries[e] == by_code; });
      if (it != found.end()) found = {*it};
    }
    if (found.empty()) {
      result.warnings.push_back(where + "supporter '" + row.name +
                                "' not resolved: no actor of that name or alias in the vocabulary");
      continue;
    }
    if (found.size() > 1) {
      std::string which;
      for (uint32_t e : found) which += (which.empty() ? "" : ", ") + entries[e].id;
      result.warnings.push_back(where + "supporter '" + row.name +
                                "' not resolved: the name is ambiguous (" + which + ")");
      continue;
    }
    const auto& actor = entries[found[0]];
    if (!row.code.empty() && by_code && by_code != &actor)
      result.warnings.push_back(where + "supporter '" + row.name + "' resolved by name to " +
                                actor.id + ", although its code " + row.code + " is " +
                                by_code->id);
    else if (!row.code.empty() && !by_code && actor.id.rfind("state:", 0) == 0)
      result.warnings.push_back(where + "note: code " + row.code +
                                " is not a state code of the vocabulary; '" + row.name +
                                "' resolved by name to " + actor.id);
    resolved.push_back({found[0], &row});
  }
  result.resolved = resolved.size();
  // Everything is read and resolved; now the store.
  NodeId doc;
  if (doc_entry) {
    doc = store.upsert_node(vocabulary_node(*doc_entry));
    ++result.counts.nodes;
  } else {
    doc = *store.find_node(explicit_document);
  }
  const EdgeType endorses = store.intern_edge_type("ENDORSES");
  for (const auto& [e, row] : resolved) {
    Evidence ev;
    ev.rule = kSupportersRule;
    ev.text = row->text;
    ev.extra = {{"file", Value(file)}, {"line", Value(static_cast<int64_t>(row->line))}};
    store.upsert_edge(store.upsert_node(vocabulary_node(entries[e])), endorses, doc, false, {},
                      {ev});
    ++result.counts.nodes;
    ++result.counts.edges;
  }
  const LoadCounts signatories = NormTextWriter::link_signatories(store, doc);
  result.counts.edges += signatories.edges;
  return result;
}

SupportersResult NormLoader::load_supporters_file(const std::string& path,
                                                  GraphStore& store) const {
  return load_supporters(read_file(path), path, store);
}

// ---- curated norm sets

namespace {

[[noreturn]] void curated_error(const std::string& file, size_t line, const std::string& msg) {
  throw InputError(located(file, line, 0, msg));
}

struct CuratedNorm {
  size_t line;
  std::string label, modality, action, summary;
  std::vector<uint32_t> principles;
};

}  // namespace

LoadCounts NormLoader::load_curated(std::string_view bytes, const std::string& file_name,
                                    GraphStore& store) const {
  const std::string utf8 = text::to_utf8(bytes);
  const auto& entries = impl_->vocabulary.entries();
  auto fail = [&](size_t line, const std::string& msg) { curated_error(file_name, line, msg); };
  std::map<std::string, std::string> fields;
  std::vector<CuratedNorm> norms;
  bool in_header = true;
  std::istringstream in(utf8);
  std::string line;
  static const char* const kModalities[] = {"obligation", "prohibition", "permission",
                                            "recommendation", "principle"};
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    if (in_header) {
      if (t == "---") {
        in_header = false;
        continue;
      }
      const size_t colon = t.find(':');
      if (colon == std::string::npos)
        fail(n, "expected 'key: value' in the header (ended by a line '---')");
      fields[trim(t.substr(0, colon))] = trim(t.substr(colon + 1));
      continue;
    }
    std::vector<std::string> cols = split_tabs(line);
    if (cols.size() != 5)
      fail(n,
           "expected 5 tab-separated columns (label, modality, principles, action, summary), got " +
               std::to_string(cols.size()));
    CuratedNorm c{n, cols[0], cols[1], cols[3], cols[4], {}};
    if (c.label.empty() || c.summary.empty()) fail(n, "a norm needs a label and a summary");
    if (std::find(std::begin(kModalities), std::end(kModalities), c.modality) ==
        std::end(kModalities))
      fail(n, "unknown modality '" + c.modality +
                  "' (obligation, prohibition, permission, recommendation, principle)");
    std::string list = cols[2];
    std::replace(list.begin(), list.end(), ',', '|');
    std::istringstream names(list);
    for (std::string name; std::getline(names, name, '|');) {
      name = trim(name);
      if (name.empty()) continue;
      const ontology::VocabularyEntry* p = impl_->vocabulary.find(name);
      if (p && p->kind != "Principle") p = nullptr;
      if (!p)
        if (auto named = entries_named(*impl_, name, "Principle"); named.size() == 1)
          p = &entries[named[0]];
      if (!p) fail(n, "'" + name + "' is no principle of the vocabulary (an id or a name)");
      c.principles.push_back(static_cast<uint32_t>(p - entries.data()));
    }
    norms.push_back(std::move(c));
  }
  if (in_header) fail(0, "no '---' line: expected a header (document: ID) and then the norms");
  const ontology::VocabularyEntry* doc_entry = impl_->vocabulary.find(fields["document"]);
  if (!doc_entry || doc_entry->kind != "Document")
    fail(0, "the header's 'document: " + fields["document"] + "' is no document of the vocabulary");
  // Read and checked; now the store.
  LoadCounts counts;
  const NodeId doc = store.upsert_node(vocabulary_node(*doc_entry));
  ++counts.nodes;
  const EdgeType contains_type = store.intern_edge_type("CONTAINS"),
                 instantiates = store.intern_edge_type("INSTANTIATES");
  const std::string doc_slug = doc_entry->id.substr(doc_entry->id.find(':') + 1);
  for (const CuratedNorm& c : norms) {
    Evidence ev;
    ev.doc = doc_entry->id;
    ev.rule = "curated";
    ev.text = "curated summary of " + doc_entry->name + " " + c.label;
    ev.extra = {{"file", Value(base_name(file_name))},
                {"line", Value(static_cast<int64_t>(c.line))}};
    NodeData norm;
    norm.id = "norm:" + doc_slug + ":" + slug(c.label);
    norm.labels = {"Norm"};
    norm.name = doc_entry->name + " " + c.label;
    norm.props = {{"label", Value(c.label)},
                  {"modality", Value(c.modality)},
                  {"action", Value(c.action)},
                  {"text", Value(c.summary)},
                  {"curated", Value(true)}};
    if (!fields["addressee"].empty())
      norm.props.push_back({"addressee", Value(fields["addressee"])});
    norm.evidence = {ev};
    const NodeId n = store.upsert_node(norm);
    store.upsert_edge(doc, contains_type, n, false, {}, {ev});
    counts.nodes += 1;
    counts.edges += 1;
    for (uint32_t e : c.principles) {
      store.upsert_edge(n, instantiates, store.upsert_node(vocabulary_node(entries[e])), false, {},
                        {ev});
      ++counts.edges;
    }
  }
  return counts;
}

LoadCounts NormLoader::load_curated_file(const std::string& path, GraphStore& store) const {
  return load_curated(read_file(path), path, store);
}

// ---- loading the loader

NormLoader NormLoader::load_dir(const std::string& dir) {
  auto impl = std::make_shared<Impl>(Impl{ontology::Vocabulary::load_dir(dir + "/vocab"),
                                          text::TextRules::load_dir(dir + "/text"),
                                          NormRules::load_file(dir + "/norms/norm-text.rules"),
                                          {},
                                          {}});
  const auto& entries = impl->vocabulary.entries();
  for (uint32_t e = 0; e < entries.size(); ++e) {
    const auto& en = entries[e];
    for (const auto* list : {&en.aliases, &en.triggers})
      for (const auto& phrase : *list) impl->matcher.add(phrase, e);
    impl->matcher.add(en.name, e);
    impl->text_rules.add_known_words(en.name);
    for (const auto& a : en.aliases) impl->text_rules.add_known_words(a);
    impl->by_name[fold(en.name)].push_back(e);
    impl->by_name[fold(en.id.substr(en.id.find(':') + 1))].push_back(e);
    for (const auto& a : en.aliases) impl->by_name[fold(a)].push_back(e);
  }
  const std::string rules_file = dir + "/norms/norm-text.rules";
  for (const auto& [id, phrase] : impl->rules.instantiates) {
    const auto* entry = impl->vocabulary.find(id);
    if (!entry || entry->kind != "Principle")
      throw InputError(rules_file + ": 'instantiates " + id +
                       "': no principle of that id in the vocabulary");
    impl->matcher.add(phrase, static_cast<uint32_t>(entry - entries.data()));
  }
  return NormLoader(std::move(impl));
}

NormLoader NormLoader::load_default() {
  return load_dir(ontology_dir());
}

bool is_norm_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  const text::Header header = text::parse_header(text::to_utf8(head));
  return header_value(header, "kind") == "norm-text";
}

bool is_supporters_file(const std::string& path) {
  const std::filesystem::path p(path);
  const std::string name = ascii_lower(p.filename().string());
  return p.extension() == ".tsv" && (name.find("supporters") != std::string::npos ||
                                     name.find("signatories") != std::string::npos);
}

}  // namespace normgraph::loaders
