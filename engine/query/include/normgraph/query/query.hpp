#pragma once
// normgraph's openCypher subset (docs/query.md): text in, a table of values out. A query is
// parsed, bound against the ontology (unknown labels and types are warnings), planned from
// its most selective pattern element and executed as a stream of rows, within a time limit
// and a row limit.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "normgraph/core/errors.hpp"
#include "normgraph/core/value.hpp"
#include "normgraph/engine/graph_store.hpp"

namespace normgraph::ontology {
class Schema;
}

namespace normgraph::query {

// When an error is detected: before any row is produced (parse, bind, plan) or during execution.
enum class ErrorPhase : uint8_t { Compile, Runtime };

// A query that cannot run. category() and code() follow the openCypher TCK's names
// (SyntaxError/UndefinedVariable, TypeError/InvalidArgumentType, ...); line and column are
// 1-based positions in the query text, 0 when the error has no single position.
class QueryError : public InputError {
 public:
  QueryError(std::string category, std::string code, ErrorPhase phase, const std::string& message,
             size_t line = 0, size_t column = 0);
  const std::string& category() const { return category_; }
  const std::string& code() const { return code_; }
  ErrorPhase phase() const { return phase_; }
  size_t line() const { return line_; }
  size_t column() const { return column_; }
  // The message without the position prefix.
  const std::string& detail() const { return detail_; }

 private:
  std::string category_, code_, detail_;
  ErrorPhase phase_;
  size_t line_, column_;
};

struct QueryStats;

struct QueryOptions {
  double time_limit_seconds = 30;  // 0: none
  uint64_t max_rows = 1'000'000;   // rows a result may hold; 0: none
  // The total size in bytes of the lists, strings and maps a query builds while it runs
  // (counted as they are built, never given back, so it also bounds repeated copying); past it
  // the query fails with LimitExceeded/MemoryLimit. 0: none.
  uint64_t max_memory_bytes = uint64_t{1} << 30;
  uint32_t max_path_length = 10;  // the upper bound of an open variable-length pattern
  // Who makes a write and why: recorded in the evidence of created nodes and relationships.
  std::string author;
  std::string reason;
  // What makes a run repeatable, for a journal that replays writes: rand() and randomUUID()
  // draw from this seed (0: a random one), timestamp() returns this time in milliseconds since
  // the epoch (0: the clock's, read once per query).
  uint64_t random_seed = 0;
  int64_t clock_ms = 0;
  // Called after a write query has executed and before it is final; when it throws, the
  // query is rolled back and the exception passed on (e.g. a journal append that failed).
  std::function<void(const QueryStats&)> before_commit;
};

struct QueryStats {
  uint64_t nodes_created = 0, nodes_deleted = 0;
  uint64_t relationships_created = 0, relationships_deleted = 0;
  uint64_t properties_set = 0, labels_added = 0, labels_removed = 0;
  double compile_ms = 0, execute_ms = 0;
  // MATCH and MERGE clauses planned by this run (or explain); 0 when every plan was kept from
  // an earlier run (QueryEngine).
  uint64_t plans_made = 0;
  bool contains_updates() const {
    return nodes_created || nodes_deleted || relationships_created || relationships_deleted ||
           properties_set || labels_added || labels_removed;
  }
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;  // nodes, relationships and paths refer to the store
  QueryStats stats;
  std::vector<std::string> warnings;  // unknown labels, types and properties
  bool ordered = false;               // the query ends in ORDER BY
};

// Runs queries on one store. Keeps recent query texts (128) parsed, bound and planned, so a
// repeated query skips parsing and binding, and planning while the store stays alike: the plan
// of a MATCH or MERGE is made from the store's counts (nodes, nodes per label, relationships
// per type) and kept with the query; a run plans it again when one of the counts it read has
// grown or shrunk by more than a factor of 2 since (a count that was 0 and no longer is,
// too). A plan decides only how fast the rows come, never which: a kept plan gives the same
// rows as a new one, perhaps in another order where the query has no ORDER BY. A pattern in an
// expression (`WHERE (a)-->(b)`, EXISTS, a pattern comprehension) is planned at its first use
// and kept as long as the query. Not thread-safe: one engine per thread (a store may have many
// readers, or one writer).
class QueryEngine {
 public:
  // `schema` may be null: then no label, type or property is checked.
  explicit QueryEngine(GraphStore& store, const ontology::Schema* schema = nullptr);
  ~QueryEngine();
  QueryEngine(const QueryEngine&) = delete;
  QueryEngine& operator=(const QueryEngine&) = delete;

  // Throws QueryError. A failed query leaves the store as it was before it.
  QueryResult run(std::string_view text, const ValueMap& params = {},
                  const QueryOptions& options = {});
  // Whether the query writes (CREATE, MERGE, SET, REMOVE, DELETE). Parses and binds it and
  // keeps that, so a run() of the same text that follows does not parse it again. Throws
  // QueryError.
  bool writes(std::string_view text);
  // The plan: for each MATCH its steps (seeks, scans, expansions, filters), one per line.
  std::string explain(std::string_view text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A constant written as a Cypher literal (42, 1.5, 'text', [1, 2], {k: true}, null); throws
// QueryError when the text is not one.
Value parse_literal(std::string_view text);
// Whether a query writes (CREATE, SET, REMOVE, DELETE). Throws QueryError when it is invalid.
bool query_writes(std::string_view text);

// The Cypher view of an element's properties: the stored properties plus `id` and `name` from
// the node's columns (a generated "_:" id is not shown), in that order.
ValueMap node_properties(const GraphStore& store, NodeId n);
ValueMap edge_properties(const GraphStore& store, EdgeId e);

}  // namespace normgraph::query
