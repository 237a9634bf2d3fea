// SKIP and LIMIT; a full LIMIT tells the operators before it to stop.
#include "operators/operator.hpp"

namespace normgraph::query {

namespace {

class SkipLimitOp : public Operator {
 public:
  SkipLimitOp(int64_t skip, int64_t limit) : skip_(skip), limit_(limit) {}
  void push(Row& row) override {
    if (skip_ > 0) {
      --skip_;
      return;
    }
    if (limit_ >= 0 && taken_ >= limit_) return;
    ++taken_;
    next->push(row);
  }
  bool wants_more() const override { return (limit_ < 0 || taken_ < limit_) && next->wants_more(); }

 private:
  int64_t skip_, limit_, taken_ = 0;
};

}  // namespace

std::unique_ptr<Operator> make_skip_limit(int64_t skip, int64_t limit) {
  return std::make_unique<SkipLimitOp>(skip, limit);
}

}  // namespace normgraph::query
