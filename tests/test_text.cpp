// The text front end: decoding, the metadata header, normalization repairs and segmentation.
// Unit inputs are short sentences written for these tests; the corpus is read from
// NORMGRAPH_SHARED_DIR.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "normgraph/core/errors.hpp"
#include "normgraph/loaders/text.hpp"
#include "test_helpers.hpp"

using normgraph::InputError;
using normgraph::testing::read_file;
using normgraph::testing::ScopedEnv;
using normgraph::testing::TempDir;
using normgraph::testing::write_file;
using normgraph::testing::write_in;
namespace text = normgraph::loaders::text;

namespace {

const std::string kRulesDir = std::string(NORMGRAPH_SOURCE_DIR) + "/ontology/text";
const std::string kShared = NORMGRAPH_SHARED_DIR;

const text::TextRules& rules() {
  static const text::TextRules loaded = text::TextRules::load_dir(kRulesDir);
  return loaded;
}

std::string norm(std::string_view in, const text::TextRules& r = rules()) {
  return text::normalize(in, r).text;
}

// The sentences of the normalized input, as text.
std::vector<std::string> sentences(std::string_view in, const text::TextRules& r = rules()) {
  text::NormalizedText n = text::normalize(in, r);
  std::vector<std::string> out;
  for (const auto& s : text::segment(n, r)) out.push_back(n.text.substr(s.begin, s.end - s.begin));
  return out;
}

std::vector<std::string> rules_fired(const text::NormalizedText& n) {
  std::vector<std::string> out;
  for (const auto& r : n.repairs) out.push_back(r.rule);
  return out;
}

bool fired(std::string_view in, const std::string& rule) {
  auto all = rules_fired(text::normalize(in, rules()));
  return std::find(all.begin(), all.end(), rule) != all.end();
}

// A copy of the default rules folder where `file` has `content`.
std::string rules_dir_with(const TempDir& dir, const std::string& file,
                           const std::string& content) {
  std::filesystem::copy(kRulesDir, dir.path(), std::filesystem::copy_options::recursive);
  write_file(dir.file(file), content);
  return dir.path();
}

std::string load_error(const std::string& dir) {
  try {
    text::TextRules::load_dir(dir);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("no InputError for " << dir);
  return "";
}

std::vector<std::string> text_files_under(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".txt") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Sentences are non-empty, in order, inside the text and within one paragraph.
bool sentences_are_ordered_spans(const std::string& text, const std::vector<text::Sentence>& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i].begin >= s[i].end || s[i].end > text.size()) return false;
    if (text.substr(s[i].begin, s[i].end - s[i].begin).find("\n\n") != std::string::npos)
      return false;
    if (i > 0 && s[i - 1].end > s[i].begin) return false;
  }
  return true;
}

}  // namespace

// ---- decoding and the header

TEST_CASE("to_utf8 keeps valid UTF-8 and drops a BOM", "[text]") {
  bool fallback = true;
  CHECK(text::to_utf8("plain ASCII", &fallback) == "plain ASCII");
  CHECK_FALSE(fallback);
  CHECK(text::to_utf8("\xEF\xBB\xBFStatement by Côte d\xE2\x80\x99Ivoire", &fallback) ==
        "Statement by Côte d\xE2\x80\x99Ivoire");
  CHECK_FALSE(fallback);
}

TEST_CASE("to_utf8 reads invalid UTF-8 as Windows-1252", "[text]") {
  bool fallback = false;
  std::string utf8 = text::to_utf8("the State\x92s position \x96 caf\xE9", &fallback);
  CHECK(fallback);
  CHECK(utf8 == "the State\xE2\x80\x99s position \xE2\x80\x93 caf\xC3\xA9");
  CHECK(norm(utf8) == "the State's position - caf\xC3\xA9");
  CHECK(text::to_utf8("\x81", &fallback) == "\xC2\x81");  // undefined byte: C1 control
  CHECK(text::to_utf8("\xED\xA0\x80", &fallback) == "\xC3\xAD\xC2\xA0\xE2\x82\xAC");  // surrogate
  CHECK(fallback);
}

