// The word-level repairs, run over one paragraph at a time in the order of repairs.tsv. Each
// scanner proposes edits (replace a span by new text); apply_edits() makes them and moves the
// offsets of earlier repairs along.
#include <algorithm>
#include <array>
#include <cstring>

#include "normgraph/loaders/text.hpp"

#include "text_chars.hpp"

namespace normgraph::loaders::text {

namespace {

using detail::Edit;

bool is_letter(char c) {
  return is_lower(c) || is_upper(c);
}
bool is_alnum(char c) {
  return is_letter(c) || is_digit(c);
}
// Part of a word for boundary checks: ASCII letters and digits, apostrophes, non-ASCII bytes.
bool is_word_byte(char c) {
  return is_alnum(c) || c == '\'' || static_cast<unsigned char>(c) >= 0x80;
}
char to_upper(char c) {
  return is_lower(c) ? static_cast<char>(c - 32) : c;
}

// Whether one of the eight bytes of x is an ASCII digit ("hasbetween" of Bit Twiddling Hacks:
// a byte b < 128 with '0' - 1 < b < '9' + 1; bytes >= 128 never count).
bool has_digit_byte(uint64_t x) {
  constexpr uint64_t kOnes = ~0ULL / 255, kBelow = '0' - 1, kAbove = '9' + 1;
  uint64_t low7 = x & (kOnes * 127);
  return ((kOnes * (127 + kAbove) - low7) & ~x & (low7 + kOnes * (127 - kBelow)) & (kOnes * 128)) !=
         0;
}

// The position of the first ASCII digit at or after `i`, or s.size(). Skips eight bytes at a
// time while none of them is a digit (digits are rare in prose).
size_t next_digit(std::string_view s, size_t i) {
  while (i + 8 <= s.size()) {
    uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    if (has_digit_byte(x)) break;
    i += 8;
  }
  while (i < s.size() && !is_digit(s[i])) ++i;
  return i;
}

size_t letters_from(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && is_letter(s[j])) ++j;
  return j;
}

size_t letters_before(std::string_view s, size_t i) {
  size_t j = i;
  while (j > 0 && is_letter(s[j - 1])) --j;
  return j;
}

// The position of the start of the space-delimited token holding s[i].
size_t token_start(std::string_view s, size_t i) {
  size_t j = i;
  while (j > 0 && s[j - 1] != ' ') --j;
  return j;
}

size_t token_end(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && s[j] != ' ') ++j;
  return j;
}

