#pragma once
// The extraction of one statement (docs/extraction-rules.md). Per sentence: tokens, vocabulary
// mentions (ambiguous ones resolved by what the text mentioned before, a year in the sentence,
// the statement's date), event phrases, then units (a word, a punctuation mark or a whole
// mention) on which the stance cues and the relation patterns of the extraction rules run.
// Every fact carries its sentence. One stage a file: document.cpp (the run), speaker.cpp,
// units.cpp (tokens, mentions, units), cues.cpp (stance cues), phrases.cpp (phrase arguments
// and the concepts made from them), patterns.cpp (relation patterns), write.cpp (the graph);
// statement_loader.cpp loads the rules and runs documents through them.

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <sstream>
#include <unordered_map>

#include "../concept_gate.hpp"
#include "../concept_linker.hpp"
#include "../extraction_rules.hpp"
#include "../noun_chunker.hpp"
#include "normgraph/core/errors.hpp"
#include "normgraph/core/files.hpp"
#include "normgraph/core/ontology_dir.hpp"
#include "normgraph/core/strings.hpp"
#include "normgraph/loaders/phrase_matcher.hpp"
#include "normgraph/loaders/statement.hpp"
#include "normgraph/loaders/text.hpp"
#include "normgraph/loaders/vocabulary_nodes.hpp"
#include "normgraph/ontology/vocabulary.hpp"