TEST_CASE("parse_header reads key: value lines closed by ---", "[text]") {
  std::string doc =
      "title: Statement by A\r\nspeaker: A\ndate: 2015-10-01\nsource: x:y\n---\nBody.";
  text::Header h = text::parse_header(doc);
  REQUIRE(h.fields.size() == 4);
  CHECK(h.fields[0] == std::pair<std::string, std::string>{"title", "Statement by A"});
  CHECK(h.fields[3].second == "x:y");
  CHECK(doc.substr(h.body_begin) == "Body.");

  std::string yaml_doc = "---\nkind: statement\n---\nText";
  text::Header yaml = text::parse_header(yaml_doc);
  CHECK(yaml.fields.size() == 1);
  CHECK(yaml_doc.substr(yaml.body_begin) == "Text");
}

TEST_CASE("parse_header finds no header in plain or malformed text", "[text]") {
  for (std::string doc : {"Mr. President: thank you.\n---\n", "Plain text.\nMore.",
                          "title: A\nnot a field line\n---\nBody", "title: A\nspeaker: B\n",
                          "ti tle: A\n---\nBody", "---\n---\nBody", ""}) {
    text::Header h = text::parse_header(doc);
    CHECK(h.fields.empty());
    CHECK(h.body_begin == 0);
  }
}

// ---- character normalization

TEST_CASE("Unicode punctuation and spaces become ASCII", "[text]") {
  CHECK(norm("\xE2\x80\x9CWe\xE2\x80\x99re here\xE2\x80\x9D") == "\"We're here\"");
  CHECK(norm("peace\xE2\x80\x94"
             "and security") == "peace - and security");
  CHECK(norm("peace \xE2\x80\x94 and 2010\xE2\x80\x93"
             "2015") == "peace - and 2010-2015");
  CHECK(norm("wait\xE2\x80\xA6 now") == "wait... now");
  CHECK(norm("100\xC2\xA0per\xE2\x80\x83"
             "cent") == "100 per cent");
  CHECK(norm("zero\xE2\x80\x8Bwidth soft\xC2\xADhyphen") == "zerowidth softhyphen");
  CHECK(norm("\xEF\xAC\x81nal e\xEF\xAC\x80orts") == "final efforts");
  CHECK(norm("Bogot\xC3\xA1 and \xD0\x9C\xD0\xB8\xD1\x80") ==
        "Bogot\xC3\xA1 and \xD0\x9C\xD0\xB8\xD1\x80");
}

TEST_CASE("whitespace collapses inside paragraphs, one blank line between them", "[text]") {
  CHECK(norm("  First \t line\ncontinues here.  \n\n\n Second   paragraph.\n\n") ==
        "First line continues here.\n\nSecond paragraph.");
  CHECK(norm("") == "");
  CHECK(norm(" \n\t\n") == "");
}

TEST_CASE("mojibake: UTF-8 read as Windows-1252 is undone", "[text]") {
  text::NormalizedText n =
      text::normalize("the Government\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s role", rules());
  CHECK(n.text == "the Government's role");
  REQUIRE(rules_fired(n) == std::vector<std::string>{"mojibake"});
  CHECK(norm("Bras\xC3\x83\xC2\xADlia") == "Bras\xC3\xADlia");
  // Not fired: real accented text, an accent before a quote.
  CHECK_FALSE(fired("caf\xC3\xA9\xE2\x80\x99s and \xC3\x96sterreich", "mojibake"));
}

// ---- OCR repairs

