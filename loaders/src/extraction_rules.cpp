#include "extraction_rules.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "normgraph/core/errors.hpp"
#include "normgraph/loaders/phrase_matcher.hpp"
#include "rule_text.hpp"

namespace normgraph::loaders {

namespace {

using detail::split;
using detail::trim;

// Words of a phrase as the extractor sees them: a punctuation mark standing alone is kept.
std::vector<std::string> phrase_words(std::string_view phrase) {
  return detail::phrase_words(phrase, true);
}

// The lines that give a list of words, and where each list goes.
struct WordList {
  const char* keyword;
  std::vector<std::string> ExtractionRules::*member;
  bool keep_punctuation;
};
constexpr WordList kWordLists[] = {
    {"event-head", &ExtractionRules::event_heads, false},
    {"event-stop", &ExtractionRules::event_stops, false},
    {"group-head", &ExtractionRules::group_heads, false},
    {"name-stop", &ExtractionRules::name_stops, false},
    {"speaker-word", &ExtractionRules::speaker_words, false},
    {"clause-break", &ExtractionRules::clause_breaks, true},
    {"enumeration-word", &ExtractionRules::enumeration_words, false},
    {"relative-word", &ExtractionRules::relative_words, false},
    {"modifier-head", &ExtractionRules::modifier_heads, false},
    {"complement-word", &ExtractionRules::complement_words, false},
    {"clause-opener", &ExtractionRules::clause_openers, false},
    {"negatable", &ExtractionRules::negatable_words, false},
};

class RuleParser {
 public:
  RuleParser(ExtractionRules& rules, std::string file) : rules_(rules), file_(std::move(file)) {}

  void line(std::string_view text, size_t number) {
    line_ = number;
    std::string body = trim(text.substr(0, text.find('#')));
    if (body.empty()) return;
    size_t colon = body.find(':');
    if (colon == std::string::npos) fail(1, "expected 'KEYWORD ... : ...'");
    std::vector<std::string> head = split(body.substr(0, colon), ' ');
    if (head.empty()) fail(1, "expected a keyword before ':'");
    std::string rest = body.substr(colon + 1);
    const std::string& keyword = head.front();
    if (keyword == "cue") return cue(head, rest);
    if (keyword == "pattern") return pattern(head, rest, colon + 2);
    if (keyword == "modal-word") return modal_words(head, rest);
    if (keyword == "document-head") return document_heads(head, rest);
    if (keyword == "named-stance") return named_stance(head, rest);
    if (keyword == "cue-reach") {
      rules_.cue_reach = reach(rest, colon + 2);
      return;
    }
    for (const WordList& list : kWordLists) {
      if (keyword != list.keyword) continue;
      // clause-break keeps punctuation (";"); the other lists are words. A keyword given on
      // several lines adds to its list.
      const std::vector<std::string> more =
          list.keep_punctuation ? split(rest, '|') : words_of(rest);
      auto& words = rules_.*list.member;
      words.insert(words.end(), more.begin(), more.end());
      return;
    }
    std::string known = "cue, pattern, cue-reach, modal-word, document-head, named-stance";
    for (const WordList& list : kWordLists) known += std::string(", ") + list.keyword;
    fail(1, "unknown keyword '" + keyword + "' (" + known + ")");
  }

 private:
  [[noreturn]] void fail(size_t column, const std::string& msg) const {
    throw InputError(located(file_, line_, column, msg));
  }

  size_t reach(const std::string& text, size_t column) const {
    std::string n = trim(text);
    if (n.empty() || n.size() > 3 || !std::all_of(n.begin(), n.end(), ::isdigit))
      fail(column, "cue-reach takes a number of units");
    return std::stoul(n);
  }

  std::vector<std::string> words_of(const std::string& list) const {
    std::vector<std::string> out;
    for (const auto& w : split(list, '|'))
      for (const auto& word : phrase_words(w)) out.push_back(word);
    return out;
  }

