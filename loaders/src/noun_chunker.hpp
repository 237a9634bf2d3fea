#pragma once
// Parts of speech and noun phrases for the statement loader: what a stance cue governs.
// A word's tag comes from the closed-class list (ontology/text/function_words.tsv), else from the
// WordNet part-of-speech lexicon (ontology/text/pos_lexicon.tsv, with WordNet's inflection rules),
// then a few contextual rules pick one tag of an ambiguous word ("the attacks" is a noun, "we
// attack" a verb). The chunker groups determiner / adjective / noun sequences into noun phrases,
// attaches "of" complements (and in/on/against/for after a noun of action: "interference in
// internal affairs"), and follows coordinations and lists ("X, Y and in particular Z", "threats
// such as X", "risks: X and Y"). Light nouns (ontology/text/light_nouns.txt: "efforts", "the
// promotion of") pass the argument on to their complement; transparent nouns
// (ontology/text/transparent_nouns.txt: "the use of") too, when it is a vocabulary concept.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace normgraph::loaders {

enum class Tag : uint8_t {
  Other,
  Det,
  Prep,
  Conj,
  Sub,
  Pron,
  Modal,
  Aux,
  Neg,
  To,
  Num,
  Adv,
  Noun,
  Verb,
  Adj,
  Punct,
  Mention
};

// One unit of a sentence as the chunker sees it.
struct ChunkUnit {
  std::string_view word;  // lowercased; a mention's may be empty; punctuation: the character
  bool mention = false;
  bool punct = false;
  bool capitalized = false;  // written with a capital and not the sentence's first word
};

// A noun phrase argument: units [first, last) without leading determiners; `head` is the last
// unit of the nominal group before any complement; `complement` the first unit of the attached
// complement ("of ..."), or `last` when none.
struct NounPhrase {
  size_t first = 0, last = 0, head = 0, complement = 0;
  bool curated_only = false;  // the complement of a transparent head ("the use of X"): X counts
                              // only when it is a vocabulary concept
};

// WordNet's classes of noun senses that matter here (what a noun names).
enum class NounClass : uint8_t {
  None,
  Act,
  Attribute,
  Cognition,
  Communication,
  Event,
  State,
  Phenomenon,
  Process,
  Relation,
  Possession,
  Feeling,
  Motive,
  Artifact,
  Person,
  Group,
  Location,
  Time,
  Quantity,
  Other
};

class NounChunker {
 public:
  // Reads pos_lexicon.tsv, function_words.tsv and light_nouns.txt from `text_dir`; a missing
  // lexicon leaves the chunker empty (no phrase arguments). Throws InputError on a bad line.
  static NounChunker load_dir(const std::string& text_dir);
  bool empty() const { return lexicon_.empty(); }

  std::vector<Tag> tag(std::span<const ChunkUnit> units) const;
  // The noun phrases a cue ending before unit `from` governs: the phrase there and those
  // coordinated with it. Light heads give their complements instead.
  std::vector<NounPhrase> arguments_after(std::span<const ChunkUnit> units,
                                          const std::vector<Tag>& tags, size_t from) const;
  // The noun phrases ending right before unit `end` (the subject of "X must be respected", "X and
  // Y are on the rise"), coordinated ones included. A light head is dropped unless `keep_light`
  // (a framed cue: "outer space must not become a battlefield").
  std::vector<NounPhrase> arguments_before(std::span<const ChunkUnit> units,
                                           const std::vector<Tag>& tags, size_t end,
                                           bool keep_light = false) const;

  bool light(std::string_view word) const;
  // "use": light, but what its complement names counts only when the vocabulary has it ("the use
  // of disinformation" is disinformation; "the use of ICTs for ..." is no concept of its own).
  bool transparent(std::string_view word) const;
  NounClass noun_class(std::string_view word) const;
  bool can_be_verb(std::string_view word) const;
  // "comprehensive", "lasting": WordNet's most frequent part of speech is the adjective.
  bool adjective_first(std::string_view word) const;
  // A closed-class word of function_words.tsv ("the", "our", "and").
  bool function_word(std::string_view word) const { return function_words_.count(word) > 0; }
  // "this crisis", "the scourge": a noun that names nothing alone (ontology/text/vague_nouns.txt).
  bool vague(std::string_view word) const { return vague_.count(word) > 0; }
  // "peace", "security": a value, never what a speaker opposes or fears (valued_nouns.txt).
  bool valued(std::string_view word) const { return valued_.count(word) > 0; }
  // "State", "Governments": capitalized by UN style, no name (style_capitals.txt).
  bool style_capital(std::string_view word) const { return style_capitals_.count(word) > 0; }
  // The singular of a noun ("attacks" -> "attack", "activities" -> "activity"), else the word.
  std::string noun_lemma(std::string_view word) const;

 private:
  struct Entry {
    uint8_t pos = 0;    // bits: kNounBit, kVerbBit, kAdjBit, kAdvBit
    uint8_t first = 0;  // the most frequent part of speech's bit
    NounClass noun_class = NounClass::None;
  };
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <class V>
  using Map = std::unordered_map<std::string, V, Hash, std::equal_to<>>;

  const Entry* find(std::string_view word) const;
  Entry lookup(std::string_view word) const;  // with inflections
  Tag choose(const Entry& e, std::string_view word, Tag previous, std::span<const ChunkUnit> units,
             size_t k, bool next_nominal) const;
  // The phrase starting at `k` (determiners skipped), or false.
  bool phrase_at(std::span<const ChunkUnit> units, const std::vector<Tag>& tags, size_t k,
                 NounPhrase& out, int depth = 0) const;
  size_t connector(std::span<const ChunkUnit> units, size_t k, bool after_light) const;

  Map<Entry> lexicon_;
  Map<std::pair<std::string, uint8_t>> irregular_;  // inflected form -> lemma, part of speech bit
  Map<Tag> function_words_;
  Map<bool> light_;  // true: transparent
  Map<bool> vague_, valued_, style_capitals_;
};

}  // namespace normgraph::loaders
