#pragma once
// Recursive-descent parser for the query language (docs/query.md "Grammar"). Errors are
// QueryError SyntaxError with the line and column of the offending token and what was expected.
#include <cstddef>
#include <string_view>

#include "ast.hpp"

namespace normgraph::query {

class QueryLimits;

// How deep expressions and patterns may nest: parentheses, lists, maps, NOT, unary minus, and
// chains of postfix or non-associative operators (`a.b.c`, `1 - 2 - 3`). Deeper input is a
// SyntaxError/NestingTooDeep with its position, so that the recursive parser, binder,
// evaluator and destructors stay far from the end of a thread's stack. Chains of AND, OR, XOR
// and + are flat (one node with many operands) and may be as long as the text allows.
constexpr size_t kMaxExpressionDepth = 200;
// Clauses in one query part (between UNIONs): binding and planning walk them without looking at
// the clock, and no real query comes near (200,000 WITH clauses ran 7 s past a 5 s limit).
constexpr size_t kMaxClauses = 10000;

// `limits`, when given, is checked while parsing (LimitExceeded/TimeLimit).
QueryAst parse_query(std::string_view text, QueryLimits* limits = nullptr);

}  // namespace normgraph::query
