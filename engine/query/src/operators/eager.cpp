// The eager fence the builder puts before and after every write clause.
#include "operators/operator.hpp"

namespace normgraph::query {

namespace {

class EagerOp : public Operator {
 public:
  explicit EagerOp(ExecContext& ctx) : ctx_(ctx) {}
  void push(Row& row) override {
    ctx_.limits.charge(row.size(), sizeof(Value));
    rows_.push_back(row);
  }
  void finish() override {
    for (auto& r : rows_) {
      next->push(r);
      if (!next->wants_more()) break;
    }
    rows_.clear();
    next->finish();
  }
  bool wants_more() const override { return true; }

 private:
  ExecContext& ctx_;
  std::vector<Row> rows_;
};

}  // namespace

std::unique_ptr<Operator> make_eager(ExecContext& ctx) {
  return std::make_unique<EagerOp>(ctx);
}

}  // namespace normgraph::query
