#include "norm_rules.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "normgraph/core/errors.hpp"
#include "normgraph/core/strings.hpp"
#include "normgraph/loaders/phrase_matcher.hpp"
#include "rule_text.hpp"

namespace normgraph::loaders {

namespace {

using detail::split;
using detail::trim;

const char* const kModalities[] = {"obligation", "prohibition", "permission", "recommendation",
                                   "principle"};

class NormRuleParser {
 public:
  NormRuleParser(NormRules& rules, std::string file) : rules_(rules), file_(std::move(file)) {}

  void line(std::string_view text, size_t number) {
    line_ = number;
    // '#' starts a comment, except inside a regular expression (markers and bullets).
    std::string body = trim(text);
    if (body.empty() || body[0] == '#') return;
    const size_t colon = body.find(" : ");
    if (colon == std::string::npos) fail(1, "expected 'KEYWORD [ARGUMENT] : VALUE'");
    const std::vector<std::string> head = split(body.substr(0, colon), ' ');
    const std::string value = trim(body.substr(colon + 3));
    const size_t column = colon + 4;
    if (head.empty()) fail(1, "expected a keyword before ':'");
    if (value.empty()) fail(column, "empty value");
    const std::string& key = head[0];
    const std::string arg = head.size() > 1 ? head[1] : "";
    if (head.size() > 2) fail(1, "too many words before ':'");
    auto need_arg = [&](bool want) {
      if (want && arg.empty()) fail(1, "'" + key + "' needs an argument before ':'");
      if (!want && !arg.empty()) fail(1, "'" + key + "' takes no argument");
    };
    if (key == "marker") {
      need_arg(true);
      rules_.markers.push_back({arg, compile(value, column)});
    } else if (key == "bullet") {
      need_arg(false);
      rules_.bullets.push_back(compile(value, column));
    } else if (key == "modality") {
      need_arg(true);
      modality(arg, value, column);
    } else if (key == "respell") {
      need_arg(true);
      rules_.respellings[ascii_lower(arg)] = value;
    } else if (key == "instantiates") {
      need_arg(true);
      for (const auto& phrase : split(value, '|')) rules_.instantiates.emplace_back(arg, phrase);
    } else if (key == "preamble") {
      need_arg(true);
      if (arg != "endorse" && arg != "oppose")
        fail(10, "expected endorse or oppose, got '" + arg + "'");
      for (const auto& phrase : split(value, '|'))
        rules_.preamble_verbs.push_back({arg == "oppose", phrase_words(phrase, column)});
    } else if (key == "preamble-target") {
      need_arg(true);
      if (arg != "endorse" && arg != "oppose")
        fail(17, "expected endorse or oppose, got '" + arg + "'");
      (arg == "oppose" ? rules_.oppose_targets : rules_.endorse_targets) = split(value, '|');
    } else {
      need_arg(false);
      simple(key, value, column);
    }
  }

 private:
  void simple(const std::string& key, const std::string& value, size_t column) {
    struct WordList {
      const char* key;
      std::vector<std::string> NormRules::*member;
    };
    static const WordList kWordLists[] = {{"article-word", &NormRules::article_words},
                                          {"glued-word", &NormRules::glued_words},
                                          {"addressee-skip", &NormRules::addressee_skip},
                                          {"addressee-drop", &NormRules::addressee_drop},
                                          {"signatory-word", &NormRules::signatory_words},
                                          {"action-skip", &NormRules::action_skip}};
    struct PhraseList {
      const char* key;
      std::vector<std::vector<std::string>> NormRules::*member;
    };
    static const PhraseList kPhraseLists[] = {{"addressee-after", &NormRules::addressee_after},
                                              {"addressee-of", &NormRules::addressee_of},
                                              {"action-stop", &NormRules::action_stop}};
    struct Number {
      const char* key;
      size_t NormRules::*member;
    };
    static const Number kNumbers[] = {{"gap-words", &NormRules::gap_words},
                                      {"action-words", &NormRules::action_words},
                                      {"preamble-reach", &NormRules::preamble_reach}};
    for (const auto& list : kWordLists)
      if (key == list.key) {
        for (const auto& w : split(value, '|'))
          for (auto& word : phrase_words(w, column))
            (rules_.*list.member).push_back(std::move(word));
        return;
      }
    for (const auto& list : kPhraseLists)
      if (key == list.key) {
        for (const auto& phrase : split(value, '|'))
          (rules_.*list.member).push_back(phrase_words(phrase, column));
        return;
      }
    for (const auto& n : kNumbers)
      if (key == n.key) {
        if (value.size() > 3 || !std::all_of(value.begin(), value.end(), ::isdigit))
          fail(column, "'" + key + "' takes a number");
        rules_.*n.member = std::stoul(value);
        return;
      }
    if (key == "signatory-addressee") {
      rules_.signatory_addressee = value;
      return;
    }
    std::string known =
        "marker, bullet, modality, respell, instantiates, preamble, preamble-target, "
        "signatory-addressee";
    for (const auto& l : kWordLists) known += std::string(", ") + l.key;
    for (const auto& l : kPhraseLists) known += std::string(", ") + l.key;
    for (const auto& n : kNumbers) known += std::string(", ") + n.key;
    fail(1, "unknown keyword '" + key + "' (" + known + ")");
  }

  void modality(const std::string& modality, const std::string& value, size_t column) {
    if (std::find(std::begin(kModalities), std::end(kModalities), modality) ==
        std::end(kModalities))
      fail(10, "unknown modality '" + modality +
                   "' (obligation, prohibition, permission, recommendation, principle)");
    for (const auto& phrase : split(value, '|')) {
      ModalityCue cue{modality, phrase_words(phrase, column),
                      "modality." + modality + "." + phrase};
      if (cue.words.front() == "*" || cue.words.back() == "*")
        fail(column, "a cue cannot start or end with '*': '" + phrase + "'");
      std::replace(cue.rule.begin(), cue.rule.end(), ' ', '-');
      rules_.cues.push_back(std::move(cue));
    }
  }

  std::vector<std::string> phrase_words(const std::string& phrase, size_t column) const {
    auto words = detail::phrase_words(phrase, false);
    if (words.empty()) fail(column, "no words in '" + phrase + "'");
    return words;
  }

  std::regex compile(const std::string& pattern, size_t column) const {
    try {
      return std::regex(pattern, std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error& e) {
      fail(column, "bad regular expression '" + pattern + "': " + e.what());
    }
  }

  [[noreturn]] void fail(size_t column, const std::string& msg) const {
    throw InputError(located(file_, line_, column, msg));
  }

  NormRules& rules_;
  std::string file_;
  size_t line_ = 0;
};

}  // namespace

void NormRules::parse(const std::string& text, const std::string& file) {
  NormRuleParser parser(*this, file);
  std::istringstream in(text);
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) parser.line(line, n);
  if (markers.empty())
    throw InputError(file + ": no 'marker' lines: no provision could be numbered");
  if (cues.empty()) throw InputError(file + ": no 'modality' lines");
}

NormRules NormRules::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read the norm-text rules");
  std::stringstream text;
  text << in.rdbuf();
  NormRules rules;
  rules.parse(text.str(), path);
  return rules;
}

}  // namespace normgraph::loaders