TEST_CASE("digit_for_letter: a digit read for a letter, guided by known words", "[text]") {
  CHECK(norm("communication technologies (1CTs) matter") ==
        "communication technologies (ICTs) matter");
  CHECK(norm("My de1egation agrees. 0ur view is clear.") ==
        "My delegation agrees. Our view is clear.");
  text::TextRules custom = rules();
  CHECK(norm("the Z0RBLAX forum", custom) == "the Z0RBLAX forum");
  custom.add_known_words("ZORBLAX Forum");
  CHECK(norm("the Z0RBLAX forum", custom) == "the ZORBLAX forum");
  for (std::string keep : {"the 10th session", "the 1990s", "the G20 and G77", "R2P and 4RF",
                           "A/70/174", "COVID-19", "5G networks", "1st and 2nd"})
    CHECK(norm(keep) == keep);
}

TEST_CASE("split_year: a year split by a space", "[text]") {
  CHECK(norm("In 201 1, we met.") == "In 2011, we met.");
  CHECK(norm("by 203 0 at the latest") == "by 2030 at the latest");
  CHECK(norm("since 199 8.") == "since 1998.");
  for (std::string keep : {"from 150 1 onwards", "in 201 11 cases", "1,201 1 votes", "page 20 1",
                           "201 1a", "in 2011 1 case"})
    CHECK(norm(keep) == keep);
}

TEST_CASE("split_word: a word split after its first letter", "[text]") {
  CHECK(norm("Thank you, Mr. C hairman.") == "Thank you, Mr. Chairman.");
  CHECK(norm("the I nternational community") == "the International community");
  CHECK(norm("f loods and f lagrant violations") == "floods and flagrant violations");
  for (std::string keep : {"a way forward", "A broad coalition", "J. Smith said", "a priori",
                           "Plan B was", "I am here", "vitamin A deficiency"})
    CHECK(norm(keep) == keep);
}

TEST_CASE("missing_space_after_period: between two words", "[text]") {
  CHECK(norm("a spirit of peace.we should") == "a spirit of peace. we should");
  CHECK(norm("Mr.chairman, thank you") == "Mr. chairman, thank you");
  CHECK(norm("Mr.C hairman,") == "Mr. Chairman,");
  CHECK(norm("is alarming.The test") == "is alarming. The test");
  for (std::string keep :
       {"the U.N. Charter", "e.g. this", "i.e., that", "grew 1.5 per cent", "see A/70/174.",
        "at un.org today", "www.ejiltalk.org/post", "the report.pdf file", "the U.S.A. and",
        "Mr. Smith", "x.y", "mail me at a.b@un.org"})
    CHECK(norm(keep) == keep);
}

TEST_CASE("missing_space_before_paren: a word glued to an opening parenthesis", "[text]") {
  CHECK(norm("communication technologies(ICTs) are") == "communication technologies (ICTs) are");
  CHECK(norm("Official Development Assistance(ODA).") == "Official Development Assistance (ODA).");
  for (std::string keep : {"the State(s) concerned", "Article 2(4) applies", "f(x) here",
                           "A/RES/70(237)", "call()", "word( spaced"})
    CHECK(norm(keep) == keep);
}

TEST_CASE("dehyphenate: a word broken at a line end", "[text]") {
  CHECK(norm("global cyber-\nsecurity matters") == "global cybersecurity matters");
  CHECK(norm("the develop-\nment of norms") == "the development of norms");
  CHECK(norm("the deve-\nlopment of norms") == "the development of norms");
  // Kept: an unknown joined word, a known compound, a capitalized next part, a word part.
  CHECK(norm("global zorb-\nsecurity matters") == "global zorb-security matters");
  CHECK(norm("principle of non-\ninterference") == "principle of non-interference");
  CHECK(norm("the follow-\nup to it") == "the follow-up to it");
  CHECK(norm("against Al-\nQaida today") == "against Al-Qaida today");
  CHECK(norm("vis-a-\nvis them") == "vis-a-vis them");
  CHECK(norm("a dash -\nthen more") == "a dash - then more");
  text::TextRules custom = rules();
  custom.add_known_words("zorbsecurity");
  CHECK(norm("global zorb-\nsecurity matters", custom) == "global zorbsecurity matters");
  // The document's own spelling wins over the word lists.
  CHECK(norm("The cyber-security of States. Our cyber-\nsecurity too.") ==
        "The cyber-security of States. Our cyber-security too.");
  text::NormalizedText n = text::normalize("the develop-\nment", rules());
  REQUIRE(n.repairs.size() == 1);
  CHECK(n.repairs[0].rule == "dehyphenate");
  CHECK(n.repairs[0].before == "develop-\nment");
  CHECK(n.text.substr(n.repairs[0].begin, n.repairs[0].end - n.repairs[0].begin) == "development");
}

