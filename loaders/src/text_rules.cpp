// TextRules: reading the data files of ontology/text/ and the queries the normalizer and the
// segmenter make.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>

#include "normgraph/core/errors.hpp"
#include "normgraph/core/ontology_dir.hpp"
#include "normgraph/core/strings.hpp"
#include "normgraph/loaders/text.hpp"

namespace normgraph::loaders::text {

struct TextRules::Compiled {
  struct Furniture {
    std::regex pattern;
    bool anywhere;  // also where no page break is next to the line
  };
  std::vector<Furniture> furniture;
  std::unordered_map<std::string, std::regex> by_rule;  // kRegex rules by name
};

namespace {

struct KindInfo {
  std::string_view name;
  RepairKind kind;
  std::vector<std::string_view> required;
  std::vector<std::string_view> optional;
};

const std::vector<KindInfo>& kinds() {
  static const std::vector<KindInfo> all = {
      {"mojibake", RepairKind::kMojibake, {}, {}},
      {"page_furniture", RepairKind::kPageFurniture, {"patterns"}, {}},
      {"page_break", RepairKind::kPageBreak, {}, {"min_blank_lines"}},
      {"line_end_hyphen", RepairKind::kLineEndHyphen, {}, {}},
      {"split_first_letter", RepairKind::kSplitFirstLetter, {}, {}},
      {"missing_space_after_period", RepairKind::kMissingSpaceAfterPeriod, {}, {"not_before"}},
      {"missing_space_before_paren", RepairKind::kMissingSpaceBeforeParen, {}, {}},
      {"digit_for_letter",
       RepairKind::kDigitForLetter,
       {},
       {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}},
      {"split_year", RepairKind::kSplitYear, {"centuries"}, {}},
      {"regex", RepairKind::kRegex, {"trigger", "pattern", "replace"}, {}},
  };
  return all;
}

bool contains(const std::vector<std::string_view>& list, std::string_view s) {
  for (auto item : list)
    if (item == s) return true;
  return false;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (true) {
    size_t next = s.find(sep, pos);
    out.push_back(s.substr(pos, next == std::string_view::npos ? next : next - pos));
    if (next == std::string_view::npos) return out;
    pos = next + 1;
  }
}

// Whether `literal` occurs in `text`: memchr for its last byte (rarer than a space, usually),
// then a comparison backwards.
bool contains_literal(std::string_view text, std::string_view literal) {
  if (literal.empty()) return true;
  size_t last = literal.size() - 1;
  for (size_t at = text.find(literal[last], last); at != std::string_view::npos;
       at = text.find(literal[last], at + 1))
    if (text.compare(at - last, last, literal, 0, last) == 0) return true;
  return false;
}

// Whether `word` lowercased is `lowered`.
bool equals_lowercase(std::string_view word, std::string_view lowered) {
  if (word.size() != lowered.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i] >= 'A' && word[i] <= 'Z' ? static_cast<char>(word[i] + 32) : word[i];
    if (c != lowered[i]) return false;
  }
  return true;
}

std::string file_name(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

// Calls `each(line, number)` for every line that is not blank or a '#' comment.
void for_each_data_line(const std::string& path,
                        const std::function<void(std::string_view, size_t)>& each) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open the text rules file");
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    std::string_view view = line;
    if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
    std::string_view content = trim(view);
    if (content.empty() || content.front() == '#') continue;
    each(view, number);
  }
}

[[noreturn]] void fail(const std::string& path, size_t line, const std::string& msg) {
  throw InputError(located(path, line, 0, msg));
}

uint32_t parse_hex(std::string_view s, bool& ok) {
  uint32_t value = 0;
  ok = !s.empty() && s.size() <= 6;
  for (char c : s) {
    int digit = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                       : -1;
    if (digit < 0) ok = false;
    value = value * 16 + static_cast<uint32_t>(digit < 0 ? 0 : digit);
  }
  return value;
}

