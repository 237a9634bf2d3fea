// normalize(): lines become paragraphs (page breaks and page furniture, line-end hyphens, hard
// wrapping), Unicode punctuation becomes ASCII, mojibake is undone and whitespace collapsed;
// then each paragraph goes through the word repairs of text_repairs.cpp.
#include <algorithm>
#include <array>
#include <cstdlib>

#include "normgraph/loaders/text.hpp"

#include "text_chars.hpp"

namespace normgraph::loaders::text {

namespace {

constexpr size_t kShortLine = 80;     // a line standing alone this short: heading, salutation
constexpr size_t kLongLine = 120;     // longer than any hard-wrapped line
constexpr size_t kFurnitureMax = 40;  // page furniture lines are short
constexpr size_t kFitSlack = 3;       // bytes of margin when asking "would the word have fit"
constexpr size_t kMinLinesForWidth = 10;

// Printable ASCII other than the space: copied as it is.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x21; c <= 0x7E; ++c) t[c] = true;
  return t;
}();

// Byte length of the whitespace character at s[i] (ASCII blanks, Unicode spaces, BOM), else 0.
size_t space_at(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0; };
  unsigned char c = b(0);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\v') return 1;
  if (c == 0xC2 && b(1) == 0xA0) return 2;
  if (c == 0xE2 && b(1) == 0x80 && ((b(2) >= 0x80 && b(2) <= 0x8B) || b(2) == 0xAF)) return 3;
  if (c == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;
  if (c == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return 3;
  return 0;
}

// Byte length of the whitespace character that ends at s[end - 1], else 0.
size_t space_before(std::string_view s, size_t end) {
  if (end == 0) return 0;
  auto last = static_cast<unsigned char>(s[end - 1]);
  if (last < 0x80) return space_at(s, end - 1);
  for (size_t len : {2, 3})
    if (end >= len && space_at(s, end - len) == len) return len;
  return 0;
}

struct Line {
  size_t begin, end;  // the content, surrounding whitespace trimmed
  bool blank;         // only whitespace
  bool form_feed;     // a form feed ends the line
  bool furniture = false;
  std::string_view text(std::string_view body) const { return body.substr(begin, end - begin); }
};

std::vector<Line> split_lines(std::string_view body) {
  std::vector<Line> lines;
  lines.reserve(body.size() / 48 + 2);
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    size_t form_feed = body.substr(pos, end - pos).find('\f');
    if (form_feed != std::string_view::npos) end = pos + form_feed;
    size_t b = pos, e = end;
    while (b < e) {
      size_t len = space_at(body, b);
      if (len == 0) break;
      b += len;
    }
    while (e > b) {
      size_t len = space_before(body, e);
      if (len == 0) break;
      e -= len;
    }
    lines.push_back({b, e, b == e, end < body.size() && body[end] == '\f'});
    pos = end + 1;
  }
  return lines;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// Whether a line ends a sentence or clause: . ! ? : ; or an ellipsis, maybe before closers.
bool ends_sentence(std::string_view s) {
  while (!s.empty()) {
    char c = s.back();
    if (c == '"' || c == '\'' || c == ')' || c == ']') {
      s.remove_suffix(1);
    } else if (static_cast<unsigned char>(c) >= 0x80 &&
               (ends_with(s, "\xE2\x80\x9D") || ends_with(s, "\xE2\x80\x99"))) {  // ” ’
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  if (s.empty()) return false;
  char c = s.back();
  return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' ||
         (static_cast<unsigned char>(c) >= 0x80 && ends_with(s, "\xE2\x80\xA6"));  // …
}

bool starts_lowercase(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == '"' || s[i] == '\'' || s[i] == '(' || s[i] == '[')) ++i;
  return i < s.size() && is_lower(s[i]);
}

size_t first_word_length(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
  return i;
}

// "Mr. Chairman,", "## I. INTRODUCTION", "Climate Change": ends with a comma or colon, or has
// at most ten words, at least half of them not starting with a lowercase letter.
bool looks_like_heading(std::string_view line) {
  if (line.back() == ',' || line.back() == ':') return true;
  size_t words = 0, lowercase = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == ' ' || (i > 0 && line[i - 1] != ' ')) continue;
    ++words;
    if (is_lower(line[i])) ++lowercase;
  }
  return words <= 10 && 2 * lowercase <= words;
}

// How the document is laid out: hard-wrapped lines (paragraphs between blank lines, or marked
// only by a short last line) or one paragraph a line.
struct Layout {
  bool line_per_paragraph = false;
  size_t width = 0;  // the length of a full hard-wrapped line; 0 when unknown
};