TEST_CASE("page_break_join: a sentence broken by a page break is joined", "[text]") {
  CHECK(norm("We should abandon the Cold \n\n\n\nWar or zero-sum mentality.") ==
        "We should abandon the Cold War or zero-sum mentality.");
  CHECK(norm("It has tested our \n\n\n\nwisdom. We witnessed it.") ==
        "It has tested our wisdom. We witnessed it.");
  CHECK(norm("the broad-\n\n\n\fbased reform") == "the broad-based reform");
  CHECK(norm("as set out in resolution\n\f\n66/288, annex.") ==
        "as set out in resolution 66/288, annex.");
  CHECK(norm("we need to promote\n\nthe adoption of norms.") ==
        "we need to promote the adoption of norms.");
  // Not joined: a sentence end before an uppercase start, a short line standing alone.
  CHECK(norm("This ends here.\n\n\n\nA new paragraph.") == "This ends here.\n\nA new paragraph.");
  CHECK(norm("One paragraph.\n\nAnother one.") == "One paragraph.\n\nAnother one.");
  CHECK(norm("Mr. Chairman,\n\nThe growth of ICTs.") == "Mr. Chairman,\n\nThe growth of ICTs.");
  CHECK(norm("## I. INTRODUCTION\n\nI would like to begin.") ==
        "## I. INTRODUCTION\n\nI would like to begin.");
}

TEST_CASE("a sentence split by a page break comes out as one sentence", "[text]") {
  auto s = sentences(
      "Therefore, we should all abandon the Cold \n\n\n\nWar or zero-sum mentality "
      "and pursue a new concept. We should champion dialogue.");
  REQUIRE(s.size() == 2);
  CHECK(s[0] ==
        "Therefore, we should all abandon the Cold War or zero-sum mentality and pursue "
        "a new concept.");
  text::NormalizedText n = text::normalize("we should abandon the Cold \n\n\n\nWar", rules());
  REQUIRE(n.repairs.size() == 1);
  CHECK(n.repairs[0].rule == "page_break_join");
  CHECK(n.repairs[0].before == " \n\n\n\n");
}

TEST_CASE("page_furniture: page numbers and running heads at page breaks are dropped", "[text]") {
  CHECK(norm("concerns such as\n15-29946 15/33\n\f\nA/70/PV.28 03/10/2015\nHIV/AIDS and more.") ==
        "concerns such as HIV/AIDS and more.");
  CHECK(norm("how can one pursue\n4\n\nsustainable development") ==
        "how can one pursue sustainable development");
  CHECK(norm("whose dismantling has\n5\nbeen called for") ==
        "whose dismantling has been called for");
  CHECK(norm("in the\n  \n \n06-52879 2 \n \nprosperity of all") == "in the prosperity of all");
  // Kept: a year or a symbol inside the text, furniture shapes away from a page break.
  CHECK(norm("It was adopted in\n2015\nby consensus.") == "It was adopted in 2015 by consensus.");
  CHECK(norm("See document\nA/70/PV.28\nfor the record.") ==
        "See document A/70/PV.28 for the record.");
}

TEST_CASE("space_before_comma: a regular-expression rule", "[text]") {
  CHECK(norm("Al-Qaida , and others") == "Al-Qaida, and others");
  CHECK(norm("as before , said") == "as before, said");
  CHECK(norm("one ,two") == "one ,two");
}

