#pragma once
// Concept linking: an argument phrase names a vocabulary entry when its key equals the key of
// the entry's name or an alias. The key forgives what writers vary: case, spaces and hyphens
// ("cyber-attacks", "cyberattacks"), British and American spelling (-ise/-ize, -isation/-ization,
// -our/-or, -ence/-ense), and the number of the head noun ("attacks", "attack"). Paraphrases
// an analyst would link are data (ontology/extraction/paraphrases.tsv: PHRASE<TAB>ENTRY ID).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "noun_chunker.hpp"

namespace normgraph::loaders {

// The key of a phrase: its words, spelling unified, the last one singular, joined without spaces.
std::string concept_key(const NounChunker& chunker, std::string_view phrase);
// The same words with spaces: "militarisation of the Internets" -> "militarization of internet".
std::string concept_phrase(const NounChunker& chunker, std::string_view phrase);
// The text in lower case with runs of white space as one space: the name of an uncurated concept.
std::string lowercase_words(std::string_view text);

class ConceptIndex {
 public:
  void add(const NounChunker& chunker, std::string_view phrase, uint32_t entry);
  // The entry whose key `key` is, when exactly one entry has it.
  std::optional<uint32_t> find(const std::string& key) const;

 private:
  std::unordered_map<std::string, uint32_t> entries_;  // key -> entry, or kAmbiguous
};

}  // namespace normgraph::loaders