// "C hairman" -> "Chairman": a lone letter, a space, and a lowercase fragment that is not a
// word while the two joined are.
std::vector<Edit> split_first_letter(std::string_view s, const TextRules& rules) {
  std::vector<Edit> edits;
  for (size_t space = 1; space + 3 <= s.size(); ++space) {
    size_t letter = space - 1;
    if (s[space] != ' ' || !is_letter(s[letter]) || (letter > 0 && is_word_byte(s[letter - 1])))
      continue;
    size_t end = letters_from(s, space + 1);
    if (end - space - 1 < 2 || (end < s.size() && is_word_byte(s[end]))) continue;
    std::string_view fragment = s.substr(space + 1, end - space - 1);
    bool all_lower = std::all_of(fragment.begin(), fragment.end(), is_lower);
    bool lone_word = s[letter] == 'a' || s[letter] == 'A' || s[letter] == 'I';
    if (!all_lower || (lone_word && fragment.size() < 3) || rules.is_known_word(fragment)) continue;
    std::string joined = s[letter] + std::string(fragment);
    if (rules.is_known_word(joined)) edits.push_back({letter, end - letter, joined});
  }
  return edits;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

bool in_list(std::string_view list, std::string_view item) {
  for (auto word : split_words(list))
    if (word == item) return true;
  return false;
}

// "peace.we" -> "peace. we", "Mr.chairman" -> "Mr. chairman": a period between two words
// that are known (or a title and a name), not in U.N., e.g., 1.5, un.org or a path.
std::vector<Edit> missing_space_after_period(std::string_view s, const RepairRule& rule,
                                             const TextRules& rules) {
  std::vector<Edit> edits;
  auto param = rule.params.find("not_before");
  std::string_view not_before = param == rule.params.end() ? "" : std::string_view(param->second);
  for (size_t dot = s.find('.'); dot != std::string_view::npos; dot = s.find('.', dot + 1)) {
    if (dot == 0 || dot + 2 >= s.size() || !is_letter(s[dot - 1]) || !is_letter(s[dot + 1]))
      continue;
    size_t left = letters_before(s, dot), right_end = letters_from(s, dot + 1);
    std::string_view token = s.substr(token_start(s, dot), token_end(s, dot) - token_start(s, dot));
    if (token.find_first_of("/@:\\=_") != std::string_view::npos) continue;
    if (dot - left < 2 || right_end - dot - 1 < 2) continue;  // U.N., e.g., Mr.C
    if (left > 0 && s[left - 1] == '.') continue;             // www.un.org
    if (right_end < s.size() && s[right_end] == '.' && right_end + 1 < s.size() &&
        is_alnum(s[right_end + 1]))
      continue;  // a.b.c
    std::string_view left_word = s.substr(left, dot - left);
    std::string_view right_word = s.substr(dot + 1, right_end - dot - 1);
    char buffer[64];
    std::string spill;
    if (in_list(not_before, detail::ascii_lower(right_word, buffer, spill))) continue;
    bool title = rules.abbreviation(std::string(left_word) + ".") != Abbreviation::kNone;
    bool name = is_upper(right_word[0]) && is_lower(right_word[1]);
    if (!(title || rules.is_known_word(left_word))) continue;
    if (!(rules.is_known_word(right_word) || (title && name))) continue;
    std::string replaced = std::string(left_word) + ". " + std::string(right_word);
    edits.push_back({left, right_end - left, std::move(replaced)});
  }
  return edits;
}

// "technologies(ICTs)" -> "technologies (ICTs)"; not "State(s)", "f(x)", "2(4)" or "a/b(c)".
std::vector<Edit> missing_space_before_paren(std::string_view s) {
  std::vector<Edit> edits;
  for (size_t open = s.find('('); open != std::string_view::npos; open = s.find('(', open + 1)) {
    if (open < 2 || !is_letter(s[open - 1])) continue;
    size_t left = letters_before(s, open);
    if (open - left < 2) continue;
    size_t start = token_start(s, open);
    if (s.substr(start, open - start).find_first_of("/=:_@\\") != std::string_view::npos) continue;
    size_t close = s.find(')', open);
    if (close == std::string_view::npos || close - open > 60 || close == open + 1) continue;
    std::string_view inside = s.substr(open + 1, close - open - 1);
    bool suffix = inside.size() <= 2 && std::all_of(inside.begin(), inside.end(), is_lower);
    if (suffix || !is_alnum(inside[0])) continue;
    std::string replaced = std::string(s.substr(left, open - left)) + " " +
                           std::string(s.substr(open, close + 1 - open));
    edits.push_back({left, close + 1 - left, std::move(replaced)});
  }
  return edits;
}

// The case a letter that replaces a digit takes: that of the next letter, or of the previous
// one; a run-initial letter before lowercase is uppercase only at a sentence start.
bool upper_at(std::string_view s, size_t run_start, size_t run_end, size_t i) {
  if (i + 1 < run_end && is_letter(s[i + 1]) && (i > run_start || is_upper(s[i + 1])))
    return is_upper(s[i + 1]);
  if (i > run_start && is_letter(s[i - 1])) return is_upper(s[i - 1]);
  size_t p = run_start;
  while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '"' || s[p - 1] == '(')) --p;
  return p == 0 || s[p - 1] == '.' || s[p - 1] == '!' || s[p - 1] == '?';
}

struct DigitRun {
  size_t begin, end;
  std::vector<size_t> digits;  // positions of the digits
};

// An alphanumeric run that may be a word with digits for letters: at least two letters, more
// letters than digits, at most three digits, each of them in the confusion table.
bool is_confusable(const DigitRun& run, std::string_view s, const RepairRule& rule) {
  size_t letters = run.end - run.begin - run.digits.size();
  if (letters < 2 || letters <= run.digits.size() || run.digits.size() > 3) return false;
  for (size_t d : run.digits)
    if (!rule.params.count(std::string(1, s[d]))) return false;
  return true;
}

// Tries every combination of letters for the digits; the first known word wins.
bool resolve_digits(std::string_view s, const DigitRun& run, const RepairRule& rule,
                    const TextRules& rules, std::string& out) {
  std::vector<std::vector<std::string_view>> options;
  for (size_t d : run.digits) options.push_back(split_words(rule.params.at(std::string(1, s[d]))));
  std::vector<size_t> choice(options.size(), 0);
  while (true) {
    std::string candidate;
    size_t next_digit = 0;
    for (size_t i = run.begin; i < run.end; ++i) {
      if (next_digit < run.digits.size() && run.digits[next_digit] == i) {
        std::string_view letters = options[next_digit][choice[next_digit]];
        bool upper = upper_at(s, run.begin, run.end, i);
        for (char c : letters) candidate.push_back(upper ? to_upper(c) : c);
        ++next_digit;
      } else {
        candidate.push_back(s[i]);
      }
    }
    if (rules.is_known_word(candidate)) {
      out = std::move(candidate);
      return true;
    }
    size_t k = 0;  // the next combination
    while (k < choice.size() && ++choice[k] == options[k].size()) choice[k++] = 0;
    if (k == choice.size()) return false;
  }
}

