#pragma once
// The ontology's vocabularies as data (ontology/vocab/*.json): the states, organizations,
// principles, practices, topics, documents and events a loader recognizes in text, each with
// its names and trigger phrases. See docs/vocabulary.md for the file format.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "normgraph/core/value.hpp"

namespace normgraph::ontology {

struct VocabularyEntry {
  std::string id, kind, name;
  std::vector<std::string> aliases;       // other names: node aliases, matched in text
  std::vector<std::string> triggers;      // further phrases that mention it in text
  std::vector<std::string> descriptions;  // year-less descriptions (documents), resolved by date
  std::vector<std::string>
      anaphors;               // short phrases ("the Code") that name it only after the text did
  normgraph::ValueMap props;  // file defaults merged under the entry's own
  std::vector<std::string> specializes;  // ids of broader entries of the same kind
  std::string file;                      // where it was defined, for messages
  size_t line = 0;
};

class Vocabulary {
 public:
  // Reads every *.json file in `dir`, in name order, and checks the whole: each entry against
  // the schema (Schema::load_default()), ids unique across files, the principle taxonomy
  // acyclic. Throws InputError naming the file (and the line where it is known).
  static Vocabulary load_dir(const std::string& dir);
  // $NORMGRAPH_ONTOLOGY_DIR/vocab when that variable is set and not empty, else the vocab/
  // folder of the source tree's ontology/.
  static Vocabulary load_default();

  const std::vector<VocabularyEntry>& entries() const { return entries_; }
  const VocabularyEntry* find(std::string_view id) const;
  size_t size() const { return entries_.size(); }

 private:
  friend class VocabularyBuilder;
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  std::vector<VocabularyEntry> entries_;
  std::unordered_map<std::string, size_t, StringHash, std::equal_to<>> index_;
};

}  // namespace normgraph::ontology
