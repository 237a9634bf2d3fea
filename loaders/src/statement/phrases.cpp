// Phrase arguments: the noun phrases a cue governs, linked to the vocabulary or made into
// uncurated concepts, and the nodes made from the text.
#include "extraction.hpp"

namespace normgraph::loaders {

std::span<const ChunkUnit> DocumentExtraction::chunk_view(const std::vector<Unit>& u) {
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

const std::vector<Tag>& DocumentExtraction::sentence_tags(const std::vector<Unit>& u, size_t first,
                                                          size_t last) {
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

size_t DocumentExtraction::phrase_arguments(size_t s, const std::vector<Unit>& u,
                                            const std::vector<NounPhrase>& phrases,
                                            const Cue& cue) {
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
    // "prevent cyberspace from being used as a weapon": what is kept from an ill is no ill (the
    // framed cue "from being used as a weapon" names the ill)
    if (act == StanceAct::Counter && frame.empty() && p.last < u.size() &&
        u[p.last].word == "from") {
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
        u[p.first].type == Unit::Type::Mention) {         // a list item that is a mention
      if (cue.ills && !is_ill(u[p.first].entity)) break;  // "the growth of ICTs": no ill
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
    if (e == kNoEntity || (cue.ills && !is_ill(e))) continue;
    assign(s, e, act, rule + ".phrase");
    take(p);
  }
  return end;
}

bool DocumentExtraction::is_determiner(const Unit& x) {
  static const char* const kDeterminers[] = {"the", "a",     "an", "his",  "her", "its",
                                             "our", "their", "my", "your", "this"};
  return x.type == Unit::Type::Word && std::any_of(std::begin(kDeterminers), std::end(kDeterminers),
                                                   [&](const char* d) { return x.word == d; });
}

bool DocumentExtraction::has_cue(const std::vector<Unit>& u, size_t first, size_t last) const {
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

bool DocumentExtraction::gate_admits(const std::vector<Unit>& u, const NounPhrase& p,
                                     std::string_view span) const {
  std::vector<std::string_view> words;
  for (size_t k = p.first; k < p.last; ++k)
    words.push_back(u[k].type == Unit::Type::Mention
                        ? span.substr(u[k].begin - u[p.first].begin, u[k].end - u[k].begin)
                        : std::string_view(u[k].word));
  return res_.gate.refusal(res_.chunker, words, p.head - p.first, p.complement - p.first).empty();
}

uint32_t DocumentExtraction::concept_entity(StanceAct act, const std::vector<Unit>& u,
                                            const NounPhrase& p, std::string_view span) {
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

uint32_t DocumentExtraction::framed_entity(StanceAct act, const std::vector<Unit>& u,
                                           const NounPhrase& p, const std::string& text) {
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
  const EntityKind kind = act == StanceAct::Endorse ? EntityKind::Principle : EntityKind::Practice;
  const std::string canonical = concept_phrase(res_.chunker, text);
  const std::string id =
      text_node_id(kind == EntityKind::Principle ? "principle:" : "practice:", canonical);
  if (const uint32_t e = made_from_text(id); e != kNoEntity) return e;
  NodeData node = text_node(id, kind == EntityKind::Principle ? "Principle" : "Practice",
                            lowercase_words(text));
  if (canonical != node.name) node.aliases.push_back(canonical);
  return add_uncurated(std::move(node), kind);
}

NodeData DocumentExtraction::text_node(const std::string& id, const char* label,
                                       std::string_view name) {
  NodeData node;
  node.id = id;
  node.labels = {label};
  node.name = std::string(name);
  return node;
}

uint32_t DocumentExtraction::add_uncurated(NodeData node, EntityKind kind) {
  node.props.push_back({"curated", Value(false)});
  const std::string id = node.id;
  events_.push_back(std::move(node));
  text_kinds_.push_back(kind);
  const uint32_t e = static_cast<uint32_t>(res_.vocabulary.size() + events_.size() - 1);
  text_nodes_.emplace(id, e);
  return e;
}

}  // namespace normgraph::loaders