Layout measure(std::string_view body, const std::vector<Line>& lines) {
  size_t text_lines = 0, ending = 0;
  std::array<size_t, 512> histogram{};
  for (const Line& line : lines) {
    if (line.blank) continue;
    ++text_lines;
    if (ends_sentence(line.text(body))) ++ending;
    ++histogram[std::min<size_t>(line.end - line.begin, histogram.size() - 1)];
  }
  Layout layout;
  layout.line_per_paragraph = text_lines >= 4 && 2 * ending > text_lines;
  if (layout.line_per_paragraph || text_lines < kMinLinesForWidth) return layout;
  size_t below = 0;  // the 90th percentile of line lengths
  for (size_t len = 0; len < histogram.size(); ++len) {
    below += histogram[len];
    if (10 * below >= 9 * text_lines) {
      layout.width = len;
      break;
    }
  }
  return layout;
}

bool may_be_furniture(std::string_view line) {
  if (line.size() > kFurnitureMax) return false;
  bool digit = false;
  for (char c : line) {
    if (is_lower(c)) return false;
    digit = digit || is_digit(c);
  }
  return digit;
}

// Marks page furniture lines (the second round finds furniture next to furniture).
void mark_furniture(std::string_view body, std::vector<Line>& lines, const TextRules& rules) {
  auto page_side = [&](size_t i, int step) {
    if ((step < 0 && i == 0) || (step > 0 && i + 1 >= lines.size())) return true;
    const Line& other = lines[i + step];
    return other.blank || other.furniture || (step < 0 ? other.form_feed : lines[i].form_feed);
  };
  for (int round = 0; round < 2; ++round) {
    for (size_t i = 0; i < lines.size(); ++i) {
      Line& line = lines[i];
      if (line.blank || line.furniture || !may_be_furniture(line.text(body))) continue;
      bool next_to_break = page_side(i, -1) || page_side(i, 1);
      if (rules.is_page_furniture(line.text(body), next_to_break)) line.furniture = true;
    }
  }
}

enum class Join { kSoft, kPageBreak, kParagraph };

// What separates two text lines.
struct Gap {
  size_t blank_lines = 0;  // blank and furniture lines between them
  bool page = false;       // a form feed, furniture, or min_blank_lines blank lines
};

// Decides how the line `next` continues after `prev`. `prev_alone`: prev is the only line of
// its paragraph so far.
Join decide_join(std::string_view prev, std::string_view next, const Gap& gap, bool prev_alone,
                 const Layout& layout, bool join_page_breaks) {
  bool lower_next = starts_lowercase(next);
  bool prev_ends = ends_sentence(prev);
  bool prev_short =
      layout.width > 0 && prev.size() + 1 + first_word_length(next) + kFitSlack <= layout.width;
  if (gap.blank_lines == 0 && !gap.page) {
    if (layout.line_per_paragraph)
      return lower_next || (!prev_ends && prev.size() >= kLongLine) ? Join::kSoft
                                                                    : Join::kParagraph;
    return prev_ends && !lower_next && prev_short ? Join::kParagraph : Join::kSoft;
  }
  if (!join_page_breaks) return Join::kParagraph;
  if (lower_next) return Join::kPageBreak;
  if (!prev_ends) {  // a short line standing alone is a heading or a salutation, else broken
    bool standalone = prev_alone && prev.size() < kShortLine;
    return standalone && (!gap.page || looks_like_heading(prev)) ? Join::kParagraph
                                                                 : Join::kPageBreak;
  }
  bool full_line = layout.width > 0 && !prev_short;
  return gap.page && full_line ? Join::kPageBreak : Join::kParagraph;
}

// Builds the output paragraph by paragraph.
class Assembler {
 public:
  Assembler(std::string_view body, const TextRules& rules, NormalizedText& out)
      : body_(body), rules_(rules), out_(out) {
    mojibake_ = rules.rule_of_kind(RepairKind::kMojibake);
    page_break_ = rules.rule_of_kind(RepairKind::kPageBreak);
    furniture_ = rules.rule_of_kind(RepairKind::kPageFurniture);
    hyphen_ = rules.rule_of_kind(RepairKind::kLineEndHyphen);
    if (page_break_ && page_break_->params.count("min_blank_lines"))
      min_blank_lines_ = std::atoi(page_break_->params.at("min_blank_lines").c_str());
  }

