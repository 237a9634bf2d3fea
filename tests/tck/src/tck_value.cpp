#include "tck/tck_value.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <iterator>

namespace normgraph::tck {

TckValue TckValue::null() {
  return {};
}

TckValue TckValue::of_bool(bool b) {
  TckValue v;
  v.kind = Kind::Bool;
  v.boolean = b;
  return v;
}

TckValue TckValue::of_int(int64_t i) {
  TckValue v;
  v.kind = Kind::Int;
  v.integer = i;
  return v;
}

TckValue TckValue::of_float(double d) {
  TckValue v;
  v.kind = Kind::Float;
  v.real = d;
  return v;
}

TckValue TckValue::of_string(std::string s) {
  TckValue v;
  v.kind = Kind::String;
  v.text = std::move(s);
  return v;
}

TckValue TckValue::of_list(std::vector<TckValue> items) {
  TckValue v;
  v.kind = Kind::List;
  v.items = std::move(items);
  return v;
}

TckValue TckValue::of_map(TckEntries entries) {
  TckValue v;
  v.kind = Kind::Map;
  v.entries = std::move(entries);
  return v;
}

TckValue TckValue::node(std::vector<std::string> labels, TckEntries properties) {
  TckValue v;
  v.kind = Kind::Node;
  v.labels = std::move(labels);
  v.entries = std::move(properties);
  return v;
}

TckValue TckValue::relationship(std::string type, TckEntries properties) {
  TckValue v;
  v.kind = Kind::Relationship;
  v.text = std::move(type);
  v.entries = std::move(properties);
  return v;
}

namespace {

void append_utf8(std::string& out, uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

bool is_identifier_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || u >= 0x80;
}

// A recursive-descent parser over one literal.
class LiteralParser {
 public:
  explicit LiteralParser(std::string_view text) : text_(text) {}

  TckValue parse_all() {
    TckValue v = value();
    skip_space();
    if (pos_ != text_.size()) fail("unexpected text after the value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw ValueSyntaxError("bad value '" + std::string(text_) + "' at offset " +
                           std::to_string(pos_) + ": " + what);
  }

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  bool at(std::string_view token) const { return text_.substr(pos_).starts_with(token); }

  bool accept(std::string_view token) {
    skip_space();
    if (!at(token)) return false;
    pos_ += token.size();
    return true;
  }

  void expect(std::string_view token) {
    if (!accept(token)) fail("expected '" + std::string(token) + "'");
  }

  // A keyword only when not followed by more identifier characters (`nullable` is not null).
  bool accept_word(std::string_view word) {
    skip_space();
    if (!at(word)) return false;
    size_t end = pos_ + word.size();
    if (end < text_.size() && is_identifier_char(text_[end])) return false;
    pos_ = end;
    return true;
  }

  TckValue value() {
    skip_space();
    if (pos_ >= text_.size()) fail("expected a value");
    char c = text_[pos_];
    if (accept_word("null")) return TckValue::null();
    if (accept_word("true")) return TckValue::of_bool(true);
    if (accept_word("false")) return TckValue::of_bool(false);
    if (accept_word("NaN")) return TckValue::of_float(std::nan(""));
    if (accept_word("Infinity") || accept_word("Inf")) return TckValue::of_float(HUGE_VAL);
    if (accept_word("-Infinity") || accept_word("-Inf")) return TckValue::of_float(-HUGE_VAL);
    if (c == '\'' || c == '"') return TckValue::of_string(string_literal());
    if (c == '[') return list_or_relationship();
    if (c == '{') return TckValue::of_map(map_entries());
    if (c == '(') return node();
    if (c == '<') return path();
    if (c == '-' || c == '+' || c == '.' || std::isdigit(static_cast<unsigned char>(c))) {
      return number();
    }
    fail("expected a value");
  }

  TckValue number() {
    size_t start = pos_;
    if (text_[pos_] == '-' || text_[pos_] == '+') ++pos_;
    bool is_float = false;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '.' || c == 'e' || c == 'E') {
        is_float = true;
      } else if ((c == '-' || c == '+') && (text_[pos_ - 1] == 'e' || text_[pos_ - 1] == 'E')) {
      } else if (!std::isdigit(static_cast<unsigned char>(c))) {
        break;
      }
      ++pos_;
    }
    std::string digits(text_.substr(start, pos_ - start));
    char* end = nullptr;
    errno = 0;
    if (is_float) {
      double d = std::strtod(digits.c_str(), &end);
      if (end != digits.c_str() + digits.size()) fail("malformed float");
      return TckValue::of_float(d);
    }
    long long i = std::strtoll(digits.c_str(), &end, 10);
    if (end != digits.c_str() + digits.size() || digits == "-" || digits == "+") {
      fail("malformed integer");
    }
    if (errno == ERANGE) fail("integer out of range");
    return TckValue::of_int(i);
  }

