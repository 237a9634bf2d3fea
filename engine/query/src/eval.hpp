#pragma once
// Expression evaluation over a row.
#include <cstddef>
#include <cstdint>

#include "ast.hpp"
#include "exec_context.hpp"

namespace normgraph::query {

// How deep the lists and maps a query builds may nest (LimitExceeded/ValueTooDeep beyond).
constexpr size_t kMaxValueDepth = 500;

Value evaluate(const Expr& e, Row& row, ExecContext& ctx);
// Throws LimitExceeded/ValueTooDeep (at e's position) when `element`, put into a new list or
// map, would make it nest deeper than kMaxValueDepth.
void check_element_depth(const Value& element, const Expr& e);
// What a list, string or map costs the query's memory budget: its own storage, not what its
// elements hold (those were charged when they were built).
uint64_t shallow_size(const Value& v);
// WHERE semantics: only true passes (false and null do not).
bool passes(const Expr& e, Row& row, ExecContext& ctx);

}  // namespace normgraph::query