  // modal-word MODALITY : words. The modality is a value the schema allows for Commitment.
  void modal_words(const std::vector<std::string>& head, const std::string& words) {
    static const char* const kModalities[] = {"obligation", "prohibition", "permission",
                                              "recommendation", "intention"};
    if (head.size() != 2 ||
        std::find(std::begin(kModalities), std::end(kModalities), head[1]) == std::end(kModalities))
      fail(12,
           "expected 'modal-word obligation|prohibition|permission|recommendation|intention "
           ": words'");
    for (auto& w : words_of(words)) {
      rules_.modal_categories.push_back({w, head[1]});
      rules_.modal_words.push_back(std::move(w));
    }
  }

  // document-head TYPE : words. The type is a value the schema allows for a Document.
  void document_heads(const std::vector<std::string>& head, const std::string& words) {
    static const char* const kTypes[] = {"statement", "report", "resolution", "declaration"};
    if (head.size() != 2 ||
        std::find(std::begin(kTypes), std::end(kTypes), head[1]) == std::end(kTypes))
      fail(15, "expected 'document-head statement|report|resolution|declaration : words'");
    for (auto& w : words_of(words)) rules_.document_heads.push_back({std::move(w), head[1]});
  }

  // named-stance KIND : ACT. A mention of a vocabulary entry of KIND that no cue governs takes
  // that stance.
  void named_stance(const std::vector<std::string>& head, const std::string& act) {
    static const char* const kKinds[] = {"Principle", "Norm", "Practice", "Topic", "Document"};
    if (head.size() != 2 ||
        std::find(std::begin(kKinds), std::end(kKinds), head[1]) == std::end(kKinds))
      fail(14, "expected 'named-stance Principle|Norm|Practice|Topic|Document : endorse|concern'");
    const std::string a = trim(act);
    if (a != "endorse" && a != "concern")
      fail(1, "named-stance takes endorse or concern, got '" + a + "'");
    rules_.named_stances.push_back(
        {head[1], a == "endorse" ? StanceAct::Endorse : StanceAct::Concern});
  }

  void cue(const std::vector<std::string>& head, const std::string& phrases) {
    static const std::pair<const char*, StanceAct> kActs[] = {
        {"endorse", StanceAct::Endorse}, {"oppose", StanceAct::Oppose},
        {"concern", StanceAct::Concern}, {"neutral", StanceAct::Neutral},
        {"negate", StanceAct::Negate},   {"voice", StanceAct::Voice},
        {"counter", StanceAct::Counter}, {"value", StanceAct::Value}};
    if (head.size() < 3)
      fail(1, "expected 'cue ACT before|after [weak] [curated|ills] [as FRAME] : phrases'");
    auto act = std::find_if(std::begin(kActs), std::end(kActs),
                            [&](auto& a) { return head[1] == a.first; });
    if (act == std::end(kActs))
      fail(5, "unknown act '" + head[1] +
                  "' (endorse, oppose, counter, concern, neutral, value, negate, voice)");
    if (head[2] != "before" && head[2] != "after")
      fail(5, "expected before or after, got '" + head[2] + "'");
    // Options after the position: weak, curated or ills, "as FRAME" (the words after `as` frame
    // the argument: "as militarization of").
    const auto as = std::find(head.begin() + 3, head.end(), "as");
    const bool weak = std::find(head.begin() + 3, as, "weak") != as;
    const bool ills = std::find(head.begin() + 3, as, "ills") != as;
    const bool curated = ills || std::find(head.begin() + 3, as, "curated") != as;
    if (static_cast<size_t>(as - head.begin()) != 3u + weak + (curated && !ills) + ills)
      fail(1, "expected 'cue ACT before|after [weak] [curated|ills] [as FRAME] : phrases'");
    std::string frame;
    if (as != head.end()) {
      if (as + 1 == head.end()) fail(1, "expected words after 'as' (cue ACT POSITION as FRAME)");
      for (auto w = as + 1; w != head.end(); ++w) frame += (frame.empty() ? "" : " ") + *w;
    }
    for (const auto& phrase : split(phrases, '|')) {
      Cue c{act->second,
            head[2] == "after",
            weak,
            curated,
            ills,
            phrase_words(phrase),
            "cue." + head[1] + "." + phrase,
            frame};
      std::replace(c.rule.begin(), c.rule.end(), ' ', '-');
      if (c.words.empty()) fail(1, "empty cue phrase");
      rules_.cues.push_back(std::move(c));
    }
  }

