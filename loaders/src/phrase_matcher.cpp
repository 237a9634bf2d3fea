#include "normgraph/loaders/phrase_matcher.hpp"

#include "normgraph/engine/string_pool.hpp"  // hash_bytes

namespace normgraph::loaders {

namespace {
constexpr uint32_t kNone = UINT32_MAX;
inline bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}
inline bool is_joiner(char c) {
  return c == '-' || c == '\'' || c == '/';
}
}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 5 + 4);  // about one token per five bytes of prose
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

namespace {
inline uint64_t key_hash(uint64_t key) {
  key ^= key >> 33;  // a 64-bit mix (murmur3's finalizer): the tag is the high half
  key *= 0xff51afd7ed558ccdull;
  key ^= key >> 33;
  key *= 0xc4ceb9fe1a85ec53ull;
  return key ^ (key >> 33);
}
}  // namespace

uint32_t PhraseMatcher::word_id(std::string_view word) const {
  uint32_t v = word_index_.find(hash_bytes(word), [&](uint32_t id) { return words_[id] == word; });
  return v == detail::HashIndex::kEmpty ? kNone : v;
}

uint32_t PhraseMatcher::child(uint32_t node, uint32_t word) const {
  const uint64_t key = static_cast<uint64_t>(node) << 32 | word;
  uint32_t e =
      edge_index_.find(key_hash(key), [&](uint32_t edge) { return edge_keys_[edge] == key; });
  return e == detail::HashIndex::kEmpty ? kNone : edge_targets_[e];
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
    const uint32_t word = intern_word(t.norm);
    uint32_t next = child(node, word);
    if (next == kNone) {
      next = static_cast<uint32_t>(phrase_at_.size());
      phrase_at_.push_back(-1);
      const uint64_t key = static_cast<uint64_t>(node) << 32 | word;
      edge_keys_.push_back(key);
      edge_targets_.push_back(next);
      edge_index_.insert(key_hash(key), static_cast<uint32_t>(edge_keys_.size() - 1));
    }
    node = next;
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
  if (uint32_t id = word_id(word); id != kNone) return id;
  words_.emplace_back(word);
  word_index_.insert(hash_bytes(word), static_cast<uint32_t>(words_.size() - 1));
  return static_cast<uint32_t>(words_.size() - 1);
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
      if (p >= 0 && (!phrases_[p].caps_only || t.all_caps))
        best = {i, j + 1, static_cast<uint32_t>(p)};
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
