#pragma once
// The concept gate: which unlinked argument phrases may become uncurated concept nodes
// (`curated: false`). A phrase that links to no vocabulary entry names a concept only when its
// head is a noun that names something on its own or is made specific by what goes with it:
//  - a generic head (ontology/text/generic_heads.txt: "the situation", "measures", "our project",
//    "a regional strategy") needs a complement with a specific word ("the plan of action", not
//    "the theme of this session") or a noun modifier that is not itself generic: "the peace
//    process" is a concept, "the current situation" and "public policies" are not;
//  - a complement with a comma in it is a list cut in its middle ("the triple planetary crisis
//    of climate change, pollution");
//  - a modifier is no head: a phrase ending on a generic modifier or on a word whose most frequent
//    part of speech in WordNet is the adjective ("a comprehensive, just and lasting peace" read as
//    three items gives no concept "comprehensive").
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>

#include "noun_chunker.hpp"

namespace normgraph::loaders {

class ConceptGate {
 public:
  // Reads generic_heads.txt, generic_modifiers.txt and harm_heads.txt from `text_dir` (missing
  // files: empty lists, the gate then refuses only modifiers without a head).
  static ConceptGate load_dir(const std::string& text_dir);

  // Why the phrase whose words are `words` (lower case, in order; a vocabulary mention as its
  // text) makes no concept, or an empty view when it may make one. `head` is the index of the
  // head word, `complement` the index where an attached complement starts (words.size() when
  // none).
  std::string_view refusal(const NounChunker& chunker, std::span<const std::string_view> words,
                           size_t head, size_t complement) const;

  bool generic_head(std::string_view word) const;
  // "violations", "disputes" (ontology/text/harm_heads.txt, singular or plural): what modifies
  // such a head is a harmed good ("human rights violations"), not what a cue is about.
  bool harm_head(const NounChunker& chunker, std::string_view word) const;
  bool generic_modifier(std::string_view word) const;

 private:
  // A content word that is neither a generic head nor a generic modifier.
  bool specific(const NounChunker& chunker, std::string_view word) const;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using WordSet = std::unordered_set<std::string, Hash, std::equal_to<>>;
  WordSet generic_heads_, generic_modifiers_, harm_heads_;
};

}  // namespace normgraph::loaders
