#pragma once
// The rules of the norm-text loader, read from ontology/norms/norm-text.rules
// (docs/norm-texts.md): numbering markers, modality cues, addressee and action words,
// norm-only principle phrases and preambular stance verbs.
#include <cstddef>
#include <map>
#include <regex>
#include <string>
#include <vector>

namespace normgraph::loaders {

struct NumberingMarker {
  std::string style;   // "number-dot", "paren-lower", ...
  std::regex pattern;  // group 1: the number as printed
};

struct ModalityCue {
  std::string modality;            // obligation, prohibition, permission, recommendation, principle
  std::vector<std::string> words;  // joined words; "*" a gap of 0..gap_words words
  std::string rule;                // "modality.prohibition.shall-refrain"
};

struct PreambleVerb {
  bool oppose = false;
  std::vector<std::string> words;
};

struct NormRules {
  std::vector<std::string> article_words;
  std::vector<NumberingMarker> markers;
  std::vector<std::regex> bullets;
  std::vector<std::string> glued_words;
  std::map<std::string, std::string> respellings;  // lowercase word -> replacement
  size_t gap_words = 6;
  std::vector<ModalityCue> cues;
  std::vector<std::string> addressee_skip, addressee_drop, signatory_words;
  std::string signatory_addressee = "signatories";
  std::vector<std::vector<std::string>> addressee_after, addressee_of;
  size_t action_words = 12;
  std::vector<std::string> action_skip;
  std::vector<std::vector<std::string>> action_stop;
  std::vector<std::pair<std::string, std::string>> instantiates;  // (principle id, phrase)
  size_t preamble_reach = 8;
  std::vector<PreambleVerb> preamble_verbs;
  std::vector<std::string> endorse_targets, oppose_targets;  // node kinds

  // Throws InputError "file:line:column: what".
  static NormRules load_file(const std::string& path);
  void parse(const std::string& text, const std::string& file);
};

}  // namespace normgraph::loaders
