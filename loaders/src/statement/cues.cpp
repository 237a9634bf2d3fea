// Stance cues: which mentions a cue governs, negation, voices, named stances.
#include "extraction.hpp"

namespace normgraph::loaders {

namespace {
// The cue in force: its act (flipped under a negation) and the cue it came from.
struct ActiveCue {
  StanceAct act;
  const Cue* cue;
  bool negated = false;
  std::string rule() const { return negated ? cue->rule + ".negated" : cue->rule; }
};
}  // namespace

size_t DocumentExtraction::cue_length(const std::vector<Unit>& u, size_t k,
                                      std::span<const int32_t> w) {
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

const Cue* DocumentExtraction::wildcard_head(const std::vector<Unit>& u, size_t k,
                                             const Cue& cue) const {
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

const Cue* DocumentExtraction::cue_at(const std::vector<Unit>& u, size_t k, size_t& length) const {
  const Cue* best = nullptr;
  length = 0;
  if (u[k].id < 0 || static_cast<size_t>(u[k].id) >= res_.cues_by_first_word.size()) return nullptr;
  for (uint32_t c : res_.cues_by_first_word[u[k].id])
    if (size_t n = cue_length(u, k, res_.cue_words[c]); n > length)
      best = &res_.rules.cues[c], length = n;
  return best;
}

bool DocumentExtraction::ill_opens_cue(const std::vector<Unit>& u, size_t k) const {
  if (u[k].type != Unit::Type::Mention || u[k].id < 0 || !is_ill(u[k].entity)) return false;
  size_t length = 0;
  if (!cue_at(u, k, length) || length < 2) return false;
  size_t next = k + length;
  if (next < u.size() && is_determiner(u[next])) ++next;
  return next < u.size() && u[next].type == Unit::Type::Mention && is_ill(u[next].entity);
}

bool DocumentExtraction::speaker_in(const std::vector<Unit>& u) const {
  for (const Unit& x : u) {
    if (x.type == Unit::Type::Mention && x.entity == speaker_) return true;
    if (x.type == Unit::Type::Word && res_.words.has(x.id, kSpeakerWord)) return true;
  }
  return false;
}

bool DocumentExtraction::other_actor_in(const std::vector<Unit>& u) const {
  for (size_t k = 0; k < u.size(); ++k)
    if (u[k].type == Unit::Type::Mention && u[k].entity != speaker_ && is_state(u[k].entity) &&
        subject_position(u, k))
      return true;
  return false;
}

bool DocumentExtraction::subject_position(const std::vector<Unit>& u, size_t k) const {
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

bool DocumentExtraction::other_subject(const std::vector<Unit>& u, size_t k) const {
  for (size_t back = 1; back <= 4 && back <= k; ++back) {
    const Unit& x = u[k - back];
    if (x.type == Unit::Type::Mention) return x.entity != speaker_ && is_state(x.entity);
    if (x.type != Unit::Type::Word || flagged(x, kSpeakerWord)) return false;
    const bool adverb = x.word.size() > 4 && x.word.substr(x.word.size() - 2) == "ly";
    if (!adverb && !res_.chunker.function_word(x.word)) return false;
  }
  return false;
}

const char* DocumentExtraction::stance_relation(StanceAct act, EntityKind kind, bool valued) {
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
      return principle_like || kind == EntityKind::Practice || kind == EntityKind::Topic ? "OPPOSES"
                                                                                         : nullptr;
    case StanceAct::Concern:
      return kind == EntityKind::Topic      ? "CONCERNED_ABOUT"
             : kind == EntityKind::Practice ? "OPPOSES"
                                            : nullptr;
    default:
      return nullptr;
  }
}

void DocumentExtraction::assign(size_t s, uint32_t entity, StanceAct act, const std::string& rule) {
  if (entity < res_.info.size() && !res_.info[entity].stance) return;  // a field, never a target
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

void DocumentExtraction::describe_commitment(size_t s, const std::vector<Unit>& u) {
  Commitment c;
  for (const Unit& x : u) {
    if (c.modality.empty() && flagged(x, kModalWord)) c.modality = modality_of(x.word);
    if (c.enumeration.empty() && flagged(x, kEnumerationWord)) c.enumeration = x.word;
  }
  commitments_[s] = std::move(c);
}

void DocumentExtraction::stance_facts(size_t s, const std::vector<Unit>& u) {
  if (speaker_ == kNoEntity) return;
  const bool own = speaker_in(u), other = other_actor_in(u);
  if (!own && other) {
    named_ills(s, u);
    return;
  }
  const bool positions = own || any_flagged(u, kModalWord);
  std::optional<ActiveCue> active;
  size_t words_since_hit = 0;  // words since the active cue ended or last took a mention
  size_t last_mention = SIZE_MAX;
  bool negated = false;            // a negation waits for the cue it flips or voids
  size_t negation_end = 0;         // the unit after the negation
  bool negation_relative = false;  // "those who do not respect": someone else's failing
  bool negation_speaker = false;   // "we do not", "I will never": the speaker's own negation
  bool other_voice = false;        // "States will sometimes point to ...": not the speaker's stance
  std::vector<size_t> pending;     // mentions no cue has taken yet, for an after-cue
  std::vector<size_t> uncued;      // mentions no cue governed: named-stance may apply at the end
  const size_t facts_before = facts_.size();
  taken_.assign(u.size(), false);
  chunked_ = false;
  size_t reach_end = SIZE_MAX;  // the end of the phrases the active cue governs, when it has some
  size_t wildcard_tail_begin = 0, wildcard_tail_end = 0;  // "against" of "protect * against"
  std::optional<ActiveCue> tail_act;                      // the wildcard cue's, after its tail
  size_t neutral_end = SIZE_MAX;                          // the unit after the last neutral cue
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
      // a cue of ills only ("the rise of terrorism") passes over a good ("the rise of ICTs")
      const bool fits = !active || !active->cue->ills || is_ill(u[k].entity);
      if (active && fits && takes_position(positions, active->act) && !modifier && !complement) {
        assign(s, u[k].entity, active->act, active->rule());
        words_since_hit = 0;
        last_mention = k;
      } else if (!active && !modifier) {
        pending.push_back(k);
        if (!other_voice && !complement) uncued.push_back(k);
      } else if (active && active->act == StanceAct::Endorse && !modifier && !complement &&
                 !other_voice) {
        // An impersonal endorse cue takes no position ("The Group's aim is to promote
        // capacity-building"), but what it names is still named: named-stance decides.
        uncued.push_back(k);
      }
      // A neutral or value cue frames what follows and takes no ill: an ill it covers is
      // still named ("under the pretext of fighting terrorism", "attacks that harm our
      // critical infrastructure and spread disinformation").
      if (active && neutral_like(active->act) && !modifier && !complement && !other_voice &&
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
          phrase_arguments(
              s, u,
              res_.chunker.arguments_before(chunk_view(u), sentence_tags(u, k > 24 ? k - 24 : 0, k),
                                            k, !cue->frame.empty()),
              *cue);
        for (size_t j : pending)  // a framed cue is about its subject's phrases only
          if (!taken_[j] && cue->frame.empty() && (!cue->ills || is_ill(u[j].entity)))
            assign(s, u[j].entity, cue->act, cue->rule);
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
        active = ActiveCue{flipped, cue, true};
        words_since_hit = 0;
        last_mention = SIZE_MAX;
        pending.clear();
      }
    } else if (!cue->weak || !active || active->act == StanceAct::Endorse) {
      active = ActiveCue{cue->act, cue};
      tail_act.reset();
      if (const Cue* inner = wildcard_head(u, k, *cue)) {
        tail_act = active;
        active = ActiveCue{inner->act, inner};
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
    k += star == cue->words.end() ? length - 1 : static_cast<size_t>(star - cue->words.begin()) - 1;
  }
  named_stances(s, u, uncued, facts_before);
}

void DocumentExtraction::named_ills(size_t s, const std::vector<Unit>& u) {
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

void DocumentExtraction::named_stances(size_t s, const std::vector<Unit>& u,
                                       const std::vector<size_t>& uncued, size_t facts_before) {
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

void DocumentExtraction::list_of_ills(size_t s, const std::vector<Unit>& u, size_t k) {
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

}  // namespace normgraph::loaders
