#pragma once
// The numbering parser: the lines of a norm text to provisions (articles, paragraphs,
// lettered and numbered items), by the numbering schemes of norm-text.rules.
#include "common.hpp"

namespace normgraph::loaders::norm {

class ProvisionParser {
 public:
  ProvisionParser(const NormRules& rules, size_t first_line)
      : rules_(rules), line_number_(first_line) {}

  std::vector<Provision> parse(std::string_view body) {
    size_t start = 0;
    for (size_t line = line_number_; start <= body.size(); ++line) {
      size_t end = body.find('\n', start);
      if (end == std::string_view::npos) end = body.size();
      this->line(trim(body.substr(start, end - start)), line);
      if (end == body.size()) break;
      start = end + 1;
    }
    return std::move(out_);
  }

 private:
  enum class Prev { None, Heading, HeadingItem, Item, Bullet, Plain };
  struct Level {
    std::string style, number;
    bool parenthesized;
    int provision;
    int parent;  // the provision the level's items belong to
  };

  void line(const std::string& text, size_t number) {
    if (text.empty()) {
      blank_before_ = true;
      return;
    }
    current_line_ = number;
    if (text[0] == '#')  // a line of only '#' is an empty heading
      heading(trim(text.substr(std::min(text.find_first_not_of('#'), text.size()))));
    else if (size_t len = bullet_length(text))
      bullet(trim(text.substr(len)));
    else if (!item(text, false))
      plain(text);
    blank_before_ = false;
  }

  void heading(const std::string& text) {
    continuing_ = -1;
    in_bullets_ = false;
    if (std::string n = article_number(text); !n.empty()) {
      article_ = n;
      stack_.clear();
      article_provision_ = add(Provision::Kind::ArticleBody, n, "", -1);
      prev_ = Prev::Heading;
      return;
    }
    if (item(text, true)) return;
    article_.clear();  // a chapter or title heading ends the article and its lists
    article_provision_ = -1;
    stack_.clear();
    prev_ = Prev::Heading;
  }

  // "Article  51", "Art. 2": the number after an article word.
  std::string article_number(const std::string& heading) const {
    std::vector<Word> ws = words_of(heading);
    size_t k = 0;
    while (k < ws.size() && !ws[k].word) ++k;
    if (k >= ws.size() || !contains(rules_.article_words, ws[k].norm)) return "";
    for (++k; k < ws.size() && !ws[k].word; ++k) {
    }
    if (k >= ws.size() || !std::isdigit(static_cast<unsigned char>(ws[k].norm[0]))) return "";
    return heading.substr(ws[k].begin, ws[k].end - ws[k].begin);
  }

  size_t bullet_length(const std::string& text) const {
    std::smatch m;
    for (const auto& re : rules_.bullets)
      if (std::regex_search(text, m, re, std::regex_constants::match_continuous))
        return m.length(0);
    return 0;
  }

  struct Candidate {
    const NumberingMarker* marker;
    std::string number;
    size_t length;
  };

  // A numbered item (or a heading that starts with a marker); false when no marker fits.
  bool item(const std::string& text, bool is_heading) {
    std::vector<Candidate> candidates;
    std::smatch m;
    for (const auto& marker : rules_.markers)
      if (std::regex_search(text, m, marker.pattern, std::regex_constants::match_continuous) &&
          m.size() > 1)
        candidates.push_back({&marker, m.str(1), static_cast<size_t>(m.length(0))});
    if (candidates.empty()) return false;
    auto open_level = [&](const Candidate& c) -> int {
      for (size_t l = stack_.size(); l-- > 0;)
        if (stack_[l].style == c.marker->style) return static_cast<int>(l);
      return -1;
    };
    // A sibling that follows its predecessor, else a new level, else any open level.
    const Candidate* chosen = nullptr;
    int level = -1;
    for (const auto& c : candidates)
      if (int l = open_level(c); l >= 0 && successor(stack_[l].number) == c.number)
        chosen = &c, level = l;
    if (!chosen)
      for (const auto& c : candidates)
        if (open_level(c) < 0) {
          chosen = &c;
          break;
        }
    if (!chosen) chosen = &candidates.front(), level = open_level(candidates.front());
    int parent = -1;
    if (level >= 0) {
      parent = stack_[level].parent;  // a sibling: the same lead-in
      stack_.resize(level);
    } else if (!stack_.empty()) {
      parent = stack_.back().provision;
    } else if (article_provision_ >= 0) {
      parent = article_provision_;
    } else if (prev_ == Prev::Plain) {
      parent = lead_;
    }
    const bool parenthesized = text[0] == '(';
    stack_.push_back({chosen->marker->style, chosen->number, parenthesized, -1, parent});
    std::string rest = trim(text.substr(chosen->length));
    const int p = add(Provision::Kind::Item, label(), is_heading ? "" : rest, parent);
    stack_.back().provision = p;
    if (is_heading) out_[p].title = rest;
    in_bullets_ = false;
    prev_ = is_heading ? Prev::HeadingItem : Prev::Item;
    continuing_ = is_heading ? -1 : p;
    return true;
  }