TEST_CASE("every repair rule's own example gives its expected text", "[text]") {
  for (const auto& rule : rules().repair_rules()) {
    INFO(rule.source << " " << rule.name);
    REQUIRE(rule.params.count("example"));
    REQUIRE(rule.params.count("expect"));
    text::NormalizedText n = text::normalize(rule.params.at("example"), rules());
    CHECK_THAT(n.text, Catch::Contains(rule.params.at("expect")));
    auto names = rules_fired(n);
    CHECK(std::find(names.begin(), names.end(), rule.name) != names.end());
  }
}

TEST_CASE("repairs are located in the normalized text", "[text]") {
  text::NormalizedText n = text::normalize(
      "In 201 1, the technologies(1CTs)\nof the Cold \n\n\nWar.\n\nMr.C hairman, peace.we go.",
      rules());
  REQUIRE(n.repairs.size() >= 6);
  for (const auto& r : n.repairs) {
    INFO(r.rule << " [" << r.before << "] -> [" << r.after << "]");
    REQUIRE(r.begin <= r.end);
    REQUIRE(r.end <= n.text.size());
    bool respanned = r.rule == "missing_space_before_paren" || r.rule == "split_word";
    if (r.rule != "page_break_join" && !respanned)  // later repairs changed these spans
      CHECK(n.text.substr(r.begin, r.end - r.begin) == r.after);
  }
  CHECK(n.text ==
        "In 2011, the technologies (ICTs) of the Cold War.\n\nMr. Chairman, peace. we go.");
}

// ---- layout

TEST_CASE("one paragraph a line, and hard-wrapped text with short last lines", "[text]") {
  CHECK(norm("First paragraph here.\nSecond one.\nThird one.\nFourth one.\n") ==
        "First paragraph here.\n\nSecond one.\n\nThird one.\n\nFourth one.");
  std::string wrapped =
      "The General Assembly meets every year in New York\n"
      "and hears the statements of the Member States in a\n"
      "general debate that lasts more than one week, from\n"
      "the opening of the session to its final meetings in\n"
      "the autumn. Each speaker addresses the hall on the\n"
      "questions of peace and security of the whole world.\n"
      "This is the end of a paragraph.\n"
      "A new paragraph starts on this line, and the next\n"
      "line continues it until the paragraph ends with a\n"
      "sentence that ends on a line of its own at last.\n"
      "Again a line that is wrapped at the width of the\n"
      "column so that the paragraph ends here.\n";
  CHECK(norm(wrapped).find("paragraph.\n\nA new paragraph") != std::string::npos);
  CHECK(norm(wrapped).find("whole world. This is the end") != std::string::npos);
}

// ---- segmentation

TEST_CASE("sentences end at . ! ? before an uppercase word, a digit or a quote", "[text]") {
  CHECK(sentences("We agree. Do you? Yes! \"Quoted,\" he said. 2015 was a year.") ==
        std::vector<std::string>{"We agree.", "Do you?", "Yes!", "\"Quoted,\" he said.",
                                 "2015 was a year."});
  CHECK(sentences("He said: \"Stop.\" Then he left. (It was late.) Next.") ==
        std::vector<std::string>{"He said: \"Stop.\"", "Then he left.", "(It was late.)", "Next."});
  CHECK(sentences("It grew 1.5 per cent. See A/70/174. The report was adopted.") ==
        std::vector<std::string>{"It grew 1.5 per cent.", "See A/70/174.",
                                 "The report was adopted."});
  CHECK(sentences("This is wrong... We know it.").size() == 2);
  CHECK(sentences("We have ... seen it.").size() == 1);
}

TEST_CASE("no sentence ends after an abbreviation or an initial", "[text]") {
  CHECK(sentences("Mr. Smith and Dr. Jones met H.E. Ms. Brown. The U.N. Charter applies, e.g. "
                  "Art. 51 and No. 5 of the U.S. Government list.")
            .size() == 2);
  CHECK(sentences("President George W. Bush spoke. J. Smith agreed.").size() == 2);
  CHECK(sentences("We met Mr.Volkan Bozkir today.").size() == 1);
  // May-end abbreviations end a sentence before a sentence starter.
  CHECK(sentences("Food, water, etc. The rest follows.").size() == 2);
  CHECK(sentences("Sanctions by the U.S. We reject them.").size() == 2);
  // "No." is an abbreviation only before a number.
  CHECK(sentences("The answer is no. Saddam Hussein knew it.").size() == 2);
}

