#pragma once
// Reading a provision: its modality, addressee and action, and the ids of a document's
// norms.
#include "provision_parser.hpp"

namespace normgraph::loaders::norm {

// The ids of one document's norms. A label seen again gets "-2", "-3", ... after its base id
// (never a suffix on a suffix), the next free number kept per base, so n repeats of a label
// cost n lookups and ids of bounded length.
class UniqueIds {
 public:
  std::string take(const std::string& base) {
    if (taken_.insert(base).second) return base;
    for (int& n = next_.try_emplace(base, 2).first->second;; ++n) {
      std::string id = base + "-" + std::to_string(n);
      if (taken_.insert(id).second) {
        ++n;
        return id;
      }
    }
  }

 private:
  std::unordered_set<std::string> taken_;
  std::unordered_map<std::string, int> next_;
};

class Reader {
 public:
  explicit Reader(const NormLoader::Impl& impl) : impl_(impl), rules_(impl.rules) {}

  ProvisionReading sentence(std::string_view text) const {
    ProvisionReading r;
    const std::vector<Word> ws = words_of(text);
    const size_t first_word = first_word_index(ws);
    for (size_t k = 0; k < ws.size(); ++k) {
      if (!ws[k].word) continue;
      const ModalityCue* best = nullptr;
      PhraseMatch best_match;
      for (const auto& cue : rules_.cues) {
        // A lone modal first in a sentence is an inversion ("Should the parties fail ..."), not a
        // cue.
        if (k == first_word && cue.words.size() == 1) continue;
        auto m = match_at(ws, k, cue.words, rules_.gap_words);
        if (m && (!best || m->end > best_match.end)) best = &cue, best_match = *m;
      }
      if (!best) continue;
      r.modality = best->modality;
      r.rule = best->rule;
      size_t action_from = action_start(ws, *best, best_match);
      if (auto after = addressee_after(text, ws, *best, best_match)) {
        r.addressee = after->first;
        action_from = after->second;
      } else {
        r.addressee = subject(text, ws, k);
      }
      r.action = action(text, ws, action_from);
      return r;
    }
    return r;
  }

  ProvisionReading provision(std::string_view text) const {
    for (const auto& s : text::segment(text, impl_.text_rules)) {
      ProvisionReading r = sentence(text.substr(s.begin, s.end - s.begin));
      if (!r.modality.empty()) return r;
    }
    ProvisionReading r;
    const std::vector<Word> ws = words_of(text);
    size_t k = 0;
    while (k < ws.size() && (!ws[k].word || contains(rules_.action_skip, ws[k].norm))) ++k;
    r.action = action(text, ws, k);
    return r;
  }

  std::vector<ProvisionReading> provisions(const std::vector<Provision>& list) const {
    std::vector<ProvisionReading> out;
    out.reserve(list.size());
    for (const Provision& p : list) {
      ProvisionReading r = provision(p.text);
      if (r.modality.empty() || r.addressee.empty())
        for (int up = p.parent; up >= 0; up = list[up].parent) {
          if (r.modality.empty() && !out[up].modality.empty()) {
            r.modality = out[up].modality;
            r.rule = "modality.inherited";
          }
          if (r.addressee.empty()) r.addressee = lead_addressee(list[up].text, out[up]);
          if (!r.modality.empty() && !r.addressee.empty()) break;
        }
      out.push_back(std::move(r));
    }
    return out;
  }

 private:
  static size_t first_word_index(const std::vector<Word>& ws) {
    for (size_t k = 0; k < ws.size(); ++k)
      if (ws[k].word) return k;
    return kNone;
  }

