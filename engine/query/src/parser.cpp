#include "parser.hpp"

#include <strings.h>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "lexer.hpp"
#include "normgraph/query/query.hpp"
#include "query_limits.hpp"

namespace normgraph::query {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// Thrown to undo a speculative parse (a parenthesis that is not a pattern, ...).
struct Backtrack {};

class Parser {
 public:
  Parser(std::string_view text, QueryLimits* limits)
      : text_(text),
        toks_(tokenize(text)),
        limits_(limits),
        no_pattern_at_(toks_.size()),
        no_nested_pattern_at_(toks_.size()) {
    // Line starts, to cut the source text of an expression for its column name.
    line_starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') line_starts_.push_back(i + 1);
  }

  QueryAst query() {
    QueryAst q;
    q.parts.push_back(single_query());
    while (keyword("UNION")) {
      q.union_all.push_back(keyword("ALL"));
      q.parts.push_back(single_query());
    }
    accept(";");
    if (cur().kind != Tok::End) fail_expected("a clause or the end of the query");
    return q;
  }

 private:
  // ---------------------------------------------------------------- tokens
  const Token& cur() const { return toks_[i_]; }
  const Token& ahead(size_t k) const { return toks_[std::min(i_ + k, toks_.size() - 1)]; }
  bool is_punct(std::string_view p, size_t k = 0) const {
    return ahead(k).kind == Tok::Punct && ahead(k).text == p;
  }
  bool is_keyword(std::string_view kw, size_t k = 0) const {
    return ahead(k).kind == Tok::Ident && !ahead(k).quoted && iequals(ahead(k).text, kw);
  }
  bool accept(std::string_view p) {
    if (!is_punct(p)) return false;
    ++i_;
    return true;
  }
  bool keyword(std::string_view kw) {
    if (!is_keyword(kw)) return false;
    ++i_;
    return true;
  }
  void expect(std::string_view p) {
    if (!accept(p)) fail_expected("'" + std::string(p) + "'");
  }
  void expect_keyword(std::string_view kw) {
    if (!keyword(kw)) fail_expected(std::string(kw));
  }
  std::string describe(const Token& t) const {
    switch (t.kind) {
      case Tok::End:
        return "the end of the query";
      case Tok::String:
        return "a string";
      case Tok::Parameter:
        return "$" + t.text;
      default:
        return "'" + t.text + "'";
    }
  }
  [[noreturn]] void fail(const std::string& code, const std::string& msg, Pos p) const {
    if (speculating_) throw Backtrack{};
    throw QueryError("SyntaxError", code, ErrorPhase::Compile, msg, p.line, p.column);
  }
  // Too deep is final: a speculative parse that fails for it must not be retried as
  // something else (that would fail again, after as much work).
  [[noreturn]] void fail_too_deep(Pos p) const {
    throw QueryError("SyntaxError", "NestingTooDeep", ErrorPhase::Compile,
                     "the query nests deeper than " + std::to_string(kMaxExpressionDepth) +
                         " levels (parentheses, lists, maps, NOT, operators)",
                     p.line, p.column);
  }
  static bool is_final(const QueryError& e) {
    return e.code() == "NestingTooDeep" || e.category() == "LimitExceeded";
  }
  // Counts one level of recursion; every recursive production holds one.
  class DepthGuard {
   public:
    explicit DepthGuard(Parser& p) : parser_(p) {
      if (++parser_.depth_ > kMaxExpressionDepth) parser_.fail_too_deep(parser_.cur().pos);
      if (parser_.limits_) parser_.limits_->tick();
    }
    ~DepthGuard() { --parser_.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Parser& parser_;
  };
  // A node built by a loop (an operator or postfix chain) may not make the tree too deep.
  ExprPtr checked(ExprPtr e, Pos p) {
    if (depth_ + expression_height(*e) > kMaxExpressionDepth) fail_too_deep(p);
    if (limits_) limits_->tick();
    return e;
  }

  [[noreturn]] void fail_expected(const std::string& what) const {
    fail("UnexpectedSyntax", "expected " + what + ", found " + describe(cur()), cur().pos);
  }
  size_t offset(Pos p) const { return line_starts_[p.line - 1] + p.column - 1; }
  // The source text from token `first` up to the current token.
  std::string source_since(size_t first) const {
    size_t begin = offset(toks_[first].pos);
    size_t end = cur().kind == Tok::End ? text_.size() : offset(cur().pos);
    while (end > begin && std::isspace(static_cast<unsigned char>(text_[end - 1]))) --end;
    return std::string(text_.substr(begin, end - begin));
  }

  std::string name(const char* what) {
    if (cur().kind != Tok::Ident) fail_expected(what);
    return toks_[i_++].text;
  }
  // A symbolic name that is not a reserved word in that position.
  std::string variable_name() {
    if (cur().kind != Tok::Ident) fail_expected("a variable name");
    return toks_[i_++].text;
  }

