// The concept gate (concept_gate.hpp).
#include "concept_gate.hpp"

#include <cctype>
#include <fstream>
#include <sstream>

namespace normgraph::loaders {

namespace {

// Adds the white-space separated words of every line of `path` but comments (#).
template <class Set>
void add_words(const std::string& path, Set& out) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    for (std::string w; words >> w;) out.insert(w);
  }
}

}  // namespace

ConceptGate ConceptGate::load_dir(const std::string& text_dir) {
  ConceptGate gate;
  add_words(text_dir + "/generic_heads.txt", gate.generic_heads_);
  add_words(text_dir + "/generic_modifiers.txt", gate.generic_modifiers_);
  add_words(text_dir + "/harm_heads.txt", gate.harm_heads_);
  return gate;
}

bool ConceptGate::generic_head(std::string_view word) const {
  return generic_heads_.find(word) != generic_heads_.end();
}

namespace {

// The word, its singular by WordNet's rules, or without a plural -s: WordNet lists some plurals
// as nouns of their own ("conditions", "forces").
template <class Set>
bool has_noun(const Set& set, const NounChunker& chunker, std::string_view word) {
  if (set.find(word) != set.end() || set.find(chunker.noun_lemma(word)) != set.end()) return true;
  return word.size() > 3 && word.back() == 's' &&
         set.find(word.substr(0, word.size() - 1)) != set.end();
}

}  // namespace

bool ConceptGate::specific(const NounChunker& chunker, std::string_view word) const {
  return !word.empty() && std::isalpha(static_cast<unsigned char>(word[0])) &&
         !generic_modifier(word) && !has_noun(generic_heads_, chunker, word) &&
         !chunker.function_word(word);
}

bool ConceptGate::harm_head(const NounChunker& chunker, std::string_view word) const {
  return has_noun(harm_heads_, chunker, word);
}

bool ConceptGate::generic_modifier(std::string_view word) const {
  return generic_modifiers_.find(word) != generic_modifiers_.end();
}

std::string_view ConceptGate::refusal(const NounChunker& chunker,
                                      std::span<const std::string_view> words, size_t head,
                                      size_t complement) const {
  if (head >= words.size()) return "no head";
  const std::string_view head_word = words[head];
  // "a comprehensive, just and lasting peace" split into items: "comprehensive" is no concept.
  if (generic_modifier(head_word) || chunker.adjective_first(head_word))
    return "a modifier without a head";
  // "the triple planetary crisis of climate change, pollution": a list cut in its middle
  for (size_t k = complement; k < words.size(); ++k)
    if (words[k] == "," || words[k] == ";" || words[k] == ":")
      return "a complement cut inside a list";
  // "the ideals of this universal Organization", "the realities of today's world": a complement
  // that points at the moment or the room names nothing that lasts
  for (size_t k = complement; k < words.size(); ++k)
    if (words[k] == "this" || words[k] == "these" || words[k] == "that" || words[k] == "those" ||
        words[k] == "today" || words[k] == "todays")
      return "a deictic complement";
  if (!has_noun(generic_heads_, chunker, head_word)) return {};
  // "the plan of action", not "the important theme of this session"
  for (size_t k = complement; k < words.size(); ++k)
    if (specific(chunker, words[k]) && !chunker.light(words[k])) return {};
  // "the peace process", "a counter-terrorism strategy": a noun makes the head specific; an
  // adjective does not ("the current situation", "public policies", "solid foundations")
  for (size_t k = 0; k < head; ++k)
    if (specific(chunker, words[k]) && !chunker.adjective_first(words[k])) return {};
  return "a generic head";
}

}  // namespace normgraph::loaders