// "1CTs" -> "ICTs", "de1egation" -> "delegation", "0ECD" -> "OECD" when the result is known.
std::vector<Edit> digit_for_letter(std::string_view s, const RepairRule& rule,
                                   const TextRules& rules) {
  std::vector<Edit> edits;
  for (size_t i = next_digit(s, 0); i < s.size(); i = next_digit(s, i)) {
    DigitRun run{i, i, {}};
    while (run.begin > 0 && is_alnum(s[run.begin - 1])) --run.begin;
    while (run.end < s.size() && is_alnum(s[run.end])) ++run.end;
    size_t digits = std::count_if(s.begin() + run.begin, s.begin() + run.end, is_digit);
    size_t letters = run.end - run.begin - digits;
    if (letters < 2 || letters <= digits) {  // a number, 10th, 1990s: nothing to do
      i = run.end;
      continue;
    }
    for (size_t k = run.begin; k < run.end; ++k)
      if (is_digit(s[k])) run.digits.push_back(k);
    std::string fixed;
    if (is_confusable(run, s, rule) && resolve_digits(s, run, rule, rules, fixed))
      edits.push_back({run.begin, run.end - run.begin, std::move(fixed)});
    i = run.end;
  }
  return edits;
}

// "201 1" -> "2011": three digits starting a listed century, a space, one digit.
std::vector<Edit> split_year(std::string_view s, const RepairRule& rule) {
  std::vector<Edit> edits;
  const std::string& centuries = rule.params.at("centuries");
  for (size_t i = next_digit(s, 0); i + 5 <= s.size(); i = next_digit(s, i + 1)) {
    if (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == ',')) continue;
    bool shape = is_digit(s[i + 1]) && is_digit(s[i + 2]) && s[i + 3] == ' ' && is_digit(s[i + 4]);
    size_t end = i + 5;
    bool boundary =
        end == s.size() || (!is_alnum(s[end]) && !((s[end] == '.' || s[end] == ',') &&
                                                   end + 1 < s.size() && is_digit(s[end + 1])));
    if (shape && boundary && in_list(centuries, s.substr(i, 2))) {
      edits.push_back({i, 5, std::string(s.substr(i, 3)) + s[i + 4]});
      i = end;
    }
  }
  return edits;
}

std::vector<Edit> edits_of(const RepairRule& rule, std::string_view s, const TextRules& rules) {
  switch (rule.kind) {
    case RepairKind::kSplitFirstLetter:
      return split_first_letter(s, rules);
    case RepairKind::kMissingSpaceAfterPeriod:
      return missing_space_after_period(s, rule, rules);
    case RepairKind::kMissingSpaceBeforeParen:
      return missing_space_before_paren(s);
    case RepairKind::kDigitForLetter:
      return digit_for_letter(s, rule, rules);
    case RepairKind::kSplitYear:
      return split_year(s, rule);
    case RepairKind::kRegex:
      return rules.regex_edits(rule, s);
    default:
      return {};  // line and character kinds act in normalize()
  }
}

// Where offset `p` of the old text lands in the new one. An offset inside an edited span moves
// to the start of its replacement, or to its end when `is_end`.
size_t map_offset(size_t p, const std::vector<Edit>& edits, bool is_end) {
  long long delta = 0;
  for (const Edit& e : edits) {
    if (e.pos + e.removed <= p && !(e.removed == 0 && e.pos == p && !is_end)) {
      delta += static_cast<long long>(e.inserted.size()) - static_cast<long long>(e.removed);
    } else if (e.pos < p) {
      return static_cast<size_t>(e.pos + delta) + (is_end ? e.inserted.size() : 0);
    } else {
      break;
    }
  }
  return static_cast<size_t>(p + delta);
}

// Makes the (sorted, non-overlapping) edits, moves the offsets of `repairs` and appends one
// repair per edit.
void apply_edits(std::string& text, const std::vector<Edit>& edits, const std::string& rule,
                 std::vector<Repair>& repairs) {
  for (Repair& r : repairs) {
    r.begin = map_offset(r.begin, edits, false);
    r.end = map_offset(r.end, edits, true);
  }
  std::string out;
  out.reserve(text.size() + 16 * edits.size());
  size_t copied = 0;
  for (const Edit& e : edits) {
    out.append(text, copied, e.pos - copied);
    repairs.push_back({rule, out.size(), out.size() + e.inserted.size(),
                       text.substr(e.pos, e.removed), e.inserted});
    out += e.inserted;
    copied = e.pos + e.removed;
  }
  out.append(text, copied, std::string::npos);
  text.swap(out);
}

// Drops edits that overlap an earlier one (scanners may propose overlapping spans).
void drop_overlaps(std::vector<Edit>& edits) {
  std::stable_sort(edits.begin(), edits.end(),
                   [](const Edit& a, const Edit& b) { return a.pos < b.pos; });
  size_t kept = 0, end = 0;
  for (size_t i = 0; i < edits.size(); ++i) {
    if (kept > 0 && edits[i].pos < end) continue;
    end = edits[i].pos + edits[i].removed;
    if (kept != i) edits[kept] = std::move(edits[i]);
    ++kept;
  }
  edits.resize(kept);
}

}  // namespace

namespace detail {

void repair_words(std::string& paragraph, std::vector<Repair>& repairs, const TextRules& rules) {
  for (const RepairRule& rule : rules.repair_rules()) {
    std::vector<Edit> edits = edits_of(rule, paragraph, rules);
    if (edits.empty()) continue;
    drop_overlaps(edits);
    apply_edits(paragraph, edits, rule.name, repairs);
  }
}

}  // namespace detail

}  // namespace normgraph::loaders::text