  // ---------------------------------------------------------------- clauses
  SingleQuery single_query() {
    SingleQuery q;
    for (;;) {
      if (cur().kind == Tok::End || is_punct(";") || is_keyword("UNION")) break;
      if (q.clauses.size() == kMaxClauses)
        throw QueryError("SyntaxError", "TooManyClauses", ErrorPhase::Compile,
                         "a query part has more than " + std::to_string(kMaxClauses) + " clauses",
                         cur().pos.line, cur().pos.column);
      q.clauses.push_back(clause());
    }
    if (q.clauses.empty()) fail_expected("a clause (MATCH, CREATE, RETURN, ...)");
    return q;
  }

  Clause clause() {
    Pos p = cur().pos;
    if (keyword("OPTIONAL")) {
      expect_keyword("MATCH");
      return match(p, true);
    }
    if (keyword("MATCH")) return match(p, false);
    if (keyword("UNWIND")) return unwind(p);
    if (keyword("WITH")) return with(p);
    if (keyword("RETURN")) return return_clause(p);
    if (keyword("CREATE")) {
      Clause c(ClauseKind::Create, p);
      c.pattern = pattern();
      return c;
    }
    if (keyword("MERGE")) return merge(p);
    if (keyword("SET")) return set_clause(p);
    if (keyword("REMOVE")) return remove_clause(p);
    if (keyword("DETACH")) {
      expect_keyword("DELETE");
      return delete_clause(p, true);
    }
    if (keyword("DELETE")) return delete_clause(p, false);
    if (is_keyword("CALL"))
      throw QueryError("SyntaxError", "UnsupportedClause", ErrorPhase::Compile,
                       "CALL is not supported", p.line, p.column);
    fail_expected(
        "a clause (MATCH, OPTIONAL MATCH, UNWIND, WITH, RETURN, CREATE, SET, REMOVE, "
        "DELETE)");
  }

  Clause match(Pos p, bool optional) {
    Clause c(ClauseKind::Match, p);
    c.optional = optional;
    c.pattern = pattern();
    if (keyword("WHERE")) c.where = expression();
    return c;
  }

  Clause unwind(Pos p) {
    Clause c(ClauseKind::Unwind, p);
    c.expr = expression();
    expect_keyword("AS");
    c.var = variable_name();
    return c;
  }

  Clause with(Pos p) {
    Clause c(ClauseKind::With, p);
    c.projection = projection(p, true);
    if (keyword("WHERE")) c.projection.where = expression();
    return c;
  }

  Clause return_clause(Pos p) {
    Clause c(ClauseKind::Return, p);
    c.projection = projection(p, false);
    return c;
  }

  Projection projection(Pos p, bool is_with) {
    Projection proj;
    proj.pos = p;
    proj.distinct = keyword("DISTINCT");
    if (accept("*")) {
      proj.star = true;
      if (!accept(",")) goto tail;
    }
    do {
      ProjectionItem item;
      size_t first = i_;
      item.expr = expression();
      if (keyword("AS")) {
        item.alias = variable_name();
        item.explicit_alias = true;
      } else {
        item.alias = source_since(first);
        if (is_with && item.expr->kind != ExprKind::Variable)
          fail("NoExpressionAlias", "an expression in WITH needs an alias (AS name)",
               toks_[first].pos);
      }
      proj.items.push_back(std::move(item));
    } while (accept(","));
  tail:
    if (keyword("ORDER")) {
      expect_keyword("BY");
      do {
        SortItem s;
        s.expr = expression();
        if (keyword("DESC") || keyword("DESCENDING"))
          s.descending = true;
        else if (!keyword("ASC"))
          keyword("ASCENDING");
        proj.order_by.push_back(std::move(s));
      } while (accept(","));
    }
    if (keyword("SKIP")) proj.skip = expression();
    if (keyword("LIMIT")) proj.limit = expression();
    return proj;
  }

  Clause merge(Pos p) {
    Clause c(ClauseKind::Merge, p);
    c.pattern.push_back(pattern_part());
    while (is_keyword("ON")) {
      ++i_;
      bool on_create = keyword("CREATE");
      if (!on_create) expect_keyword("MATCH");
      expect_keyword("SET");
      Clause items = set_clause(p);
      auto& into = on_create ? c.set_items : c.on_match;
      for (auto& item : items.set_items) into.push_back(std::move(item));
    }
    return c;
  }

