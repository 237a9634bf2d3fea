// Who speaks: the header's speaker, the file name's code, or the state most often the subject.
#include "extraction.hpp"

namespace normgraph::loaders {

void DocumentExtraction::find_speaker_from_metadata() {
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

uint32_t DocumentExtraction::speaker_of_code(const std::string& code) const {
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

void DocumentExtraction::find_speaker_from_text(const std::vector<std::vector<Unit>>& units) {
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

}  // namespace normgraph::loaders