namespace normgraph::loaders {

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
inline EntityKind entity_kind(std::string_view kind) {
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
  // props.stance false: a field named and linked, never a stance's target ("information and
  // communication technologies": developing them is no concern about them).
  bool stance = true;
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

constexpr uint32_t kNoEntity = UINT32_MAX;
// Marks a matcher value that came from an entry's `anaphors`: it needs an antecedent.
constexpr uint32_t kAnaphor = 0x40000000;

// The first 19xx or 20xx standing alone in `s`, or 0. Runs over every sentence: no allocations,
// no string compares.
inline int year_of(std::string_view s) {
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
inline std::string shortened(std::string_view text, size_t max) {
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

  void run();

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
  std::string title() const;
  int file_year() const;
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
  void find_speaker_from_metadata();
  // The file name's prefix is the speaker's code: a state's ISO3 code (RUS_2021_...,
  // AFG_55_2000.txt) or an organization's capitalised alias (the European Union's EU_77_2022.txt).
  uint32_t speaker_of_code(const std::string& code) const;
  // The state most often the subject of a sentence: its first unit, or the first after an
  // opening phrase ended by a comma.
  void find_speaker_from_text(const std::vector<std::vector<Unit>>& units);

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

  uint32_t resolve(const std::vector<uint32_t>& all, int sentence_year, int sentence_month) const;

  // "an ARF workshop on capacity building of cyber security": [first, last) tokens, or none.
  std::optional<std::pair<size_t, size_t>> event_phrase(const std::vector<Token>& t,
                                                        size_t head) const;

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
                                          const std::vector<size_t>& mention_end) const;

  // "the statement of the Freedom Online Coalition": a document head, `of`, an actor's mention
  // ([first, last) tokens), when no vocabulary mention starts at the head.
  std::optional<std::pair<size_t, size_t>> document_phrase(
      const std::vector<Token>& t, size_t i, const std::vector<uint32_t>& mention_at,
      const std::vector<size_t>& mention_end) const;

  // A document named by its author, made from the text (props.curated false).
  uint32_t document_entity(std::string_view name, std::string_view head);

  static bool is_determiner_word(std::string_view w) {
    return w == "the" || w == "a" || w == "an" || w == "our" || w == "its" || w == "their" ||
           w == "this" || w == "these" || w == "that" || w == "my" || w == "his" || w == "her";
  }

  std::vector<Unit> sentence_units(size_t s);

  // A name that holds an ill names it: "a convention on combating cybercrime", "the Office of
  // Counter-Terrorism". Kept by the name's first byte for named_stances.
  void inner_ills(const std::vector<Token>& tokens, size_t first, size_t last);

  // An ill named with the state it happens in or to is a concept of its own, a narrower form of
  // the ill: "the war in Ukraine" (SPECIALIZES armed conflict), "aggression against Cuba". The
  // stance goes to it; the taxonomy carries it up to the vocabulary's entry.
  void place_instances(size_t s, std::string_view text, std::vector<Unit>& u);

  // The vocabulary entry that the whole of `phrase` names, or kNoEntity.
  uint32_t whole_phrase_entry(const std::string& phrase) const;

  // A mention shares its head or its complement with the bare words coordinated with it:
  // "freedom of association, opinion or expression" also names freedom of opinion and freedom
  // of expression; "the militarization of outer space and cyberspace" the militarization of
  // cyberspace; "isolationist, protectionist and even xenophobic sentiments" isolationist and
  // protectionist sentiments. A coordinated word (or a run of up to three words) becomes a
  // mention when the phrase it makes with the mention's shared part is one vocabulary entry.
  void distribute_coordination(std::string_view text, std::vector<Unit>& u);

  // A verb of verbal_forms.tsv ("militarize", "weaponising").
  bool verbal(std::string_view word) const;

  // An event named in the text (props.curated false).
  uint32_t event_entity(std::string_view name) {
    const std::string id = text_node_id("event:", name);
    if (const uint32_t e = made_from_text(id); e != kNoEntity) return e;
    return add_uncurated(text_node(id, "Event", name), EntityKind::Event);
  }

  // A group, centre or programme named in the text and not in the vocabulary: an Actor of
  // type group, made from the text (props.curated false).
  uint32_t group_entity(std::string_view name);

  // ---- stance cues
  // Length in units of the cue words `w` matched from unit k, or 0.
  static size_t cue_length(const std::vector<Unit>& u, size_t k, std::span<const int32_t> w);

  // For a wildcard cue whose first words are a cue of their own without a wildcard ("protect" of
  // "protect * against"), that cue; else null.
  const Cue* wildcard_head(const std::vector<Unit>& u, size_t k, const Cue& cue) const;

  // The longest cue starting at unit k, or null.
  const Cue* cue_at(const std::vector<Unit>& u, size_t k, size_t& length) const;

  // "the war against terrorism", "the war on drugs": an ill's one word opening a cue whose
  // object is another ill is the cue's verb, not a mention ("the war on Gaza" stays a war).
  bool ill_opens_cue(const std::vector<Unit>& u, size_t k) const;

  bool speaker_in(const std::vector<Unit>& u) const;
  // Another state as a subject: at a clause's start, past "the" and other actors of a list
  // ("China and Russia submitted", "In 2011, the United States said"). A state after a
  // preposition or a verb is an object or a frame ("sever relations with Iran", "carried out by
  // the Islamic Republic of Iran"): the sentence stays the speaker's.
  bool other_actor_in(const std::vector<Unit>& u) const;
  bool subject_position(const std::vector<Unit>& u, size_t k) const;

  // "if India is genuinely concerned about infiltration": another state is the cue's subject
  // (right before it, over auxiliaries and adverbs), so the act is that state's.
  bool other_subject(const std::vector<Unit>& u, size_t k) const;

  static const char* stance_relation(StanceAct act, EntityKind kind, bool valued = false);

  void assign(size_t s, uint32_t entity, StanceAct act, const std::string& rule);
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
  void describe_commitment(size_t s, const std::vector<Unit>& u);

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

  void stance_facts(size_t s, const std::vector<Unit>& u);

  // In a sentence whose subject is another state ("Russia's cyberattack against Ukraine served
  // to prepare its invasion") the speaker takes no position from cues, but an ill it names is
  // still a concern of its own: the Topics whose named-stance is concern (not valued ones).
  void named_ills(size_t s, const std::vector<Unit>& u);

  // A vocabulary mention that no cue governed takes its kind's named-stance ("Cybercrime and
  // ransomware know no pity" names two ills: concern), unless a phrase argument or an after-cue
  // took it, or its entry opts out (props.named false).
  void named_stances(size_t s, const std::vector<Unit>& u, const std::vector<size_t>& uncued,
                     size_t facts_before);

  // A list of ills names ills throughout: "through disinformation, cyberattacks, economic
  // influence, energy pressures and interference" makes "economic influence" and "energy
  // pressures" concerns too. Only a list with two ill mentions or more and no good in it; each
  // other item must pass what makes any phrase a concept (the gate, no valued head).
  void list_of_ills(size_t s, const std::vector<Unit>& u, size_t k);

  // ---- phrase arguments (noun_chunker.hpp, concept_linker.hpp)
  std::span<const ChunkUnit> chunk_view(const std::vector<Unit>& u);
  // The tags of units [first, last) at least: only the stretch a cue's arguments may cover is
  // tagged, which spares the lexicon lookups of long sentences (untagged units end a phrase).
  const std::vector<Tag>& sentence_tags(const std::vector<Unit>& u, size_t first, size_t last);

  // The units of `p` belong to a phrase argument: no cue or named stance takes them again.
  void take(const NounPhrase& p) {
    std::fill(taken_.begin() + static_cast<std::ptrdiff_t>(p.first),
              taken_.begin() + static_cast<std::ptrdiff_t>(p.last), true);
  }

  // Each phrase a cue governs links to a vocabulary entry or becomes an uncurated concept; a
  // phrase that is a mention (with modifiers) is left to the mention rules.
  // Returns the end of the last phrase it took, or SIZE_MAX when none.
  size_t phrase_arguments(size_t s, const std::vector<Unit>& u,
                          const std::vector<NounPhrase>& phrases, const Cue& cue);

  static bool is_determiner(const Unit& x);

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

  bool has_cue(const std::vector<Unit>& u, size_t first, size_t last) const;

  // The concept gate (concept_gate.hpp) on the phrase's words.
  bool gate_admits(const std::vector<Unit>& u, const NounPhrase& p, std::string_view span) const;

  // An uncurated concept named by the phrase (node id from its key, merged across documents), or
  // none for a light head, a name ("the Paris Call"), or a head that names people, places, times.
  uint32_t concept_entity(StanceAct act, const std::vector<Unit>& u, const NounPhrase& p,
                          std::string_view span);

  // The concept a framed cue names: "militarization of" + "cyberspace" links to the
  // vocabulary's entry, else it is a concept of its own (a Principle when endorsed, else a
  // Practice: the frame names an act). An argument that names nothing (a pronoun, a vague or
  // light noun, a person or a place) frames nothing.
  uint32_t framed_entity(StanceAct act, const std::vector<Unit>& u, const NounPhrase& p,
                         const std::string& text);

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
  static NodeData text_node(const std::string& id, const char* label, std::string_view name);
  // A concept made from the text (props.curated false), kept by its id for the next mention.
  uint32_t add_uncurated(NodeData node, EntityKind kind);

  // ---- relation patterns (backtracking over units)
  using Captures = std::vector<std::vector<uint32_t>>;  // by pattern element

  bool match_from(const std::vector<Unit>& u, size_t k, const Pattern& p, size_t e,
                  Captures& caps) const;

  // A pattern can only match a sentence that has one of the words of each of its word elements:
  // checked first, it spares the backtracking nearly everywhere.
  bool may_match(const Pattern& p) const;

  void patterns(size_t s, const std::vector<Unit>& u, const Pattern& p);

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

}  // namespace normgraph::loaders
