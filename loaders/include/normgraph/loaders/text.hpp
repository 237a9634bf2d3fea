#pragma once
// The text front end of the statement loader: bytes to UTF-8, the metadata header, a
// normalizer that repairs OCR and layout damage, and a paragraph and sentence segmenter.
// Everything the normalizer and segmenter know (repair rules, word lists, abbreviations,
// punctuation map) is data read at run time from ontology/text/; docs/text-normalization.md
// describes the files and every repair.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>
#include "normgraph/core/utf8.hpp"

namespace normgraph::loaders::text {

namespace detail {
// A replacement of text[pos, pos + removed) by `inserted`: what a repair scanner proposes.
struct Edit {
  size_t pos, removed;
  std::string inserted;
};
}  // namespace detail

// Decodes bytes to UTF-8: valid UTF-8 is kept (a BOM dropped); otherwise each byte is read as
// Windows-1252 (bytes Windows-1252 leaves undefined become U+0081 etc., as in the WHATWG
// encoding standard). *fallback tells which happened.
std::string to_utf8(std::string_view bytes, bool* fallback = nullptr);
// The offset of the first byte of `s` that does not start a valid UTF-8 sequence, or npos.
size_t first_invalid_utf8(std::string_view s);

// A metadata header: `key: value` lines at the very top ended by a line `---` (an opening `---`
// line before them is allowed). Keys are letters, digits, '_' and '-'. Without a well-formed
// header, fields is empty and body_begin is 0.
struct Header {
  std::vector<std::pair<std::string, std::string>> fields;
  size_t body_begin = 0;
};
Header parse_header(std::string_view text);

// The scanners a repair rule can name in repairs.tsv.
enum class RepairKind {
  kMojibake,                 // UTF-8 read as Windows-1252: "â€™" -> "'"
  kPageFurniture,            // page numbers and running heads next to a page break
  kPageBreak,                // lines and sentences broken by a page break are joined
  kLineEndHyphen,            // "cyber-\nsecurity" -> "cybersecurity" when that is a word
  kSplitFirstLetter,         // "C hairman" -> "Chairman"
  kMissingSpaceAfterPeriod,  // "peace.we" -> "peace. we"
  kMissingSpaceBeforeParen,  // "technologies(ICTs)" -> "technologies (ICTs)"
  kDigitForLetter,           // "1CTs" -> "ICTs"
  kSplitYear,                // "201 1" -> "2011"
  kRegex,                    // a regular expression with a literal trigger
};

// One line of repairs.tsv.
struct RepairRule {
  std::string name;
  RepairKind kind;
  std::map<std::string, std::string> params;  // kind-specific; `example` and `expect` too
  std::string source;                         // "repairs.tsv:12", for messages
};

// What an abbreviation allows after it (abbreviations.txt): no sentence end, one before a
// sentence starter, or it is an abbreviation only before a number ("No. 5" but "is no. We").
enum class Abbreviation { kNone, kNeverEnds, kMayEnd, kBeforeNumber };

// The data the normalizer and segmenter use: loaded from a folder (ontology/text/), with words
// a caller may add (the loader adds the vocabulary's phrases, so repairs are guided by it).
// Copies share the compiled regular expressions; the word sets are copied.
class TextRules {
 public:
  TextRules();  // no data: normalize() then only joins lines and collapses whitespace
  // Reads repairs.tsv, punctuation.tsv, page_furniture.txt (or the file repairs.tsv names),
  // words.txt, domain_words.txt, abbreviations.txt, sentence_starters.txt and salutations.txt.
  // Throws InputError naming file:line on bad data, or the file when it cannot be read.
  static TextRules load_dir(const std::string& dir);
  // $NORMGRAPH_ONTOLOGY_DIR/text if set, else NORMGRAPH_ONTOLOGY_DIR "/text".
  static TextRules load_default();
  static std::string default_dir();

  // Splits into words (letters, digits, '-' and '\'' inside a word), lowercases, adds each.
  // A hyphenated word is also kept whole, so line-end de-hyphenation keeps its hyphen.
  void add_known_words(std::string_view phrase);

