#include "lexer.hpp"

#include <cctype>

#include "normgraph/core/utf8.hpp"
#include "normgraph/query/query.hpp"

namespace normgraph::query {

namespace {

class Lexer {
 public:
  explicit Lexer(std::string_view text) : s_(text) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    for (;;) {
      bool space = skip_space();
      Token t = next();
      t.space_before = space;
      out.push_back(std::move(t));
      if (out.back().kind == Tok::End) return out;
    }
  }

 private:
  [[noreturn]] void fail(const std::string& code, const std::string& msg, Pos p) const {
    throw QueryError("SyntaxError", code, ErrorPhase::Compile, msg, p.line, p.column);
  }
  Pos pos() const { return {line_, static_cast<uint32_t>(i_ - line_start_ + 1)}; }
  char peek(size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  void advance() {
    if (s_[i_] == '\n') {
      ++line_;
      line_start_ = i_ + 1;
    }
    ++i_;
  }

  bool skip_space() {
    bool any = false;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (std::isspace(static_cast<unsigned char>(c))) {
        advance();
      } else if (c == '/' && peek(1) == '/') {
        while (i_ < s_.size() && s_[i_] != '\n') advance();
      } else if (c == '/' && peek(1) == '*') {
        Pos start = pos();
        advance();
        advance();
        while (i_ < s_.size() && !(s_[i_] == '*' && peek(1) == '/')) advance();
        if (i_ >= s_.size()) fail("UnexpectedSyntax", "unterminated comment", start);
        advance();
        advance();
      } else {
        break;
      }
      any = true;
    }
    return any;
  }

  Token next() {
    Pos p = pos();
    if (i_ >= s_.size()) return {Tok::End, "", p};
    char c = s_[i_];
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
        static_cast<unsigned char>(c) >= 0x80)
      return identifier(p);
    if (c == '`') return quoted_identifier(p);
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && std::isdigit(static_cast<unsigned char>(peek(1)))))
      return number(p);
    if (c == '\'' || c == '"') return string(p);
    if (c == '$') return parameter(p);
    return punct(p);
  }

  Token identifier(Pos p) {
    size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_' ||
                              static_cast<unsigned char>(s_[i_]) >= 0x80))
      advance();
    return {Tok::Ident, std::string(s_.substr(start, i_ - start)), p};
  }

  Token quoted_identifier(Pos p) {
    advance();
    std::string text;
    for (;;) {
      if (i_ >= s_.size()) fail("UnexpectedSyntax", "unterminated `name`", p);
      if (s_[i_] == '`') {
        if (peek(1) == '`') {  // `` inside a quoted name is one backtick
          text += '`';
          advance();
          advance();
          continue;
        }
        advance();
        break;
      }
      text += s_[i_];
      advance();
    }
    Token t{Tok::Ident, std::move(text), p};
    t.quoted = true;
    return t;
  }

  Token number(Pos p) {
    size_t start = i_;
    if (s_[i_] == '0' && (peek(1) == 'x' || peek(1) == 'X' || peek(1) == 'o' || peek(1) == 'O')) {
      advance();
      advance();
      while (i_ < s_.size() && std::isalnum(static_cast<unsigned char>(s_[i_]))) advance();
      return {Tok::Integer, std::string(s_.substr(start, i_ - start)), p};
    }
    bool is_float = false;
    while (std::isdigit(static_cast<unsigned char>(peek()))) advance();
    if (peek() == '.' && std::isdigit(static_cast<unsigned char>(peek(1)))) {
      is_float = true;
      advance();
      while (std::isdigit(static_cast<unsigned char>(peek()))) advance();
    }
    if (peek() == 'e' || peek() == 'E') {
      size_t k = 1;
      if (peek(1) == '-' || peek(1) == '+') k = 2;
      if (std::isdigit(static_cast<unsigned char>(peek(k)))) {
        is_float = true;
        for (size_t j = 0; j < k; ++j) advance();
        while (std::isdigit(static_cast<unsigned char>(peek()))) advance();
      }
    }
    // A letter glued to a number (`1a`, `0x`) is not a number.
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_')) {
      advance();
      is_float = false;
      fail("InvalidNumberLiteral",
           "invalid number '" + std::string(s_.substr(start, i_ - start)) + "'", p);
    }
    return {is_float ? Tok::Float : Tok::Integer, std::string(s_.substr(start, i_ - start)), p};
  }

  void escape(std::string& out, Pos string_pos) {
    Pos p = pos();
    advance();  // the backslash
    if (i_ >= s_.size()) fail("UnexpectedSyntax", "unterminated string", string_pos);
    char c = s_[i_];
    advance();
    switch (c) {
      case 't':
        out += '\t';
        return;
      case 'b':
        out += '\b';
        return;
      case 'n':
        out += '\n';
        return;
      case 'r':
        out += '\r';
        return;
      case 'f':
        out += '\f';
        return;
      case '\'':
        out += '\'';
        return;
      case '"':
        out += '"';
        return;
      case '\\':
        out += '\\';
        return;
      case 'u':
      case 'U': {
        size_t digits = c == 'u' ? 4 : 8;
        uint32_t cp = 0;
        for (size_t k = 0; k < digits; ++k) {
          char h = peek();
          if (!std::isxdigit(static_cast<unsigned char>(h)))
            fail("InvalidUnicodeLiteral",
                 "\\" + std::string(1, c) + " needs " + std::to_string(digits) + " hex digits", p);
          cp = cp * 16 + static_cast<uint32_t>(std::isdigit(static_cast<unsigned char>(h))
                                                   ? h - '0'
                                                   : std::tolower(h) - 'a' + 10);
          advance();
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
          fail("InvalidUnicodeLiteral", "not a Unicode code point", p);
        append_utf8(out, cp);
        return;
      }
      default:
        fail("UnexpectedSyntax", std::string("unknown escape \\") + c, p);
    }
  }

  Token string(Pos p) {
    char quote = s_[i_];
    advance();
    std::string text;
    for (;;) {
      if (i_ >= s_.size()) fail("UnexpectedSyntax", "unterminated string", p);
      char c = s_[i_];
      if (c == quote) {
        advance();
        break;
      }
      if (c == '\\') {
        escape(text, p);
        continue;
      }
      text += c;
      advance();
    }
    return {Tok::String, std::move(text), p};
  }

  Token parameter(Pos p) {
    advance();
    if (peek() == '`') {
      Token t = quoted_identifier(p);
      return {Tok::Parameter, t.text, p};
    }
    size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_'))
      advance();
    if (start == i_) fail("UnexpectedSyntax", "a parameter name must follow '$'", p);
    return {Tok::Parameter, std::string(s_.substr(start, i_ - start)), p};
  }

  Token punct(Pos p) {
    static const char* const kTwo[] = {"..", "<>", "!=", "<=", ">=", "=~"};
    for (const char* two : kTwo)
      if (s_[i_] == two[0] && peek(1) == two[1]) {
        // "<-" never lexes as "<" "=": only the pairs above are glued.
        advance();
        advance();
        return {Tok::Punct, two, p};
      }
    static const std::string_view kOne = "()[]{},.:|;+-*/%^=<>";
    char c = s_[i_];
    if (kOne.find(c) == std::string_view::npos)
      fail("UnexpectedSyntax", std::string("unexpected character '") + c + "'", p);
    advance();
    return {Tok::Punct, std::string(1, c), p};
  }

  std::string_view s_;
  size_t i_ = 0;
  uint32_t line_ = 1;
  size_t line_start_ = 0;
};

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  return Lexer(text).run();
}

}  // namespace normgraph::query
