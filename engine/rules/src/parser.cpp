// Lexer and recursive-descent parser of the rule language (grammar in docs/rules.md).
#include "normgraph/rules/parser.hpp"

#include <cctype>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

namespace normgraph::rules {

namespace {

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

enum class Tok : uint8_t {
  Ident,
  Variable,
  String,
  Integer,
  LParen,
  RParen,
  Comma,
  Dot,
  If,
  Colon,
  Star,
  Plus,
  Bang,
  At,
  Op,
  End
};

struct Token {
  Tok kind;
  std::string text;
  int64_t integer = 0;
  CompareOp op = CompareOp::Eq;
  SourcePos pos;
};

class Lexer {
 public:
  Lexer(const std::string& text, const std::string& file) : text_(text), file_(file) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    for (;;) {
      skip_space_and_comments();
      Token t = next();
      out.push_back(t);
      if (t.kind == Tok::End) return out;
    }
  }

 private:
  [[noreturn]] void fail(const SourcePos& pos, const std::string& msg) const {
    throw RuleError({located(pos.file, pos.line, pos.column, msg)});
  }
  SourcePos here() const { return {file_, line_, column_}; }
  char peek(size_t ahead = 0) const { return i_ + ahead < text_.size() ? text_[i_ + ahead] : '\0'; }
  void advance() {
    if (text_[i_] == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(text_[i_]) & 0xC0) != 0x80) {
      ++column_;  // columns count characters, not UTF-8 continuation bytes
    }
    ++i_;
  }

  void skip_space_and_comments() {
    for (;;) {
      while (i_ < text_.size() && std::isspace(static_cast<unsigned char>(peek()))) advance();
      if (peek() == '%' || peek() == '#' || (peek() == '/' && peek(1) == '/')) {
        while (i_ < text_.size() && peek() != '\n') advance();
      } else if (peek() == '/' && peek(1) == '*') {
        SourcePos start = here();
        advance(), advance();
        while (i_ < text_.size() && !(peek() == '*' && peek(1) == '/')) advance();
        if (i_ >= text_.size()) fail(start, "unterminated comment");
        advance(), advance();
      } else {
        return;
      }
    }
  }

  Token next() {
    Token t{Tok::End, "", 0, CompareOp::Eq, here()};
    if (i_ >= text_.size()) return t;
    const char c = peek();
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      while (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_') {
        t.text += peek();
        advance();
      }
      t.kind =
          (std::isupper(static_cast<unsigned char>(c)) || c == '_') ? Tok::Variable : Tok::Ident;
      return t;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '-' && std::isdigit(static_cast<unsigned char>(peek(1))))) {
      std::string digits(1, c);
      advance();
      while (std::isdigit(static_cast<unsigned char>(peek()))) digits += peek(), advance();
      auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), t.integer);
      if (ec != std::errc() || p != digits.data() + digits.size())
        fail(t.pos, "integer out of range: " + digits);
      t.kind = Tok::Integer;
      return t;
    }
    if (c == '"') return string_token(t);
    advance();
    switch (c) {
      case '(':
        t.kind = Tok::LParen;
        return t;
      case ')':
        t.kind = Tok::RParen;
        return t;
      case ',':
        t.kind = Tok::Comma;
        return t;
      case '.':
        t.kind = Tok::Dot;
        return t;
      case '*':
        t.kind = Tok::Star;
        return t;
      case '+':
        t.kind = Tok::Plus;
        return t;
      case '@':
        t.kind = Tok::At;
        return t;
      case ':':
        if (peek() == '-') {
          advance();
          t.kind = Tok::If;
        } else {
          t.kind = Tok::Colon;
        }
        return t;
      case '!':
        if (peek() == '=') {
          advance();
          return op(t, CompareOp::Ne);
        }
        t.kind = Tok::Bang;
        return t;
      case '=':
        return op(t, CompareOp::Eq);
      case '<':
        if (peek() == '=') return advance(), op(t, CompareOp::Le);
        return op(t, CompareOp::Lt);
      case '>':
        if (peek() == '=') return advance(), op(t, CompareOp::Ge);
        return op(t, CompareOp::Gt);
      default:
        break;
    }
    fail(t.pos, std::string("unexpected character '") + c + "'");
  }

  static Token op(Token t, CompareOp o) {
    t.kind = Tok::Op;
    t.op = o;
    return t;
  }

  Token string_token(Token t) {
    advance();
    for (;;) {
      if (i_ >= text_.size() || peek() == '\n') fail(t.pos, "unterminated string");
      char c = peek();
      advance();
      if (c == '"') break;
      if (c == '\\') {
        char e = peek();
        if (i_ >= text_.size()) fail(t.pos, "unterminated string");
        advance();
        switch (e) {
          case 'n':
            t.text += '\n';
            break;
          case 't':
            t.text += '\t';
            break;
          case '"':
            t.text += '"';
            break;
          case '\\':
            t.text += '\\';
            break;
          default:
            fail(t.pos, std::string("unknown escape '\\") + e + "' in a string");
        }
        continue;
      }
      t.text += c;
    }
    t.kind = Tok::String;
    return t;
  }

  const std::string& text_;
  std::string file_;
  size_t i_ = 0;
  uint32_t line_ = 1, column_ = 1;
};

