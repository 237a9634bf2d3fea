// WHERE after WITH: passes the rows the condition holds for.
#include "eval.hpp"
#include "operators/operator.hpp"

namespace normgraph::query {

namespace {

class FilterOp : public Operator {
 public:
  FilterOp(const Expr& e, ExecContext& ctx) : e_(e), ctx_(ctx) {}
  void push(Row& row) override {
    if (passes(e_, row, ctx_)) next->push(row);
  }

 private:
  const Expr& e_;
  ExecContext& ctx_;
};

}  // namespace

std::unique_ptr<Operator> make_filter(const Expr& e, ExecContext& ctx) {
  return std::make_unique<FilterOp>(e, ctx);
}

}  // namespace normgraph::query