  std::string label() const {
    std::string out = article_;
    for (size_t l = 0; l < stack_.size(); ++l) {
      const bool bare = l == 0 && article_.empty() && !stack_[l].parenthesized;
      out += bare ? stack_[l].number : "(" + stack_[l].number + ")";
    }
    return out;
  }

  void bullet(const std::string& text) {
    if (!in_bullets_) {
      list_parent_ = prev_ == Prev::Plain && lead_ >= 0 ? lead_
                     : !stack_.empty()                  ? stack_.back().provision
                                                        : article_provision_;
      bullets_ = 0;
      in_bullets_ = true;
    }
    ++bullets_;
    std::string prefix = list_parent_ >= 0 && !out_[list_parent_].label.empty()
                             ? out_[list_parent_].label + " "
                             : "";
    continuing_ = add(Provision::Kind::Item, prefix + "bullet " + std::to_string(bullets_), text,
                      list_parent_);
    prev_ = Prev::Bullet;
  }

  void plain(const std::string& text) {
    // A line right below another (no blank line) continues its block.
    if (!blank_before_ && continuing_ >= 0) {
      append(continuing_, text);
      return;
    }
    if (prev_ == Prev::HeadingItem && !stack_.empty()) {  // "(b) Implementation" then its lead-in
      const int p = stack_.back().provision;
      append(p, text);
      continuing_ = p;
      prev_ = Prev::Item;
      return;
    }
    in_bullets_ = false;
    if (article_provision_ >= 0 && stack_.empty() && !out_[article_provision_].has_items) {
      append(article_provision_, text);
      continuing_ = article_provision_;
      prev_ = Prev::Plain;
      return;
    }
    stack_.clear();  // a paragraph after a list ends it
    const bool preamble = article_provision_ < 0 && starts_with_signatory(text);
    lead_ = add(preamble ? Provision::Kind::Preamble : Provision::Kind::Paragraph, "", text, -1);
    continuing_ = lead_;
    prev_ = Prev::Plain;
  }

  bool starts_with_signatory(const std::string& text) const {
    for (const Word& w : words_of(text))
      if (w.word) return contains(rules_.signatory_words, w.norm);
    return false;
  }

  int add(Provision::Kind kind, std::string label, std::string text, int parent) {
    Provision p;
    p.kind = kind;
    p.label = std::move(label);
    p.text = std::move(text);
    p.line = current_line_;
    p.parent = parent;
    if (parent >= 0) out_[parent].has_items = true;
    out_.push_back(std::move(p));
    return static_cast<int>(out_.size() - 1);
  }

  void append(int p, const std::string& text) {
    std::string& t = out_[p].text;
    t += t.empty() ? text : " " + text;
  }

  const NormRules& rules_;
  size_t line_number_;
  size_t current_line_ = 0;
  std::vector<Provision> out_;
  std::vector<Level> stack_;
  std::string article_;
  int article_provision_ = -1;
  int lead_ = -1;        // the last plain paragraph: the lead-in of a list right below it
  int continuing_ = -1;  // the block a line right below continues
  int list_parent_ = -1;
  size_t bullets_ = 0;
  bool in_bullets_ = false;
  bool blank_before_ = true;
  Prev prev_ = Prev::None;
};

// Text exported without some spaces and hyphens: "determinedto" -> "determined to",
// "selfdefense" -> "self-defence" (the rules' glued words and respellings).
inline std::string repair_words(std::string_view text, const NormRules& rules,
                                const text::TextRules& text_rules) {
  std::string out;
  size_t copied = 0;
  for (const Token& t : tokenize(text)) {
    if (!t.word) continue;
    std::string replacement;
    if (auto it = rules.respellings.find(t.norm); it != rules.respellings.end()) {
      replacement = it->second;
    } else if (!text_rules.is_known_word(t.norm)) {
      for (const auto& suffix : rules.glued_words) {
        if (t.norm.size() < suffix.size() + 2 ||
            t.norm.compare(t.norm.size() - suffix.size(), suffix.size(), suffix))
          continue;
        std::string_view word = text.substr(t.begin, t.end - t.begin);
        std::string_view prefix = word.substr(0, word.size() - suffix.size());
        if (text_rules.is_known_word(prefix)) {
          replacement = std::string(prefix) + " " + std::string(word.substr(prefix.size()));
          break;
        }
      }
    }
    if (replacement.empty()) continue;
    out.append(text.substr(copied, t.begin - copied));
    out += replacement;
    copied = t.end;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace normgraph::loaders::norm