  uint32_t hex_digits(size_t count) {
    if (pos_ + count > text_.size()) fail("short \\u escape");
    uint32_t code = 0;
    auto [ptr, ec] = std::from_chars(text_.data() + pos_, text_.data() + pos_ + count, code, 16);
    if (ec != std::errc() || ptr != text_.data() + pos_ + count) fail("bad \\u escape");
    pos_ += count;
    return code;
  }

  void escape(std::string& out) {
    if (pos_ >= text_.size()) fail("unterminated escape");
    char c = text_[pos_++];
    switch (c) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u':
        append_utf8(out, hex_digits(4));
        break;
      case 'U':
        append_utf8(out, hex_digits(8));
        break;
      case '\\':
      case '\'':
      case '"':
        out += c;
        break;
      default:  // not a Cypher escape: keep it as written
        out += '\\';
        out += c;
    }
  }

  std::string string_literal() {
    char quote = text_[pos_++];
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      char c = text_[pos_++];
      if (c == '\\') {
        escape(out);
      } else {
        out += c;
      }
    }
    if (pos_ >= text_.size()) fail("unterminated string");
    ++pos_;
    return out;
  }

  // A label, type or map key: an identifier, `backticked`, or (for keys) a quoted string.
  std::string name() {
    skip_space();
    if (pos_ < text_.size() && (text_[pos_] == '\'' || text_[pos_] == '"')) {
      return string_literal();
    }
    if (pos_ < text_.size() && text_[pos_] == '`') {
      size_t end = text_.find('`', pos_ + 1);
      if (end == std::string_view::npos) fail("unterminated `name`");
      std::string out(text_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
      return out;
    }
    size_t start = pos_;
    while (pos_ < text_.size() && is_identifier_char(text_[pos_])) ++pos_;
    if (pos_ == start) fail("expected a name");
    return std::string(text_.substr(start, pos_ - start));
  }

  TckEntries map_entries() {
    expect("{");
    TckEntries entries;
    if (accept("}")) return entries;
    do {
      std::string key = name();
      expect(":");
      TckValue v = value();
      entries.push_back({std::move(key), std::move(v)});
    } while (accept(","));
    expect("}");
    return entries;
  }

  TckEntries optional_properties() {
    skip_space();
    if (at("{")) return map_entries();
    return {};
  }

  TckValue list_or_relationship() {
    expect("[");
    if (accept(":")) return relationship_after_colon();
    std::vector<TckValue> items;
    if (accept("]")) return TckValue::of_list(std::move(items));
    do {
      items.push_back(value());
    } while (accept(","));
    expect("]");
    return TckValue::of_list(std::move(items));
  }

  TckValue relationship_after_colon() {
    std::string type = name();
    TckEntries properties = optional_properties();
    expect("]");
    return TckValue::relationship(std::move(type), std::move(properties));
  }

  TckValue relationship() {
    expect("[");
    expect(":");
    return relationship_after_colon();
  }

  TckValue node() {
    expect("(");
    std::vector<std::string> labels;
    while (accept(":")) labels.push_back(name());
    TckEntries properties = optional_properties();
    expect(")");
    return TckValue::node(std::move(labels), std::move(properties));
  }

  TckValue path() {
    expect("<");
    std::vector<TckValue> items;
    items.push_back(node());
    while (!accept(">")) {
      bool backward = accept("<-");
      if (!backward) expect("-");
      TckValue rel = relationship();
      rel.backward = backward;
      expect(backward ? "-" : "->");
      items.push_back(std::move(rel));
      items.push_back(node());
    }
    TckValue v;
    v.kind = TckValue::Kind::Path;
    v.items = std::move(items);
    return v;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

std::string canonical_float(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return "0.0";  // -0.0 == 0.0
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
  std::string out(buffer, end);
  if (out.find_first_of(".e") == std::string::npos) out += ".0";
  return out;
}

std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\'':
        out += "\\'";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  return out + "'";
}

std::string canonical_entries(const TckEntries& entries, const CanonicalOptions& options) {
  std::vector<std::string> parts;
  for (const auto& [key, value] : entries) parts.push_back(key + ": " + canonical(value, options));
  std::sort(parts.begin(), parts.end());
  std::string out = "{";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out + "}";
}

std::string canonical_list(const std::vector<TckValue>& items, const CanonicalOptions& options) {
  std::vector<std::string> parts;
  for (const TckValue& item : items) parts.push_back(canonical(item, options));
  if (options.unordered_lists) std::sort(parts.begin(), parts.end());
  std::string out = "[";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out + "]";
}

std::string canonical_node(const TckValue& node, const CanonicalOptions& options) {
  std::vector<std::string> labels = node.labels;
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  std::string out = "(";
  for (const std::string& label : labels) out += ":" + label;
  if (!node.entries.empty())
    out += (labels.empty() ? "" : " ") + canonical_entries(node.entries, options);
  return out + ")";
}

std::string canonical_relationship(const TckValue& rel, const CanonicalOptions& options) {
  std::string out = "[:" + rel.text;
  if (!rel.entries.empty()) out += " " + canonical_entries(rel.entries, options);
  return out + "]";
}

std::string canonical_path(const TckValue& path, const CanonicalOptions& options) {
  std::string out = "<";
  for (const TckValue& item : path.items) {
    if (item.kind == TckValue::Kind::Relationship) {
      out += item.backward ? "<-" + canonical_relationship(item, options) + "-"
                           : "-" + canonical_relationship(item, options) + "->";
    } else {
      out += canonical_node(item, options);
    }
  }
  return out + ">";
}

std::string canonical_row(const std::vector<TckValue>& row, const CanonicalOptions& options) {
  std::string out = "|";
  for (const TckValue& v : row) out += " " + canonical(v, options) + " |";
  return out;
}

std::string header_row(const std::vector<std::string>& columns) {
  std::string out = "|";
  for (const std::string& c : columns) out += " " + c + " |";
  return out;
}

// Rows of `from` that are not matched by a row of `other` (multiset difference).
std::vector<std::string> missing_rows(std::vector<std::string> from,
                                      std::vector<std::string> other) {
  std::sort(from.begin(), from.end());
  std::sort(other.begin(), other.end());
  std::vector<std::string> out;
  std::set_difference(from.begin(), from.end(), other.begin(), other.end(),
                      std::back_inserter(out));
  return out;
}

void describe_rows(std::string& out, const std::string& title,
                   const std::vector<std::string>& rows) {
  constexpr size_t kMaxRowsShown = 25;
  out += "  " + title + " (" + std::to_string(rows.size()) + " rows):\n";
  for (size_t i = 0; i < rows.size() && i < kMaxRowsShown; ++i) out += "    " + rows[i] + "\n";
  if (rows.size() > kMaxRowsShown) out += "    ...\n";
}

}  // namespace

