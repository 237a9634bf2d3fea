// Tags and noun phrases (noun_chunker.hpp). The lexicon is WordNet's (scripts/make-pos-lexicon.py);
// inflected forms are found with WordNet's own suffix rules ("morphy") and exception lists.
#include "noun_chunker.hpp"

#include <cstring>
#include <fstream>
#include <sstream>

#include "normgraph/core/errors.hpp"

namespace normgraph::loaders {

namespace {

constexpr uint8_t kNounBit = 1, kVerbBit = 2, kAdjBit = 4, kAdvBit = 8;

uint8_t pos_bit(char c) {
  switch (c) {
    case 'n':
      return kNounBit;
    case 'v':
      return kVerbBit;
    case 'a':
      return kAdjBit;
    case 'r':
      return kAdvBit;
    default:
      return 0;
  }
}

NounClass noun_class_of(std::string_view name) {
  static const std::pair<const char*, NounClass> kClasses[] = {
      {"act", NounClass::Act},
      {"attribute", NounClass::Attribute},
      {"cognition", NounClass::Cognition},
      {"communication", NounClass::Communication},
      {"event", NounClass::Event},
      {"state", NounClass::State},
      {"phenomenon", NounClass::Phenomenon},
      {"process", NounClass::Process},
      {"relation", NounClass::Relation},
      {"possession", NounClass::Possession},
      {"feeling", NounClass::Feeling},
      {"motive", NounClass::Motive},
      {"artifact", NounClass::Artifact},
      {"person", NounClass::Person},
      {"group", NounClass::Group},
      {"location", NounClass::Location},
      {"time", NounClass::Time},
      {"quantity", NounClass::Quantity}};
  for (const auto& [n, c] : kClasses)
    if (name == n) return c;
  return name.empty() ? NounClass::None : NounClass::Other;
}

Tag tag_named(std::string_view name) {
  static const std::pair<const char*, Tag> kTags[] = {
      {"det", Tag::Det},   {"prep", Tag::Prep},   {"conj", Tag::Conj}, {"sub", Tag::Sub},
      {"pron", Tag::Pron}, {"modal", Tag::Modal}, {"aux", Tag::Aux},   {"neg", Tag::Neg},
      {"to", Tag::To},     {"num", Tag::Num},     {"adv", Tag::Adv}};
  for (const auto& [n, t] : kTags)
    if (name == n) return t;
  return Tag::Other;
}

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() > end.size() && s.substr(s.size() - end.size()) == end;
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

bool nominal(Tag t) {
  return t == Tag::Noun || t == Tag::Adj || t == Tag::Mention || t == Tag::Num;
}

}  // namespace

NounChunker NounChunker::load_dir(const std::string& text_dir) {
  NounChunker c;
  auto each_line = [&](const std::string& name, auto&& on_line) {
    const std::string path = text_dir + "/" + name;
    std::ifstream in(path);
    if (!in) return;
    std::string line;
    for (size_t number = 1; std::getline(in, line); ++number) {
      if (line.empty() || line[0] == '#') continue;
      on_line(line, path + ":" + std::to_string(number));
    }
  };
  each_line("pos_lexicon.tsv", [&](const std::string& line, const std::string& where) {
    std::vector<std::string> f;
    std::stringstream in(line);
    for (std::string part; std::getline(in, part, '\t');) f.push_back(part);
    if (f.size() < 2) throw InputError(where + ":1: expected WORD<TAB>POS[<TAB>CLASS]");
    if (f[0][0] == '=') {  // an irregular inflection: =FORM LEMMA POS
      if (f.size() < 3) throw InputError(where + ":1: expected =FORM<TAB>LEMMA<TAB>POS");
      c.irregular_[f[0].substr(1)] = {f[1], pos_bit(f[2][0])};
      return;
    }
    Entry e;
    for (char p : f[1]) e.pos |= pos_bit(p);
    e.first = pos_bit(f[1][0]);
    if (f.size() > 2) e.noun_class = noun_class_of(f[2]);
    c.lexicon_[f[0]] = e;
  });
  each_line("function_words.tsv", [&](const std::string& line, const std::string& where) {
    const size_t tab = line.find('\t');
    const Tag t = tab == std::string::npos ? Tag::Other : tag_named(line.substr(0, tab));
    if (t == Tag::Other) throw InputError(where + ":1: expected TAG<TAB>words with a known tag");
    for (const auto& w : split_words(line.substr(tab + 1))) c.function_words_.try_emplace(w, t);
  });
  each_line("light_nouns.txt", [&](const std::string& line, const std::string&) {
    for (const auto& w : split_words(line)) c.light_.try_emplace(w, false);
  });
  each_line("vague_nouns.txt", [&](const std::string& line, const std::string&) {
    for (const auto& w : split_words(line)) c.vague_[w] = true;
  });
  each_line("valued_nouns.txt", [&](const std::string& line, const std::string&) {
    for (const auto& w : split_words(line)) c.valued_[w] = true;
  });
  each_line("style_capitals.txt", [&](const std::string& line, const std::string&) {
    for (const auto& w : split_words(line)) c.style_capitals_[w] = true;
  });
  each_line("transparent_nouns.txt", [&](const std::string& line, const std::string&) {
    for (const auto& w : split_words(line)) c.light_[w] = true;
  });
  return c;
}

const NounChunker::Entry* NounChunker::find(std::string_view word) const {
  auto it = lexicon_.find(word);
  return it == lexicon_.end() ? nullptr : &it->second;
}

// WordNet's morphy: a lemma for each suffix rule of the part of speech, accepted when the
// lexicon has that lemma as that part of speech.
NounChunker::Entry NounChunker::lookup(std::string_view word) const {
  Entry out;
  if (const Entry* e = find(word)) out = *e;
  if (auto it = irregular_.find(word); it != irregular_.end())
    if (const Entry* lemma = find(it->second.first)) {
      out.pos |= it->second.second;
      if (!out.first) out.first = it->second.second;
      if (out.noun_class == NounClass::None) out.noun_class = lemma->noun_class;
    }
  struct Rule {
    const char* suffix;
    const char* ending;
    uint8_t bit;
  };
  static const Rule kRules[] = {
      {"s", "", kNounBit},      {"ses", "s", kNounBit},   {"xes", "x", kNounBit},
      {"zes", "z", kNounBit},   {"ches", "ch", kNounBit}, {"shes", "sh", kNounBit},
      {"men", "man", kNounBit}, {"ies", "y", kNounBit},   {"s", "", kVerbBit},
      {"ies", "y", kVerbBit},   {"es", "e", kVerbBit},    {"es", "", kVerbBit},
      {"ed", "e", kVerbBit},    {"ed", "", kVerbBit},     {"ing", "e", kVerbBit},
      {"ing", "", kVerbBit},    {"er", "", kAdjBit},      {"est", "", kAdjBit},
      {"er", "e", kAdjBit},     {"est", "e", kAdjBit}};
  for (const Rule& r : kRules) {
    if (!ends_with(word, r.suffix) || (r.bit == kNounBit && ends_with(word, "ss"))) continue;
    thread_local std::string lemma;  // no allocation per rule: this runs for every word
    lemma.assign(word.substr(0, word.size() - std::strlen(r.suffix))).append(r.ending);
    const Entry* e = find(lemma);
    // "committed" -> "commit", "planning" -> "plan": a doubled final consonant
    if (!e && r.bit == kVerbBit && !*r.ending && lemma.size() > 2 &&
        lemma.back() == lemma[lemma.size() - 2])
      e = find(std::string_view(lemma).substr(0, lemma.size() - 1));
    if (!e || !(e->pos & r.bit)) continue;
    out.pos |= r.bit;
    if (!out.first) out.first = e->first & r.bit ? r.bit : e->first & out.pos ? e->first : r.bit;
    if (out.noun_class == NounClass::None && r.bit == kNounBit) out.noun_class = e->noun_class;
  }
  return out;
}

// Contextual rules for a word with several parts of speech; the word before decides mostly.
Tag NounChunker::choose(const Entry& e, std::string_view word, Tag previous,
                        std::span<const ChunkUnit> units, size_t k, bool next_nominal) const {
  auto tag_of_bit = [](uint8_t bit) {
    return bit == kNounBit   ? Tag::Noun
           : bit == kVerbBit ? Tag::Verb
           : bit == kAdjBit  ? Tag::Adj
                             : Tag::Adv;
  };
  if (e.pos == 0)
    return ends_with(word, "ly") ? Tag::Adv : Tag::Noun;  // a word WordNet lacks: "cyberattacks"
  if ((e.pos & (e.pos - 1)) == 0) return tag_of_bit(e.pos);
  const bool noun = e.pos & kNounBit, verb = e.pos & kVerbBit, adj = e.pos & kAdjBit;
  auto next_is_nominal = [&] { return next_nominal; };
  switch (previous) {
    case Tag::Modal:
    case Tag::To:
    case Tag::Pron:
      if (verb) return Tag::Verb;
      break;
    case Tag::Det:
    case Tag::Adj:
    case Tag::Num:
      if (adj && next_is_nominal()) return Tag::Adj;
      if (noun) return Tag::Noun;
      break;
    case Tag::Prep:
      if (verb && ends_with(word, "ing")) return Tag::Verb;  // "in combating terrorism"
      if (adj && next_is_nominal()) return Tag::Adj;
      if (noun) return Tag::Noun;
      break;
    case Tag::Aux:
      if (adj) return Tag::Adj;  // "is essential"
      if (verb) return Tag::Verb;
      break;
    case Tag::Verb:
      if (adj && next_is_nominal()) return Tag::Adj;  // "establish clear rules"
      if (noun && !verb) return Tag::Noun;
      break;
    case Tag::Noun:
    case Tag::Mention:
      // "climate change are", "climate change.": a compound's noun when no object follows
      if (noun && !next_nominal) {
        const auto next =
            k + 1 < units.size() ? function_words_.find(units[k + 1].word) : function_words_.end();
        const bool closes = k + 1 >= units.size() || units[k + 1].punct ||
                            (next != function_words_.end() && next->second != Tag::Det &&
                             next->second != Tag::Pron);
        if (closes) return Tag::Noun;
      }
      if (e.first == kVerbBit || (verb && (ends_with(word, "ed")))) return Tag::Verb;
      if (noun) return Tag::Noun;
      break;
    default:
      break;
  }
  // "fair and equitable regulation", "a free, open and secure cyberspace"
  const bool next_coordinates =
      k + 2 < units.size() &&
      (units[k + 1].word == "and" || units[k + 1].word == "or" || units[k + 1].word == ",");
  if (adj && (e.first == kAdjBit || previous == Tag::Det) && next_coordinates) return Tag::Adj;
  if (e.first == kAdjBit && adj && next_is_nominal()) return Tag::Adj;
  if (e.first == kAdjBit && noun && !next_is_nominal()) return Tag::Noun;
  return tag_of_bit(e.first ? e.first : kNounBit);
}

std::vector<Tag> NounChunker::tag(std::span<const ChunkUnit> units) const {
  // First what each unit can be (one lexicon lookup per word), then the contextual choice.
  std::vector<Tag> tags(units.size(), Tag::Other);
  thread_local std::vector<Entry> entries;
  entries.assign(units.size(), Entry{});
  for (size_t k = 0; k < units.size(); ++k) {
    const ChunkUnit& u = units[k];
    if (u.mention) {
      tags[k] = Tag::Mention;
    } else if (u.punct) {
      tags[k] = Tag::Punct;
    } else if (auto it = function_words_.find(u.word); it != function_words_.end()) {
      tags[k] = it->second;
    } else if (!u.word.empty() && u.word[0] >= '0' && u.word[0] <= '9') {
      tags[k] = Tag::Num;
    } else {
      entries[k] = lookup(u.word);
    }
  }
  auto nominal_at = [&](size_t k) {
    if (k >= units.size()) return false;
    if (tags[k] == Tag::Mention) return true;
    if (tags[k] != Tag::Other) return false;
    return entries[k].pos == 0 || (entries[k].pos & (kNounBit | kAdjBit));
  };
  Tag previous = Tag::Punct;
  for (size_t k = 0; k < units.size(); ++k) {
    if (tags[k] == Tag::Other)
      tags[k] = choose(entries[k], units[k].word, previous, units, k, nominal_at(k + 1));
    previous = tags[k];
  }
  return tags;
}

bool NounChunker::light(std::string_view word) const {
  return light_.count(word) > 0;
}

bool NounChunker::can_be_verb(std::string_view word) const {
  return lookup(word).pos & kVerbBit;
}

bool NounChunker::adjective_first(std::string_view word) const {
  const Entry* e = find(word);
  return e && e->first == kAdjBit;
}

bool NounChunker::transparent(std::string_view word) const {
  auto it = light_.find(word);
  return it != light_.end() && it->second;
}

NounClass NounChunker::noun_class(std::string_view word) const {
  return lookup(word).noun_class;
}

std::string NounChunker::noun_lemma(std::string_view word) const {
  if (const Entry* e = find(word); e && (e->pos & kNounBit)) return std::string(word);
  if (auto it = irregular_.find(word); it != irregular_.end() && it->second.second == kNounBit)
    return it->second.first;
  for (const auto& [suffix, ending] : {std::pair{"ies", "y"},
                                       {"ses", "s"},
                                       {"xes", "x"},
                                       {"ches", "ch"},
                                       {"shes", "sh"},
                                       {"s", ""}}) {
    if (!ends_with(word, suffix) || ends_with(word, "ss") || word.size() < 4) continue;
    std::string lemma = std::string(word.substr(0, word.size() - std::strlen(suffix))) + ending;
    const Entry* e = find(lemma);
    if (e ? (e->pos & kNounBit) : std::string_view(suffix) == "s")
      return lemma;  // unknown words: drop the s
  }
  return std::string(word);
}

bool NounChunker::phrase_at(std::span<const ChunkUnit> units, const std::vector<Tag>& tags,
                            size_t k, NounPhrase& out, int depth) const {
  size_t i = k;
  while (i < units.size() && tags[i] == Tag::Det) ++i;
  const size_t first = i;
  while (i < units.size() && nominal(tags[i])) {
    ++i;
    // coordinated adjectives share the noun: "free, open, safe, secure and stable cyberspace"
    if (tags[i - 1] == Tag::Adj && i + 1 < units.size() && tags[i + 1] == Tag::Adj &&
        (units[i].word == "," || units[i].word == "and" || units[i].word == "or"))
      ++i;
  }
  if (i == first || i - first > 12) return false;
  if (tags[i - 1] != Tag::Noun && tags[i - 1] != Tag::Mention) return false;  // "is essential"
  if (tags[i - 1] == Tag::Noun && function_words_.count(units[i - 1].word)) return false;
  const size_t head = i - 1;
  out = {first, i, head, i};
  if (i + 1 < units.size() && depth < 2 && tags[i] == Tag::Prep) {
    const std::string_view prep = units[i].word;
    const NounClass cls = tags[head] == Tag::Noun ? noun_class(units[head].word) : NounClass::None;
    const bool is_light = tags[head] == Tag::Noun && light(units[head].word);
    const bool action = (cls == NounClass::Act || cls == NounClass::Event) && !is_light;
    // "interference in internal affairs", "attacks on critical infrastructure", "respect for"
    const bool attaches =
        prep == "of" || (action && (prep == "in" || prep == "on" || prep == "against")) ||
        (prep == "on" && !is_light && cls == NounClass::Communication) ||  // "an agreement on X"
        (prep == "for" && (is_light || action || cls == NounClass::Communication));
    NounPhrase inner;
    if (attaches && phrase_at(units, tags, i + 1, inner, depth + 1)) out.last = inner.last;
  }
  return true;
}

// Where the next item of a list starts after a phrase ending at `k` ("X, Y", "X and Y", "X as
// well as Y", "X and in particular Y", "threats such as Y", "risks: Y"), or 0 when none.
size_t NounChunker::connector(std::span<const ChunkUnit> units, size_t k, bool after_light) const {
  auto word = [&](size_t i) { return i < units.size() ? units[i].word : std::string_view(); };
  size_t i = k;
  if (word(i) == ",") ++i;
  if (word(i) == "and" || word(i) == "or") {
    ++i;
  } else if (word(i) == "as" && word(i + 1) == "well" && word(i + 2) == "as") {
    i += 3;
  } else if ((word(i) == ":" || word(i) == "-") && after_light) {  // "threats - X and Y"
    ++i;
  } else if (word(i) == "such" && word(i + 1) == "as") {
    i += 2;
  } else if (word(i) == "including" || word(i) == "especially" || word(i) == "notably" ||
             word(i) == "particularly") {
    ++i;
  } else if (i == k) {
    return 0;  // neither a comma nor a conjunction
  }
  if (word(i) == "in" && word(i + 1) == "particular") i += 2;
  if (word(i) == "such" && word(i + 1) == "as") i += 2;
  if (word(i) == "including" || word(i) == "especially" || word(i) == "also" || word(i) == "even")
    ++i;
  return i < units.size() ? i : 0;
}

std::vector<NounPhrase> NounChunker::arguments_after(std::span<const ChunkUnit> units,
                                                     const std::vector<Tag>& tags,
                                                     size_t from) const {
  std::vector<NounPhrase> out;
  NounPhrase p;
  // "risks: X and Y", "the very real threats - X and Y" (an em dash is a "-" between spaces)
  size_t k =
      from < units.size() && (units[from].word == ":" || units[from].word == "-") ? from + 1 : from;
  for (int items = 0; items < 12 && k < units.size() && phrase_at(units, tags, k, p); ++items) {
    const bool is_light = tags[p.head] == Tag::Noun && light(units[p.head].word);
    if (!is_light) {
      out.push_back(p);
    } else if (p.complement <
               p.last) {  // "the promotion of human rights": what the complement names
      const bool curated_only = transparent(units[p.head].word);
      for (NounPhrase inner : arguments_after(units, tags, p.complement + 1)) {
        inner.curated_only |= curated_only;
        out.push_back(inner);
        p.last = std::max(p.last, inner.last);
      }
    }
    k = connector(units, p.last, is_light);
    if (k == 0) break;
    // "resolution of disputes and conflicts": a bare noun after a plain "and" continues the
    // complement of a non-light phrase, it is no item of the list
    NounPhrase next;
    // ("violations of human rights and inadequate social development": an adjective opens an
    // item of its own)
    if (!is_light && p.complement < p.last && k == p.last + 1 && tags[k] == Tag::Noun &&
        phrase_at(units, tags, k, next)) {
      out.back().last = next.last;
      k = connector(units, next.last, false);
      if (k == 0) break;
    }
  }
  return out;
}

std::vector<NounPhrase> NounChunker::arguments_before(std::span<const ChunkUnit> units,
                                                      const std::vector<Tag>& tags, size_t end,
                                                      bool keep_light) const {
  // Over the auxiliaries and adverbs between the subject and the cue ("X is increasingly ...").
  while (end > 0 &&
         (tags[end - 1] == Tag::Aux || tags[end - 1] == Tag::Adv || tags[end - 1] == Tag::Modal))
    --end;
  if (end == 0 || tags[end - 1] == Tag::Neg) return {};
  std::vector<NounPhrase> out;
  bool conjunction_seen = false;
  for (int items = 0; items < 12 && end > 0; ++items) {
    NounPhrase found;
    bool any = false;
    for (size_t start = end > 12 ? end - 12 : 0; start < end && !any; ++start)
      if ((start == 0 || (!nominal(tags[start - 1]) && tags[start - 1] != Tag::Det)) &&
          phrase_at(units, tags, start, found) && found.last == end)
        any = true;
    if (!any) break;
    size_t before = found.first;
    while (before > 0 && tags[before - 1] == Tag::Det) --before;
    if (before > 0 && tags[before - 1] == Tag::Prep) {
      // The complement of a larger phrase ("activity against hospitals and energy grids is on the
      // rise"): that phrase, through its coordinated complements, is the subject.
      const size_t last = out.empty() ? found.last : out.front().last;
      out.clear();
      NounPhrase outer;
      for (size_t start = before > 13 ? before - 13 : 0; start + 1 < before; ++start)
        if ((start == 0 || (!nominal(tags[start - 1]) && tags[start - 1] != Tag::Det)) &&
            phrase_at(units, tags, start, outer) && outer.complement == before - 1) {
          outer.last = last;
          if (keep_light || !(tags[outer.head] == Tag::Noun && light(units[outer.head].word)))
            out.push_back(outer);
          break;
        }
      break;
    }
    if (keep_light || !(tags[found.head] == Tag::Noun && light(units[found.head].word)))
      out.insert(out.begin(), found);
    // "X, Y and Z are": a bare comma continues a list only after its conjunction; before the
    // last item it ends an introductory phrase ("In a context of tensions, cyberspace is ...")
    const std::string_view joint = before >= 1 ? units[before - 1].word : std::string_view();
    conjunction_seen |= joint == "and" || joint == "or";
    if (joint == "and" || joint == "or" || (joint == "," && conjunction_seen)) {
      end = before - 1;
      if (end > 0 && units[end - 1].word == ",") --end;
    } else {
      break;
    }
  }
  return out;
}

}  // namespace normgraph::loaders