  Clause set_clause(Pos p) {
    Clause c(ClauseKind::Set, p);
    do {
      SetItem item;
      size_t first = i_;
      ExprPtr target = postfix_no_labels();
      if (cur().kind == Tok::Punct && cur().text == ":" && target->kind == ExprKind::Variable) {
        item.kind = SetKind::Labels;
        while (accept(":")) item.labels.push_back(name("a label"));
        item.target = std::move(target);
      } else if (target->kind == ExprKind::Property) {
        expect("=");
        item.kind = SetKind::Property;
        item.target = std::move(target);
        item.value = expression();
      } else if (target->kind == ExprKind::Variable) {
        if (accept("="))
          item.kind = SetKind::Replace;
        else if (accept("+") && accept("="))
          item.kind = SetKind::Merge;
        else
          fail_expected("'=', '+=' or a label");
        item.target = std::move(target);
        item.value = expression();
      } else {
        fail("UnexpectedSyntax", "SET needs a property, a variable or labels", toks_[first].pos);
      }
      c.set_items.push_back(std::move(item));
    } while (accept(","));
    return c;
  }

  Clause remove_clause(Pos p) {
    Clause c(ClauseKind::Remove, p);
    do {
      SetItem item;
      size_t first = i_;
      ExprPtr target = postfix_no_labels();
      if (is_punct(":") && target->kind == ExprKind::Variable) {
        item.kind = SetKind::Labels;
        while (accept(":")) item.labels.push_back(name("a label"));
      } else if (target->kind == ExprKind::Property) {
        item.kind = SetKind::Property;
      } else {
        fail("UnexpectedSyntax", "REMOVE needs a property or labels", toks_[first].pos);
      }
      item.target = std::move(target);
      c.set_items.push_back(std::move(item));
    } while (accept(","));
    return c;
  }

  Clause delete_clause(Pos p, bool detach) {
    Clause c(ClauseKind::Delete, p);
    c.detach = detach;
    do c.exprs.push_back(expression());
    while (accept(","));
    return c;
  }

  // ---------------------------------------------------------------- patterns
  std::vector<PatternPart> pattern() {
    std::vector<PatternPart> parts;
    do parts.push_back(pattern_part());
    while (accept(","));
    return parts;
  }

  PatternPart pattern_part() {
    Pos p = cur().pos;
    std::string path_var;
    if (cur().kind == Tok::Ident && is_punct("=", 1)) {
      path_var = variable_name();
      expect("=");
    }
    PatternPart part;
    if (cur().kind == Tok::Ident &&
        (is_keyword("shortestPath") || is_keyword("allShortestPaths")) && is_punct("(", 1)) {
      part.kind = is_keyword("shortestPath") ? PathKind::Shortest : PathKind::AllShortest;
      i_ += 2;
      PatternPart inner = pattern_element();
      expect(")");
      inner.kind = part.kind;
      part = std::move(inner);
    } else {
      part = pattern_element();
    }
    part.path_var = std::move(path_var);
    part.pos = p;
    return part;
  }

  PatternPart pattern_element() {
    DepthGuard guard(*this);
    // A parenthesized pattern element. Where one failed before, it fails again: remembering
    // that keeps `((((1))))` linear instead of quadratic in its depth.
    if (is_punct("(") && is_punct("(", 1) && !no_nested_pattern_at_[i_]) {
      size_t start = i_;
      if (auto inner = try_parse([&] {
            ++i_;
            PatternPart element = pattern_element();
            expect(")");
            return element;
          }))
        return std::move(*inner);
      no_nested_pattern_at_[start] = true;
    }
    PatternPart part;
    part.nodes.push_back(node_pattern());
    while (is_punct("-") || (is_punct("<") && is_punct("-", 1))) {
      part.rels.push_back(rel_pattern());
      part.nodes.push_back(node_pattern());
    }
    return part;
  }

  NodePattern node_pattern() {
    NodePattern n;
    n.pos = cur().pos;
    expect("(");
    if (cur().kind == Tok::Ident && !is_punct("(", 1)) {
      // `(n)`, `(n:L)`, `(n {..})`; a keyword-looking name is still a variable here.
      n.var = variable_name();
    }
    while (accept(":")) n.labels.push_back(name("a label"));
    if (is_punct("{"))
      n.props = map_literal();
    else if (cur().kind == Tok::Parameter)
      n.props = atom();
    expect(")");
    return n;
  }