// Resolves \n \f \t \\ \" and \uXXXX; false on an unknown escape.
bool unescape(std::string_view s, std::string& out) {
  out.clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out.push_back(s[i]);
      continue;
    }
    if (++i == s.size()) return false;
    switch (s[i]) {
      case 'n':
        out.push_back('\n');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 't':
        out.push_back('\t');
        break;
      case '\\':
        out.push_back('\\');
        break;
      case '"':
        out.push_back('"');
        break;
      case 'u': {
        std::string_view hex = s.substr(i + 1, 4);
        bool ok = false;
        uint32_t cp = parse_hex(hex, ok);
        if (!ok || hex.size() != 4) return false;
        detail::append_utf8(out, cp);
        i += 4;
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

// "U+2019" or "U+2000..U+200A".
bool parse_code_points(std::string_view s, uint32_t& first, uint32_t& last) {
  auto one = [](std::string_view p, uint32_t& cp) {
    bool ok = false;
    if (p.substr(0, 2) != "U+") return false;
    cp = parse_hex(p.substr(2), ok);
    return ok && cp >= 0x80 && cp <= 0x10FFFF;
  };
  size_t dots = s.find("..");
  if (dots == std::string_view::npos) return one(s, first) && one(s, last);
  return one(s.substr(0, dots), first) && one(s.substr(dots + 2), last) && first <= last &&
         last - first < 4096;
}

bool is_rule_name(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

RepairRule parse_repair(const std::string& path, std::string_view line, size_t number) {
  auto cols = split(line, '\t');
  if (cols.size() < 2) fail(path, number, "expected: name<TAB>kind[<TAB>key=value]...");
  RepairRule rule{std::string(trim(cols[0])),
                  RepairKind::kRegex,
                  {},
                  file_name(path) + ":" + std::to_string(number)};
  if (!is_rule_name(rule.name)) fail(path, number, "bad rule name '" + rule.name + "'");
  const KindInfo* info = nullptr;
  for (const auto& k : kinds())
    if (k.name == trim(cols[1])) info = &k;
  if (!info) fail(path, number, "unknown repair kind '" + std::string(trim(cols[1])) + "'");
  rule.kind = info->kind;
  for (size_t c = 2; c < cols.size(); ++c) {
    size_t eq = cols[c].find('=');
    std::string key(trim(cols[c].substr(0, eq)));
    if (eq == std::string_view::npos || key.empty()) fail(path, number, "expected key=value");
    if (key != "example" && key != "expect" && !contains(info->required, key) &&
        !contains(info->optional, key))
      fail(path, number, "unknown parameter '" + key + "' for kind " + std::string(info->name));
    std::string value;
    if (!unescape(cols[c].substr(eq + 1), value))
      fail(path, number, "bad escape in the value of '" + key + "'");
    if (!rule.params.emplace(key, value).second)
      fail(path, number, "parameter '" + key + "' given twice");
  }
  for (auto key : info->required)
    if (!rule.params.count(std::string(key)))
      fail(path, number, "kind " + std::string(info->name) + " needs " + std::string(key) + "=");
  return rule;
}

std::regex compile(const std::string& path, size_t line, const std::string& pattern) {
  try {
    return std::regex(pattern, std::regex::ECMAScript | std::regex::optimize);
  } catch (const std::regex_error& e) {
    fail(path, line, "bad regular expression '" + pattern + "': " + e.what());
  }
}

void check_rule_values(const std::string& path, size_t number, const RepairRule& rule) {
  if (rule.kind == RepairKind::kSplitYear) {
    for (auto c : split(rule.params.at("centuries"), ' '))
      if (c.size() != 2 || c[0] < '0' || c[0] > '9' || c[1] < '0' || c[1] > '9')
        fail(path, number, "centuries must be two-digit numbers");
  }
  if (rule.kind == RepairKind::kPageBreak && rule.params.count("min_blank_lines")) {
    int n = std::atoi(rule.params.at("min_blank_lines").c_str());
    if (n < 1 || n > 20) fail(path, number, "min_blank_lines must be 1..20");
  }
  if (rule.kind == RepairKind::kDigitForLetter && rule.params.empty())
    fail(path, number, "digit_for_letter needs a digit key, e.g. 1=l i");
}

}  // namespace

TextRules::TextRules() : compiled_(std::make_shared<Compiled>()) {}

TextRules TextRules::load_dir(const std::string& dir) {
  TextRules rules;
  rules.read_repairs(dir, dir + "/repairs.tsv");
  rules.read_punctuation(dir + "/punctuation.tsv");
  rules.read_words(dir + "/words.txt");
  rules.read_words(dir + "/domain_words.txt");
  rules.read_abbreviations(dir + "/abbreviations.txt");
  rules.read_sentence_starters(dir + "/sentence_starters.txt");
  rules.read_salutations(dir + "/salutations.txt");
  return rules;
}

std::string TextRules::default_dir() {
  return ontology_path("text");
}

TextRules TextRules::load_default() {
  return load_dir(default_dir());
}

void TextRules::read_repairs(const std::string& dir, const std::string& path) {
  auto compiled = std::make_shared<Compiled>();
  for_each_data_line(path, [&](std::string_view line, size_t number) {
    RepairRule rule = parse_repair(path, line, number);
    for (const auto& other : rules_)
      if (other.name == rule.name) fail(path, number, "rule '" + rule.name + "' given twice");
    check_rule_values(path, number, rule);
    if (rule.kind == RepairKind::kRegex)
      compiled->by_rule.emplace(rule.name, compile(path, number, rule.params.at("pattern")));
    if (rule.kind == RepairKind::kPageFurniture) {
      std::string patterns = dir + "/" + rule.params.at("patterns");
      for_each_data_line(patterns, [&](std::string_view line, size_t n) {
        auto cols = split(line, '\t');
        std::string_view flag = cols.size() > 1 ? trim(cols[1]) : std::string_view();
        if (cols.size() > 2 || (!flag.empty() && flag != "anywhere"))
          fail(patterns, n, "expected: pattern[<TAB>anywhere]");
        compiled->furniture.push_back(
            {compile(patterns, n, std::string(trim(cols[0]))), flag == "anywhere"});
      });
    }
    rules_.push_back(std::move(rule));
  });
  compiled_ = compiled;
}

void TextRules::read_punctuation(const std::string& path) {
  for_each_data_line(path, [&](std::string_view line, size_t number) {
    auto cols = split(line, '\t');
    uint32_t first = 0, last = 0;
    if (cols.size() < 2 || !parse_code_points(trim(cols[0]), first, last))
      fail(path, number, "expected: U+XXXX[..U+YYYY]<TAB>\"replacement\"[<TAB>comment]");
    std::string_view quoted = trim(cols[1]);
    std::string replacement;
    if (quoted.size() < 2 || quoted.front() != '"' || quoted.back() != '"' ||
        !unescape(quoted.substr(1, quoted.size() - 2), replacement))
      fail(path, number, "the replacement must be a double-quoted string");
    for (uint32_t cp = first; cp <= last; ++cp) punctuation_[cp] = replacement;
  });
}

void TextRules::read_words(const std::string& path) {
  for_each_data_line(path, [&](std::string_view line, size_t number) {
    std::string_view word = trim(line);
    if (word.find_first_of(" \t") != std::string_view::npos) fail(path, number, "one word a line");
    add_known_words(word);
  });
}

void TextRules::read_abbreviations(const std::string& path) {
  for_each_data_line(path, [&](std::string_view line, size_t number) {
    auto cols = split(line, '\t');
    std::string_view word = trim(cols[0]);
    std::string_view flag = cols.size() > 1 ? trim(cols[1]) : std::string_view();
    if (word.size() < 2 || word.back() != '.' || word.find(' ') != std::string_view::npos)
      fail(path, number, "an abbreviation is one word ending in '.'");
    Abbreviation kind = flag.empty()              ? Abbreviation::kNeverEnds
                        : flag == "may_end"       ? Abbreviation::kMayEnd
                        : flag == "before_number" ? Abbreviation::kBeforeNumber
                                                  : Abbreviation::kNone;
    if (kind == Abbreviation::kNone)
      fail(path, number, "the second column is may_end or before_number");
    abbreviations_[std::string(word)] = kind;
  });
}

void TextRules::read_sentence_starters(const std::string& path) {
  for_each_data_line(path, [&](std::string_view line, size_t number) {
    auto cols = split(line, '\t');
    std::string word = ascii_lower(trim(cols[0]));
    std::string_view flag = cols.size() > 1 ? trim(cols[1]) : std::string_view();
    if (word.empty() || word.find(' ') != std::string::npos) fail(path, number, "one word a line");
    if (!flag.empty() && flag != "lowercase") fail(path, number, "the second column is lowercase");
    if (!flag.empty()) lowercase_starters_.insert(word);
    sentence_starters_.insert(std::move(word));
  });
}

void TextRules::read_salutations(const std::string& path) {
  for_each_data_line(path, [&](std::string_view line, size_t number) {
    std::vector<std::string> words;
    std::string lowered = ascii_lower(trim(line));
    for (auto w : split(lowered, ' ')) {
      std::string word;
      for (char c : w)
        if (c != '.') word.push_back(c);
      if (!word.empty()) words.push_back(word);
    }
    if (words.empty()) fail(path, number, "empty salutation");
    salutation_first_words_.insert(words.front());
    salutations_.push_back(std::move(words));
  });
}

void TextRules::add_word(std::string_view word) {
  while (!word.empty() && (word.back() == '-' || word.back() == '\'')) word.remove_suffix(1);
  while (!word.empty() && (word.front() == '-' || word.front() == '\'')) word.remove_prefix(1);
  if (word.size() > 2 && word.substr(word.size() - 2) == "'s") word.remove_suffix(2);
  if (word.empty()) return;
  std::string lowered = ascii_lower(word);
  if (lowered.find('-') == std::string::npos) {
    known_words_.insert(std::move(lowered));
    return;
  }
  for (auto part : split(lowered, '-'))
    if (!part.empty()) known_words_.emplace(part);
  known_compounds_.insert(std::move(lowered));
}

void TextRules::add_known_words(std::string_view phrase) {
  auto is_word_byte = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '\'' || static_cast<unsigned char>(c) >= 0x80;
  };
  size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && !is_word_byte(phrase[i])) ++i;
    size_t start = i;
    while (i < phrase.size() && is_word_byte(phrase[i])) ++i;
    if (i > start) add_word(phrase.substr(start, i - start));
  }
}