  void run() {
    std::vector<Line> lines = split_lines(body_);
    Layout layout = measure(body_, lines);
    if (furniture_) mark_furniture(body_, lines, rules_);
    size_t prev = SIZE_MAX, lines_in_paragraph = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].blank || lines[i].furniture) continue;
      std::string_view text = lines[i].text(body_);
      if (prev != SIZE_MAX) {
        Gap gap = gap_between(lines, prev, i);
        Join join = decide_join(lines[prev].text(body_), text, gap, lines_in_paragraph == 1, layout,
                                page_break_ != nullptr);
        if (join == Join::kParagraph) {
          finish_paragraph();
          lines_in_paragraph = 0;
        } else {
          join_lines(join, body_.substr(lines[prev].end, lines[i].begin - lines[prev].end), text);
        }
        record_furniture(lines, prev, i);
      }
      append_line(text);
      ++lines_in_paragraph;
      prev = i;
    }
    finish_paragraph();
  }

 private:
  Gap gap_between(const std::vector<Line>& lines, size_t prev, size_t next) const {
    Gap gap;
    gap.page = lines[prev].form_feed;
    for (size_t k = prev + 1; k < next; ++k) {
      ++gap.blank_lines;
      gap.page = gap.page || lines[k].form_feed || lines[k].furniture;
    }
    gap.page = gap.page || gap.blank_lines >= min_blank_lines_;
    return gap;
  }

  void record_furniture(const std::vector<Line>& lines, size_t prev, size_t next) {
    for (size_t k = prev + 1; k < next; ++k)
      if (lines[k].furniture)
        add_repair(*furniture_, para_.size(), para_.size(), lines[k].text(body_), "");
  }

  void add_repair(const RepairRule& rule, size_t begin, size_t end, std::string_view before,
                  std::string_view after) {
    repairs_.push_back({rule.name, begin, end, std::string(before), std::string(after)});
  }

  void append_space() {
    if (!para_.empty() && para_.back() != ' ') para_.push_back(' ');
  }

  void trim_trailing_space() {
    while (!para_.empty() && para_.back() == ' ') para_.pop_back();
  }

  // Appends replacement text, collapsing the spaces it brings.
  void append_collapsing(std::string_view s) {
    for (char c : s) {
      if (c == ' ')
        append_space();
      else
        para_.push_back(c);
    }
  }

  void append_line(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
      size_t run = i;  // printable ASCII with single spaces inside is copied in one go
      while (i < s.size() && (kPlain[static_cast<unsigned char>(s[i])] ||
                              (s[i] == ' ' && i > run && i + 1 < s.size() &&
                               kPlain[static_cast<unsigned char>(s[i + 1])])))
        ++i;
      para_.append(s.data() + run, i - run);
      if (i == s.size()) break;
      if (static_cast<unsigned char>(s[i]) < 0x80) {  // a space or a control character
        append_space();
        ++i;
      } else {
        i = append_non_ascii(s, i);
      }
    }
  }

  // Appends the character at s[i] (mapped through punctuation.tsv); returns the next index.
  size_t append_non_ascii(std::string_view s, size_t i) {
    size_t start = i;
    char32_t cp = detail::decode_utf8(s, i);
    if (mojibake_ && cp >= 0xC2 && cp <= 0xF4) {
      size_t after = i;
      char32_t fixed = 0;
      if (undo_mojibake(s, cp, after, fixed)) {
        size_t begin = para_.size();
        append_code_point(fixed, {});
        add_repair(*mojibake_, begin, para_.size(), s.substr(start, after - start),
                   std::string_view(para_).substr(begin));
        return after;
      }
    }
    append_code_point(cp, s.substr(start, i - start));
    return i;
  }

  void append_code_point(char32_t cp, std::string_view raw) {
    if (const std::string* replacement = rules_.punctuation(cp)) {
      append_collapsing(*replacement);
    } else if (!raw.empty()) {
      para_.append(raw);
    } else {
      detail::append_utf8(para_, cp);
    }
  }

  // UTF-8 bytes that were read as Windows-1252: `lead` is the first such character and
  // s[after...] the rest. On success `after` moves past them and `fixed` is the real character.
  static bool undo_mojibake(std::string_view s, char32_t lead, size_t& after, char32_t& fixed) {
    size_t len = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char bytes[4] = {static_cast<char>(lead)};
    size_t j = after;
    for (size_t k = 1; k < len; ++k) {
      if (j >= s.size()) return false;
      int byte = detail::windows1252_byte(detail::decode_utf8(s, j));
      if (byte < 0x80 || byte > 0xBF) return false;
      bytes[k] = static_cast<char>(byte);
    }
    size_t p = 0;
    char32_t cp = detail::decode_utf8(std::string_view(bytes, len), p);
    bool plausible = (cp >= 0xA0 && cp <= 0x24F) || (cp >= 0x2000 && cp <= 0x206F) ||
                     cp == 0x20AC || (cp >= 0x2100 && cp <= 0x214F);
    if (p != len || !plausible) return false;
    after = j;
    fixed = cp;
    return true;
  }

  void join_lines(Join join, std::string_view gap_text, std::string_view next) {
    trim_trailing_space();
    if (ends_with_line_hyphen() && !next.empty() && is_ascii_letter(next[0])) {
      join_hyphenated(join, gap_text, next);
      return;
    }
    para_.push_back(' ');
    if (join == Join::kPageBreak)
      add_repair(*page_break_, para_.size() - 1, para_.size(), gap_text, " ");
  }

  bool ends_with_line_hyphen() const {
    size_t n = para_.size();
    return n >= 2 && para_[n - 1] == '-' && is_letter_byte(para_[n - 2]);
  }

  // "cyber-" + "security": keeps or drops the hyphen (should_drop_hyphen); a capitalized next
  // part always keeps it ("Al-Qaida").
  void join_hyphenated(Join join, std::string_view gap_text, std::string_view next) {
    size_t hyphen = para_.size() - 1, left_start = hyphen;
    while (left_start > 0 && is_letter_byte(para_[left_start - 1])) --left_start;
    size_t right_len = 0;
    while (right_len < next.size() && is_ascii_letter(next[right_len])) ++right_len;
    std::string left = para_.substr(left_start, hyphen - left_start);
    std::string_view right = next.substr(0, right_len);
    bool inner_part = left_start > 0 && para_[left_start - 1] == '-';  // "vis-à-vis"
    if (!hyphen_ || is_upper(next[0]) || inner_part || !should_drop_hyphen(left, right)) {
      if (join == Join::kPageBreak)
        add_repair(*page_break_, para_.size(), para_.size(), gap_text, "");
      return;
    }
    para_.pop_back();
    std::string joined = left + std::string(right);
    add_repair(*hyphen_, left_start, left_start + joined.size(),
               left + "-" + std::string(gap_text) + std::string(right), joined);
  }

  // The document's own spelling decides first (the hyphenated or the joined form elsewhere in
  // it), then the word lists: a known compound keeps its hyphen, a known joined word drops it,
  // and so does a split where neither part is a word ("deve-lopment").
  bool should_drop_hyphen(const std::string& left, std::string_view right) const {
    std::string joined = left + std::string(right);
    if (occurs_in_body(left + "-" + std::string(right))) return false;
    if (occurs_in_body(joined)) return true;
    if (rules_.is_known_compound(left, right)) return false;
    if (rules_.is_known_word(joined)) return true;
    return left.size() >= 2 && !rules_.is_known_word(left) && !rules_.is_known_word(right);
  }

  // Whether `word` occurs in the body as a whole word, as it is or with a lowercase initial.
  bool occurs_in_body(std::string word) const {
    for (int pass = 0; pass < 2; ++pass) {
      for (size_t at = body_.find(word); at != std::string_view::npos;
           at = body_.find(word, at + 1)) {
        size_t end = at + word.size();
        bool starts = at == 0 || !is_letter_byte(body_[at - 1]);
        bool ends = end == body_.size() || !is_letter_byte(body_[end]);
        if (starts && ends) return true;
      }
      if (!is_upper(word[0])) break;
      word[0] = static_cast<char>(word[0] + 32);
    }
    return false;
  }

  void finish_paragraph() {
    trim_trailing_space();
    if (!para_.empty()) {
      detail::repair_words(para_, repairs_, rules_);
      if (!out_.text.empty()) out_.text += "\n\n";
    }
    size_t base = out_.text.size();
    out_.text += para_;
    for (Repair& r : repairs_) {
      r.begin = base + std::min(r.begin, para_.size());
      r.end = base + std::min(r.end, para_.size());
      out_.repairs.push_back(std::move(r));
    }
    para_.clear();
    repairs_.clear();
  }

  std::string_view body_;
  const TextRules& rules_;
  NormalizedText& out_;
  const RepairRule* mojibake_ = nullptr;
  const RepairRule* page_break_ = nullptr;
  const RepairRule* furniture_ = nullptr;
  const RepairRule* hyphen_ = nullptr;
  size_t min_blank_lines_ = 2;
  std::string para_;             // the paragraph being built
  std::vector<Repair> repairs_;  // its repairs, offsets into para_
};

}  // namespace

NormalizedText normalize(std::string_view utf8_body, const TextRules& rules) {
  NormalizedText out;
  out.text.reserve(utf8_body.size());
  Assembler(utf8_body, rules, out).run();
  return out;
}

}  // namespace normgraph::loaders::text