  RelPattern rel_pattern() {
    RelPattern r;
    r.pos = cur().pos;
    bool left = accept("<");
    expect("-");
    if (accept("[")) {
      if (cur().kind == Tok::Ident) r.var = variable_name();
      if (accept(":")) {
        r.types.push_back(name("a relationship type"));
        while (accept("|")) {
          accept(":");
          std::string t = name("a relationship type");
          if (std::find(r.types.begin(), r.types.end(), t) == r.types.end()) r.types.push_back(t);
        }
      }
      if (is_punct("..") || (cur().kind == Tok::Integer && !is_punct("*")))
        fail("InvalidRelationshipPattern", "a variable length needs '*' before its bounds",
             cur().pos);
      if (accept("*")) {  // *, *n, *n.., *..m, *n..m
        if (is_punct("-"))
          fail("InvalidRelationshipPattern", "a hop count cannot be negative", cur().pos);
        r.var_length = true;
        bool has_min = cur().kind == Tok::Integer;
        if (has_min) r.min_hops = hop_count();
        if (accept("..")) {
          if (is_punct("-"))
            fail("InvalidRelationshipPattern", "a hop count cannot be negative", cur().pos);
          if (cur().kind == Tok::Integer) r.max_hops = hop_count();
        } else if (has_min) {
          r.max_hops = r.min_hops;
        }
      }
      if (is_punct("{"))
        r.props = map_literal();
      else if (cur().kind == Tok::Parameter)
        r.props = atom();
      expect("]");
    }
    expect("-");
    bool right = accept(">");
    if (left && right)
      r.dir = Direction::Both;  // <--> matches either direction, as Neo4j
    else if (left)
      r.dir = Direction::In;
    else if (right)
      r.dir = Direction::Out;
    else
      r.dir = Direction::Both;
    return r;
  }

  int64_t hop_count() {
    const Token& t = toks_[i_++];
    errno = 0;
    long long v = std::strtoll(t.text.c_str(), nullptr, 10);
    if (errno == ERANGE) fail("IntegerOverflow", "hop count too large", t.pos);
    return v;
  }

  // ---------------------------------------------------------------- expressions
  ExprPtr make(ExprKind k, Pos p) { return std::make_unique<Expr>(k, p); }
  // AND, OR, XOR and + are evaluated left to right over all their operands, so a chain of
  // one of them is one node: a 50,000-term condition is wide, not deep. Only a chain still
  // being parsed is extended: `(a AND b) AND c` keeps its parenthesized part.
  static bool chains(Op op) {
    return op == Op::And || op == Op::Or || op == Op::Xor || op == Op::Add;
  }
  ExprPtr binary(Op op, ExprPtr a, ExprPtr b, Pos p) {
    if (chains(op) && a->kind == ExprKind::Binary && a->op == op && a->open_chain) {
      // Heights are measured as the chain grows: measuring the whole chain at every step
      // would make a long chain quadratic.
      const uint32_t operand_height = expression_height(*b) + 1;
      a->args.push_back(std::move(b));
      a->height = std::max(expression_height(*a), operand_height);
      return checked(std::move(a), p);
    }
    ExprPtr e = make(ExprKind::Binary, p);
    e->op = op;
    e->open_chain = chains(op);
    e->args.push_back(std::move(a));
    e->args.push_back(std::move(b));
    return checked(std::move(e), p);
  }
  ExprPtr unary(Op op, ExprPtr a, Pos p) {
    ExprPtr e = make(ExprKind::Unary, p);
    e->op = op;
    e->args.push_back(std::move(a));
    return checked(std::move(e), p);
  }

 public:
  ExprPtr expression() {
    DepthGuard guard(*this);
    size_t first = i_;
    ExprPtr e = checked(or_expr(), toks_[first].pos);
    e->open_chain = false;
    // The source text names a column or a filter in a plan: only a clause's own expressions
    // need it. Copying it at every level would cost the text's size times its depth.
    if (depth_ == 1) e->text = source_since(first);
    return e;
  }

 private:
  ExprPtr or_expr() {
    ExprPtr e = xor_expr();
    while (is_keyword("OR")) {
      Pos p = cur().pos;
      ++i_;
      e = binary(Op::Or, std::move(e), xor_expr(), p);
    }
    return e;
  }
  ExprPtr xor_expr() {
    ExprPtr e = and_expr();
    while (is_keyword("XOR")) {
      Pos p = cur().pos;
      ++i_;
      e = binary(Op::Xor, std::move(e), and_expr(), p);
    }
    return e;
  }
  ExprPtr and_expr() {
    ExprPtr e = not_expr();
    while (is_keyword("AND")) {
      Pos p = cur().pos;
      ++i_;
      e = binary(Op::And, std::move(e), not_expr(), p);
    }
    return e;
  }
  ExprPtr not_expr() {
    if (is_keyword("NOT")) {
      DepthGuard guard(*this);
      Pos p = cur().pos;
      ++i_;
      return unary(Op::Not, not_expr(), p);
    }
    return comparison();
  }

  std::optional<Op> comparison_op() const {
    if (cur().kind != Tok::Punct) return std::nullopt;
    const std::string& t = cur().text;
    if (t == "=") return Op::Eq;
    if (t == "<>" || t == "!=") return Op::Ne;
    if (t == "<") return Op::Lt;
    if (t == "<=") return Op::Le;
    if (t == ">") return Op::Gt;
    if (t == ">=") return Op::Ge;
    return std::nullopt;
  }