const char* describe(Tok t) {
  switch (t) {
    case Tok::Ident:
      return "a name";
    case Tok::Variable:
      return "a variable";
    case Tok::String:
      return "a string";
    case Tok::Integer:
      return "an integer";
    case Tok::LParen:
      return "'('";
    case Tok::RParen:
      return "')'";
    case Tok::Comma:
      return "','";
    case Tok::Dot:
      return "'.'";
    case Tok::If:
      return "':-'";
    case Tok::Colon:
      return "':'";
    case Tok::Star:
      return "'*'";
    case Tok::Plus:
      return "'+'";
    case Tok::Bang:
      return "'!'";
    case Tok::At:
      return "'@'";
    case Tok::Op:
      return "a comparison";
    case Tok::End:
      return "the end of the file";
  }
  return "?";
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : toks_(std::move(tokens)) {}

  Program run() {
    Program p;
    while (cur().kind != Tok::End) statement(p);
    return p;
  }

 private:
  const Token& cur() const { return toks_[i_]; }
  const Token& ahead(size_t k) const { return toks_[std::min(i_ + k, toks_.size() - 1)]; }
  Token take() { return toks_[i_ < toks_.size() - 1 ? i_++ : i_]; }
  [[noreturn]] void fail(const Token& t, const std::string& msg) const {
    throw RuleError({located(t.pos.file, t.pos.line, t.pos.column, msg)});
  }
  [[noreturn]] void expected(const std::string& what) const {
    fail(cur(), "expected " + what + ", found " + found(cur()));
  }
  static std::string found(const Token& t) {
    if (t.kind == Tok::Ident || t.kind == Tok::Variable) return "'" + t.text + "'";
    return describe(t.kind);
  }
  Token expect(Tok k, const std::string& what) {
    if (cur().kind != k) expected(what);
    return take();
  }
  bool is_predicate_name() const { return cur().kind == Tok::Ident || cur().kind == Tok::Variable; }

  void statement(Program& p) {
    if (cur().kind == Tok::At) return directive(p);
    if (cur().kind == Tok::Ident && cur().text == "check" &&
        (ahead(1).kind == Tok::Ident || ahead(1).kind == Tok::Variable) &&
        ahead(2).kind != Tok::LParen)
      return check(p);
    rule(p);
  }

  void directive(Program& p) {
    take();
    Token name = expect(Tok::Ident, "'output' or 'derive' after '@'");
    Directive d;
    if (name.text == "output")
      d.kind = Directive::Kind::Output;
    else if (name.text == "derive")
      d.kind = Directive::Kind::Derive;
    else
      fail(name, "unknown directive '@" + name.text + "' (expected @output or @derive)");
    do {
      if (!is_predicate_name()) expected("a predicate name");
      Token pred = take();
      d.predicate = pred.text;
      d.pos = pred.pos;
      p.directives.push_back(d);
    } while (cur().kind == Tok::Comma && (take(), true));
    expect(Tok::Dot, "'.' or ',' after the directive's predicate");
  }

  void check(Program& p) {
    Check c;
    c.pos = take().pos;
    c.name = take().text;
    Token sev = expect(Tok::Ident, "a severity (error, warning or info)");
    static const std::map<std::string, Severity> severities = {
        {"error", Severity::Error}, {"warning", Severity::Warning}, {"info", Severity::Info}};
    auto it = severities.find(sev.text);
    if (it == severities.end())
      fail(sev, "unknown severity '" + sev.text + "' (expected error, warning or info)");
    c.severity = it->second;
    c.message = expect(Tok::String, "the check's message, a string").text;
    expect(Tok::If, "':-' before the check's body");
    c.body = body();
    p.checks.push_back(std::move(c));
  }

  void rule(Program& p) {
    Rule r;
    r.pos = cur().pos;
    if (is_predicate_name() && ahead(1).kind == Tok::Colon) {
      r.name = take().text;
      take();
    }
    if (!is_predicate_name()) expected("a rule, a check or a directive");
    const Token head_start = cur();
    r.head = atom();
    if (r.head.closure) fail(head_start, "a rule's head cannot be a closure");
    if (cur().kind == Tok::If) {
      take();
      r.body = body();
    } else {
      expect(Tok::Dot, "':-' or '.' after the rule's head");
    }
    p.rules.push_back(std::move(r));
  }

  std::vector<Literal> body() {
    std::vector<Literal> out;
    for (;;) {
      out.push_back(literal());
      if (cur().kind == Tok::Comma) {
        take();
        continue;
      }
      expect(Tok::Dot, "',' or '.' after a body literal");
      return out;
    }
  }

  Literal literal() {
    const SourcePos start = cur().pos;
    bool negated = false;
    if (cur().kind == Tok::Bang ||
        (cur().kind == Tok::Ident && cur().text == "not" && ahead(1).kind != Tok::LParen)) {
      take();
      negated = true;
    }
    if (is_predicate_name() && (ahead(1).kind == Tok::LParen ||
                                ((ahead(1).kind == Tok::Star || ahead(1).kind == Tok::Plus) &&
                                 ahead(2).kind == Tok::LParen))) {
      Literal l = atom();
      l.negated = negated;
      l.pos = start;
      return l;
    }
    if (negated) expected("an atom after 'not'");
    Literal l;
    l.kind = Literal::Kind::Comparison;
    l.pos = start;
    l.args.push_back(term());
    if (cur().kind != Tok::Op) expected("a comparison operator (=, !=, <, <=, >, >=)");
    l.op = take().op;
    l.args.push_back(term());
    return l;
  }

  Literal atom() {
    Literal l;
    Token name = take();
    l.predicate = name.text;
    l.pos = name.pos;
    if (cur().kind == Tok::Star || cur().kind == Tok::Plus)
      l.closure = take().kind == Tok::Star ? '*' : '+';
    expect(Tok::LParen, "'(' after the predicate '" + name.text + "'");
    if (cur().kind != Tok::RParen) {
      for (;;) {
        if (l.args.size() == kMaxArity)
          fail(cur(),
               "'" + name.text + "' has more than " + std::to_string(kMaxArity) + " arguments");
        l.args.push_back(term());
        if (cur().kind != Tok::Comma) break;
        take();
      }
    }
    expect(Tok::RParen, "',' or ')' in the arguments of '" + name.text + "'");
    return l;
  }

  Term term() {
    Term t;
    t.pos = cur().pos;
    switch (cur().kind) {
      case Tok::Variable:
        t.text = take().text;
        t.kind = t.text == "_" ? Term::Kind::Wildcard : Term::Kind::Variable;
        return t;
      case Tok::String:
        t.kind = Term::Kind::String;
        t.text = take().text;
        return t;
      case Tok::Integer:
        t.kind = Term::Kind::Integer;
        t.integer = take().integer;
        return t;
      case Tok::Ident:
        fail(cur(), "'" + cur().text +
                        "' is not a term: variables start with a capital letter or '_', "
                        "constants are \"strings\" or integers");
      default:
        expected("a variable, a string or an integer");
    }
  }

  std::vector<Token> toks_;
  size_t i_ = 0;
};

}  // namespace