  // The action starts at the cue's first literal word that is not a modal word ("refrain" in
  // "shall refrain"), else after the cue.
  size_t action_start(const std::vector<Word>& ws, const ModalityCue&, const PhraseMatch& m) const {
    for (size_t k : m.literal)
      if (!contains(rules_.action_skip, ws[k].norm)) return k;
    size_t k = m.end;
    // "shall, first of all, seek": an aside between commas right after the cue is no action.
    if (k < ws.size() && ws[k].norm == ",")
      for (size_t close = k + 1; close < ws.size() && close <= k + 6; ++close)
        if (ws[close].norm == ",") {
          k = close;
          break;
        }
    while (k < ws.size() && (!ws[k].word || contains(rules_.action_skip, ws[k].norm))) ++k;
    return k;
  }

  std::string action(std::string_view text, const std::vector<Word>& ws, size_t from) const {
    size_t to = from, words = 0;
    for (; to < ws.size() && words < rules_.action_words; ++to) {
      if (!ws[to].word) {
        const char c = ws[to].norm[0];
        if (c == ';' || c == ':' || c == '.' || c == '(' || c == ')') break;
        continue;
      }
      bool stop = false;
      for (const auto& phrase : rules_.action_stop)
        if (to > from && match_at(ws, to, phrase, 0)) stop = true;
      if (stop) break;
      ++words;
    }
    return words_text(text, ws, from, to);
  }

  // "nothing ... shall authorize the United Nations to intervene": the addressee is what the
  // cue's verb names, and the action starts after its "to".
  std::optional<std::pair<std::string, size_t>> addressee_after(std::string_view text,
                                                                const std::vector<Word>& ws,
                                                                const ModalityCue& cue,
                                                                const PhraseMatch& m) const {
    size_t from = m.end;
    bool found = false;
    for (const auto& phrase : rules_.addressee_after) {
      if (phrase.size() == 1 && phrase[0] == cue.words.back()) found = true;
      if (!found)
        if (auto after = match_at(ws, m.end, phrase, 0)) found = true, from = after->end;
      if (found) break;
    }
    if (!found) return std::nullopt;
    size_t to = from;
    while (to < ws.size() && ws[to].word && ws[to].norm != "to" && to - from < 8) ++to;
    if (to >= ws.size() || ws[to].norm != "to") return std::nullopt;
    return std::make_pair(noun_phrase(text, ws, from, to), to + 1);
  }

  // The subject before the cue: the first comma-separated part that does not open with a
  // preposition or conjunction ("In implementing ..., the President, in consultation ..., shall").
  std::string subject(std::string_view text, const std::vector<Word>& ws, size_t cue) const {
    size_t start = 0;
    for (size_t k = 0; k <= cue; ++k) {
      if (k < cue && !(ws[k].word == false && ws[k].norm == ",")) continue;
      // part [start, k)
      size_t first = start;
      while (first < k && !ws[first].word) ++first;
      if (first < k && !contains(rules_.addressee_skip, ws[first].norm) && k - first <= 10)
        return noun_phrase(text, ws, first, k);
      start = k + 1;
    }
    return "";
  }

  std::string noun_phrase(std::string_view text, const std::vector<Word>& ws, size_t from,
                          size_t to) const {
    while (from < to && (!ws[from].word || contains(rules_.addressee_drop, ws[from].norm))) ++from;
    if (from < to && contains(rules_.signatory_words, ws[from].norm))
      return rules_.signatory_addressee;
    return words_as_printed(text, ws, from, to);
  }

  // What a lead-in says of the addressee of its items: "commitments by countries", else its own.
  std::string lead_addressee(std::string_view text, const ProvisionReading& reading) const {
    const std::vector<Word> ws = words_of(text);
    for (size_t k = 0; k < ws.size(); ++k)
      for (const auto& phrase : rules_.addressee_of)
        if (auto m = match_at(ws, k, phrase, 0)) {
          size_t to = m->end;
          while (to < ws.size() && ws[to].word && to - m->end < 6) ++to;
          if (std::string np = noun_phrase(text, ws, m->end, to); !np.empty()) return np;
        }
    return reading.addressee;
  }

  const NormLoader::Impl& impl_;
  const NormRules& rules_;
};

}  // namespace normgraph::loaders::norm