  // a < b < c means a < b AND b < c (b evaluated once per use; it has no side effects).
  ExprPtr comparison() {
    ExprPtr first = predicate_expr();
    auto op = comparison_op();
    if (!op) return first;
    ExprPtr result;
    ExprPtr left = std::move(first);
    while (op) {
      Pos p = cur().pos;
      ++i_;
      ExprPtr right = predicate_expr();
      ExprPtr right_copy = clone(*right);
      ExprPtr cmp = binary(*op, std::move(left), std::move(right), p);
      result = result ? binary(Op::And, std::move(result), std::move(cmp), p) : std::move(cmp);
      left = std::move(right_copy);
      op = comparison_op();
    }
    return result;
  }

  ExprPtr predicate_expr() {
    ExprPtr e = add_expr();
    for (;;) {
      Pos p = cur().pos;
      if (is_keyword("IN")) {
        ++i_;
        e = binary(Op::In, std::move(e), add_expr(), p);
      } else if (is_keyword("STARTS") && is_keyword("WITH", 1)) {
        i_ += 2;
        e = binary(Op::StartsWith, std::move(e), add_expr(), p);
      } else if (is_keyword("ENDS") && is_keyword("WITH", 1)) {
        i_ += 2;
        e = binary(Op::EndsWith, std::move(e), add_expr(), p);
      } else if (is_keyword("CONTAINS")) {
        ++i_;
        e = binary(Op::Contains, std::move(e), add_expr(), p);
      } else if (is_punct("=~")) {
        ++i_;
        e = binary(Op::RegexMatch, std::move(e), add_expr(), p);
      } else if (is_keyword("IS")) {
        ++i_;
        bool negated = keyword("NOT");
        expect_keyword("NULL");
        e = unary(negated ? Op::IsNotNull : Op::IsNull, std::move(e), p);
      } else {
        return e;
      }
    }
  }

  ExprPtr add_expr() {
    ExprPtr e = mul_expr();
    for (;;) {
      Pos p = cur().pos;
      if (accept("+"))
        e = binary(Op::Add, std::move(e), mul_expr(), p);
      else if (accept("-"))
        e = binary(Op::Sub, std::move(e), mul_expr(), p);
      else
        return e;
    }
  }
  ExprPtr mul_expr() {
    ExprPtr e = pow_expr();
    for (;;) {
      Pos p = cur().pos;
      if (accept("*"))
        e = binary(Op::Mul, std::move(e), pow_expr(), p);
      else if (accept("/"))
        e = binary(Op::Div, std::move(e), pow_expr(), p);
      else if (accept("%"))
        e = binary(Op::Mod, std::move(e), pow_expr(), p);
      else
        return e;
    }
  }
  ExprPtr pow_expr() {
    ExprPtr e = unary_expr();
    while (is_punct("^")) {
      Pos p = cur().pos;
      ++i_;
      e = binary(Op::Pow, std::move(e), unary_expr(), p);
    }
    return e;
  }
  ExprPtr unary_expr() {
    Pos p = cur().pos;
    if (!is_punct("-") && !is_punct("+")) return postfix();
    DepthGuard guard(*this);
    if (accept("-")) {
      // -9223372036854775808 is a literal, not the negation of an overflowing one.
      if (cur().kind == Tok::Integer) {
        ExprPtr lit = integer_literal(true);
        return postfix_tail(std::move(lit));
      }
      return unary(Op::Neg, unary_expr(), p);
    }
    if (accept("+")) return unary(Op::Plus, unary_expr(), p);
    return postfix();
  }

  ExprPtr postfix() {
    ExprPtr e = postfix_no_labels();
    if (is_punct(":")) {
      Pos p = cur().pos;
      ExprPtr h = make(ExprKind::HasLabels, p);
      while (accept(":")) h->keys.push_back(name("a label"));
      h->args.push_back(std::move(e));
      return checked(std::move(h), p);
    }
    return e;
  }

  ExprPtr postfix_no_labels() { return postfix_tail(atom()); }

  ExprPtr postfix_tail(ExprPtr e) {
    for (;;) {
      Pos p = cur().pos;
      if (accept(".")) {
        ExprPtr prop = make(ExprKind::Property, p);
        prop->name = name("a property name");
        prop->args.push_back(std::move(e));
        e = checked(std::move(prop), p);
      } else if (is_punct("[")) {
        ++i_;
        ExprPtr from, to;
        if (!is_punct("..")) from = expression();
        if (accept("..")) {
          if (!is_punct("]")) to = expression();
          expect("]");
          ExprPtr s = make(ExprKind::Slice, p);
          s->args.push_back(std::move(e));
          s->args.push_back(std::move(from));
          s->args.push_back(std::move(to));
          e = checked(std::move(s), p);
        } else {
          if (!from) fail_expected("an index");
          expect("]");
          ExprPtr idx = make(ExprKind::Index, p);
          idx->args.push_back(std::move(e));
          idx->args.push_back(std::move(from));
          e = checked(std::move(idx), p);
        }
      } else {
        return e;
      }
    }
  }