  void pattern(const std::vector<std::string>& head, const std::string& rest, size_t column) {
    if (head.size() != 2) fail(1, "expected 'pattern NAME : ELEMENTS => FACTS'");
    size_t arrow = rest.find("=>");
    if (arrow == std::string::npos) fail(column, "a pattern needs '=> RELATION(SUBJECT, OBJECT)'");
    Pattern p;
    p.name = "pattern." + head[1];
    std::vector<std::string> captures;
    for (const auto& item : split(rest.substr(0, arrow), ' '))
      p.elements.push_back(element(item, captures, column));
    std::string facts = rest.substr(arrow + 2);
    for (const auto& f : split(facts, ')')) {
      size_t open = f.find('(');
      if (open == std::string::npos)
        fail(column + arrow, "expected RELATION(SUBJECT, OBJECT) in '" + f + "'");
      auto args = split(f.substr(open + 1), ',');
      if (args.size() != 2) fail(column + arrow, "a fact takes two arguments: '" + f + ")'");
      for (const auto& a : args)
        if (a != "@Speaker" && std::find(captures.begin(), captures.end(), a) == captures.end())
          fail(column + arrow, "'" + a + "' is not captured by the pattern");
      p.facts.push_back({trim(f.substr(0, open)), args[0], args[1]});
    }
    if (p.facts.empty()) fail(column + arrow, "a pattern needs at least one fact");
    rules_.patterns.push_back(std::move(p));
  }

  PatternElement element(const std::string& item, std::vector<std::string>& captures,
                         size_t column) {
    PatternElement e;
    if (item == "...") {
      e.type = PatternElement::Type::Gap;
    } else if (item == "@Speaker") {
      e.type = PatternElement::Type::Speaker;
    } else if (size_t at = item.find(":@"); at != std::string::npos) {
      e.type = PatternElement::Type::Capture;
      e.capture = item.substr(0, at);
      e.kind = item.substr(at + 2);
      if (!e.kind.empty() && e.kind.back() == '+') e.list = true, e.kind.pop_back();
      if (size_t dot = e.kind.find('.'); dot != std::string::npos) {  // "Actor.forum"
        e.actor_type = e.kind.substr(dot + 1);
        e.kind.resize(dot);
        if (e.kind != "Actor" || e.actor_type.empty())
          fail(column, "only an Actor capture takes a type: '" + item + "'");
      }
      if (e.capture.empty() || e.kind.empty())
        fail(column, "expected NAME:@Kind in '" + item + "'");
      captures.push_back(e.capture);
    } else {
      std::string words = item;
      if (words.front() == '(' && words.back() == ')') words = words.substr(1, words.size() - 2);
      for (const auto& w : split(words, '|')) {
        auto ws = phrase_words(w);
        if (ws.size() != 1) fail(column, "pattern words are single words: '" + w + "'");
        e.words.push_back(ws[0]);
      }
      if (e.words.empty()) fail(column, "empty pattern element");
    }
    return e;
  }

  ExtractionRules& rules_;
  std::string file_;
  size_t line_ = 0;
};

}  // namespace

void ExtractionRules::parse(const std::string& text, const std::string& file) {
  RuleParser parser(*this, file);
  std::istringstream in(text);
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) parser.line(line, n);
}

ExtractionRules ExtractionRules::load_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".rules") files.push_back(entry.path());
  if (ec) throw InputError(dir + ": cannot read extraction rules: " + ec.message());
  std::sort(files.begin(), files.end());
  ExtractionRules rules;
  for (const auto& f : files) {
    std::ifstream in(f);
    std::stringstream text;
    text << in.rdbuf();
    rules.parse(text.str(), f.string());
  }
  if (files.empty()) throw InputError(dir + ": no *.rules files");
  return rules;
}

}  // namespace normgraph::loaders