bool TextRules::is_known_word(std::string_view word) const {
  char buffer[64];
  std::string spill;
  return known_words_.find(detail::ascii_lower(word, buffer, spill)) != known_words_.end();
}

bool TextRules::is_known_compound(std::string_view left, std::string_view right) const {
  if (known_compounds_.empty()) return false;
  std::string joined;
  joined.reserve(left.size() + right.size() + 1);
  joined.append(left).push_back('-');
  joined.append(right);
  return known_compounds_.count(ascii_lower(joined)) > 0;
}

const RepairRule* TextRules::rule_of_kind(RepairKind kind) const {
  for (const auto& rule : rules_)
    if (rule.kind == kind) return &rule;
  return nullptr;
}

const std::string* TextRules::punctuation(char32_t code_point) const {
  auto it = punctuation_.find(code_point);
  return it == punctuation_.end() ? nullptr : &it->second;
}

bool TextRules::is_page_furniture(std::string_view line, bool next_to_page_break) const {
  for (const auto& f : compiled_->furniture)
    if ((next_to_page_break || f.anywhere) && std::regex_match(line.begin(), line.end(), f.pattern))
      return true;
  return false;
}

std::vector<detail::Edit> TextRules::regex_edits(const RepairRule& rule,
                                                 std::string_view text) const {
  std::vector<detail::Edit> edits;
  if (!contains_literal(text, rule.params.at("trigger"))) return edits;
  const std::regex& re = compiled_->by_rule.at(rule.name);
  const std::string& replace = rule.params.at("replace");
  for (std::cregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) {
    const std::cmatch& m = *it;
    if (m.length(0) == 0) continue;
    edits.push_back(
        {static_cast<size_t>(m.position(0)), static_cast<size_t>(m.length(0)), m.format(replace)});
  }
  return edits;
}