TEST_CASE("a lowercase start ends a sentence only with evidence", "[text]") {
  CHECK(sentences("in a spirit of peace.we should act. approx. two of them.") ==
        std::vector<std::string>{"in a spirit of peace.", "we should act. approx. two of them."});
  CHECK(sentences("It is done. they agree.").size() == 2);
  CHECK(sentences("\"What an honour!\" he said.").size() == 1);
  // An inserted space after a period ends a sentence, even before a non-pronoun.
  CHECK(sentences("It was alarming.the test.").size() == 2);
  CHECK(text::segment(std::string_view("It was alarming. the test."), rules()).size() == 1);
  CHECK(sentences("Thank you, Mr.chairman, for this.").size() == 1);
}

TEST_CASE("paragraphs end sentences, numbered items stay whole", "[text]") {
  text::NormalizedText n = text::normalize(
      "A heading without a period\n\nFirst sentence. Second sentence\n\n1. The first point.",
      rules());
  auto s = text::segment(n, rules());
  REQUIRE(s.size() == 4);
  CHECK(s[0].paragraph == 0);
  CHECK(s[1].paragraph == 1);
  CHECK(s[1].index == 0);
  CHECK(s[2].paragraph == 1);
  CHECK(s[2].index == 1);
  CHECK(n.text.substr(s[2].begin, s[2].end - s[2].begin) == "Second sentence");
  CHECK(n.text.substr(s[3].begin, s[3].end - s[3].begin) == "1. The first point.");
}

TEST_CASE("a salutation before an uppercase word is a sentence of its own", "[text]") {
  CHECK(sentences("Mr.C hairman,\nThe importance of security is clear.") ==
        std::vector<std::string>{"Mr. Chairman,", "The importance of security is clear."});
  CHECK(sentences("Mr. President, Excellencies, and Ladies and gentlemen, Allow me to begin.")
            .size() == 2);
  CHECK(sentences("Mr. President, let me begin.").size() == 1);
  CHECK(sentences("Madam President, I congratulate you.").size() == 2);
  CHECK(sentences("Thank you, Mr. President.").size() == 1);
}

// ---- data files

TEST_CASE("TextRules::load_dir names the file and line of bad data", "[text]") {
  {
    TempDir dir;
    std::string path = rules_dir_with(dir, "repairs.tsv", "# c\n\nsplit_year\tno_such_kind\n");
    CHECK_THAT(load_error(path),
               Catch::Contains("repairs.tsv:3") && Catch::Contains("no_such_kind"));
  }
  {
    TempDir dir;
    std::string path =
        rules_dir_with(dir, "repairs.tsv", "r\tregex\ttrigger=x\tpattern=(\treplace=y\n");
    CHECK_THAT(load_error(path), Catch::Contains("repairs.tsv:1") && Catch::Contains("regular"));
  }
  {
    TempDir dir;
    std::string path = rules_dir_with(dir, "repairs.tsv", "y\tsplit_year\tcenturies=19\tfoo=1\n");
    CHECK_THAT(load_error(path), Catch::Contains("repairs.tsv:1") && Catch::Contains("foo"));
  }
  {
    TempDir dir;
    std::string path = rules_dir_with(dir, "punctuation.tsv", "U+2019\t'\n");
    CHECK_THAT(load_error(path), Catch::Contains("punctuation.tsv:1"));
  }
  {
    TempDir dir;
    std::string path = rules_dir_with(dir, "abbreviations.txt", "Mr.\nDr\n");
    CHECK_THAT(load_error(path), Catch::Contains("abbreviations.txt:2"));
  }
  {
    TempDir dir;
    std::string path = rules_dir_with(dir, "page_furniture.txt", "[0-9\n");
    CHECK_THAT(load_error(path), Catch::Contains("page_furniture.txt:1"));
  }
  {
    TempDir dir;
    std::filesystem::copy(kRulesDir, dir.path(), std::filesystem::copy_options::recursive);
    std::filesystem::remove(dir.file("salutations.txt"));
    CHECK_THAT(load_error(dir.path()), Catch::Contains("salutations.txt"));
  }
}

