#pragma once
// Execution: each clause becomes one or more push-based operators (rows flow from a single
// empty row at the source to a sink that fills the result table). Write clauses are fenced by
// eager buffers so every clause sees the complete effect of the one before it.
#include "binder.hpp"
#include "exec_context.hpp"

namespace normgraph::query {

// Runs one bound query; fills result.columns and result.rows. Writes are logged in ctx.undo.
void execute(const BoundQuery& query, ExecContext& ctx, QueryResult& result);

// Evaluates the closed (constant) parts of every expression once; a TypeError there becomes
// a compile-time SyntaxError with the same code. Throws QueryError. The check has small limits
// of its own (within `limits`, when given): a constant too costly to check is left to the run.
void check_constant_expressions(const BoundQuery& query, GraphStore& store,
                                const QueryLimits* limits = nullptr);

// The plan of each MATCH, for EXPLAIN: one line per step.
std::string explain(const BoundQuery& query, const GraphStore& store);

}  // namespace normgraph::query