  // Queries for normalize() and segment().
  bool is_known_word(std::string_view word) const;                              // case-insensitive
  bool is_known_compound(std::string_view left, std::string_view right) const;  // "non-use"
  const std::vector<RepairRule>& repair_rules() const { return rules_; }
  const RepairRule* rule_of_kind(RepairKind kind) const;  // the first, nullptr when none
  // The ASCII replacement of a non-ASCII code point, or nullptr to keep it.
  const std::string* punctuation(char32_t code_point) const;
  // Whether a trimmed line is page furniture (page_furniture patterns; most of them only
  // apply next to a page break: a blank line, a form feed or other furniture).
  bool is_page_furniture(std::string_view line, bool next_to_page_break) const;
  // The edits a kRegex rule makes in `text` (none unless its trigger occurs), in order.
  std::vector<detail::Edit> regex_edits(const RepairRule& rule, std::string_view text) const;
  Abbreviation abbreviation(std::string_view word_with_period) const;
  bool is_sentence_starter(std::string_view word) const;        // case-insensitive
  bool starts_sentence_lowercase(std::string_view word) const;  // "we" after "peace."
  // The byte length of the salutation phrase `text` starts with ("Mr. Chairman"), else 0.
  size_t salutation_length(std::string_view text) const;

 private:
  struct Compiled;  // regular expressions, shared by copies
  struct TransparentHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using WordSet = std::unordered_set<std::string, TransparentHash, std::equal_to<>>;

  void read_repairs(const std::string& dir, const std::string& path);
  void read_punctuation(const std::string& path);
  void read_words(const std::string& path);
  void read_abbreviations(const std::string& path);
  void read_sentence_starters(const std::string& path);
  void read_salutations(const std::string& path);
  void add_word(std::string_view word);

  std::vector<RepairRule> rules_;
  std::unordered_map<char32_t, std::string> punctuation_;
  WordSet known_words_;
  WordSet known_compounds_;
  std::unordered_map<std::string, Abbreviation, TransparentHash, std::equal_to<>> abbreviations_;
  WordSet sentence_starters_;
  WordSet lowercase_starters_;
  std::vector<std::vector<std::string>> salutations_;  // words, lowercase, periods dropped
  WordSet salutation_first_words_;
  std::shared_ptr<const Compiled> compiled_;
};

// A change the normalizer made, located in its output text.
struct Repair {
  std::string rule;
  size_t begin, end;
  std::string before, after;
};
struct NormalizedText {
  std::string text;
  std::vector<Repair> repairs;
};

// Unicode punctuation to ASCII (quotes, dashes, ellipsis, non-breaking and zero-width spaces,
// ligatures), OCR repairs, de-hyphenation at line ends, re-joining lines and sentences broken
// by page breaks, whitespace collapsed inside paragraphs; paragraphs separated by exactly one
// blank line ("\n\n") in the output, which has no leading or trailing whitespace.
NormalizedText normalize(std::string_view utf8_body, const TextRules& rules);

// 0-based; offsets into the normalized text ([begin, end), no surrounding spaces); index counts
// within its paragraph.
struct Sentence {
  uint32_t paragraph;
  uint32_t index;
  size_t begin, end;
};
std::vector<Sentence> segment(std::string_view normalized, const TextRules& rules);
// The same, and a sentence also ends where missing_space_after_period put a space before a
// lowercase word ("peace.the" -> "peace. the"), unless an abbreviation precedes it.
std::vector<Sentence> segment(const NormalizedText& normalized, const TextRules& rules);

namespace detail {
// Shared by the text_*.cpp files: runs the word-level repairs over one paragraph, in the order
// of repairs.tsv, and moves the offsets of `repairs` (made earlier, in paragraph coordinates)
// along with the edits; the new repairs are appended.
void repair_words(std::string& paragraph, std::vector<Repair>& repairs, const TextRules& rules);
// UTF-8 helpers.
char32_t decode_utf8(std::string_view s, size_t& i);  // advances i; U+FFFD on a bad byte
using normgraph::append_utf8;                         // normgraph/core/utf8.hpp
// The Windows-1252 byte that decodes to `code_point` (C1 controls map to themselves), or -1.
int windows1252_byte(char32_t code_point);
// ASCII lowercase of `s` into `buffer` when it fits; the view is into buffer or `spill`.
std::string_view ascii_lower(std::string_view s, char (&buffer)[64], std::string& spill);
}  // namespace detail

}  // namespace normgraph::loaders::text
