#pragma once
// The interactive query shell (`normgraph query` on a terminal without a query).
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/query/query.hpp"
#include "normgraph/query/result_format.hpp"

namespace normgraph::cli {

int run_query_shell(query::QueryEngine& engine, GraphStore& store, DataDir& dir, ValueMap params,
                    query::QueryOptions options, query::ResultFormat format);

}  // namespace normgraph::cli
