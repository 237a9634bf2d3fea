#pragma once
// The binder: resolves every variable of a parsed query to a row slot, checks scoping and the
// clause structure (errors as the openCypher TCK names them), looks functions up, pulls
// aggregates out of projections and reports labels, types and properties the ontology does
// not know as warnings.
#include <memory>
#include <string>
#include <vector>

#include "ast.hpp"

namespace normgraph::ontology {
class Schema;
}

namespace normgraph::query {

// What a variable holds, as far as the binder knows. Value: a value that is no graph element.
enum class VarType : uint8_t { Any, Node, Rel, RelList, Path, Value };

// An aggregate call pulled out of a projection; its result lands in `slot`.
struct AggregateSpec {
  ExprPtr call;      // Call (count, collect, ...) or CountStar
  std::string name;  // lower case
  int slot = -1;
};

// What the binder adds to a WITH or RETURN.
struct BoundProjection {
  std::vector<AggregateSpec> aggregates;
  bool aggregating = false;    // has aggregates: rows are grouped by the other items
  std::vector<int> key_items;  // the grouping items (indexes into items)
};

struct BoundQueryPart {
  std::vector<BoundProjection> projections;  // one per WITH/RETURN clause, in order
  std::vector<std::string> columns;          // the RETURN's column names; empty when none
  std::vector<int> column_slots;             // where each column's value is
  bool has_return = false;
  bool updates = false;
};

struct BoundQuery {
  QueryAst ast;
  std::vector<BoundQueryPart> parts;
  int slot_count = 0;
  std::vector<std::string> warnings;
  bool updates = false;
  // The plan of each MATCH and MERGE clause, [part][clause] (empty until a run needs it): kept
  // with the bound query while the store's counts it was made from hold (pipeline.cpp). Filled
  // during a run, as the plans of patterns in expressions (Expr::plan) are; one engine per
  // thread, so never by two threads at once.
  mutable std::vector<std::vector<std::shared_ptr<const PatternPlan>>> plans;
};

// Annotates `ast` in place and returns it with the bound information. Throws QueryError.
BoundQuery bind_query(QueryAst ast, const ontology::Schema* schema);

// The aggregate functions (lower-case names).
bool is_aggregate_name(std::string_view lower_name);

// Calls f(const Expr&) on e and every sub-expression (not into patterns).
template <class F>
void walk(const Expr& e, F&& f) {
  f(e);
  for (const auto& a : e.args)
    if (a) walk(*a, f);
}

}  // namespace normgraph::query
