// WITH and RETURN without aggregates: evaluates the items into their slots.
#include "eval.hpp"
#include "operators/operator.hpp"

namespace normgraph::query {

namespace {

class ProjectOp : public Operator {
 public:
  ProjectOp(const Projection& p, ExecContext& ctx) : p_(p), ctx_(ctx) {}
  void push(Row& row) override {
    values_.clear();
    for (const auto& item : p_.items) values_.push_back(evaluate(*item.expr, row, ctx_));
    for (size_t i = 0; i < values_.size(); ++i) row[p_.items[i].slot] = std::move(values_[i]);
    next->push(row);
  }

 private:
  const Projection& p_;
  ExecContext& ctx_;
  std::vector<Value> values_;
};

}  // namespace

std::unique_ptr<Operator> make_project(const Projection& p, ExecContext& ctx) {
  return std::make_unique<ProjectOp>(p, ctx);
}

}  // namespace normgraph::query