const char* to_string(CompareOp op) {
  switch (op) {
    case CompareOp::Eq:
      return "=";
    case CompareOp::Ne:
      return "!=";
    case CompareOp::Lt:
      return "<";
    case CompareOp::Le:
      return "<=";
    case CompareOp::Gt:
      return ">";
    case CompareOp::Ge:
      return ">=";
  }
  return "?";
}

const char* to_string(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "info";
  }
  return "?";
}

void Program::append(Program&& other) {
  for (auto& r : other.rules) rules.push_back(std::move(r));
  for (auto& c : other.checks) checks.push_back(std::move(c));
  for (auto& d : other.directives) directives.push_back(std::move(d));
}

RuleError::RuleError(std::vector<std::string> problems)
    : InputError(join_lines(problems)), problems_(std::move(problems)) {}

Program parse_program(const std::string& text, const std::string& file) {
  Program p = Parser(Lexer(text, file).run()).run();
  // Unnamed rules are named after their head and their number among the rules for it.
  std::map<std::string, int> seen;
  for (auto& r : p.rules)
    if (r.name.empty()) r.name = r.head.predicate + "#" + std::to_string(++seen[r.head.predicate]);
  return p;
}

Program parse_files(const std::vector<std::string>& paths) {
  Program all;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cannot read rule file '" + path + "'");
    std::stringstream ss;
    ss << in.rdbuf();
    all.append(parse_program(ss.str(), path));
  }
  return all;
}

}  // namespace normgraph::rules
