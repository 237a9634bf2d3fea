#include "tck/gherkin.hpp"

#include <fstream>
#include <sstream>
#include <utility>

#include "normgraph/core/strings.hpp"

namespace normgraph::tck {

namespace {

// Removes a keyword such as "Scenario:" and returns what follows it, trimmed.
std::optional<std::string> after_keyword(std::string_view line, std::string_view keyword) {
  if (!line.starts_with(keyword)) return std::nullopt;
  return std::string(trim(line.substr(keyword.size())));
}

std::optional<std::string> after_either(std::string_view line, std::string_view keyword,
                                        std::string_view synonym) {
  auto rest = after_keyword(line, keyword);
  return rest ? rest : after_keyword(line, synonym);
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

// Gherkin's cell escapes: \| is a bar, \\ a backslash, \n a line break; others stay as written.
std::string unescape_cell(std::string_view raw) {
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size()) {
      char next = raw[i + 1];
      if (next == '|' || next == '\\' || next == 'n') {
        out += next == 'n' ? '\n' : next;
        ++i;
        continue;
      }
    }
    out += raw[i];
  }
  return out;
}

struct Examples {
  std::vector<std::string> tags;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> row_lines;
  std::vector<std::string> row_texts;
};

struct RawScenario {
  std::string name;
  size_t line = 0;
  std::vector<std::string> tags;
  std::vector<Step> steps;
  bool outline = false;
  std::vector<Examples> examples;
};

class FeatureParser {
 public:
  FeatureParser(std::string_view text, const std::string& path)
      : lines_(split_lines(text)), path_(path) {}

  Feature parse() {
    feature_.path = path_;
    for (line_ = 0; line_ < lines_.size(); ++line_) parse_line(trim(lines_[line_]));
    if (!seen_feature_) fail("no Feature: line");
    for (const RawScenario& raw : scenarios_) expand(raw);
    return std::move(feature_);
  }

 private:
  enum class Block { None, Feature, Background, Scenario, Examples };

  [[noreturn]] void fail(const std::string& what) const {
    throw GherkinError(path_ + ":" + std::to_string(line_ + 1) + ": " + what);
  }

  void parse_line(std::string_view line) {
    if (line.empty() || line.starts_with('#')) return;
    if (line.starts_with('@')) return read_tags(line);
    if (line.starts_with('|')) return read_table_row(line);
    if (line.starts_with("\"\"\"") || line.starts_with("```")) return read_doc_string(line);
    if (header(line)) return;
    if (step(line)) return;
    if (accepts_description_) return;  // free text under a Feature/Scenario/Examples header
    fail("unexpected line: " + std::string(line));
  }

  void read_tags(std::string_view line) {
    std::istringstream words{std::string(line)};
    std::string tag;
    while (words >> tag) {
      if (tag.starts_with('#')) break;
      if (!tag.starts_with('@')) fail("a tag must start with @: " + tag);
      pending_tags_.push_back(tag);
    }
  }

  std::vector<std::string> take_tags() { return std::exchange(pending_tags_, {}); }

  bool header(std::string_view line) {
    if (auto name = after_keyword(line, "Feature:")) {
      if (seen_feature_) fail("a second Feature:");
      seen_feature_ = true;
      feature_.name = *name;
      feature_.tags = take_tags();
      enter(Block::Feature);
    } else if (after_keyword(line, "Background:")) {
      if (!seen_feature_ || !scenarios_.empty()) fail("Background: must come before scenarios");
      take_tags();
      enter(Block::Background);
    } else if (auto name = after_either(line, "Scenario Outline:", "Scenario Template:")) {
      start_scenario(*name, true);
    } else if (auto name = after_either(line, "Scenario:", "Example:")) {
      start_scenario(*name, false);
    } else if (after_either(line, "Examples:", "Scenarios:")) {
      if (block_ == Block::None || scenarios_.empty() || !scenarios_.back().outline) {
        fail("Examples: outside a Scenario Outline");
      }
      scenarios_.back().examples.push_back(Examples{take_tags(), {}, {}, {}, {}});
      enter(Block::Examples);
    } else {
      return false;
    }
    return true;
  }

  void enter(Block block) {
    block_ = block;
    accepts_description_ = true;
  }

  void start_scenario(const std::string& name, bool outline) {
    if (!seen_feature_) fail("a scenario before Feature:");
    RawScenario raw;
    raw.name = name;
    raw.line = line_ + 1;
    raw.tags = take_tags();
    raw.outline = outline;
    scenarios_.push_back(std::move(raw));
    enter(Block::Scenario);
  }

  bool step(std::string_view line) {
    static constexpr std::string_view kKeywords[] = {"Given ", "When ", "Then ",
                                                     "And ",   "But ",  "* "};
    for (std::string_view keyword : kKeywords) {
      if (!line.starts_with(keyword)) continue;
      std::vector<Step>* steps = current_steps();
      if (!steps) fail("a step outside a scenario or background");
      Step s;
      s.keyword = std::string(trim(keyword));
      s.text = std::string(trim(line.substr(keyword.size())));
      s.line = line_ + 1;
      steps->push_back(std::move(s));
      accepts_description_ = false;
      return true;
    }
    return false;
  }

  std::vector<Step>* current_steps() {
    if (block_ == Block::Background) return &background_;
    if (block_ == Block::Scenario) return &scenarios_.back().steps;
    return nullptr;
  }

