// Tokens, vocabulary mentions (ambiguities resolved by context) and the units cues and
// patterns run on: a word, a punctuation mark or a whole mention.
#include "extraction.hpp"

namespace normgraph::loaders {

uint32_t DocumentExtraction::resolve(const std::vector<uint32_t>& all, int sentence_year,
                                     int sentence_month) const {
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

std::optional<std::pair<size_t, size_t>> DocumentExtraction::event_phrase(
    const std::vector<Token>& t, size_t head) const {
  const RuleWords& words = res_.words;
  // Cheap tests first: this runs at every token.
  if (head + 2 >= t.size() || !t[head].word || !t[head + 2].word) return std::nullopt;
  const std::string& prep = t[head + 1].norm;  // "on" or "of"
  if (prep.size() != 2 || prep[0] != 'o' || (prep[1] != 'n' && prep[1] != 'f')) return std::nullopt;
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

std::optional<DocumentExtraction::NamedPhrase> DocumentExtraction::named_phrase(
    const std::vector<Token>& t, size_t i, const std::vector<uint32_t>& mention_at,
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

std::optional<std::pair<size_t, size_t>> DocumentExtraction::document_phrase(
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

uint32_t DocumentExtraction::document_entity(std::string_view name, std::string_view head) {
  const std::string id = text_node_id("doc:", name);
  if (const uint32_t e = made_from_text(id); e != kNoEntity) return e;
  NodeData node = text_node(id, "Document", name);
  std::string type = "statement";
  for (const auto& [word, kind] : res_.rules.document_heads)
    if (word == head) type = kind;
  node.props.push_back({"type", Value(type)});
  return add_uncurated(std::move(node), EntityKind::Document);
}

std::vector<Unit> DocumentExtraction::sentence_units(size_t s) {
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
    if (!available(e)) continue;  // "sustainable development goals" in 2005 is not the 2030 Agenda
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

void DocumentExtraction::inner_ills(const std::vector<Token>& tokens, size_t first, size_t last) {
  std::vector<Token> inner(tokens.begin() + static_cast<std::ptrdiff_t>(first) + 1,
                           tokens.begin() + static_cast<std::ptrdiff_t>(last));
  for (const auto& m : res_.matcher.match(inner))
    for (uint32_t e : res_.matcher.values(m.phrase))
      if (!(e & kAnaphor) && is_ill(e) && res_.info[e].named)
        inner_ills_.push_back({current_, static_cast<uint32_t>(tokens[first].begin), e});
}

void DocumentExtraction::place_instances(size_t s, std::string_view text, std::vector<Unit>& u) {
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

uint32_t DocumentExtraction::whole_phrase_entry(const std::string& phrase) const {
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

void DocumentExtraction::distribute_coordination(std::string_view text, std::vector<Unit>& u) {
  auto connector = [&](const Unit& x) {
    return is_punct(x, ',') || (x.type == Unit::Type::Word && (x.word == "and" || x.word == "or"));
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
      const std::string item = lower(text.substr(u[first].begin, u[last - 1].end - u[first].begin));
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

bool DocumentExtraction::verbal(std::string_view word) const {
  for (const auto& [noun, verbs] : res_.verbal_forms)
    for (const auto& verb : verbs)
      if (word.size() > verb.size() + 2 && word.substr(word.size() - verb.size()) == verb)
        return true;
  return false;
}

uint32_t DocumentExtraction::group_entity(std::string_view name) {
  const std::string id = text_node_id("group:", name);
  if (const uint32_t e = made_from_text(id); e != kNoEntity) return e;
  NodeData node = text_node(id, "Actor", name);
  node.props.push_back({"type", Value(std::string("group"))});
  return add_uncurated(std::move(node), EntityKind::Actor);
}

}  // namespace normgraph::loaders
