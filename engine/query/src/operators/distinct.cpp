// DISTINCT: passes the first row of each key.
#include "distinct_set.hpp"
#include "operators/operator.hpp"

namespace normgraph::query {

namespace {

class DistinctOp : public Operator {
 public:
  DistinctOp(std::vector<int> slots, ExecContext& ctx)
      : ctx_(ctx),
        slots_(std::move(slots)),
        seen_(ctx.store.node_slots(), ctx.store.edge_slots()) {}
  void push(Row& row) override {
    std::vector<Value> key;
    key.reserve(slots_.size());
    for (int s : slots_) key.push_back(row[s]);
    if (seen_.insert(std::move(key))) {
      ctx_.limits.charge(slots_.size(), sizeof(Value));  // the key kept in seen_
      next->push(row);
    }
  }

 private:
  ExecContext& ctx_;
  std::vector<int> slots_;
  DistinctSet seen_;
};

}  // namespace

std::unique_ptr<Operator> make_distinct(std::vector<int> slots, ExecContext& ctx) {
  return std::make_unique<DistinctOp>(std::move(slots), ctx);
}

}  // namespace normgraph::query
