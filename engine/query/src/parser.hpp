#pragma once
// Recursive-descent parser for the query language (docs/query.md "Grammar"). Errors are
// QueryError SyntaxError with the line and column of the offending token and what was expected.
#include <string_view>

#include "ast.hpp"

namespace normgraph::query {

QueryAst parse_query(std::string_view text);

}  // namespace normgraph::query
