#pragma once
// Splits query text into tokens with their line and column. Keywords are identifiers; the
// parser compares them case-insensitively.
#include <string>
#include <string_view>
#include <vector>

#include "ast.hpp"

namespace normgraph::query {

enum class Tok : uint8_t {
  Ident,    // also keywords; `quoted` for backtick names
  Integer,  // text holds the digits (decimal, 0x.., 0o..)
  Float,
  String,     // text holds the unescaped value
  Parameter,  // text holds the name
  Punct,  // text holds the operator: ( ) [ ] { } , . .. : | ; + - * / % ^ = <> != < > <= >= =~ $
  End,
};

struct Token {
  Tok kind;
  std::string text;
  Pos pos;
  bool quoted = false;
  bool space_before = false;
};

// Throws QueryError SyntaxError for unterminated strings and comments, bad escapes and
// characters that start no token.
std::vector<Token> tokenize(std::string_view text);

}  // namespace normgraph::query