  Step& last_step(std::string_view what) {
    std::vector<Step>* steps = current_steps();
    if (!steps || steps->empty()) fail(std::string(what) + " without a step");
    return steps->back();
  }

  std::vector<std::string> split_row(std::string_view line) {
    if (line == "|") return {};  // a table without columns (a procedure without outputs)
    if (!line.ends_with('|')) fail("a table row must end with |");
    std::vector<std::string> cells;
    size_t start = 1;
    for (size_t i = 1; i < line.size(); ++i) {
      if (line[i] == '\\') {
        ++i;  // an escaped character never ends a cell
      } else if (line[i] == '|') {
        cells.push_back(unescape_cell(trim(line.substr(start, i - start))));
        start = i + 1;
      }
    }
    return cells;
  }

  void read_table_row(std::string_view line) {
    std::vector<std::string> cells = split_row(line);
    accepts_description_ = false;
    if (block_ == Block::Examples) return add_example_row(std::move(cells), line);
    GherkinTable& table = last_step("a table").table;
    if (!table.empty() && table.front().size() != cells.size()) {
      fail("the row has " + std::to_string(cells.size()) + " cells, the table " +
           std::to_string(table.front().size()));
    }
    table.push_back(std::move(cells));
  }

  void add_example_row(std::vector<std::string> cells, std::string_view line) {
    Examples& examples = scenarios_.back().examples.back();
    if (examples.header.empty()) {
      examples.header = std::move(cells);
      return;
    }
    if (cells.size() != examples.header.size()) {
      fail("the example row has " + std::to_string(cells.size()) + " cells, the header " +
           std::to_string(examples.header.size()));
    }
    examples.rows.push_back(std::move(cells));
    examples.row_lines.push_back(line_ + 1);
    examples.row_texts.emplace_back(line);
  }

  // Reads lines up to the closing delimiter; the opening delimiter's indentation is removed
  // from each content line.
  void read_doc_string(std::string_view opening) {
    Step& step = last_step("a doc string");
    if (step.doc_string) fail("a second doc string for one step");
    std::string_view delimiter = opening.substr(0, 3);
    std::string_view raw_opening = lines_[line_];
    size_t indent = raw_opening.find_first_not_of(" \t");
    size_t start_line = line_;
    std::string content;
    bool first = true;
    for (++line_; line_ < lines_.size(); ++line_) {
      std::string_view raw = lines_[line_];
      if (trim(raw) == delimiter) {
        step.doc_string = content;
        accepts_description_ = false;
        return;
      }
      size_t strip = std::min(indent, raw.find_first_not_of(" \t"));
      if (!first) content += '\n';
      first = false;
      content += raw.substr(std::min(strip, raw.size()));
    }
    line_ = start_line;
    fail("unterminated doc string");
  }

  void expand(const RawScenario& raw) {
    if (!raw.outline) {
      Scenario s{raw.name, raw.line, 0, "", feature_.tags, background_};
      s.tags.insert(s.tags.end(), raw.tags.begin(), raw.tags.end());
      s.steps.insert(s.steps.end(), raw.steps.begin(), raw.steps.end());
      feature_.scenarios.push_back(std::move(s));
      return;
    }
    for (const Examples& examples : raw.examples) {
      for (size_t r = 0; r < examples.rows.size(); ++r) {
        feature_.scenarios.push_back(example(raw, examples, r));
      }
    }
  }

  Scenario example(const RawScenario& raw, const Examples& examples, size_t r) const {
    const auto& header = examples.header;
    const auto& row = examples.rows[r];
    Scenario s{substitute(raw.name, header, row),
               raw.line,
               examples.row_lines[r],
               examples.row_texts[r],
               feature_.tags,
               background_};
    s.tags.insert(s.tags.end(), raw.tags.begin(), raw.tags.end());
    s.tags.insert(s.tags.end(), examples.tags.begin(), examples.tags.end());
    for (Step step : raw.steps) {
      step.text = substitute(step.text, header, row);
      if (step.doc_string) step.doc_string = substitute(*step.doc_string, header, row);
      for (auto& cells : step.table) {
        for (auto& cell : cells) cell = substitute(cell, header, row);
      }
      s.steps.push_back(std::move(step));
    }
    return s;
  }

  std::vector<std::string_view> lines_;
  std::string path_;
  size_t line_ = 0;
  Feature feature_;
  bool seen_feature_ = false;
  Block block_ = Block::None;
  bool accepts_description_ = false;
  std::vector<std::string> pending_tags_;
  std::vector<Step> background_;
  std::vector<RawScenario> scenarios_;
};

}  // namespace

std::string substitute(std::string_view text, const std::vector<std::string>& header,
                       const std::vector<std::string>& row) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find('<', pos);
    if (open == std::string_view::npos) break;
    size_t close = text.find('>', open + 1);
    if (close == std::string_view::npos) break;
    std::string_view name = text.substr(open + 1, close - open - 1);
    size_t column = 0;
    while (column < header.size() && header[column] != name) ++column;
    out += text.substr(pos, open - pos);
    if (column < header.size()) {
      out += row[column];
      pos = close + 1;
    } else {  // not a placeholder (a path literal, a comparison): keep the '<'
      out += '<';
      pos = open + 1;
    }
  }
  out += text.substr(pos);
  return out;
}

Feature parse_feature(std::string_view text, const std::string& path) {
  return FeatureParser(text, path).parse();
}

Feature parse_feature_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw GherkinError(path + ": cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_feature(text.str(), path);
}

}  // namespace normgraph::tck
