#pragma once
// The push-based operators a pipeline is made of (pipeline.cpp builds them, one file each
// here): rows flow from a single empty row at the source to a sink that fills the result.
#include <memory>
#include <set>
#include <vector>

#include "binder.hpp"
#include "exec_context.hpp"

namespace normgraph::query {

struct PatternPlan;

class Operator {
 public:
  virtual ~Operator() = default;
  virtual void push(Row& row) = 0;
  virtual void finish() {
    if (next) next->finish();
  }
  // False once downstream needs no more rows (a LIMIT is full).
  virtual bool wants_more() const { return next ? next->wants_more() : true; }
  Operator* next = nullptr;
};

// Reading (match.cpp, unwind.cpp, filter.cpp).
std::unique_ptr<Operator> make_match(std::shared_ptr<const PatternPlan> plan, ExecContext& ctx);
// `new_slots`: the slots the pattern binds that were not bound before (null when no match).
std::unique_ptr<Operator> make_optional_match(std::shared_ptr<const PatternPlan> plan,
                                              std::vector<int> new_slots, ExecContext& ctx);
std::unique_ptr<Operator> make_unwind(const Expr& e, int slot, ExecContext& ctx);
std::unique_ptr<Operator> make_filter(const Expr& e, ExecContext& ctx);

// Projection (project.cpp, distinct.cpp, aggregate.cpp, sort.cpp, skip_limit.cpp).
std::unique_ptr<Operator> make_project(const Projection& p, ExecContext& ctx);
std::unique_ptr<Operator> make_distinct(std::vector<int> slots, ExecContext& ctx);
// `width`: the row width (the single group of an aggregation over no rows).
std::unique_ptr<Operator> make_aggregate(const Projection& p, const BoundProjection& bp, int width,
                                         ExecContext& ctx);
std::unique_ptr<Operator> make_sort(const Projection& p, ExecContext& ctx);
// `limit` < 0: no limit.
std::unique_ptr<Operator> make_skip_limit(int64_t skip, int64_t limit);

// Buffers every row, then passes them on: the clause after it sees the finished effect of
// the clauses before (reads never run interleaved with writes). eager.cpp.
std::unique_ptr<Operator> make_eager(ExecContext& ctx);

// A fence that ends a segment of a long chain: it buffers rows as an eager fence does, but
// its finish() stops there, and the builder drains the segments one after another. Pushing
// and finishing recurse one frame per operator, so without segments a query of 10,000
// clauses would need a stack 10,000 operators deep. eager.cpp.
class SegmentEnd : public Operator {
 public:
  virtual void drain() = 0;  // passes the buffered rows on, then finishes the next segment
};
std::unique_ptr<SegmentEnd> make_segment_end(ExecContext& ctx);

// Ends (sink.cpp): the result table, or nothing.
std::unique_ptr<Operator> make_sink(const std::vector<int>& slots, QueryResult& result,
                                    ExecContext& ctx);
std::unique_ptr<Operator> make_discard();

// Writing (create.cpp, set_merge.cpp, delete.cpp; writer.hpp holds what they share).
// `bound`: the slots bound before the clause.
std::unique_ptr<Operator> make_create(const Clause& c, std::set<int> bound, ExecContext& ctx);
std::unique_ptr<Operator> make_set(const Clause& c, ExecContext& ctx);  // SET and REMOVE
std::unique_ptr<Operator> make_merge(const Clause& c, std::shared_ptr<const PatternPlan> plan,
                                     std::set<int> bound, ExecContext& ctx);
std::unique_ptr<Operator> make_delete(const Clause& c, ExecContext& ctx);

}  // namespace normgraph::query
