// Relation patterns: backtracking over units, references between documents.
#include "extraction.hpp"

namespace normgraph::loaders {

bool DocumentExtraction::match_from(const std::vector<Unit>& u, size_t k, const Pattern& p,
                                    size_t e, Captures& caps) const {
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

bool DocumentExtraction::may_match(const Pattern& p) const {
  for (const auto& ids : res_.pattern_words[&p - res_.rules.patterns.data()])
    if (!ids.empty() &&
        std::none_of(ids.begin(), ids.end(), [&](int32_t id) { return present_[id]; }))
      return false;
  return true;
}

void DocumentExtraction::patterns(size_t s, const std::vector<Unit>& u, const Pattern& p) {
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

}  // namespace normgraph::loaders
