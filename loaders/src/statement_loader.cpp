// Statement extraction. Per sentence: tokens, vocabulary mentions (ambiguous ones resolved by
// what the text mentioned before, a year in the sentence, the statement's date), event phrases,
// then units (a word, a punctuation mark or a whole mention) on which the stance cues and the
// relation patterns of the extraction rules run. Every fact carries its sentence.
#include "normgraph/loaders/statement.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "concept_gate.hpp"
#include "concept_linker.hpp"
#include "extraction_rules.hpp"
#include "normgraph/core/errors.hpp"
#include "normgraph/core/files.hpp"
#include "normgraph/core/ontology_dir.hpp"
#include "normgraph/loaders/phrase_matcher.hpp"
#include "normgraph/loaders/text.hpp"
#include "normgraph/loaders/vocabulary_nodes.hpp"
#include "normgraph/ontology/vocabulary.hpp"
#include "noun_chunker.hpp"

namespace normgraph::loaders {

namespace {
constexpr int32_t kNotARuleWord = -1;
constexpr int32_t kWildcard = -2;
enum WordFlag : uint8_t {
  kSpeakerWord = 1,
  kClauseBreak = 2,
  kModalWord = 4,
  kRelativeWord = 8,
  kEventHead = 16,
  kEventStop = 32,
  kModifierHead = 64,
  kComplementWord = 128,
};
constexpr uint16_t kEnumerationWord = 256;  // flags beyond a byte
constexpr uint16_t kClauseOpener = 512;
constexpr uint16_t kNegatable = 1024;
constexpr uint16_t kGroupHead = 2048;
constexpr uint16_t kNameStop = 4096;
constexpr uint16_t kDocumentHead = 8192;
}  // namespace

// Every word the rules mention, with an id and flags for the word lists it is in.
struct RuleWords {
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, int32_t, Hash, std::equal_to<>> ids;
  std::vector<uint16_t> flags;
  std::vector<int32_t> by_matcher_word;  // the phrase matcher's word id -> rule word id

