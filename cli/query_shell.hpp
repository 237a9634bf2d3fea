#pragma once
// The interactive query shell (`normgraph query` on a terminal without a query).
#include "normgraph/query/query.hpp"
#include "normgraph/query/result_format.hpp"
#include "normgraph/workspace/workspace.hpp"

namespace normgraph::cli {

// A write is saved to the workspace's data directory after it ran.
int run_query_shell(query::QueryEngine& engine, workspace::Workspace& graph, ValueMap params,
                    query::QueryOptions options, query::ResultFormat format);

}  // namespace normgraph::cli