TEST_CASE("leaving a rule out of repairs.tsv turns its repair off", "[text]") {
  TempDir dir;
  std::string path = rules_dir_with(dir, "repairs.tsv", "y\tsplit_year\tcenturies=20\n");
  text::TextRules only_years = text::TextRules::load_dir(path);
  CHECK(norm("In 201 1 and 199 8, technologies(1CTs)", only_years) ==
        "In 2011 and 199 8, technologies(1CTs)");
  text::TextRules none;
  CHECK(norm("the Cold \n\n\nWar \xE2\x80\x94 peace.we", none) ==
        "the Cold\n\nWar \xE2\x80\x94 peace.we");
}

TEST_CASE("NORMGRAPH_ONTOLOGY_DIR overrides where the text rules are read", "[text]") {
  TempDir dir;
  std::filesystem::copy(kRulesDir, dir.file("text"), std::filesystem::copy_options::recursive);
  ScopedEnv env("NORMGRAPH_ONTOLOGY_DIR", dir.path());
  CHECK(text::TextRules::default_dir() == dir.path() + "/text");
  CHECK_FALSE(text::TextRules::load_default().repair_rules().empty());
}

// ---- the corpus

TEST_CASE("the reference statement normalizes and segments as expected", "[text]") {
  std::string bytes = read_file(kShared + "/corpus/statements/000_f7b3e24bbd779271.txt");
  REQUIRE_FALSE(bytes.empty());
  std::string utf8 = text::to_utf8(bytes);
  text::Header header = text::parse_header(utf8);
  text::NormalizedText n =
      text::normalize(std::string_view(utf8).substr(header.body_begin), rules());
  CHECK_THAT(n.text, Catch::Contains("information and communication technologies (ICTs)"));
  CHECK_THAT(n.text, Catch::Contains("In 2011, China"));
  CHECK_THAT(n.text, Catch::Contains("Mr. Chairman"));
  CHECK_THAT(n.text, Catch::Contains("abandon the Cold War or zero-sum mentality"));
  CHECK(n.text.find("Mr.C") == std::string::npos);

  std::vector<std::string> found;
  for (const auto& s : text::segment(n, rules())) {
    std::string sentence = n.text.substr(s.begin, s.end - s.begin);
    if (sentence.find("we should keep advocate and observing the cyberspace norms") !=
        std::string::npos)
      found.push_back(sentence);
  }
  REQUIRE(found.size() == 1);
  CHECK(found[0].rfind("we should keep advocate", 0) == 0);
  CHECK_THAT(found[0], Catch::EndsWith("peaceful settlement of disputes."));
}

TEST_CASE("every corpus file normalizes and segments", "[text]") {
  std::vector<std::string> files = text_files_under(kShared + "/corpus/statements");
  auto ungdc = text_files_under(kShared + "/corpus/ungdc");
  files.insert(files.end(), ungdc.begin(), ungdc.end());
  REQUIRE(files.size() > 100);
  size_t sentence_count = 0;
  for (const auto& file : files) {
    INFO(file);
    std::string utf8 = text::to_utf8(read_file(file));
    text::Header header = text::parse_header(utf8);
    text::NormalizedText n;
    REQUIRE_NOTHROW(n = text::normalize(std::string_view(utf8).substr(header.body_begin), rules()));
    std::vector<text::Sentence> s;
    REQUIRE_NOTHROW(s = text::segment(n, rules()));
    sentence_count += s.size();
    CHECK(n.text.find("\n\n\n") == std::string::npos);
    CHECK(sentences_are_ordered_spans(n.text, s));
  }
  CHECK(sentence_count > 100000);
}
