#pragma once
// Expression evaluation over a row.
#include "ast.hpp"
#include "exec_context.hpp"

namespace normgraph::query {

Value evaluate(const Expr& e, Row& row, ExecContext& ctx);
// WHERE semantics: only true passes (false and null do not).
bool passes(const Expr& e, Row& row, ExecContext& ctx);

}  // namespace normgraph::query