TckValue parse_tck_value(std::string_view text) {
  return LiteralParser(text).parse_all();
}

std::string canonical(const TckValue& value, const CanonicalOptions& options) {
  using Kind = TckValue::Kind;
  switch (value.kind) {
    case Kind::Null:
      return "null";
    case Kind::Bool:
      return value.boolean ? "true" : "false";
    case Kind::Int:
      return std::to_string(value.integer);
    case Kind::Float:
      return canonical_float(value.real);
    case Kind::String:
      return quoted(value.text);
    case Kind::List:
      return canonical_list(value.items, options);
    case Kind::Map:
      return canonical_entries(value.entries, options);
    case Kind::Node:
      return canonical_node(value, options);
    case Kind::Relationship:
      return canonical_relationship(value, options);
    case Kind::Path:
      return canonical_path(value, options);
  }
  return "?";
}

std::string compare_tables(const TckTable& expected, const TckTable& actual, RowOrder order,
                           const CanonicalOptions& options) {
  std::vector<std::string> want, got;
  for (const auto& row : expected.rows) want.push_back(canonical_row(row, options));
  for (const auto& row : actual.rows) got.push_back(canonical_row(row, options));
  bool same_columns = expected.columns == actual.columns;
  bool same_rows = order == RowOrder::Exact
                       ? want == got
                       : missing_rows(want, got).empty() && missing_rows(got, want).empty();
  if (same_columns && same_rows) return "";
  std::string out;
  if (!same_columns) {
    out += "  columns differ: expected " + header_row(expected.columns) + ", actual " +
           header_row(actual.columns) + "\n";
  }
  if (!same_rows) {
    describe_rows(out, order == RowOrder::Exact ? "expected, in order" : "expected, in any order",
                  want);
    describe_rows(out, "actual", got);
    if (order == RowOrder::Any) {
      std::vector<std::string> missing = missing_rows(want, got);
      std::vector<std::string> unexpected = missing_rows(got, want);
      if (!missing.empty()) describe_rows(out, "missing", missing);
      if (!unexpected.empty()) describe_rows(out, "unexpected", unexpected);
    }
  }
  return out;
}

}  // namespace normgraph::tck