  ExprPtr integer_literal(bool negative) {
    const Token& t = toks_[i_++];
    std::string digits = t.text;
    int base = 10;
    size_t skip = 0;
    if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
      base = 16;
      skip = 2;
    } else if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'o' || digits[1] == 'O')) {
      base = 8;
      skip = 2;
    } else if (digits.size() > 1 && digits[0] == '0') {
      base = 8;  // legacy octal 0755
      skip = 1;
    }
    std::string body = digits.substr(skip);
    for (char c : body) {
      bool ok = base == 16 ? std::isxdigit(static_cast<unsigned char>(c))
                           : (c >= '0' && c < static_cast<char>('0' + base));
      if (!ok || body.empty())
        fail("InvalidNumberLiteral", "invalid number '" + digits + "'", t.pos);
    }
    if (body.empty()) fail("InvalidNumberLiteral", "invalid number '" + digits + "'", t.pos);
    errno = 0;
    unsigned long long mag = std::strtoull(body.c_str(), nullptr, base);
    const unsigned long long limit = negative ? 9223372036854775808ull : 9223372036854775807ull;
    if (errno == ERANGE || mag > limit)
      fail("IntegerOverflow",
           "integer literal " + std::string(negative ? "-" : "") + digits +
               " does not fit in 64 bits",
           t.pos);
    ExprPtr e = make(ExprKind::Literal, t.pos);
    e->literal = negative ? (mag == limit ? INT64_MIN : -static_cast<int64_t>(mag))
                          : static_cast<int64_t>(mag);
    return e;
  }

  ExprPtr atom() {
    const Token& t = cur();
    Pos p = t.pos;
    switch (t.kind) {
      case Tok::Integer:
        return integer_literal(false);
      case Tok::Float: {
        ++i_;
        errno = 0;
        double d = std::strtod(t.text.c_str(), nullptr);
        if (errno == ERANGE && std::isinf(d))
          fail("FloatingPointOverflow", "float literal " + t.text + " is too large", p);
        ExprPtr e = make(ExprKind::Literal, p);
        e->literal = d;
        return e;
      }
      case Tok::String: {
        ++i_;
        ExprPtr e = make(ExprKind::Literal, p);
        e->literal = t.text;
        return e;
      }
      case Tok::Parameter: {
        ++i_;
        ExprPtr e = make(ExprKind::Parameter, p);
        e->name = t.text;
        return e;
      }
      case Tok::Punct:
        if (t.text == "(") return parenthesized_or_pattern();
        if (t.text == "[") return list_like();
        if (t.text == "{") return map_literal();
        fail_expected("an expression");
      case Tok::Ident:
        return identifier_atom();
      case Tok::End:
        fail_expected("an expression");
    }
    fail_expected("an expression");
  }

  ExprPtr identifier_atom() {
    const Token& t = cur();
    Pos p = t.pos;
    if (!t.quoted) {
      if (iequals(t.text, "true") || iequals(t.text, "false")) {
        ++i_;
        ExprPtr e = make(ExprKind::Literal, p);
        e->literal = iequals(t.text, "true");
        return e;
      }
      if (iequals(t.text, "null")) {
        ++i_;
        return make(ExprKind::Literal, p);
      }
      if (iequals(t.text, "CASE")) return case_expr();
      if (iequals(t.text, "EXISTS") && is_punct("{", 1)) return exists_subquery();
      if (is_punct("(", 1)) {
        for (auto [word, op] : {std::pair{"all", Op::All},
                                {"any", Op::Any},
                                {"none", Op::None},
                                {"single", Op::Single}})
          if (iequals(t.text, word) && ahead(2).kind == Tok::Ident && is_keyword("IN", 3))
            return quantifier(op);
        if (iequals(t.text, "reduce")) return reduce();
        if (iequals(t.text, "count") && is_punct("*", 2) && is_punct(")", 3)) {
          i_ += 4;
          return make(ExprKind::CountStar, p);
        }
      }
    }
    // function call, with an optional namespace: a.b.c(...)
    size_t k = 0;
    while (ahead(k).kind == Tok::Ident && is_punct(".", k + 1) && ahead(k + 2).kind == Tok::Ident)
      k += 2;
    if (ahead(k).kind == Tok::Ident && is_punct("(", k + 1)) return function_call(k);
    ++i_;
    if (is_punct("{")) return map_projection(t.text, p);
    ExprPtr e = make(ExprKind::Variable, p);
    e->name = t.text;
    return e;
  }

  ExprPtr function_call(size_t name_tokens) {
    Pos p = cur().pos;
    std::string fname;
    for (size_t j = 0; j <= name_tokens; ++j) fname += toks_[i_ + j].text;
    i_ += name_tokens + 1;
    expect("(");
    ExprPtr e = make(ExprKind::Call, p);
    e->name = fname;
    e->distinct = keyword("DISTINCT");
    if (!is_punct(")")) {
      do e->args.push_back(expression());
      while (accept(","));
    }
    expect(")");
    return e;
  }

  ExprPtr case_expr() {
    Pos p = cur().pos;
    ++i_;
    ExprPtr e = make(ExprKind::Case, p);
    if (!is_keyword("WHEN")) {
      e->has_subject = true;
      e->args.push_back(expression());
    }
    if (!is_keyword("WHEN")) fail_expected("WHEN");
    while (keyword("WHEN")) {
      e->args.push_back(expression());
      expect_keyword("THEN");
      e->args.push_back(expression());
    }
    if (keyword("ELSE")) {
      e->has_else = true;
      e->args.push_back(expression());
    }
    expect_keyword("END");
    return e;
  }

  ExprPtr quantifier(Op op) {
    Pos p = cur().pos;
    i_ += 2;
    ExprPtr e = make(ExprKind::Quantifier, p);
    e->op = op;
    e->name = variable_name();
    expect_keyword("IN");
    e->args.push_back(expression());
    if (keyword("WHERE"))
      e->args.push_back(expression());
    else
      e->args.push_back(nullptr);
    expect(")");
    return e;
  }

  ExprPtr reduce() {
    Pos p = cur().pos;
    i_ += 2;
    ExprPtr e = make(ExprKind::Reduce, p);
    e->name = variable_name();
    expect("=");
    e->args.push_back(expression());
    expect(",");
    e->name2 = variable_name();
    expect_keyword("IN");
    e->args.push_back(expression());
    expect("|");
    e->args.push_back(expression());
    expect(")");
    return e;
  }

  ExprPtr exists_subquery() {
    Pos p = cur().pos;
    i_ += 2;
    ExprPtr e = make(ExprKind::Exists, p);
    keyword("MATCH");  // EXISTS { MATCH (a)-->(b) } reads as EXISTS { (a)-->(b) }
    std::vector<PatternPart> parts = pattern();
    if (parts.size() != 1) fail("UnexpectedSyntax", "EXISTS { } takes one pattern here", p);
    e->pattern = std::make_shared<PatternPart>(std::move(parts[0]));
    e->args.push_back(keyword("WHERE") ? expression() : nullptr);
    expect("}");
    return e;
  }

  ExprPtr map_projection(const std::string& var, Pos p) {
    ExprPtr e = make(ExprKind::MapProjection, p);
    e->name = var;
    expect("{");
    if (!is_punct("}")) {
      do {
        if (accept(".")) {
          if (accept("*")) {
            e->keys.emplace_back();
            e->map_items.push_back(MapItem::AllProperties);
            e->args.push_back(nullptr);
          } else {
            e->keys.push_back(name("a property name"));
            e->map_items.push_back(MapItem::Property);
            e->args.push_back(nullptr);
          }
        } else if (cur().kind == Tok::Ident && is_punct(":", 1)) {
          e->keys.push_back(name("a key"));
          ++i_;
          e->map_items.push_back(MapItem::Literal);
          e->args.push_back(expression());
        } else {
          Pos vp = cur().pos;
          std::string v = variable_name();
          ExprPtr var_expr = make(ExprKind::Variable, vp);
          var_expr->name = v;
          e->keys.push_back(v);
          e->map_items.push_back(MapItem::Variable);
          e->args.push_back(std::move(var_expr));
        }
      } while (accept(","));
    }
    expect("}");
    return e;
  }

  ExprPtr map_literal() {
    Pos p = cur().pos;
    expect("{");
    ExprPtr e = make(ExprKind::Map, p);
    if (!is_punct("}")) {
      do {
        if (cur().kind != Tok::Ident && cur().kind != Tok::String) fail_expected("a map key");
        e->keys.push_back(toks_[i_++].text);
        expect(":");
        e->args.push_back(expression());
      } while (accept(","));
    }
    expect("}");
    return e;
  }

  // `(expr)` or a pattern used as an expression `(a)-->(b)`.
  ExprPtr parenthesized_or_pattern() {
    Pos p = cur().pos;
    size_t save = i_;
    if (!no_pattern_at_[save]) {
      if (auto part = try_parse([&] {
            PatternPart element = pattern_element();
            if (element.rels.empty()) throw Backtrack{};
            return element;
          })) {
        ExprPtr e = make(ExprKind::PatternPredicate, p);
        e->pattern = std::make_shared<PatternPart>(std::move(*part));
        return e;
      }
      no_pattern_at_[save] = true;
    }
    i_ = save;
    expect("(");
    ExprPtr inner = expression();
    expect(")");
    return inner;
  }

  template <class F>
  auto try_parse(F&& f) -> std::optional<decltype(f())> {
    size_t save = i_;
    bool was = speculating_;
    speculating_ = true;
    try {
      auto r = f();
      speculating_ = was;
      return r;
    } catch (const Backtrack&) {
    } catch (const QueryError& e) {
      if (is_final(e)) {
        speculating_ = was;
        throw;
      }
    }
    speculating_ = was;
    i_ = save;
    return std::nullopt;
  }

  // `[1, 2]`, `[x IN list WHERE p | e]` or `[(a)-->(b) WHERE p | e]`.
  ExprPtr list_like() {
    Pos p = cur().pos;
    if (ahead(1).kind == Tok::Ident && is_keyword("IN", 2)) {
      ++i_;
      ExprPtr e = make(ExprKind::ListComprehension, p);
      e->name = variable_name();
      expect_keyword("IN");
      e->args.push_back(expression());
      e->args.push_back(keyword("WHERE") ? expression() : nullptr);
      e->args.push_back(accept("|") ? expression() : nullptr);
      expect("]");
      return e;
    }
    if (is_punct("(", 1) ||
        (ahead(1).kind == Tok::Ident && is_punct("=", 2) && !is_keyword("IN", 1))) {
      size_t save = i_;
      ++i_;
      if (auto part = try_parse([&] {
            PatternPart element = pattern_part();
            if (element.rels.empty() || !(is_keyword("WHERE") || is_punct("|"))) throw Backtrack{};
            return element;
          })) {
        ExprPtr e = make(ExprKind::PatternComprehension, p);
        e->pattern = std::make_shared<PatternPart>(std::move(*part));
        e->args.push_back(keyword("WHERE") ? expression() : nullptr);
        expect("|");
        e->args.push_back(expression());
        expect("]");
        return e;
      }
      i_ = save;
    }
    expect("[");
    ExprPtr e = make(ExprKind::List, p);
    if (!is_punct("]")) {
      do e->args.push_back(expression());
      while (accept(","));
    }
    expect("]");
    return e;
  }

  std::string_view text_;
  std::vector<Token> toks_;
  std::vector<size_t> line_starts_;
  size_t i_ = 0;
  bool speculating_ = false;
  QueryLimits* limits_;
  size_t depth_ = 0;  // productions being parsed, one inside the other
  // Token positions where a pattern (as an expression) or a parenthesized pattern element was
  // tried and failed.
  std::vector<bool> no_pattern_at_, no_nested_pattern_at_;
};

}  // namespace