  int32_t add(const std::string& word, uint16_t flag = 0) {
    auto [it, fresh] = ids.try_emplace(word, static_cast<int32_t>(flags.size()));
    if (fresh) flags.push_back(0);
    flags[it->second] |= flag;
    return it->second;
  }
  int32_t id(std::string_view word) const {
    auto it = ids.find(word);
    return it == ids.end() ? kNotARuleWord : it->second;
  }
  bool has(int32_t id, uint16_t flag) const { return id >= 0 && (flags[id] & flag); }
  // The rule word of an identified token, without a lookup by text.
  int32_t of(const Token& t) const {
    return t.id < by_matcher_word.size() ? by_matcher_word[t.id] : kNotARuleWord;
  }
};

// What the extractor needs to know of a vocabulary entry, decided once at load.
enum class EntityKind : uint8_t { Actor, Document, Principle, Norm, Practice, Topic, Event, Other };
EntityKind entity_kind(std::string_view kind) {
  static const std::pair<const char*, EntityKind> kKinds[] = {
      {"Actor", EntityKind::Actor},         {"Document", EntityKind::Document},
      {"Principle", EntityKind::Principle}, {"Norm", EntityKind::Norm},
      {"Practice", EntityKind::Practice},   {"Topic", EntityKind::Topic},
      {"Event", EntityKind::Event}};
  for (const auto& [name, k] : kKinds)
    if (kind == name) return k;
  return EntityKind::Other;
}
struct EntityInfo {
  EntityKind kind = EntityKind::Other;
  bool state = false;           // an Actor of type state
  bool series = false;          // a document series ("the GGE reports")
  std::string actor_type = "";  // an Actor's props.type: state, organization, forum, group
  // A Topic that is a good to keep (props.valued: cybersecurity): an endorse cue makes the
  // speaker concerned about it, or endorse the entry of props.endorsed_as (the principle of
  // critical infrastructure protection), since ENDORSES does not take a Topic.
  bool valued = false;
  uint32_t endorsed_as = UINT32_MAX;
  // A document's first year in statements: its date's, or earlier when its negotiation was
  // named before adoption (props.negotiated_from: the UN cybercrime convention); 0 when undated.
  int named_from = 0;
  // props.named false: a bare mention is no stance ("attribution", "migration"), named-stance
  // lines do not apply to it.
  bool named = true;
};

struct StatementLoader::Impl {
  ontology::Vocabulary vocabulary;
  text::TextRules text_rules;
  ExtractionRules rules;
  PhraseMatcher matcher;  // values: vocabulary entry indexes
  // The rules' words compiled to small integers, so that matching compares numbers: a unit
  // looks its word up once, cues and patterns never compare strings.
  RuleWords words;
  std::vector<std::vector<int32_t>> cue_words;                   // per cue; kWildcard for "*"
  std::vector<std::vector<uint32_t>> cues_by_first_word;         // word id -> cue indexes
  std::vector<std::vector<std::vector<int32_t>>> pattern_words;  // [pattern][element] -> ids
  std::vector<EntityInfo> info;                                  // per vocabulary entry
  uint32_t month_words[12] = {};                                 // the matcher's ids of month names
  std::vector<std::vector<EntityKind>> pattern_kinds;            // [pattern][element]
  std::vector<int> year;   // per entry: props.date's year, 0 when none
  std::vector<int> month;  // per entry: props.date's month, 0 when none
  NounChunker chunker;     // the noun phrases a cue governs
  ConceptIndex concepts;   // vocabulary entries by the key of their name and aliases
  ConceptGate gate;        // which unlinked phrases may become uncurated concepts
  // named-stance: the act a mention no cue governs takes, by EntityKind; Neutral for none.
  StanceAct named_act[8] = {StanceAct::Neutral, StanceAct::Neutral, StanceAct::Neutral,
                            StanceAct::Neutral, StanceAct::Neutral, StanceAct::Neutral,
                            StanceAct::Neutral, StanceAct::Neutral};
  // ontology/text/verbal_forms.tsv: noun suffix -> verb suffixes ("ization" -> "ize", ...)
  std::vector<std::pair<std::string, std::vector<std::string>>> verbal_forms = {};
};

namespace {

constexpr uint32_t kNoEntity = UINT32_MAX;
// Marks a matcher value that came from an entry's `anaphors`: it needs an antecedent.
constexpr uint32_t kAnaphor = 0x40000000;

std::string slug(std::string_view text) {
  std::string out;
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// The first 19xx or 20xx standing alone in `s`, or 0. Runs over every sentence: no allocations,
// no string compares.
int year_of(std::string_view s) {
  auto digit = [&](size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; };
  for (size_t i = 0; i + 4 <= s.size(); ++i) {
    const bool century = (s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0');
    if (century && digit(i + 2) && digit(i + 3) && !digit(i + 4) && (i == 0 || !digit(i - 1)))
      return (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 +
             (s[i + 3] - '0');
  }
  return 0;
}

const char* const kMonths[] = {"january",   "february", "march",    "april",
                               "may",       "june",     "july",     "august",
                               "september", "october",  "november", "december"};

// One step of a sentence for cues and patterns.
struct Unit;
bool is_punct(const Unit& u, char c);
struct Unit {
  enum class Type { Word, Punct, Mention } type = Type::Word;
  std::string word;  // Word: lowercased, hyphenated parts joined; Punct: the character
  uint32_t entity = kNoEntity;
  int32_t id = kNotARuleWord;   // the word's id among the rules' words
  uint32_t begin = 0, end = 0;  // bytes of the sentence it covers
  bool capitalized = false;     // a word with an initial capital, not the sentence's first
};

// At most `max` bytes of `text`, cut at a UTF-8 character boundary and marked with "...".
std::string shortened(std::string_view text, size_t max) {
  if (text.size() <= max) return std::string(text);
  size_t cut = max - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;  // a continuation byte
  return std::string(text.substr(0, cut)) + "...";
}

inline bool is_punct(const Unit& u, char c) {
  return u.type == Unit::Type::Punct && u.word.size() == 1 && u.word[0] == c;
}

struct Fact {
  std::string relation;
  uint32_t subject;  // entity index; kSpeaker for the speaker; kThis for the document
  uint32_t object;
  size_t sentence;
  std::string rule;
};
constexpr uint32_t kSpeaker = UINT32_MAX - 1;
constexpr uint32_t kThis = UINT32_MAX - 2;

// Everything found in one document.
class DocumentExtraction {
 public:
  DocumentExtraction(const StatementLoader::Impl& res, std::string file_name,
                     std::string_view bytes)
      : res_(res), file_name_(std::move(file_name)) {
    std::string utf8 = text::to_utf8(bytes);
    header_ = text::parse_header(utf8);
    text::NormalizedText normalized =
        text::normalize(std::string_view(utf8).substr(header_.body_begin), res.text_rules);
    sentences_ = text::segment(normalized, res.text_rules);  // knows where repairs split sentences
    normalized_ = std::move(normalized.text);
    stem_ = std::filesystem::path(file_name_).stem().string();
    date_year_ = year_of(header_value("date"));
    if (!date_year_) date_year_ = file_year();
  }

  void run() {
    find_speaker_from_metadata();
    std::vector<std::vector<Unit>> units(sentences_.size());
    for (size_t s = 0; s < sentences_.size(); ++s) units[s] = sentence_units(s);
    if (speaker_ == kNoEntity) find_speaker_from_text(units);
    for (size_t s = 0; s < sentences_.size(); ++s) {
      stances(s, units[s]);
      present_.assign(res_.words.flags.size(), false);
      for (const Unit& x : units[s])
        if (x.id >= 0) present_[x.id] = true;
      for (const Pattern& p : res_.rules.patterns)
        if (may_match(p)) patterns(s, units[s], p);
      references(s, units[s]);
    }
  }

  LoadCounts write(GraphStore& store) const;
  template <class NodeOf>
  size_t write_taxonomy(GraphStore& store, const std::map<uint32_t, NodeId>& written,
                        NodeOf& node_of) const;
  template <class NodeOf, class EvidenceOf>
  size_t write_mentions(GraphStore& store, NodeId this_doc, NodeOf& node_of,
                        EvidenceOf& evidence) const;
  template <class NodeOf, class EvidenceOf>
  LoadCounts write_commitments(GraphStore& store, const std::string& doc_id, NodeId this_doc,
                               NodeOf& node_of, EvidenceOf& evidence) const;

 private:
  std::string header_value(std::string_view key) const {
    for (const auto& [k, v] : header_.fields)
      if (k == key) return v;
    return "";
  }
  // The header's title; an untitled statement is named by its speaker, forum and date
  // ("Croatia, 2020" for HRV_75_2020.txt), with its file's stem when it has no date.
  std::string title() const {
    if (std::string t = header_value("title"); !t.empty()) return t;
    if (speaker_ >= res_.vocabulary.size()) return stem_;
    std::string name = res_.vocabulary.entries()[speaker_].name;
    if (std::string forum = header_value("forum"); !forum.empty()) name += ", " + forum;
    if (std::string date = header_value("date"); !date.empty()) return name + ", " + date;
    if (date_year_) return name + ", " + std::to_string(date_year_);
    return name + " (" + stem_ + ")";
  }
  int file_year() const {
    // RUS_2021_UNGA76_..., AFG_55_2000.txt: the first 19xx/20xx field.
    std::istringstream parts(stem_);
    std::string part;
    while (std::getline(parts, part, '_'))
      if (part.size() >= 4 && year_of(part.substr(0, 4))) return year_of(part.substr(0, 4));
    return 0;
  }
  std::string_view sentence_text(size_t s) const {
    return std::string_view(normalized_)
        .substr(sentences_[s].begin, sentences_[s].end - sentences_[s].begin);
  }
  const ontology::VocabularyEntry* entry(uint32_t e) const {
    return e < res_.vocabulary.size() ? &res_.vocabulary.entries()[e] : nullptr;
  }
  EntityKind kind_of(uint32_t e) const {
    return e < res_.info.size() ? res_.info[e].kind
                                : text_kinds_[e - res_.info.size()];  // made from the text
  }
  bool is_state(uint32_t e) const { return e < res_.info.size() && res_.info[e].state; }

  // ---- speaker
  void find_speaker_from_metadata() {
    std::string named = header_value("speaker");
    if (!named.empty()) {
      for (const auto& m : res_.matcher.match(tokenize(named)))
        for (uint32_t v : res_.matcher.values(m.phrase))
          if (kind_of(v) == EntityKind::Actor) {
            speaker_ = v;
            return;
          }
    }
    speaker_ = speaker_of_code(stem_.substr(0, stem_.find('_')));
    speaker_from_file_name_ = speaker_ != kNoEntity;
  }
  // The file name's prefix is the speaker's code: a state's ISO3 code (RUS_2021_...,
  // AFG_55_2000.txt) or an organization's capitalised alias (the European Union's EU_77_2022.txt).
  uint32_t speaker_of_code(const std::string& code) const {
    if (code.size() < 2 || code.size() > 4 || code.size() == stem_.size() ||
        !std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
      return kNoEntity;
    if (const auto* en = res_.vocabulary.find("state:" + code))
      return static_cast<uint32_t>(en - res_.vocabulary.entries().data());
    std::vector<Token> tokens = tokenize(code);
    res_.matcher.identify(tokens);
    for (const auto& m : res_.matcher.match(tokens))
      if (m.first == 0 && m.last == tokens.size())
        for (uint32_t v : res_.matcher.values(m.phrase))
          if (kind_of(v) == EntityKind::Actor) return v;
    return kNoEntity;
  }
  // The state most often the subject of a sentence: its first unit, or the first after an
  // opening phrase ended by a comma.
  void find_speaker_from_text(const std::vector<std::vector<Unit>>& units) {
    std::map<uint32_t, std::pair<int, size_t>> counts;  // entity -> (count, first sentence)
    for (size_t s = 0; s < units.size(); ++s) {
      const auto& u = units[s];
      size_t start = 0;
      for (size_t k = 0; k < u.size() && k < 5; ++k)
        if (is_punct(u[k], ',')) start = k + 1;
      for (size_t k : {size_t{0}, start}) {
        if (k < u.size() && u[k].type == Unit::Type::Mention && is_state(u[k].entity)) {
          auto& c = counts.try_emplace(u[k].entity, 0, s).first->second;
          ++c.first;
          break;
        }
      }
    }
    int best = 0;
    size_t first = SIZE_MAX;
    for (const auto& [e, c] : counts)
      if (c.first > best || (c.first == best && c.second < first))
        speaker_ = e, best = c.first, first = c.second;
  }

  // ---- mentions and units
  // 1-12 for the first month name among the identified tokens, 0 when none ("may" is left out:
  // it is mostly the verb).
  int month_of(const std::vector<Token>& tokens) const {
    for (const Token& t : tokens)
      for (int m = 0; m < 12; ++m)
        if (t.id == res_.month_words[m] && m != 4) return m + 1;
    return 0;
  }

  // The entries a phrase stands for; an anaphor ("the Code") only for an entry the text named
  // before.
  std::vector<uint32_t> antecedents(const std::vector<uint32_t>& values) const {
    std::vector<uint32_t> out;
    for (uint32_t v : values)
      if (!(v & kAnaphor) || mentioned_.count(v & ~kAnaphor)) out.push_back(v & ~kAnaphor);
    return out;
  }

  // A document can't be named before it exists: one dated after the statement's year is not
  // what the statement's words refer to.
  bool available(uint32_t e) const {
    return !date_year_ || kind_of(e) != EntityKind::Document ||
           res_.info[e].named_from <= date_year_;
  }

  uint32_t resolve(const std::vector<uint32_t>& all, int sentence_year, int sentence_month) const {
    if (all.size() == 1) return all[0];
    std::vector<uint32_t> candidates = all;
    for (uint32_t c : candidates)
      if (mentioned_.count(c)) return c;
    if (sentence_month) {  // "the Group's report adopted in June": the candidates of that month
      std::vector<uint32_t> of_month;
      for (uint32_t c : candidates)
        if (res_.month[c] == sentence_month) of_month.push_back(c);
      if (!of_month.empty()) candidates = of_month;
      if (candidates.size() == 1) return candidates[0];
    }
    if (sentence_year)
      for (uint32_t c : candidates)
        if (res_.year[c] == sentence_year) return c;
    if (date_year_) {
      uint32_t best = kNoEntity;
      for (uint32_t c : candidates)
        if (res_.year[c] && res_.year[c] <= date_year_ &&
            (best == kNoEntity || res_.year[c] > res_.year[best]))
          best = c;
      if (best != kNoEntity) return best;
    }
    // No way to tell which: the series the candidates belong to, when the vocabulary has one.
    for (uint32_t c : all)
      if (res_.info[c].series) return c;
    return candidates[0];
  }

  // "an ARF workshop on capacity building of cyber security": [first, last) tokens, or none.
  std::optional<std::pair<size_t, size_t>> event_phrase(const std::vector<Token>& t,
                                                        size_t head) const {
    const RuleWords& words = res_.words;
    // Cheap tests first: this runs at every token.
    if (head + 2 >= t.size() || !t[head].word || !t[head + 2].word) return std::nullopt;
    const std::string& prep = t[head + 1].norm;  // "on" or "of"
    if (prep.size() != 2 || prep[0] != 'o' || (prep[1] != 'n' && prep[1] != 'f'))
      return std::nullopt;
    if (!words.has(words.of(t[head]), kEventHead)) return std::nullopt;
    size_t first = head;
    std::string_view text = sentence_text(current_);
    while (first > 0 && t[first - 1].word &&
           std::isupper(static_cast<unsigned char>(text[t[first - 1].begin])) &&
           t[first - 1].norm != "a" && t[first - 1].norm != "an" && t[first - 1].norm != "the")
      --first;
    size_t last = head + 2;
    while (last < t.size() && (t[last].word || t[last].joiner) &&
           !words.has(words.of(t[last]), kEventStop))
      ++last;
    return std::make_pair(first, last);
  }

  // A proper name the vocabulary lacks, headed by a group or event head: "the ASEAN-Singapore
  // Cybersecurity Centre of Excellence", "the Al summit that the United Kingdom is hosting".
  // Capitalised words (and vocabulary mentions) joined by hyphens or by of, on, for, and before
  // another capitalised word; a lower-case event head may end it. [first, last) tokens, or none.
  struct NamedPhrase {
    size_t first, last;
    bool event;
  };
  std::optional<NamedPhrase> named_phrase(const std::vector<Token>& t, size_t i,
                                          const std::vector<uint32_t>& mention_at,
                                          const std::vector<size_t>& mention_end) const {
    const std::string_view text = sentence_text(current_);
    auto capital = [&](size_t k) {
      if (k >= t.size() || !t[k].word || t[k].all_caps) return k < t.size() && t[k].all_caps;
      const std::string_view w = text.substr(t[k].begin, t[k].end - t[k].begin);
      return std::isupper(static_cast<unsigned char>(w[0])) != 0;
    };
    auto connector = [&](size_t k) {
      return k < t.size() &&
             (t[k].norm == "of" || t[k].norm == "on" || t[k].norm == "for" || t[k].norm == "and");
    };
    if (!capital(i) || is_determiner_word(t[i].norm)) return std::nullopt;
    size_t last = i, words = 0, heads = 0;
    bool event = false;
    bool document = false;  // "the Council of Europe Convention": a name past its head
    auto head_at = [&](size_t k) {
      const int32_t w = res_.words.of(t[k]);
      if (heads > 0 && res_.words.has(w, kNameStop)) document = true;
      if (!res_.words.has(w, kEventHead) && !res_.words.has(w, kGroupHead)) return false;
      event = res_.words.has(w, kEventHead);
      return true;
    };
    for (size_t k = i; k < t.size();) {
      if (capital(k)) {  // a capitalised word, or the vocabulary mention it opens
        const size_t end = std::max(mention_end[k], k + 1);
        for (size_t j = k; j < end; ++j)
          if (t[j].word) ++words, heads += head_at(j);
        last = k = end;
      } else if ((t[k].joiner || connector(k)) && capital(k + 1) &&
                 !is_determiner_word(t[k + 1].norm) &&
                 !(t[k].norm == "and" && mention_at[k + 1] != kNoEntity &&
                   kind_of(mention_at[k + 1]) == EntityKind::Actor)) {  // "the Council and Germany"
        ++k;
      } else {
        if (t[k].word && res_.words.has(res_.words.of(t[k]), kEventHead) && head_at(k))
          ++words, ++heads, last = k + 1;  // "the Al summit"
        break;
      }
    }
    if (words < 2 || heads == 0 || document || mention_end[i] >= last) return std::nullopt;
    return NamedPhrase{i, last, event};
  }

  // "the statement of the Freedom Online Coalition": a document head, `of`, an actor's mention
  // ([first, last) tokens), when no vocabulary mention starts at the head.
  std::optional<std::pair<size_t, size_t>> document_phrase(
      const std::vector<Token>& t, size_t i, const std::vector<uint32_t>& mention_at,
      const std::vector<size_t>& mention_end) const {
    if (i + 2 >= t.size() || mention_at[i] != kNoEntity || t[i + 1].norm != "of" ||
        !res_.words.has(res_.words.of(t[i]), kDocumentHead))
      return std::nullopt;
    const size_t author = t[i + 2].norm == "the" ? i + 3 : i + 2;
    if (author >= t.size() || mention_at[author] == kNoEntity ||
        kind_of(mention_at[author]) != EntityKind::Actor)
      return std::nullopt;
    return std::make_pair(i, mention_end[author]);
  }

  // A document named by its author, made from the text (props.curated false).
  uint32_t document_entity(std::string_view name, std::string_view head) {
    const std::string id = text_node_id("doc:", name);
    if (const uint32_t e = made_from_text(id); e != kNoEntity) return e;
    NodeData node = text_node(id, "Document", name);
    std::string type = "statement";
    for (const auto& [word, kind] : res_.rules.document_heads)
      if (word == head) type = kind;
    node.props.push_back({"type", Value(type)});
    return add_uncurated(std::move(node), EntityKind::Document);
  }

  static bool is_determiner_word(std::string_view w) {
    return w == "the" || w == "a" || w == "an" || w == "our" || w == "its" || w == "their" ||
           w == "this" || w == "these" || w == "that" || w == "my" || w == "his" || w == "her";
  }

  std::vector<Unit> sentence_units(size_t s) {
    current_ = s;
    std::string_view text = sentence_text(s);
    std::vector<Token> tokens = tokenize(text);
    res_.matcher.identify(tokens);  // one dictionary lookup per token, reused below
    const int sentence_year = year_of(text);
    const int sentence_month = month_of(tokens);

    std::vector<uint32_t> mention_at(tokens.size() + 1, kNoEntity);
    std::vector<size_t> mention_end(tokens.size() + 1, 0);
    for (const auto& m : res_.matcher.match(tokens)) {
      const std::vector<uint32_t> values = antecedents(res_.matcher.values(m.phrase));
      if (values.empty()) continue;  // "dial the code for Rwanda": no Code of Conduct named before
      uint32_t e = resolve(values, sentence_year, sentence_month);
      if (!available(e))
        continue;  // "sustainable development goals" in 2005 is not the 2030 Agenda
      mention_at[m.first] = e;
      mention_end[m.first] = m.last;
      if (m.last > m.first + 2 &&
          (kind_of(e) == EntityKind::Document || kind_of(e) == EntityKind::Actor))
        inner_ills(tokens, m.first, m.last);
    }
    std::vector<Unit> units;
    units.reserve(tokens.size());
    // Tokens [first, last) made into one mention unit (a name, a document, an event phrase).
    auto phrase_text = [&](size_t first, size_t last) {
      return text.substr(tokens[first].begin, tokens[last - 1].end - tokens[first].begin);
    };
    auto push_phrase = [&](size_t first, size_t last, uint32_t entity) {
      units.push_back({Unit::Type::Mention, "", entity});
      units.back().begin = static_cast<uint32_t>(tokens[first].begin);
      units.back().end = static_cast<uint32_t>(tokens[last - 1].end);
      unit_start_.push_back(first);
    };
    for (size_t i = 0; i < tokens.size();) {
      if (auto name = named_phrase(tokens, i, mention_at, mention_end)) {
        const std::string_view span = phrase_text(name->first, name->last);
        push_phrase(name->first, name->last, name->event ? event_entity(span) : group_entity(span));
        i = name->last;
        continue;
      }
      if (auto doc = document_phrase(tokens, i, mention_at, mention_end)) {
        push_phrase(doc->first, doc->second,
                    document_entity(phrase_text(doc->first, doc->second), tokens[i].norm));
        i = doc->second;
        continue;
      }
      if (auto ev = event_phrase(tokens, i)) {
        // The phrase's head is at i and it may start before: drop the units it covers.
        while (!units.empty() && unit_start_.back() >= ev->first) {
          units.pop_back();
          unit_start_.pop_back();
        }
        push_phrase(ev->first, ev->second, event_entity(phrase_text(ev->first, ev->second)));
        i = ev->second;
        continue;
      }
      if (mention_at[i] != kNoEntity) {
        // A one-word mention keeps its word, so a cue phrase may run through it ("support and
        // cooperation" of the courtesy formula).
        const bool one_word = mention_end[i] == i + 1;
        units.push_back({Unit::Type::Mention, one_word ? tokens[i].norm : "", mention_at[i],
                         one_word ? res_.words.of(tokens[i]) : kNotARuleWord});
        units.back().begin = static_cast<uint32_t>(tokens[i].begin);
        units.back().end = static_cast<uint32_t>(tokens[mention_end[i] - 1].end);
        unit_start_.push_back(i);
        mentioned_.insert(mention_at[i]);
        if (mention_at[i] < res_.vocabulary.size()) mentions_.emplace_back(s, mention_at[i]);
        i = mention_end[i];
        continue;
      }
      const Token& t = tokens[i];
      if (t.joiner) {
        ++i;
        continue;
      }
      if (t.word && i >= 2 && tokens[i - 1].joiner && !units.empty() &&
          units.back().type == Unit::Type::Word) {
        units.back().word += t.norm;  // "co-hosted" is one word
        units.back().id = res_.words.id(units.back().word);
        units.back().end = static_cast<uint32_t>(t.end);
      } else {
        units.push_back(
            {t.word ? Unit::Type::Word : Unit::Type::Punct, t.norm, kNoEntity, res_.words.of(t)});
        units.back().begin = static_cast<uint32_t>(t.begin);
        units.back().end = static_cast<uint32_t>(t.end);
        // "Paris", "ICTs" is not: a capital then a small letter, past the sentence's start
        units.back().capitalized = i > 0 && t.word && t.end - t.begin > 1 &&
                                   !res_.chunker.style_capital(t.norm) &&
                                   std::isupper(static_cast<unsigned char>(text[t.begin])) &&
                                   std::islower(static_cast<unsigned char>(text[t.begin + 1]));
        unit_start_.push_back(i);
      }
      ++i;
    }
    unit_start_.clear();
    distribute_coordination(text, units);
    place_instances(s, text, units);
    return units;
  }

  // A name that holds an ill names it: "a convention on combating cybercrime", "the Office of
  // Counter-Terrorism". Kept by the name's first byte for named_stances.
  void inner_ills(const std::vector<Token>& tokens, size_t first, size_t last) {
    std::vector<Token> inner(tokens.begin() + static_cast<std::ptrdiff_t>(first) + 1,
                             tokens.begin() + static_cast<std::ptrdiff_t>(last));
    for (const auto& m : res_.matcher.match(inner))
      for (uint32_t e : res_.matcher.values(m.phrase))
        if (!(e & kAnaphor) && is_ill(e) && res_.info[e].named)
          inner_ills_.push_back({current_, static_cast<uint32_t>(tokens[first].begin), e});
  }

  // An ill named with the state it happens in or to is a concept of its own, a narrower form of
  // the ill: "the war in Ukraine" (SPECIALIZES armed conflict), "aggression against Cuba". The
  // stance goes to it; the taxonomy carries it up to the vocabulary's entry.
  void place_instances(size_t s, std::string_view text, std::vector<Unit>& u) {
    for (size_t k = 0; k + 2 < u.size(); ++k) {
      if (u[k].type != Unit::Type::Mention || !is_ill(u[k].entity)) continue;
      const Unit& prep = u[k + 1];
      if (prep.type != Unit::Type::Word ||
          (prep.word != "in" && prep.word != "against" && prep.word != "on"))
        continue;
      size_t place = k + 2;
      if (u[place].type == Unit::Type::Word && u[place].word == "the" && place + 1 < u.size())
        ++place;
      if (u[place].type != Unit::Type::Mention || !is_state(u[place].entity) ||
          u[place].entity == speaker_)
        continue;
      const uint32_t ill = u[k].entity;
      const auto& entries = res_.vocabulary.entries();
      // one node for "conflicts in Libya" and "the conflict in Libya": the ill's last word singular
      std::string ill_words = lowercase_words(text.substr(u[k].begin, u[k].end - u[k].begin));
      const size_t last_word = ill_words.rfind(' ') + 1;  // npos + 1 == 0
      ill_words = ill_words.substr(0, last_word) +
                  res_.chunker.noun_lemma(std::string_view(ill_words).substr(last_word));
      const std::string name = ill_words + " " + prep.word + " " + entries[u[place].entity].name;
      const EntityKind kind = kind_of(ill);
      const std::string id = text_node_id(kind == EntityKind::Topic ? "topic:" : "practice:", name);
      uint32_t e = made_from_text(id);
      if (e == kNoEntity) {
        e = add_uncurated(text_node(id, kind == EntityKind::Topic ? "Topic" : "Practice", name),
                          kind);
        instance_of_.emplace(e, ill);
      }
      facts_.push_back({"SPECIALIZES", e, ill, s, "instance.place"});
      u[k].entity = e;
      u[k].end = u[place].end;
      u[k].word.clear();
      u[k].id = kNotARuleWord;
      u.erase(u.begin() + static_cast<std::ptrdiff_t>(k + 1),
              u.begin() + static_cast<std::ptrdiff_t>(place + 1));
    }
  }

  // The vocabulary entry that the whole of `phrase` names, or kNoEntity.
  uint32_t whole_phrase_entry(const std::string& phrase) const {
    std::vector<Token> tokens = tokenize(phrase);
    res_.matcher.identify(tokens);
    for (const auto& m : res_.matcher.match(tokens))
      if (m.first == 0 && m.last == tokens.size()) {
        const std::vector<uint32_t> values = antecedents(res_.matcher.values(m.phrase));
        if (values.size() == 1 && values[0] < res_.vocabulary.size() && available(values[0]))
          return values[0];
      }
    return kNoEntity;
  }

  // A mention shares its head or its complement with the bare words coordinated with it:
  // "freedom of association, opinion or expression" also names freedom of opinion and freedom
  // of expression; "the militarization of outer space and cyberspace" the militarization of
  // cyberspace; "isolationist, protectionist and even xenophobic sentiments" isolationist and
  // protectionist sentiments. A coordinated word (or a run of up to three words) becomes a
  // mention when the phrase it makes with the mention's shared part is one vocabulary entry.
  void distribute_coordination(std::string_view text, std::vector<Unit>& u) {
    auto connector = [&](const Unit& x) {
      return is_punct(x, ',') ||
             (x.type == Unit::Type::Word && (x.word == "and" || x.word == "or"));
    };
    auto plain = [&](const Unit& x) {
      return x.type == Unit::Type::Word && !res_.chunker.function_word(x.word) && x.word != "even";
    };
    auto lower = [](std::string_view v) {
      std::string out(v);
      for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return out;
    };
    for (size_t k = 0; k < u.size(); ++k) {
      if (u[k].type != Unit::Type::Mention || u[k].entity >= res_.vocabulary.size()) continue;
      const std::string mention = lower(text.substr(u[k].begin, u[k].end - u[k].begin));
      // The complement shared forward: "freedom of association, opinion or expression".
      size_t of = std::string::npos;
      for (const char* prep : {" of ", " to "})
        if (size_t at = mention.rfind(prep);
            at != std::string::npos && (of == std::string::npos || at > of))
          of = at + std::strlen(prep);
      // The verb shared forward: "militarize outer space and cyberspace" (verbal_forms.tsv).
      if (const size_t space = mention.find(' ');
          of == std::string::npos && space != std::string::npos && verbal(mention.substr(0, space)))
        of = space + 1;
      size_t j = k + 1;
      while (of != std::string::npos && j + 1 < u.size() && connector(u[j])) {
        size_t first = j + 1;
        if (u[j].word == "," && first < u.size() && connector(u[first]) && !is_punct(u[first], ','))
          ++first;
        size_t last = first;  // the item: [first, last)
        while (last < u.size() && last < first + 3 && plain(u[last])) ++last;
        if (last == first) break;
        const std::string item =
            lower(text.substr(u[first].begin, u[last - 1].end - u[first].begin));
        const uint32_t e = whole_phrase_entry(mention.substr(0, of) + item);
        if (e == kNoEntity) break;
        Unit m{Unit::Type::Mention, last == first + 1 ? u[first].word : "", e,
               last == first + 1 ? u[first].id : kNotARuleWord};
        m.begin = u[first].begin;
        m.end = u[last - 1].end;
        u.erase(u.begin() + static_cast<std::ptrdiff_t>(first),
                u.begin() + static_cast<std::ptrdiff_t>(last));
        u.insert(u.begin() + static_cast<std::ptrdiff_t>(first), m);
        mentioned_.insert(e);
        mentions_.emplace_back(current_, e);
        j = first + 1;
      }
      // The head shared backward: "isolationist, protectionist and even xenophobic sentiments".
      const size_t space = mention.rfind(' ');
      if (space == std::string::npos || mention.find(" of ") != std::string::npos) continue;
      const std::string head = mention.substr(space);
      size_t at = k;  // the first unit of what is known to be coordinated
      while (at >= 2) {
        size_t c = at - 1;
        if (u[c].type == Unit::Type::Word && u[c].word == "even" && c >= 1) --c;
        if (!connector(u[c])) break;
        if (c >= 1 && connector(u[c - 1]) && is_punct(u[c - 1], ',')) --c;  // ", and"
        if (c == 0 || !plain(u[c - 1])) break;
        const size_t item = c - 1;
        const uint32_t e = whole_phrase_entry(u[item].word + head);
        if (e == kNoEntity) break;
        u[item].type = Unit::Type::Mention;
        u[item].entity = e;
        mentioned_.insert(e);
        mentions_.emplace_back(current_, e);
        at = item;
      }
    }
  }

  // A verb of verbal_forms.tsv ("militarize", "weaponising").
  bool verbal(std::string_view word) const {
    for (const auto& [noun, verbs] : res_.verbal_forms)
      for (const auto& verb : verbs)
        if (word.size() > verb.size() + 2 && word.substr(word.size() - verb.size()) == verb)
          return true;
    return false;
  }

  // An event named in the text (props.curated false).
  uint32_t event_entity(std::string_view name) {
    const std::string id = text_node_id("event:", name);
    if (const uint32_t e = made_from_text(id); e != kNoEntity) return e;
    return add_uncurated(text_node(id, "Event", name), EntityKind::Event);
  }

  // A group, centre or programme named in the text and not in the vocabulary: an Actor of
  // type group, made from the text (props.curated false).
  uint32_t group_entity(std::string_view name) {
    const std::string id = text_node_id("group:", name);
    if (const uint32_t e = made_from_text(id); e != kNoEntity) return e;
    NodeData node = text_node(id, "Actor", name);
    node.props.push_back({"type", Value(std::string("group"))});
    return add_uncurated(std::move(node), EntityKind::Actor);
  }

  // ---- stance cues
  // Length in units of the cue words `w` matched from unit k, or 0.
  static size_t cue_length(const std::vector<Unit>& u, size_t k, std::span<const int32_t> w) {
    size_t pos = k;
    for (size_t i = 0; i < w.size(); ++i) {
      if (w[i] == kWildcard) {  // one to three units, then the rest must follow
        for (size_t skip = 1; skip <= 3 && pos + skip <= u.size(); ++skip) {
          if (i + 1 == w.size()) return pos + skip - k;
          if (size_t n = cue_length(u, pos + skip, w.subspan(i + 1))) return pos + skip + n - k;
        }
        return 0;
      }
      if (pos >= u.size() || u[pos].id != w[i]) return 0;
      ++pos;
    }
    return pos - k;
  }

  // For a wildcard cue whose first words are a cue of their own without a wildcard ("protect" of
  // "protect * against"), that cue; else null.
  const Cue* wildcard_head(const std::vector<Unit>& u, size_t k, const Cue& cue) const {
    const auto star = std::find(cue.words.begin(), cue.words.end(), "*");
    if (star == cue.words.end()) return nullptr;
    const size_t head_length = static_cast<size_t>(star - cue.words.begin());
    for (uint32_t c : res_.cues_by_first_word[u[k].id]) {
      const Cue& other = res_.rules.cues[c];
      if (other.words.size() == head_length && !other.after &&
          std::find(other.words.begin(), other.words.end(), "*") == other.words.end() &&
          cue_length(u, k, res_.cue_words[c]) == head_length)
        return &other;
    }
    return nullptr;
  }

  // The longest cue starting at unit k, or null.
  const Cue* cue_at(const std::vector<Unit>& u, size_t k, size_t& length) const {
    const Cue* best = nullptr;
    length = 0;
    if (u[k].id < 0 || static_cast<size_t>(u[k].id) >= res_.cues_by_first_word.size())
      return nullptr;
    for (uint32_t c : res_.cues_by_first_word[u[k].id])
      if (size_t n = cue_length(u, k, res_.cue_words[c]); n > length)
        best = &res_.rules.cues[c], length = n;
    return best;
  }

  // "the war against terrorism", "the war on drugs": an ill's one word opening a cue whose
  // object is another ill is the cue's verb, not a mention ("the war on Gaza" stays a war).
  bool ill_opens_cue(const std::vector<Unit>& u, size_t k) const {
    if (u[k].type != Unit::Type::Mention || u[k].id < 0 || !is_ill(u[k].entity)) return false;
    size_t length = 0;
    if (!cue_at(u, k, length) || length < 2) return false;
    size_t next = k + length;
    if (next < u.size() && is_determiner(u[next])) ++next;
    return next < u.size() && u[next].type == Unit::Type::Mention && is_ill(u[next].entity);
  }

  bool speaker_in(const std::vector<Unit>& u) const {
    for (const Unit& x : u) {
      if (x.type == Unit::Type::Mention && x.entity == speaker_) return true;
      if (x.type == Unit::Type::Word && res_.words.has(x.id, kSpeakerWord)) return true;
    }
    return false;
  }
  // Another state as a subject: at a clause's start, past "the" and other actors of a list
  // ("China and Russia submitted", "In 2011, the United States said"). A state after a
  // preposition or a verb is an object or a frame ("sever relations with Iran", "carried out by
  // the Islamic Republic of Iran"): the sentence stays the speaker's.
  bool other_actor_in(const std::vector<Unit>& u) const {
    for (size_t k = 0; k < u.size(); ++k)
      if (u[k].type == Unit::Type::Mention && u[k].entity != speaker_ && is_state(u[k].entity) &&
          subject_position(u, k))
        return true;
    return false;
  }
  bool subject_position(const std::vector<Unit>& u, size_t k) const {
    auto actor = [&](size_t j) {
      return u[j].type == Unit::Type::Mention && kind_of(u[j].entity) == EntityKind::Actor;
    };
    while (k > 0) {
      if (u[k - 1].type == Unit::Type::Word && u[k - 1].word == "the") {
        --k;
      } else if (k >= 2 && actor(k - 2) && (u[k - 1].word == "and" || is_punct(u[k - 1], ','))) {
        k -= 2;  // "China, Russia and others": the list's first member decides
      } else {
        break;
      }
    }
    return opens_clause(u, k);
  }

  // "if India is genuinely concerned about infiltration": another state is the cue's subject
  // (right before it, over auxiliaries and adverbs), so the act is that state's.
  bool other_subject(const std::vector<Unit>& u, size_t k) const {
    for (size_t back = 1; back <= 4 && back <= k; ++back) {
      const Unit& x = u[k - back];
      if (x.type == Unit::Type::Mention) return x.entity != speaker_ && is_state(x.entity);
      if (x.type != Unit::Type::Word || flagged(x, kSpeakerWord)) return false;
      const bool adverb = x.word.size() > 4 && x.word.substr(x.word.size() - 2) == "ly";
      if (!adverb && !res_.chunker.function_word(x.word)) return false;
    }
    return false;
  }

  static const char* stance_relation(StanceAct act, EntityKind kind, bool valued = false) {
    const bool principle_like = kind == EntityKind::Principle || kind == EntityKind::Norm;
    switch (act) {
      case StanceAct::Endorse:  // a valued Topic too: assign() gives it its relation
        return principle_like || kind == EntityKind::Document || kind == EntityKind::Practice ||
                       (valued && kind == EntityKind::Topic)
                   ? "ENDORSES"
                   : nullptr;
      case StanceAct::Counter:  // "combat terrorism within the rule of law": never a principle
        return kind == EntityKind::Practice || (kind == EntityKind::Topic && !valued) ? "OPPOSES"
                                                                                      : nullptr;
      case StanceAct::Oppose:
        return principle_like || kind == EntityKind::Practice || kind == EntityKind::Topic
                   ? "OPPOSES"
                   : nullptr;
      case StanceAct::Concern:
        return kind == EntityKind::Topic      ? "CONCERNED_ABOUT"
               : kind == EntityKind::Practice ? "OPPOSES"
                                              : nullptr;
      default:
        return nullptr;
    }
  }

  void assign(size_t s, uint32_t entity, StanceAct act, const std::string& rule) {
    if (act == StanceAct::Value) {  // "a breach of international law": the rule is valued
      const EntityKind kind = kind_of(entity);
      const bool good = kind == EntityKind::Principle || kind == EntityKind::Norm ||
                        kind == EntityKind::Document ||
                        (entity < res_.info.size() && res_.info[entity].valued);
      if (!good) return;
      act = StanceAct::Endorse;
    }
    if (act == StanceAct::Endorse && entity < res_.info.size() && res_.info[entity].valued) {
      if (res_.info[entity].endorsed_as != UINT32_MAX)
        entity = res_.info[entity].endorsed_as;  // "protect critical infrastructure": the principle
      else
        act = StanceAct::Concern;  // "strengthen cybersecurity": the issue the speaker takes up
    }
    if (const char* rel = relation_of(act, entity))
      facts_.push_back({rel, kSpeaker, entity, s, rule});
  }
  const char* relation_of(StanceAct act, uint32_t entity) const {
    return stance_relation(act, kind_of(entity),
                           entity < res_.info.size() && res_.info[entity].valued);
  }

  std::string modality_of(const std::string& word) const {
    for (const auto& [w, modality] : res_.rules.modal_categories)
      if (w == word) return modality;
    return "assertion";
  }

  // The words a commitment records: the first modal verb's modality and an enumeration word.
  void describe_commitment(size_t s, const std::vector<Unit>& u) {
    Commitment c;
    for (const Unit& x : u) {
      if (c.modality.empty() && flagged(x, kModalWord)) c.modality = modality_of(x.word);
      if (c.enumeration.empty() && flagged(x, kEnumerationWord)) c.enumeration = x.word;
    }
    commitments_[s] = std::move(c);
  }

  // Endorsing and opposing swap under a negation; other acts have no opposite.
  static StanceAct flip(StanceAct act) {
    if (act == StanceAct::Endorse) return StanceAct::Oppose;
    return act == StanceAct::Oppose || act == StanceAct::Counter ? StanceAct::Endorse : act;
  }
  // A voice cue speaks for others only where a clause starts: the sentence's start, after a
  // punctuation mark or a clause-opener ("I recognize that many have ...").
  bool opens_clause(const std::vector<Unit>& u, size_t k) const {
    return k == 0 || u[k - 1].type == Unit::Type::Punct || flagged(u[k - 1], kClauseOpener);
  }

  // An endorsement needs the speaker or a modal ("X is based on Y" describes); naming an ill as a
  // threat or working against it is the speaker's view in an impersonal sentence too ("The world
  // faces threats such as terrorism").
  static bool takes_position(bool positions, StanceAct act) {
    return positions || act == StanceAct::Concern || act == StanceAct::Counter ||
           act == StanceAct::Value;
  }
  // An ill of the vocabulary: a Practice, or a Topic that is not valued.
  // The vocabulary entry behind an entity: a place instance's ill ("war in Ukraine"), else itself.
  uint32_t entry_of(uint32_t e) const {
    const auto it = instance_of_.find(e);
    return it == instance_of_.end() ? e : it->second;
  }
  bool is_ill(uint32_t e) const {
    e = entry_of(e);
    if (e >= res_.info.size()) return false;
    const EntityKind kind = kind_of(e);
    return kind == EntityKind::Practice || (kind == EntityKind::Topic && !res_.info[e].valued);
  }
  // A neutral cue, or a value cue: neither governs phrase arguments nor ends a list.
  static bool neutral_like(StanceAct act) {
    return act == StanceAct::Neutral || act == StanceAct::Value;
  }

  bool flagged(const Unit& x, uint16_t flag) const {
    return x.type != Unit::Type::Mention && res_.words.has(x.id, flag);
  }
  bool any_flagged(const std::vector<Unit>& u, uint16_t flag) const {
    return std::any_of(u.begin(), u.end(), [&](const Unit& x) { return flagged(x, flag); });
  }

  // A stance is the speaker's when the sentence names the speaker, or is an impersonal
  // position (a modal verb), and names no other state without the speaker. Concern stated
  // impersonally ("cyber crime is on the rise") is the speaker's too.
  void stances(size_t s, const std::vector<Unit>& u) {
    const size_t facts_before = facts_.size();
    stance_facts(s, u);
    if (facts_.size() > facts_before) describe_commitment(s, u);
  }

  void stance_facts(size_t s, const std::vector<Unit>& u) {
    if (speaker_ == kNoEntity) return;
    const bool own = speaker_in(u), other = other_actor_in(u);
    if (!own && other) {
      named_ills(s, u);
      return;
    }
    const bool positions = own || any_flagged(u, kModalWord);
    std::optional<std::pair<StanceAct, std::string>> active;
    size_t words_since_hit = 0;  // words since the active cue ended or last took a mention
    size_t last_mention = SIZE_MAX;
    bool negated = false;            // a negation waits for the cue it flips or voids
    size_t negation_end = 0;         // the unit after the negation
    bool negation_relative = false;  // "those who do not respect": someone else's failing
    bool negation_speaker = false;   // "we do not", "I will never": the speaker's own negation
    bool other_voice = false;     // "States will sometimes point to ...": not the speaker's stance
    std::vector<size_t> pending;  // mentions no cue has taken yet, for an after-cue
    std::vector<size_t> uncued;   // mentions no cue governed: named-stance may apply at the end
    const size_t facts_before = facts_.size();
    taken_.assign(u.size(), false);
    chunked_ = false;
    size_t reach_end = SIZE_MAX;  // the end of the phrases the active cue governs, when it has some
    size_t wildcard_tail_begin = 0, wildcard_tail_end = 0;  // "against" of "protect * against"
    std::optional<std::pair<StanceAct, std::string>>
        tail_act;                   // the wildcard cue's, after its tail
    size_t neutral_end = SIZE_MAX;  // the unit after the last neutral cue
    for (size_t k = 0; k < u.size(); ++k) {
      if (flagged(u[k], kClauseBreak)) {
        active.reset();
        pending.clear();
        other_voice = false;
        if (u[k].type == Unit::Type::Punct) continue;
      }
      if (u[k].type == Unit::Type::Mention && !ill_opens_cue(u, k)) {
        if (active && (words_since_hit > res_.rules.cue_reach || k >= reach_end)) active.reset();
        if (taken_[k]) {  // inside a phrase argument ("the militarization of cyberspace")
          words_since_hit = 0;
          continue;
        }
        const bool modifier = k + 1 < u.size() && flagged(u[k + 1], kModifierHead);
        // "double standards in human rights": right after a taken mention and a preposition
        const bool complement = last_mention != SIZE_MAX &&
                                (k == last_mention + 2 || k == last_mention + 3) &&
                                flagged(u[last_mention + 1], kComplementWord) &&
                                (k == last_mention + 2 || u[k - 1].word == "the");
        if (active && takes_position(positions, active->first) && !modifier && !complement) {
          assign(s, u[k].entity, active->first, active->second);
          words_since_hit = 0;
          last_mention = k;
        } else if (!active && !modifier) {
          pending.push_back(k);
          if (!other_voice && !complement) uncued.push_back(k);
        } else if (active && active->first == StanceAct::Endorse && !modifier && !complement &&
                   !other_voice) {
          // An impersonal endorse cue takes no position ("The Group's aim is to promote
          // capacity-building"), but what it names is still named: named-stance decides.
          uncued.push_back(k);
        }
        // A neutral or value cue frames what follows and takes no ill: an ill it covers is
        // still named ("under the pretext of fighting terrorism", "attacks that harm our
        // critical infrastructure and spread disinformation").
        if (active && neutral_like(active->first) && !modifier && !complement && !other_voice &&
            is_ill(u[k].entity))
          uncued.push_back(k);
        continue;
      }
      if (u[k].type != Unit::Type::Punct) ++words_since_hit;
      if (k >= wildcard_tail_begin && k < wildcard_tail_end) {
        // "protect critical infrastructure against cyberattacks": the words in the wildcard took
        // the first word's own cue (protect: endorse); what follows the tail takes the whole cue.
        if (k == wildcard_tail_begin && tail_act) {
          active = tail_act;
          words_since_hit = 0;
          last_mention = SIZE_MAX;
        }
        continue;
      }
      size_t length = 0;
      const Cue* cue = u[k].type != Unit::Type::Punct ? cue_at(u, k, length) : nullptr;
      if (!cue) continue;
      // "in his address", "the end of": after a determiner the cue's word is a noun
      if (neutral_like(cue->act)) neutral_end = k + length;  // "a lack of": a noun anyway
      // ("the war against": an ill's word opening a cue is a noun anyway, ill_opens_cue)
      if (k > 0 && cue->words.front() != "the" && is_determiner(u[k - 1]) &&
          u[k].type == Unit::Type::Word)
        continue;
      const bool relative = (k >= 1 && flagged(u[k - 1], kRelativeWord)) ||
                            (k >= 2 && flagged(u[k - 2], kRelativeWord)) || other_subject(u, k);
      if (cue->act == StanceAct::Negate) {
        negated = true;
        negation_end = k + length;
        negation_relative = relative;
        negation_speaker = false;
        for (size_t back = 1; back <= 3 && back <= k; ++back)
          if (flagged(u[k - back], kSpeakerWord) ||
              (u[k - back].type == Unit::Type::Mention && u[k - back].entity == speaker_))
            negation_speaker = true;
      } else if (cue->act == StanceAct::Voice) {
        if (opens_clause(u, k)) {  // others speak until the clause ends
          other_voice = true;
          active.reset();
          pending.clear();
        }
      } else if (cue->after) {
        // "Cyberattacks and the misuse of technology are on the rise": the subject's phrases
        if (!other_voice) {
          if (!res_.chunker.empty())
            phrase_arguments(s, u,
                             res_.chunker.arguments_before(chunk_view(u),
                                                           sentence_tags(u, k > 24 ? k - 24 : 0, k),
                                                           k, !cue->frame.empty()),
                             *cue);
          for (size_t j : pending)  // a framed cue is about its subject's phrases only
            if (!taken_[j] && cue->frame.empty()) assign(s, u[j].entity, cue->act, cue->rule);
        }
        pending.clear();
      } else if (relative || other_voice) {
        active.reset();  // someone else's act: no stance follows
        negated = false;
      } else if (negated) {
        // "we do not accept X" flips the cue; a distant negation ("will not enjoy development
        // without respect for"), someone else's ("those who do not respect") or an impersonal
        // one voids it. Only a negatable endorse cue turns into opposition: "we cannot achieve
        // X without Y" is a condition, "we do not accept X" a rejection.
        negated = false;
        active.reset();
        const StanceAct flipped = flip(cue->act);
        // "we cannot accept that international law should be violated": a proposition follows.
        const bool proposition = k + length < u.size() && flagged(u[k + length], kClauseOpener);
        const bool negatable =
            !proposition && (cue->act == StanceAct::Oppose || cue->act == StanceAct::Counter ||
                             flagged(u[k], kNegatable));
        if (k <= negation_end + 1 && negation_speaker && !negation_relative && negatable &&
            flipped != cue->act) {
          active = std::make_pair(flipped, cue->rule + ".negated");
          words_since_hit = 0;
          last_mention = SIZE_MAX;
          pending.clear();
        }
      } else if (!cue->weak || !active || active->first == StanceAct::Endorse) {
        active = std::make_pair(cue->act, cue->rule);
        tail_act.reset();
        if (const Cue* inner = wildcard_head(u, k, *cue)) {
          tail_act = active;
          active = std::make_pair(inner->act, inner->rule);
        }
        words_since_hit = 0;
        last_mention = SIZE_MAX;
        // A neutral cue inside the subject ("Malicious cyber activity against hospitals is on
        // the rise") leaves the subject's mentions to the after-cue.
        if (!neutral_like(cue->act)) pending.clear();
        reach_end = SIZE_MAX;
        const bool wildcard =
            std::find(cue->words.begin(), cue->words.end(), "*") != cue->words.end();
        if (takes_position(positions, cue->act) && !wildcard && !neutral_like(cue->act) &&
            !res_.chunker.empty()) {
          // The noun phrases the cue governs; mentions past them are out of its reach.
          auto phrases = res_.chunker.arguments_after(
              chunk_view(u), sentence_tags(u, k, k + length + 48), k + length);
          // A cue inside a list ("the protection of X, the fight against Y, the regulation of Z")
          // governs its own first phrase only.
          // So does a cue inside a neutral cue's object ("a lack of adherence to the rule of law,
          // poor economic growth, rising inequality": the list is not the cue's).
          // A verb or adjective after a comma ("world peace, free from conflict, crime and
          // abuse") opens a clause of its own and keeps its list.
          if (phrases.size() > 1 && ((k > 0 && is_punct(u[k - 1], ',') && tags_[k] == Tag::Noun) ||
                                     u[k].word == "the" || k == neutral_end))
            phrases.resize(1);
          reach_end = phrase_arguments(s, u, phrases, *cue);
        }
      }
      // A cue with a wildcard ("take * as a top priority") applies to what the wildcard covers;
      // its words after the wildcard are part of it, no cue of their own ("protect * against").
      const auto star = std::find(cue->words.begin(), cue->words.end(), "*");
      if (star != cue->words.end()) {
        wildcard_tail_end = k + length;
        wildcard_tail_begin = wildcard_tail_end - static_cast<size_t>(cue->words.end() - star - 1);
      }
      k += star == cue->words.end() ? length - 1
                                    : static_cast<size_t>(star - cue->words.begin()) - 1;
    }
    named_stances(s, u, uncued, facts_before);
  }

  // In a sentence whose subject is another state ("Russia's cyberattack against Ukraine served
  // to prepare its invasion") the speaker takes no position from cues, but an ill it names is
  // still a concern of its own: the Topics whose named-stance is concern (not valued ones).
  void named_ills(size_t s, const std::vector<Unit>& u) {
    for (size_t k = 0; k < u.size(); ++k) {
      if (u[k].type != Unit::Type::Mention || u[k].entity >= res_.info.size()) continue;
      const uint32_t e = u[k].entity;
      if (kind_of(e) != EntityKind::Topic || res_.info[e].valued || !res_.info[e].named ||
          res_.named_act[static_cast<size_t>(EntityKind::Topic)] != StanceAct::Concern)
        continue;
      if (k + 1 < u.size() && flagged(u[k + 1], kModifierHead)) continue;
      if (std::none_of(facts_.begin(), facts_.end(),
                       [&](const Fact& f) { return f.object == e && f.sentence == s; }))
        facts_.push_back({"CONCERNED_ABOUT", kSpeaker, e, s, "named.concern.others"});
    }
  }

  // A vocabulary mention that no cue governed takes its kind's named-stance ("Cybercrime and
  // ransomware know no pity" names two ills: concern), unless a phrase argument or an after-cue
  // took it, or its entry opts out (props.named false).
  void named_stances(size_t s, const std::vector<Unit>& u, const std::vector<size_t>& uncued,
                     size_t facts_before) {
    std::vector<size_t> named = uncued;
    // An ill inside a phrase a cue took is named too: "strengthen cooperation on cybercrime"
    // endorses cooperation and names cybercrime.
    // ("pursue wars against poverty": the war is the cue, not an ill, ill_opens_cue)
    for (size_t k = 0; k < u.size(); ++k)
      if (taken_[k] && u[k].type == Unit::Type::Mention && is_ill(u[k].entity) &&
          !ill_opens_cue(u, k))
        named.push_back(k);
    for (size_t k : named) {
      const uint32_t e = u[k].entity;
      if ((taken_[k] && !is_ill(e)) || entry_of(e) >= res_.info.size() ||
          !res_.info[entry_of(e)].named)
        continue;
      StanceAct act = res_.named_act[static_cast<size_t>(kind_of(e))];
      if (act == StanceAct::Neutral) continue;
      // a valued topic ("cybersecurity") is a good, not an ill: named, it is taken up as an
      // endorse cue would take it (the principle of props.endorsed_as, else a concern)
      if (res_.info[entry_of(e)].valued) act = StanceAct::Endorse;
      if (std::any_of(facts_.begin() + static_cast<std::ptrdiff_t>(facts_before), facts_.end(),
                      [&](const Fact& f) { return f.object == e && f.sentence == s; }))
        continue;
      assign(s, e, act, act == StanceAct::Endorse ? "named.endorse" : "named.concern");
      if (is_ill(e) && !taken_[k]) list_of_ills(s, u, k);
    }
    for (const Unit& x : u)
      for (const InnerIll& inner : inner_ills_)
        if (inner.sentence == s && x.type == Unit::Type::Mention && x.begin == inner.begin &&
            std::none_of(facts_.begin() + static_cast<std::ptrdiff_t>(facts_before), facts_.end(),
                         [&](const Fact& f) { return f.object == inner.entry && f.sentence == s; }))
          assign(s, inner.entry, StanceAct::Concern, "named.concern.inner");
  }

  // A list of ills names ills throughout: "through disinformation, cyberattacks, economic
  // influence, energy pressures and interference" makes "economic influence" and "energy
  // pressures" concerns too. Only a list with two ill mentions or more and no good in it; each
  // other item must pass what makes any phrase a concept (the gate, no valued head).
  void list_of_ills(size_t s, const std::vector<Unit>& u, size_t k) {
    if (res_.chunker.empty()) return;
    const auto items = res_.chunker.arguments_after(chunk_view(u), sentence_tags(u, k, k + 48), k);
    size_t ills = 0;
    for (const NounPhrase& p : items) {
      if (p.first >= u.size() || p.first != p.head || p.last != p.first + 1 ||
          u[p.head].type != Unit::Type::Mention)
        continue;
      if (!is_ill(u[p.head].entity)) return;  // "terrorism, poverty and development"
      ++ills;
    }
    if (ills < 2 || has_cue(u, k, items.back().last)) return;
    const std::string_view text = sentence_text(s);
    for (const NounPhrase& p : items) {
      const std::string_view first = u[p.first].word;
      if (u[p.head].type == Unit::Type::Mention || taken_[p.head] ||
          res_.chunker.valued(u[p.head].word) || flagged(u[p.head], kEventHead) ||
          (first.size() > 5 && first.substr(first.size() - 3) == "ing" &&
           res_.chunker.can_be_verb(first)))  // "the world summit", "exacerbating floods"
        continue;
      const std::string_view span =
          text.substr(u[p.first].begin, u[p.last - 1].end - u[p.first].begin);
      if (const uint32_t e = concept_entity(StanceAct::Concern, u, p, span); e != kNoEntity) {
        assign(s, e, StanceAct::Concern, "named.concern.list");
        take(p);
      }
    }
  }

  // ---- phrase arguments (noun_chunker.hpp, concept_linker.hpp)
  std::span<const ChunkUnit> chunk_view(const std::vector<Unit>& u) {
    if (!chunked_) {
      view_.clear();
      for (const Unit& x : u)
        view_.push_back(
            {x.word, x.type == Unit::Type::Mention, x.type == Unit::Type::Punct, x.capitalized});
      tags_.assign(u.size(), Tag::Other);
      tagged_.assign(u.size(), false);
      chunked_ = true;
    }
    return view_;
  }
  // The tags of units [first, last) at least: only the stretch a cue's arguments may cover is
  // tagged, which spares the lexicon lookups of long sentences (untagged units end a phrase).
  const std::vector<Tag>& sentence_tags(const std::vector<Unit>& u, size_t first, size_t last) {
    chunk_view(u);
    last = std::min(last, u.size());
    while (first < last && tagged_[first]) ++first;
    while (last > first && tagged_[last - 1]) --last;
    if (first < last) {
      const auto tags =
          res_.chunker.tag(std::span<const ChunkUnit>(view_).subspan(first, last - first));
      std::copy(tags.begin(), tags.end(), tags_.begin() + static_cast<std::ptrdiff_t>(first));
      std::fill(tagged_.begin() + static_cast<std::ptrdiff_t>(first),
                tagged_.begin() + static_cast<std::ptrdiff_t>(last), true);
    }
    return tags_;
  }

  // The units of `p` belong to a phrase argument: no cue or named stance takes them again.
  void take(const NounPhrase& p) {
    std::fill(taken_.begin() + static_cast<std::ptrdiff_t>(p.first),
              taken_.begin() + static_cast<std::ptrdiff_t>(p.last), true);
  }

  // Each phrase a cue governs links to a vocabulary entry or becomes an uncurated concept; a
  // phrase that is a mention (with modifiers) is left to the mention rules.
  // Returns the end of the last phrase it took, or SIZE_MAX when none.
  size_t phrase_arguments(size_t s, const std::vector<Unit>& u,
                          const std::vector<NounPhrase>& phrases, const Cue& cue) {
    const StanceAct act = cue.act;
    const std::string& rule = cue.rule;
    const std::string& frame = cue.frame;
    if (act != StanceAct::Endorse && act != StanceAct::Oppose && act != StanceAct::Counter &&
        act != StanceAct::Concern)
      return SIZE_MAX;
    const std::string_view text = sentence_text(s);
    size_t end = SIZE_MAX;
    for (const NounPhrase& p : phrases) {
      if (has_cue(u, p.first, p.last)) break;  // the list ends where another cue begins
      end = p.last;
      // "rejecting the use of human rights for political purposes": X used for an end is not
      // what the cue opposes.
      if (p.curated_only && p.last < u.size() && u[p.last].word == "for") {
        take(p);
        continue;
      }
      // "prevent cyberspace from being used as a weapon": what is kept from an ill is no ill
      if (act == StanceAct::Counter && p.last < u.size() && u[p.last].word == "from") {
        take(p);
        continue;
      }
      if (!frame.empty()) {  // "cyberspace must not become a battlefield"
        const std::string_view span =
            text.substr(u[p.first].begin, u[p.last - 1].end - u[p.first].begin);
        if (const uint32_t e = framed_entity(act, u, p, frame + " " + std::string(span));
            e != kNoEntity)
          assign(s, e, act, rule + ".phrase");
        take(p);
        continue;
      }
      if (p.last == p.first + 1 &&
          u[p.first].type == Unit::Type::Mention) {  // a list item that is a mention
        assign(s, u[p.first].entity, act, rule);
        taken_[p.first] = true;
        continue;
      }
      const std::string_view span =
          text.substr(u[p.first].begin, u[p.last - 1].end - u[p.first].begin);
      uint32_t e = kNoEntity;
      if (auto linked = res_.concepts.find(concept_key(res_.chunker, span))) {
        e = *linked;
      } else if (u[p.head].type == Unit::Type::Word &&
                 res_.gate.harm_head(res_.chunker, u[p.head].word)) {
        // "condemn human rights violations", "the resolution of sovereignty disputes": the
        // modifier is the harmed good, never the object; the whole phrase is an ill to oppose.
        if (act != StanceAct::Endorse) e = concept_entity(act, u, p, span);
        if (e == kNoEntity) {
          take(p);
          continue;
        }
      } else if (const uint32_t modifier = mention_modifier(u, p, act); modifier != kNoEntity) {
        e = modifier;  // "ransomware attacks": the vocabulary's concept, the head its instances
      } else if (p.curated_only || cue.curated) {
        continue;
      } else if (u[p.head].type == Unit::Type::Mention) {
        // "effective international law": the mention rules decide, unless the cue cannot take
        // the mention's kind and modifiers make a concept of it ("a free and open cyberspace").
        const EntityKind head_kind = kind_of(u[p.head].entity);
        if (p.head == p.first || relation_of(act, u[p.head].entity)) continue;
        // "we need a free and stable Ukraine": an actor with modifiers is still the actor
        if (head_kind == EntityKind::Actor) {
          take(p);
          continue;
        }
        // "address global food security": a good under a concern or counter cue is no ill
        // ... and an ill under an endorse cue is no good ("contribute to the resolution of these
        // frozen conflicts" endorses no "frozen conflict"; named-stance still names the ill)
        if (((act == StanceAct::Concern || act == StanceAct::Counter) &&
             (head_kind == EntityKind::Principle || head_kind == EntityKind::Norm)) ||
            (act == StanceAct::Endorse && is_ill(u[p.head].entity))) {
          take(p);
          continue;
        }
        e = concept_entity(act, u, p, span);
      } else {
        e = concept_entity(act, u, p, span);
      }
      if (e == kNoEntity) continue;
      assign(s, e, act, rule + ".phrase");
      take(p);
    }
    return end;
  }

  static bool is_determiner(const Unit& x) {
    static const char* const kDeterminers[] = {"the", "a",     "an", "his",  "her", "its",
                                               "our", "their", "my", "your", "this"};
    return x.type == Unit::Type::Word &&
           std::any_of(std::begin(kDeterminers), std::end(kDeterminers),
                       [&](const char* d) { return x.word == d; });
  }

  static bool is_demonstrative(const Unit& x) {
    return x.type == Unit::Type::Word &&
           (x.word == "this" || x.word == "that" || x.word == "these" || x.word == "those");
  }

  // A vocabulary concept among the modifiers before a phrase's head, one the cue can take.
  uint32_t mention_modifier(const std::vector<Unit>& u, const NounPhrase& p, StanceAct act) const {
    if (u[p.head].type == Unit::Type::Mention) return kNoEntity;
    for (size_t k = p.first; k < p.head; ++k)
      if (u[k].type == Unit::Type::Mention && relation_of(act, u[k].entity)) return u[k].entity;
    return kNoEntity;
  }

  bool has_cue(const std::vector<Unit>& u, size_t first, size_t last) const {
    for (size_t k = first; k < last; ++k) {
      size_t length = 0;
      if (u[k].type == Unit::Type::Word) {
        const Cue* cue = cue_at(u, k, length);
        // A neutral cue inside a phrase is part of it ("the misuse of technology").
        if (cue && cue->act != StanceAct::Negate && !neutral_like(cue->act)) return true;
      }
    }
    return false;
  }

  // The concept gate (concept_gate.hpp) on the phrase's words.
  bool gate_admits(const std::vector<Unit>& u, const NounPhrase& p, std::string_view span) const {
    std::vector<std::string_view> words;
    for (size_t k = p.first; k < p.last; ++k)
      words.push_back(u[k].type == Unit::Type::Mention
                          ? span.substr(u[k].begin - u[p.first].begin, u[k].end - u[k].begin)
                          : std::string_view(u[k].word));
    return res_.gate.refusal(res_.chunker, words, p.head - p.first, p.complement - p.first).empty();
  }

  // An uncurated concept named by the phrase (node id from its key, merged across documents), or
  // none for a light head, a name ("the Paris Call"), or a head that names people, places, times.
  uint32_t concept_entity(StanceAct act, const std::vector<Unit>& u, const NounPhrase& p,
                          std::string_view span) {
    const std::string_view head = u[p.head].word;
    const bool head_mention = u[p.head].type == Unit::Type::Mention;
    if (p.last - p.first > 12 || (!head_mention && res_.chunker.light(head))) return kNoEntity;
    for (size_t k = p.first; k < p.last; ++k)
      if (u[k].capitalized) return kNoEntity;
    if (!head_mention && p.last == p.first + 1 && res_.chunker.vague(head))
      return kNoEntity;  // "this crisis"
    // "that authority must be preserved", "these efforts": the concept is named elsewhere
    if (!head_mention && p.first > 0 && is_demonstrative(u[p.first - 1])) return kNoEntity;
    // "their immediate and unconditional removal": an act whose object a pronoun names elsewhere
    const std::string_view det = p.first > 0 ? std::string_view(u[p.first - 1].word) : "";
    if (!head_mention && p.complement >= p.last &&
        (det == "their" || det == "its" || det == "his" || det == "her"))
      return kNoEntity;
    // "Iraq's foreign policy": an actor's own thing, no concept of its own
    for (size_t k = p.first; k + 1 < p.head; ++k)
      if (u[k].type == Unit::Type::Mention && kind_of(u[k].entity) == EntityKind::Actor &&
          (u[k + 1].word == "s" || u[k + 1].word == "'s"))
        return kNoEntity;
    if (!head_mention && act != StanceAct::Endorse && res_.chunker.valued(head))
      return kNoEntity;  // "peace"
    // "living in good relations", "the rallying by": a verb's -ing form is no concept's head
    if (!head_mention && head.size() >= 5 && head.substr(head.size() - 3) == "ing" &&
        res_.chunker.can_be_verb(head))
      return kNoEntity;
    if (!head_mention && !gate_admits(u, p, span)) return kNoEntity;
    const NounClass noun_class = head_mention ? NounClass::State : res_.chunker.noun_class(head);
    switch (noun_class) {
      case NounClass::None:  // a word WordNet lacks: "cyberattacks", "ransomware"
      case NounClass::Act:
      case NounClass::Attribute:
      case NounClass::Cognition:
      case NounClass::Communication:
      case NounClass::Event:
      case NounClass::State:
      case NounClass::Phenomenon:
      case NounClass::Process:
      case NounClass::Relation:
        break;
      case NounClass::Artifact:  // "nuclear weapons" are a concern, not a principle
        if (act == StanceAct::Endorse) return kNoEntity;
        break;
      default:
        return kNoEntity;
    }
    // What is endorsed is a principle; what is opposed or feared is a conduct (a Practice:
    // "terrorism", "disinformation") or a state of affairs (a Topic: "climate crisis"), decided by
    // the head noun alone so that one phrase is one node whatever the cue.
    const bool conduct = noun_class == NounClass::Act || noun_class == NounClass::Communication ||
                         noun_class == NounClass::Cognition;
    const EntityKind kind = act == StanceAct::Endorse ? EntityKind::Principle
                            : conduct                 ? EntityKind::Practice
                                                      : EntityKind::Topic;
    const char* label = kind == EntityKind::Topic      ? "Topic"
                        : kind == EntityKind::Practice ? "Practice"
                                                       : "Principle";
    const std::string canonical = concept_phrase(res_.chunker, span);
    const std::string id = text_node_id(kind == EntityKind::Topic      ? "topic:"
                                        : kind == EntityKind::Practice ? "practice:"
                                                                       : "principle:",
                                        canonical);
    if (const uint32_t e = made_from_text(id); e != kNoEntity) return e;
    NodeData node = text_node(id, label, lowercase_words(span));
    if (canonical != node.name) node.aliases.push_back(canonical);
    // Coordinated modifiers distribute: "free, open and secure cyberspace" is also "open
    // cyberspace".
    auto text_of = [&](size_t first, size_t last) {  // units [first, last] of the phrase
      return lowercase_words(
          span.substr(u[first].begin - u[p.first].begin, u[last].end - u[first].begin));
    };
    const std::string rest = text_of(p.head, p.last - 1);
    bool coordinated = false;
    for (size_t k = p.first; k < p.head; ++k)
      coordinated |= u[k].word == "," || u[k].word == "and" || u[k].word == "or";
    for (size_t k = p.first; coordinated && k < p.head; ++k)
      if (u[k].type == Unit::Type::Word && u[k].word != "and" && u[k].word != "or")
        node.aliases.push_back(text_of(k, k) + " " + rest);
    return add_uncurated(std::move(node), kind);
  }

  // The concept a framed cue names: "militarization of" + "cyberspace" links to the
  // vocabulary's entry, else it is a concept of its own (a Principle when endorsed, else a
  // Practice: the frame names an act). An argument that names nothing (a pronoun, a vague or
  // light noun, a person or a place) frames nothing.
  uint32_t framed_entity(StanceAct act, const std::vector<Unit>& u, const NounPhrase& p,
                         const std::string& text) {
    if (auto linked = res_.concepts.find(concept_key(res_.chunker, text))) return *linked;
    if (p.last - p.first > 8) return kNoEntity;
    if (u[p.head].type == Unit::Type::Word) {
      const std::string_view head = u[p.head].word;
      if (res_.chunker.light(head) || res_.chunker.vague(head) ||
          res_.chunker.function_word(head))  // "regulate how those issues are dealt with"
        return kNoEntity;
      const NounClass cls = res_.chunker.noun_class(head);
      if (cls == NounClass::Person || cls == NounClass::Group || cls == NounClass::Time ||
          cls == NounClass::Quantity)
        return kNoEntity;
    }
    const EntityKind kind =
        act == StanceAct::Endorse ? EntityKind::Principle : EntityKind::Practice;
    const std::string canonical = concept_phrase(res_.chunker, text);
    const std::string id =
        text_node_id(kind == EntityKind::Principle ? "principle:" : "practice:", canonical);
    if (const uint32_t e = made_from_text(id); e != kNoEntity) return e;
    NodeData node = text_node(id, kind == EntityKind::Principle ? "Principle" : "Practice",
                              lowercase_words(text));
    if (canonical != node.name) node.aliases.push_back(canonical);
    return add_uncurated(std::move(node), kind);
  }

  // The id of a node made from the text: PREFIX and the slug of KEY, never a curated id
  // ("promote development" is not the vocabulary's principle:development, the right to
  // development: it is principle:uncurated-development).
  std::string text_node_id(std::string_view prefix, std::string_view key) const {
    std::string id = std::string(prefix) + slug(key);
    if (res_.vocabulary.find(id)) id.insert(prefix.size(), "uncurated-");
    return id;
  }
  // The entity made from the text under ID earlier in this document, or kNoEntity.
  uint32_t made_from_text(const std::string& id) const {
    const auto it = text_nodes_.find(id);
    return it == text_nodes_.end() ? kNoEntity : it->second;
  }
  static NodeData text_node(const std::string& id, const char* label, std::string_view name) {
    NodeData node;
    node.id = id;
    node.labels = {label};
    node.name = std::string(name);
    return node;
  }
  // A concept made from the text (props.curated false), kept by its id for the next mention.
  uint32_t add_uncurated(NodeData node, EntityKind kind) {
    node.props.push_back({"curated", Value(false)});
    const std::string id = node.id;
    events_.push_back(std::move(node));
    text_kinds_.push_back(kind);
    const uint32_t e = static_cast<uint32_t>(res_.vocabulary.size() + events_.size() - 1);
    text_nodes_.emplace(id, e);
    return e;
  }

  // ---- relation patterns (backtracking over units)
  using Captures = std::vector<std::vector<uint32_t>>;  // by pattern element

  bool match_from(const std::vector<Unit>& u, size_t k, const Pattern& p, size_t e,
                  Captures& caps) const {
    const auto& element_words = res_.pattern_words[&p - res_.rules.patterns.data()];
    if (e == p.elements.size()) return true;
    const PatternElement& el = p.elements[e];
    switch (el.type) {
      case PatternElement::Type::Gap:
        for (size_t skip = 0; skip <= 12 && k + skip <= u.size(); ++skip) {
          if (skip > 0 && is_punct(u[k + skip - 1], ';')) break;
          if (match_from(u, k + skip, p, e + 1, caps)) return true;
        }
        return false;
      case PatternElement::Type::Words:
        return k < u.size() && u[k].type != Unit::Type::Mention &&  // a word or a ","
               std::find(element_words[e].begin(), element_words[e].end(), u[k].id) !=
                   element_words[e].end() &&
               match_from(u, k + 1, p, e + 1, caps);
      case PatternElement::Type::Speaker:
        if (k < u.size() && ((u[k].type == Unit::Type::Mention && u[k].entity == speaker_) ||
                             flagged(u[k], kSpeakerWord)))
          return match_from(u, k + 1, p, e + 1, caps);
        return false;
      case PatternElement::Type::Capture: {
        const EntityKind kind = res_.pattern_kinds[&p - res_.rules.patterns.data()][e];
        auto fits = [&](const Unit& x) {
          return x.type == Unit::Type::Mention && kind_of(x.entity) == kind &&
                 (el.actor_type.empty() ||
                  (x.entity < res_.info.size() && res_.info[x.entity].actor_type == el.actor_type));
        };
        if (k >= u.size() || !fits(u[k])) return false;
        std::vector<uint32_t> list{u[k].entity};
        size_t next = k + 1;
        // Kind+: "A, B and C", "A and the B"
        while (el.list && next + 1 < u.size()) {
          size_t j = next;
          if (is_punct(u[j], ',')) ++j;
          if (j < u.size() && u[j].type == Unit::Type::Word && u[j].word == std::string_view("and"))
            ++j;
          if (j > next && j + 1 < u.size() && u[j].type == Unit::Type::Word && u[j].word == "the")
            ++j;
          if (j == next || j >= u.size() || !fits(u[j])) break;
          list.push_back(u[j].entity);
          next = j + 1;
        }
        caps[e] = std::move(list);
        if (match_from(u, next, p, e + 1, caps)) return true;
        caps[e].clear();
        return false;
      }
    }
    return false;
  }

  // A pattern can only match a sentence that has one of the words of each of its word elements:
  // checked first, it spares the backtracking nearly everywhere.
  bool may_match(const Pattern& p) const {
    for (const auto& ids : res_.pattern_words[&p - res_.rules.patterns.data()])
      if (!ids.empty() &&
          std::none_of(ids.begin(), ids.end(), [&](int32_t id) { return present_[id]; }))
        return false;
    return true;
  }

  void patterns(size_t s, const std::vector<Unit>& u, const Pattern& p) {
    for (size_t k = 0; k < u.size(); ++k) {
      Captures caps(p.elements.size());
      if (!match_from(u, k, p, 0, caps)) continue;
      for (const PatternFact& f : p.facts) {
        auto side = [&](const std::string& name) {
          if (name == "@Speaker") return std::vector<uint32_t>{speaker_};
          for (size_t e = 0; e < p.elements.size(); ++e)
            if (p.elements[e].capture == name) return caps[e];
          return std::vector<uint32_t>{};
        };
        for (uint32_t a : side(f.subject))
          for (uint32_t b : side(f.object))
            if (a != kNoEntity && b != kNoEntity && a != b)
              facts_.push_back({f.relation, a == speaker_ ? kSpeaker : a, b, s, p.name});
      }
    }
  }

  void references(size_t s, const std::vector<Unit>& u) {
    for (const Unit& x : u)
      if (x.type == Unit::Type::Mention && kind_of(x.entity) == EntityKind::Document)
        facts_.push_back({"REFERENCES", kThis, x.entity, s, "reference.mention"});
  }

  const StatementLoader::Impl& res_;
  std::string file_name_, stem_, normalized_;
  text::Header header_;
  std::vector<text::Sentence> sentences_;
  int date_year_ = 0;
  uint32_t speaker_ = kNoEntity;
  bool speaker_from_file_name_ = false;
  std::set<uint32_t> mentioned_;
  std::vector<std::pair<size_t, uint32_t>>
      mentions_;                        // (sentence, vocabulary entry), in text order
  std::vector<NodeData> events_;        // nodes made from the text: events and uncurated concepts
  std::vector<EntityKind> text_kinds_;  // their kinds
  std::unordered_map<std::string, uint32_t> text_nodes_;  // uncurated concepts by id
  std::unordered_map<uint32_t, uint32_t> instance_of_;    // place instance -> its ill's entry
  // Ills inside names of documents and organizations: (sentence, the name's first byte in it,
  // the ill's entry).
  struct InnerIll {
    size_t sentence;
    uint32_t begin, entry;
  };
  std::vector<InnerIll> inner_ills_;
  std::vector<bool> taken_;  // units inside a phrase argument of the current sentence
  bool chunked_ = false;     // view_ and tags_ are the current sentence's
  std::vector<ChunkUnit> view_;
  std::vector<Tag> tags_;
  std::vector<bool> tagged_;
  std::vector<Fact> facts_;
  struct Commitment {
    std::string modality, enumeration;
  };
  std::map<size_t, Commitment> commitments_;  // by sentence: the speaker's stance sentences
  size_t current_ = 0;
  std::vector<size_t>
      unit_start_;             // token index where each unit of the sentence being built starts
  std::vector<bool> present_;  // rule words present in the current sentence, by id
};

LoadCounts DocumentExtraction::write(GraphStore& store) const {
  LoadCounts counts;
  NodeData doc;
  doc.id = "doc:" + slug(stem_);
  doc.labels = {"Document"};
  doc.name = title();
  if (doc.name != stem_) doc.aliases.push_back(stem_);  // found by its file's name too
  doc.props.push_back(
      {"type", Value(header_value("kind").empty() ? "statement" : header_value("kind"))});
  doc.props.push_back({"source", Value(std::filesystem::path(file_name_).filename().string())});
  if (date_year_)
    doc.props.push_back({"date", Value(header_value("date").empty() ? std::to_string(date_year_)
                                                                    : header_value("date"))});
  // `source` is always the file's name (DESIGN.md); a header's `source:` line is the citation.
  for (const auto& [k, v] : header_.fields)
    if (k != "title" && k != "kind" && k != "date" && k != "speaker")
      doc.props.push_back(
          {k == "source" ? "citation" : k, Value(v)});  // `source` stays the file name
  // Every sentence, stance or not: the text the sentence index and mention counts are made from.
  ValueList sentences;
  sentences.reserve(sentences_.size());
  for (size_t s = 0; s < sentences_.size(); ++s) sentences.emplace_back(sentence_text(s));
  doc.props.push_back({"sentences", Value(std::move(sentences))});
  store.upsert_node(doc);
  ++counts.nodes;
  std::map<uint32_t, NodeId> nodes;
  auto node_of = [&](uint32_t e) {
    if (auto it = nodes.find(e); it != nodes.end()) return it->second;
    NodeData data = e < res_.vocabulary.size() ? vocabulary_node(res_.vocabulary.entries()[e])
                                               : events_[e - res_.vocabulary.size()];
    NodeId n = store.upsert_node(data);
    ++counts.nodes;
    return nodes[e] = n;
  };
  const NodeId this_doc = *store.find_node(doc.id);
  // One sentence is the evidence of many facts: its text is interned once per (sentence, rule).
  std::map<std::pair<size_t, std::string>, GraphStore::PreparedEvidence> prepared;
  auto evidence = [&](size_t s, const std::string& rule) -> const GraphStore::PreparedEvidence& {
    auto key = std::pair(s, rule);
    if (auto it = prepared.find(key); it != prepared.end()) return it->second;
    Evidence ev;
    ev.doc = doc.id;
    ev.paragraph = sentences_[s].paragraph;
    ev.sentence = sentences_[s].index;
    ev.span_begin = static_cast<int64_t>(sentences_[s].begin);
    ev.span_end = static_cast<int64_t>(sentences_[s].end);
    ev.rule = rule;
    ev.text = std::string(sentence_text(s));
    return prepared.emplace(std::move(key), store.prepare_evidence(ev)).first->second;
  };
  if (speaker_ != kNoEntity) {
    Evidence ev;
    ev.doc = doc.id;
    ev.rule = !header_value("speaker").empty() ? "speaker.metadata"
              : speaker_from_file_name_        ? "speaker.file-name"
                                               : "speaker.inferred";
    store.upsert_edge(node_of(speaker_), store.intern_edge_type("DELIVERED"), this_doc, false, {},
                      {ev});
    ++counts.edges;
  }
  for (const Fact& f : facts_) {
    if (f.subject == kSpeaker && speaker_ == kNoEntity) continue;
    NodeId a =
        f.subject == kThis ? this_doc : node_of(f.subject == kSpeaker ? speaker_ : f.subject);
    NodeId b = node_of(f.object);
    store.upsert_edge(a, store.intern_edge_type(f.relation), b, evidence(f.sentence, f.rule));
    ++counts.edges;
  }
  counts.edges += write_mentions(store, this_doc, node_of, evidence);
  const LoadCounts commitments = write_commitments(store, doc.id, this_doc, node_of, evidence);
  counts.nodes += commitments.nodes;
  counts.edges += commitments.edges;
  counts.edges += write_taxonomy(store, nodes, node_of);
  return counts;
}

// The mention layer: the Document MENTIONS each vocabulary concept it names, with the number of
// times and every sentence naming it as evidence, stance or not (docs/sentences.md).
template <class NodeOf, class EvidenceOf>
size_t DocumentExtraction::write_mentions(GraphStore& store, NodeId this_doc, NodeOf& node_of,
                                          EvidenceOf& evidence) const {
  std::map<uint32_t, std::vector<size_t>> sentences_of;  // entry -> its sentences, one per mention
  for (const auto& [s, entry] : mentions_) sentences_of[entry].push_back(s);
  const EdgeType mentions = store.intern_edge_type("MENTIONS");
  for (const auto& [entry, sentences] : sentences_of) {
    const NodeId concept_node = node_of(entry);
    EdgeId e = 0;
    for (size_t s : sentences)
      e = store.upsert_edge(this_doc, mentions, concept_node, evidence(s, "mention"));
    store.set_edge_property(e, "count", Value(static_cast<int64_t>(sentences.size())));
  }
  return sentences_of.size();
}

// The vocabulary's taxonomy above every vocabulary node written: SPECIALIZES edges up to the
// roots (docs/vocabulary.md), so that the rules' SUPPORTS roll-up reaches the broader principles.
// Their evidence is the vocabulary entry, the same from every document (stored once).
template <class NodeOf>
size_t DocumentExtraction::write_taxonomy(GraphStore& store,
                                          const std::map<uint32_t, NodeId>& written,
                                          NodeOf& node_of) const {
  const auto& entries = res_.vocabulary.entries();
  std::vector<uint32_t> todo;
  for (const auto& [e, node] : written)
    if (e < entries.size() && !entries[e].specializes.empty()) todo.push_back(e);
  std::set<uint32_t> done;
  const EdgeType specializes = store.intern_edge_type("SPECIALIZES");
  size_t edges = 0;
  while (!todo.empty()) {
    const uint32_t e = todo.back();
    todo.pop_back();
    if (!done.insert(e).second) continue;
    for (const std::string& parent_id : entries[e].specializes) {
      const auto* parent = res_.vocabulary.find(parent_id);
      if (!parent) continue;  // the vocabulary checks this at load
      const auto p = static_cast<uint32_t>(parent - entries.data());
      Evidence ev;
      ev.rule = "vocabulary.specializes";
      ev.text = std::filesystem::path(entries[e].file).filename().string() + ": " + entries[e].id +
                " specializes " + parent_id;
      store.upsert_edge(node_of(e), specializes, node_of(p), false, {}, {ev});
      ++edges;
      todo.push_back(p);
    }
  }
  return edges;
}

// A sentence in which the speaker takes a stance is a Commitment (DESIGN.md): the speaker MAKES
// it, it is STATED_IN the document and INVOKES what the stance is about.
template <class NodeOf, class EvidenceOf>
LoadCounts DocumentExtraction::write_commitments(GraphStore& store, const std::string& doc_id,
                                                 NodeId this_doc, NodeOf& node_of,
                                                 EvidenceOf& evidence) const {
  size_t edges = 0, nodes = 0;
  const EdgeType makes = store.intern_edge_type("MAKES"),
                 stated_in = store.intern_edge_type("STATED_IN");
  const EdgeType invokes = store.intern_edge_type("INVOKES");
  std::unordered_map<size_t, std::vector<const Fact*>> speaker_facts;  // by sentence
  for (const Fact& f : facts_)
    if (f.subject == kSpeaker && commitments_.count(f.sentence))
      speaker_facts[f.sentence].push_back(&f);
  for (const auto& [s, c] : commitments_) {
    bool endorses = false, opposes = false;
    std::vector<uint32_t> invoked;
    for (const Fact* fact : speaker_facts[s]) {
      const Fact& f = *fact;
      // Only stances make the commitment; the speaker's relational facts of the same sentence
      // (HOSTED, MEMBER_OF, PARTICIPATES_IN) are neither for nor against anything.
      const bool endorse = f.relation == "ENDORSES";
      if (!endorse && f.relation != "OPPOSES" && f.relation != "CONCERNED_ABOUT") continue;
      (endorse ? endorses : opposes) = true;
      // A commitment invokes concepts: a document it names is REFERENCED, a body it supports
      // ("we support the work of the OEWG") is no concept.
      if (kind_of(f.object) != EntityKind::Document && kind_of(f.object) != EntityKind::Actor)
        invoked.push_back(f.object);
    }
    NodeData node;
    node.id = "commitment:" + doc_id.substr(4) + ":" + std::to_string(sentences_[s].paragraph) +
              "." + std::to_string(sentences_[s].index);
    node.labels = {"Commitment"};
    const std::string_view text = sentence_text(s);
    node.name = shortened(text, 80);
    node.props.push_back({"text", Value(text)});
    node.props.push_back({"polarity", Value(endorses && opposes ? "mixed"
                                            : endorses          ? "positive"
                                                                : "negative")});
    node.props.push_back({"modality", Value(c.modality.empty() ? "assertion" : c.modality)});
    if (!c.enumeration.empty()) node.props.push_back({"enumeration", Value(c.enumeration)});
    const NodeId commitment = store.upsert_node(node);
    ++nodes;
    const GraphStore::PreparedEvidence& ev = evidence(s, "commitment.stance");
    store.upsert_edge(node_of(speaker_), makes, commitment, ev);
    store.upsert_edge(commitment, stated_in, this_doc, ev);
    for (uint32_t e : invoked) store.upsert_edge(commitment, invokes, node_of(e), ev);
    edges += 2 + invoked.size();
  }
  return {nodes, edges};
}

}  // namespace

namespace {

// ontology/text/verbal_forms.tsv: "NOUN-SUFFIX<TAB>VERB-SUFFIX|VERB-SUFFIX...", # comments.
std::vector<std::pair<std::string, std::vector<std::string>>> load_verbal_forms(
    const std::string& path) {
  std::vector<std::pair<std::string, std::vector<std::string>>> forms;
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot read the verbal forms");
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 == line.size())
      throw InputError(path + ":" + std::to_string(number) +
                       ": expected NOUN-SUFFIX<TAB>VERB-SUFFIX|...");
    std::vector<std::string> verbs;
    std::istringstream alternatives(line.substr(tab + 1));
    for (std::string verb; std::getline(alternatives, verb, '|');)
      if (!verb.empty()) verbs.push_back(verb);
    forms.emplace_back(line.substr(0, tab), std::move(verbs));
  }
  return forms;
}

// "militarization of the Internet" -> "militarize Internet", "militarizes Internet", ...: the
// verbal forms of a one-word nominalization and its object (the object's article dropped).
std::vector<std::string> verbal_phrases(
    const std::vector<std::pair<std::string, std::vector<std::string>>>& forms,
    std::string_view phrase) {
  std::vector<std::string> out;
  const size_t of = phrase.find(" of ");
  if (of == std::string_view::npos || phrase.substr(0, of).find(' ') != std::string_view::npos)
    return out;
  const std::string_view noun = phrase.substr(0, of);
  std::string_view object = phrase.substr(of + 4);
  if (object.substr(0, 4) == "the ") object.remove_prefix(4);
  for (const auto& [suffix, verbs] : forms) {
    if (noun.size() <= suffix.size() + 2 || noun.substr(noun.size() - suffix.size()) != suffix)
      continue;
    const std::string_view stem = noun.substr(0, noun.size() - suffix.size());
    for (const auto& verb : verbs)
      out.push_back(std::string(stem) + verb + " " + std::string(object));
  }
  return out;
}

void compile_rule_words(StatementLoader::Impl& impl) {
  const ExtractionRules& rules = impl.rules;
  RuleWords& words = impl.words;
  auto add_all = [&](const std::vector<std::string>& list, uint16_t flag) {
    for (const auto& w : list) words.add(w, flag);
  };
  add_all(rules.speaker_words, kSpeakerWord);
  add_all(rules.clause_breaks, kClauseBreak);
  add_all(rules.modal_words, kModalWord);
  add_all(rules.relative_words, kRelativeWord);
  add_all(rules.event_heads, kEventHead);
  add_all(rules.group_heads, kGroupHead);
  add_all(rules.name_stops, kNameStop);
  for (const auto& [word, type] : rules.document_heads) words.add(word, kDocumentHead);
  add_all(rules.event_stops, kEventStop);
  add_all(rules.modifier_heads, kModifierHead);
  add_all(rules.complement_words, kComplementWord);
  add_all(rules.enumeration_words, kEnumerationWord);
  add_all(rules.clause_openers, kClauseOpener);
  add_all(rules.negatable_words, kNegatable);
  for (const Cue& cue : rules.cues) {
    std::vector<int32_t> ids;
    for (const auto& w : cue.words) ids.push_back(w == "*" ? kWildcard : words.add(w));
    impl.cue_words.push_back(std::move(ids));
  }
  impl.cues_by_first_word.resize(words.flags.size());
  for (uint32_t c = 0; c < impl.cue_words.size(); ++c)
    if (impl.cue_words[c].front() >= 0)
      impl.cues_by_first_word[impl.cue_words[c].front()].push_back(c);
  for (const Pattern& p : rules.patterns) {
    std::vector<std::vector<int32_t>> elements;
    for (const PatternElement& el : p.elements) {
      std::vector<int32_t> ids;
      for (const auto& w : el.words) ids.push_back(words.add(w));
      elements.push_back(std::move(ids));
    }
    impl.pattern_words.push_back(std::move(elements));
  }
  impl.cues_by_first_word.resize(words.flags.size());
  for (const Pattern& p : rules.patterns) {
    std::vector<EntityKind> kinds;
    for (const PatternElement& el : p.elements) kinds.push_back(entity_kind(el.kind));
    impl.pattern_kinds.push_back(std::move(kinds));
  }
  for (int m = 0; m < 12; ++m) impl.month_words[m] = impl.matcher.intern_word(kMonths[m]);
  // Every rule word gets a matcher id, so that identified tokens map to rule words by index.
  for (const auto& [word, id] : words.ids) {
    const uint32_t matcher_id = impl.matcher.intern_word(word);
    if (matcher_id >= words.by_matcher_word.size())
      words.by_matcher_word.resize(matcher_id + 1, kNotARuleWord);
    words.by_matcher_word[matcher_id] = id;
  }
}

}  // namespace

StatementLoader StatementLoader::load_dir(const std::string& dir) {
  auto impl = std::make_shared<Impl>(Impl{ontology::Vocabulary::load_dir(dir + "/vocab"),
                                          text::TextRules::load_dir(dir + "/text"),
                                          ExtractionRules::load_dir(dir + "/extraction"),
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          NounChunker::load_dir(dir + "/text"),
                                          {},
                                          ConceptGate::load_dir(dir + "/text")});
  compile_rule_words(*impl);
  impl->verbal_forms = load_verbal_forms(dir + "/text/verbal_forms.tsv");
  for (const auto& [kind, act] : impl->rules.named_stances)
    impl->named_act[static_cast<size_t>(entity_kind(kind))] = act;
  const auto& entries = impl->vocabulary.entries();
  for (uint32_t e = 0; e < entries.size(); ++e) {
    const auto& en = entries[e];
    for (const auto* list : {&en.aliases, &en.triggers, &en.descriptions})
      for (const auto& phrase : *list) impl->matcher.add(phrase, e);
    for (const auto& phrase : en.anaphors) impl->matcher.add(phrase, e | kAnaphor);
    impl->matcher.add(en.name, e);
    if (en.kind == "Practice" || en.kind == "Topic" || en.kind == "Principle") {
      for (const auto& phrase : verbal_phrases(impl->verbal_forms, en.name))
        impl->matcher.add(phrase, e);
      for (const auto& alias : en.aliases)
        for (const auto& phrase : verbal_phrases(impl->verbal_forms, alias))
          impl->matcher.add(phrase, e);
    }
    impl->concepts.add(impl->chunker, en.name, e);
    for (const auto& a : en.aliases) impl->concepts.add(impl->chunker, a, e);
    impl->text_rules.add_known_words(en.name);
    for (const auto& a : en.aliases) impl->text_rules.add_known_words(a);
    auto flag = [&](const char* key, const Value& expected) {
      const Value* v = find_entry(en.props, key);
      return v && *v == expected;
    };
    impl->info.push_back({entity_kind(en.kind), en.kind == "Actor" && flag("type", Value("state")),
                          flag("series", Value(true))});
    const Value* date = find_entry(en.props, "date");
    const std::string when = date && date->type() == Value::Type::String ? date->as_string() : "";
    impl->year.push_back(year_of(when));
    impl->month.push_back(when.size() >= 7 && when[4] == '-' ? std::atoi(when.c_str() + 5) : 0);
    const Value* negotiated = find_entry(en.props, "negotiated_from");
    const int negotiated_year = negotiated && negotiated->type() == Value::Type::String
                                    ? year_of(negotiated->as_string())
                                    : 0;
    impl->info.back().named_from = negotiated_year ? negotiated_year : impl->year.back();
    impl->info.back().valued = flag("valued", Value(true));
    impl->info.back().named = !flag("named", Value(false));
    if (const Value* type = find_entry(en.props, "type");
        en.kind == "Actor" && type && type->type() == Value::Type::String)
      impl->info.back().actor_type = type->as_string();
  }
  for (uint32_t e = 0; e < entries.size(); ++e) {
    const Value* as = find_entry(entries[e].props, "endorsed_as");
    if (!as || as->type() != Value::Type::String) continue;
    for (uint32_t other = 0; other < entries.size(); ++other)
      if (entries[other].id == as->as_string()) impl->info[e].endorsed_as = other;
    if (impl->info[e].endorsed_as == UINT32_MAX)
      throw InputError(entries[e].id +
                       ": props.endorsed_as names no vocabulary entry: " + as->as_string());
  }
  return StatementLoader(std::move(impl));
}

StatementLoader StatementLoader::load_default() {
  return load_dir(ontology_dir());
}

struct StatementLoader::Prepared::Document {
  DocumentExtraction extraction;
};
StatementLoader::Prepared::Prepared() = default;
StatementLoader::Prepared::~Prepared() = default;
StatementLoader::Prepared::Prepared(Prepared&&) noexcept = default;
StatementLoader::Prepared& StatementLoader::Prepared::operator=(Prepared&&) noexcept = default;

StatementLoader::Prepared StatementLoader::prepare(std::string_view bytes,
                                                   const std::string& file_name) const {
  Prepared p;
  p.doc_ = std::make_unique<Prepared::Document>(
      Prepared::Document{DocumentExtraction(*impl_, file_name, bytes)});
  p.doc_->extraction.run();
  return p;
}

LoadCounts StatementLoader::commit(Prepared&& prepared, GraphStore& store) const {
  if (!prepared.doc_) throw InputError("commit of an empty prepared statement");
  const auto counts = prepared.doc_->extraction.write(store);
  prepared.doc_.reset();
  return counts;
}

LoadCounts StatementLoader::load_file(const std::string& path, GraphStore& store) const {
  return commit(prepare(read_file(path), path), store);
}

LoadCounts StatementLoader::load_text(std::string_view bytes, const std::string& file_name,
                                      GraphStore& store) const {
  return commit(prepare(bytes, file_name), store);
}

std::vector<StatementLoader::FileResult> StatementLoader::load_files(
    const std::vector<std::string>& paths, GraphStore& store, unsigned threads,
    Progress* progress) const {
  // Workers prepare files at most `window` ahead of the committer (bounded memory); the calling
  // thread commits them in order as they become ready, so writing overlaps preparing.
  const size_t window = 256;
  std::vector<FileResult> results(paths.size());
  std::vector<Prepared> prepared(paths.size());
  std::vector<char> ready(paths.size(), 0);
  std::mutex mutex;
  std::condition_variable changed;
  size_t next = 0, committed = 0;
  auto work = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return next >= paths.size() || next < committed + window; });
        if (next >= paths.size()) return;
        i = next++;
      }
      results[i].path = paths[i];
      try {
        prepared[i] = prepare(read_file(paths[i]), paths[i]);
      } catch (const std::exception& e) {
        results[i].error = e.what();
      }
      {
        std::lock_guard lock(mutex);
        ready[i] = 1;
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < std::max(1u, threads); ++t) pool.emplace_back(work);
  for (size_t i = 0; i < paths.size(); ++i) {
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return ready[i] != 0; });
    }
    if (results[i].error.empty()) results[i].counts = commit(std::move(prepared[i]), store);
    {
      std::lock_guard lock(mutex);
      committed = i + 1;
    }
    changed.notify_all();
    report(progress, "ingesting statements", i + 1, paths.size());
  }
  for (auto& t : pool) t.join();
  report_done(progress, "ingesting statements");
  return results;
}

}  // namespace normgraph::loaders