Abbreviation TextRules::abbreviation(std::string_view word) const {
  auto it = abbreviations_.find(word);
  if (it != abbreviations_.end()) return it->second;
  if (word.empty() || word[0] < 'A' || word[0] > 'Z') return Abbreviation::kNone;
  std::string lowered(word);  // "E.g." is "e.g."
  lowered[0] = static_cast<char>(lowered[0] + 32);
  it = abbreviations_.find(lowered);
  return it == abbreviations_.end() ? Abbreviation::kNone : it->second;
}

bool TextRules::is_sentence_starter(std::string_view word) const {
  char buffer[64];
  std::string spill;
  return sentence_starters_.count(detail::ascii_lower(word, buffer, spill)) > 0;
}

bool TextRules::starts_sentence_lowercase(std::string_view word) const {
  return lowercase_starters_.find(word) != lowercase_starters_.end();
}

size_t TextRules::salutation_length(std::string_view text) const {
  // The first words of `text` (letters and '-'), periods and spaces between them skipped.
  constexpr size_t kMaxWords = 6;
  std::string_view words[kMaxWords];
  size_t ends[kMaxWords];
  size_t count = 0, i = 0;
  while (count < kMaxWords && i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '.')) ++i;
    size_t start = i;
    while (i < text.size() && ((text[i] >= 'a' && text[i] <= 'z') ||
                               (text[i] >= 'A' && text[i] <= 'Z') || text[i] == '-'))
      ++i;
    if (i == start) break;
    words[count] = text.substr(start, i - start);
    ends[count++] = i;
    char buffer[64];
    std::string spill;
    if (count == 1 && !salutation_first_words_.count(detail::ascii_lower(words[0], buffer, spill)))
      return 0;
  }
  size_t best = 0;
  for (const auto& phrase : salutations_) {
    if (phrase.size() > count) continue;
    size_t k = 0;
    while (k < phrase.size() && equals_lowercase(words[k], phrase[k])) ++k;
    if (k == phrase.size()) best = std::max(best, ends[k - 1]);
  }
  return best;
}

}  // namespace normgraph::loaders::text
