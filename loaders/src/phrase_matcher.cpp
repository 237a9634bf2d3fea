#include "normgraph/loaders/phrase_matcher.hpp"

namespace normgraph::loaders {

namespace {
constexpr uint32_t kNone = UINT32_MAX;
inline bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}
inline bool is_joiner(char c) { return c == '-' || c == '\'' || c == '/'; }
}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    Token t;
    t.begin = i;
    if (is_word_byte(c)) {
      bool caps = true, letters = false;
      while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) {
        char ch = text[i];
        if (ch >= 'a' && ch <= 'z') caps = false;
        if (ch >= 'A' && ch <= 'Z') {
          letters = true;
          ch = static_cast<char>(ch + 32);
        }
        t.norm.push_back(ch);
        ++i;
      }
      t.word = true;
      t.all_caps = caps && letters;
    } else {
      t.norm.assign(1, text[i]);
      t.joiner = is_joiner(text[i]) && !tokens.empty() && tokens.back().word &&
                 tokens.back().end == i && i + 1 < text.size() &&
                 is_word_byte(static_cast<unsigned char>(text[i + 1]));
      ++i;
    }
    t.end = i;
    tokens.push_back(std::move(t));
  }
  return tokens;
}

std::vector<std::string> joined_words(const std::vector<Token>& tokens) {
  std::vector<std::string> words;
  bool glue = false;
  for (const Token& t : tokens) {
    if (t.joiner) {
      glue = true;
      continue;
    }
    if (t.word && glue && !words.empty())
      words.back() += t.norm;
    else if (t.word)
      words.push_back(t.norm);
    glue = false;
  }
  return words;
}

uint32_t PhraseMatcher::word_id(std::string_view word) const {
  auto it = word_ids_.find(word);
  return it == word_ids_.end() ? kNone : it->second;
}

uint32_t PhraseMatcher::child(uint32_t node, uint32_t word) const {
  auto it = children_.find(static_cast<uint64_t>(node) << 32 | word);
  return it == children_.end() ? kNone : it->second;
}

void PhraseMatcher::add(std::string_view phrase, uint32_t value) {
  if (phrase_at_.empty()) phrase_at_.push_back(-1);  // the root
  uint32_t node = 0;
  size_t words = 0;
  bool caps = true;
  for (const Token& t : tokenize(phrase)) {
    if (t.joiner) continue;
    // A phrase's own punctuation ("common, comprehensive ... security") must be in the text.
    if (t.word) ++words, caps = caps && t.all_caps;
    const uint64_t key = static_cast<uint64_t>(node) << 32 | intern_word(t.norm);
    auto found = children_.find(key);
    if (found == children_.end()) {
      found = children_.emplace(key, static_cast<uint32_t>(phrase_at_.size())).first;
      phrase_at_.push_back(-1);
    }
    node = found->second;
  }
  if (words == 0) return;
  if (phrase_at_[node] < 0) {
    phrase_at_[node] = static_cast<int32_t>(phrases_.size());
    phrases_.push_back({{}, caps && words == 1 && phrase.size() <= 4});
  }
  auto& values = phrases_[phrase_at_[node]].values;
  for (uint32_t v : values)
    if (v == value) return;
  values.push_back(value);
}

uint32_t PhraseMatcher::intern_word(std::string_view word) {
  return word_ids_.try_emplace(std::string(word), static_cast<uint32_t>(word_ids_.size())).first->second;
}

void PhraseMatcher::identify(std::vector<Token>& tokens) const {
  for (Token& t : tokens) t.id = word_id(t.norm);
}

std::vector<PhraseMatcher::Match> PhraseMatcher::match(const std::vector<Token>& tokens) const {
  std::vector<Match> out;
  size_t i = 0;
  while (i < tokens.size()) {
    if (!tokens[i].word) {
      ++i;
      continue;
    }
    uint32_t node = 0;
    Match best{i, i, 0};
    for (size_t j = i; j < tokens.size(); ++j) {
      const Token& t = tokens[j];
      if (t.joiner) continue;
      const uint32_t w = t.id;  // punctuation only goes on where a phrase has it
      if (w == kNone || (node = child(node, w)) == kNone) break;
      int32_t p = phrase_at_[node];
      if (p >= 0 && (!phrases_[p].caps_only || t.all_caps)) best = {i, j + 1, static_cast<uint32_t>(p)};
    }
    if (best.last > best.first) {
      out.push_back(best);
      i = best.last;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace normgraph::loaders
