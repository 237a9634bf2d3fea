#pragma once
// Tokens and the phrase matcher: every vocabulary phrase compiled once into a trie over word
// tokens, matched leftmost-longest, case- and punctuation-insensitively (hyphens, apostrophes
// and slashes inside words are ignored; other punctuation ends a phrase unless the phrase has
// it too). Short all-capital
// phrases ("US", "EU") match only in capitals, so the pronoun "us" is not the United States.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "normgraph/engine/detail/hash_index.hpp"

namespace normgraph::loaders {

struct Token {
  size_t begin = 0;  // byte offsets in the text given to tokenize()
  size_t end = 0;
  std::string norm;  // lowercased word, or the punctuation character
  bool word = false;
  bool all_caps = false;     // a word written in capitals only ("US", "ICT")
  bool joiner = false;       // - ' / between words: ignored by phrases
  uint32_t id = UINT32_MAX;  // the matcher's id of `norm` (PhraseMatcher::identify), if known
};

std::vector<Token> tokenize(std::string_view text);
// The words of a token list with words joined by hyphens, apostrophes or slashes merged into
// one ("co-hosted" -> "cohosted"); punctuation left out.
std::vector<std::string> joined_words(const std::vector<Token>& tokens);

class PhraseMatcher {
 public:
  // Adds a phrase standing for `value`; a phrase may stand for several values.
  void add(std::string_view phrase, uint32_t value);
  struct Match {
    size_t first = 0;  // token indexes, [first, last)
    size_t last = 0;
    uint32_t phrase = 0;
  };
  // Leftmost-longest, non-overlapping matches over tokens that identify() has seen.
  std::vector<Match> match(const std::vector<Token>& tokens) const;
  // The same for fresh tokens.
  std::vector<Match> match(std::vector<Token>&& tokens) const {
    identify(tokens);
    return match(static_cast<const std::vector<Token>&>(tokens));
  }
  // Sets each token's id: one dictionary lookup per token, which callers reuse.
  void identify(std::vector<Token>& tokens) const;
  // Adds a word to the dictionary without a phrase (so callers can map their own words to ids).
  uint32_t intern_word(std::string_view word);
  static constexpr uint32_t kUnknownWord = UINT32_MAX;
  const std::vector<uint32_t>& values(uint32_t phrase) const { return phrases_[phrase].values; }
  size_t phrase_count() const { return phrases_.size(); }

 private:
  struct Phrase {
    std::vector<uint32_t> values;
    bool caps_only = false;
  };
  uint32_t word_id(std::string_view word) const;
  uint32_t child(uint32_t node, uint32_t word) const;

  // Open-addressing tables (the store's HashIndex): a lookup is one hash and, mostly, one probe.
  std::vector<std::string> words_;      // word id -> word
  detail::HashIndex word_index_;        // hash(word) -> word id
  std::vector<uint64_t> edge_keys_;     // trie edge -> (node << 32 | word)
  std::vector<uint32_t> edge_targets_;  // trie edge -> child node
  detail::HashIndex edge_index_;        // hash(key) -> trie edge
  std::vector<int32_t> phrase_at_;      // node -> phrase index or -1
  std::vector<Phrase> phrases_;
};

}  // namespace normgraph::loaders
