// segment(): paragraphs (text between blank lines) and sentences within them.
#include <algorithm>

#include "normgraph/loaders/text.hpp"

#include "text_chars.hpp"

namespace normgraph::loaders::text {

namespace {

constexpr size_t kMaxSalutation = 100;  // bytes from a salutation's first word to its comma

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}
bool is_closer(char c) {
  return c == '"' || c == '\'' || c == ')' || c == ']';
}
bool is_opener(char c) {
  return c == '"' || c == '\'' || c == '(' || c == '[';
}
bool is_terminator(char c) {
  return c == '.' || c == '!' || c == '?';
}
bool is_non_ascii(char c) {
  return static_cast<unsigned char>(c) >= 0x80;
}

// A character a sentence may start with (besides lowercase, which needs more evidence).
bool may_start_sentence(char c) {
  return is_upper(c) || is_digit(c) || is_opener(c) || is_non_ascii(c);
}

// "1.", "iv.", "b." standing first in a sentence: a list label, not a sentence.
bool is_enumerator(std::string_view word_with_period) {
  std::string_view w = word_with_period.substr(0, word_with_period.size() - 1);
  if (w.empty() || w.size() > 4) return false;
  if (std::all_of(w.begin(), w.end(), is_digit)) return w.size() <= 3;
  if (w.size() == 1 && is_lower(w[0])) return true;
  return std::all_of(w.begin(), w.end(), [](char c) {
    return c == 'i' || c == 'v' || c == 'x' || c == 'I' || c == 'V' || c == 'X';
  });
}

// "U.S.S.R.", "J.F.": letters each followed by a period.
bool is_dotted_initials(std::string_view w) {
  if (w.size() < 4 || w.size() % 2) return false;
  for (size_t i = 0; i < w.size(); i += 2)
    if (!(is_upper(w[i]) || is_lower(w[i])) || w[i + 1] != '.') return false;
  return true;
}

class Segmenter {
 public:
  Segmenter(std::string_view text, const TextRules& rules, std::vector<size_t> forced)
      : text_(text), rules_(rules), forced_(std::move(forced)) {
    std::sort(forced_.begin(), forced_.end());
  }

  std::vector<Sentence> run() {
    size_t pos = 0;
    while (pos < text_.size()) {
      size_t end = text_.find("\n\n", pos);
      if (end == std::string_view::npos) end = text_.size();
      size_t begin = skip_spaces(pos, end), last = trim_end(begin, end);
      if (begin < last) {
        segment_paragraph(begin, last);
        ++paragraph_;
      }
      pos = end;
      while (pos < text_.size() && text_[pos] == '\n') ++pos;
    }
    return std::move(sentences_);
  }

 private:
  size_t skip_spaces(size_t i, size_t end) const {
    while (i < end && is_space(text_[i])) ++i;
    return i;
  }

  size_t trim_end(size_t begin, size_t end) const {
    while (end > begin && is_space(text_[end - 1])) --end;
    return end;
  }

  void emit(size_t begin, size_t end) {
    end = trim_end(begin, end);
    if (begin >= end) return;
    sentences_.push_back({paragraph_, index_++, begin, end});
  }

  void segment_paragraph(size_t begin, size_t end) {
    index_ = 0;
    size_t start = begin, i = begin;
    bool fresh = true;  // `start` has not been checked for a salutation yet
    while (start < end) {
      if (fresh) {
        fresh = false;
        if (size_t salutation = salutation_end(start, end)) {
          emit(start, salutation);
          start = i = skip_spaces(salutation, end);
          fresh = true;
          continue;
        }
      }
      size_t t = i;
      while (t < end && !is_terminator(text_[t])) ++t;
      if (t == end) break;
      size_t term_end = t + 1;
      while (term_end < end && is_terminator(text_[term_end])) ++term_end;
      size_t close_end = term_end;
      while (close_end < end && is_closer(text_[close_end])) ++close_end;
      if (close_end >= end) break;
      i = close_end;
      if (!is_space(text_[close_end])) continue;  // 1.5, U.N., un.org
      size_t next = skip_spaces(close_end, end);
      if (is_boundary(start, t, term_end, next)) {
        emit(start, close_end);
        start = i = next;
        fresh = true;
      }
    }
    emit(start, end);
  }

