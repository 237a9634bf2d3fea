// One document's run through the stages, its title and its year.
#include "extraction.hpp"

namespace normgraph::loaders {

void DocumentExtraction::run() {
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

std::string DocumentExtraction::title() const {
  if (std::string t = header_value("title"); !t.empty()) return t;
  if (speaker_ >= res_.vocabulary.size()) return stem_;
  std::string name = res_.vocabulary.entries()[speaker_].name;
  if (std::string forum = header_value("forum"); !forum.empty()) name += ", " + forum;
  if (std::string date = header_value("date"); !date.empty()) return name + ", " + date;
  if (date_year_) return name + ", " + std::to_string(date_year_);
  return name + " (" + stem_ + ")";
}

int DocumentExtraction::file_year() const {
  // RUS_2021_UNGA76_..., AFG_55_2000.txt: the first 19xx/20xx field.
  std::istringstream parts(stem_);
  std::string part;
  while (std::getline(parts, part, '_'))
    if (part.size() >= 4 && year_of(part.substr(0, 4))) return year_of(part.substr(0, 4));
  return 0;
}

}  // namespace normgraph::loaders