ExprPtr clone(const Expr& e) {
  auto c = std::make_unique<Expr>(e.kind, e.pos);
  c->op = e.op;
  c->literal = e.literal;
  c->name = e.name;
  c->name2 = e.name2;
  for (const auto& a : e.args) c->args.push_back(a ? clone(*a) : nullptr);
  c->keys = e.keys;
  c->map_items = e.map_items;
  c->distinct = e.distinct;
  c->has_subject = e.has_subject;
  c->has_else = e.has_else;
  c->pattern = e.pattern;
  c->slot = e.slot;
  c->slot2 = e.slot2;
  c->fn = e.fn;
  c->text = e.text;
  return c;
}

Expr::~Expr() {
  std::vector<ExprPtr> pending;
  for (auto& a : args)
    if (a) pending.push_back(std::move(a));
  while (!pending.empty()) {
    ExprPtr e = std::move(pending.back());
    pending.pop_back();
    for (auto& a : e->args)
      if (a) pending.push_back(std::move(a));
  }  // each e is freed here with no children left
}

uint32_t expression_height(Expr& root) {
  std::vector<Expr*> stack{&root};
  while (!stack.empty()) {
    Expr* e = stack.back();
    if (e->height) {
      stack.pop_back();
      continue;
    }
    bool ready = true;
    uint32_t below = 0;
    for (auto& a : e->args) {
      if (!a) continue;
      if (!a->height) {
        stack.push_back(a.get());
        ready = false;
      } else {
        below = std::max(below, a->height);
      }
    }
    if (ready) {
      e->height = below + 1;
      stack.pop_back();
    }
  }
  return root.height;
}

QueryAst parse_query(std::string_view text, QueryLimits* limits) {
  return Parser(text, limits).query();
}

}  // namespace normgraph::query