  std::string_view word_at(size_t i) const {
    size_t j = i;
    while (j < text_.size() && (is_lower(text_[j]) || is_upper(text_[j]))) ++j;
    return text_.substr(i, j - i);
  }

  // Whether the terminator text_[t, term_end) ends the sentence begun at `start`, with the
  // next sentence's first character at `next`. A lowercase start needs evidence: a space the
  // missing-space repair put in, or a pronoun (OCR lost its capital), and no closing quote
  // between (a reporting clause: "... being!" he said).
  bool is_boundary(size_t start, size_t t, size_t term_end, size_t next) const {
    char c = text_[next];
    bool ellipsis = term_end - t >= 2 && text_[t] == '.';
    bool quoted = is_closer(text_[term_end]);  // "... being!" he said.
    bool lowercase_ok = false;
    if (is_lower(c)) {
      lowercase_ok = !ellipsis && !quoted &&
                     (std::binary_search(forced_.begin(), forced_.end(), next) ||
                      rules_.starts_sentence_lowercase(word_at(next)));
      if (!lowercase_ok) return false;
    } else if (!may_start_sentence(c)) {
      return false;
    }
    if (text_[t] != '.' || ellipsis) return true;
    size_t w = t;
    while (w > start && !is_space(text_[w - 1]) && !is_opener(text_[w - 1])) --w;
    std::string_view word = text_.substr(w, t + 1 - w);
    if (word.size() == 2 && is_upper(word[0])) return false;  // an initial: J. Smith
    Abbreviation abbreviation = rules_.abbreviation(word);
    if (abbreviation == Abbreviation::kNeverEnds) return false;
    if (abbreviation == Abbreviation::kBeforeNumber && is_digit(c)) return false;
    if (abbreviation == Abbreviation::kMayEnd || is_dotted_initials(word))
      return lowercase_ok || (is_upper(c) && rules_.is_sentence_starter(word_at(next)));
    return !(w == start && is_enumerator(word));
  }

  // A run of salutations at `start` ("Mr. President, Excellencies,") followed by an uppercase
  // word: the end of the run (after its last comma or colon), else 0.
  size_t salutation_end(size_t start, size_t end) const {
    size_t pos = start, found = 0;
    while (pos < end) {
      if (found && text_.substr(pos, 4) == "and ") pos += 4;
      size_t len = rules_.salutation_length(text_.substr(pos, end - pos));
      if (len == 0) break;
      size_t q = pos + len;
      while (q < end && q - pos < kMaxSalutation && text_[q] != ',' && text_[q] != ':' &&
             !is_terminator(text_[q]) && text_[q] != ';')
        ++q;
      if (q >= end || (text_[q] != ',' && text_[q] != ':')) break;
      found = q + 1;
      pos = skip_spaces(found, end);
    }
    size_t next = skip_spaces(found, end);
    return found && next < end && may_start_sentence(text_[next]) ? found : 0;
  }

  std::string_view text_;
  const TextRules& rules_;
  std::vector<size_t> forced_;  // sentence starts after an inserted space ("peace. we")
  std::vector<Sentence> sentences_;
  uint32_t paragraph_ = 0, index_ = 0;
};

}  // namespace

std::vector<Sentence> segment(std::string_view normalized, const TextRules& rules) {
  return Segmenter(normalized, rules, {}).run();
}

std::vector<Sentence> segment(const NormalizedText& normalized, const TextRules& rules) {
  std::vector<size_t> forced;
  for (const Repair& repair : normalized.repairs) {
    const RepairRule* rule = nullptr;
    for (const auto& r : rules.repair_rules())
      if (r.name == repair.rule) rule = &r;
    size_t space = repair.after.find(". ");
    if (rule && rule->kind == RepairKind::kMissingSpaceAfterPeriod && space != std::string::npos)
      forced.push_back(repair.begin + space + 2);
  }
  return Segmenter(normalized.text, rules, std::move(forced)).run();
}

}  // namespace normgraph::loaders::text
