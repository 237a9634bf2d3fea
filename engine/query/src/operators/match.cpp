// MATCH and OPTIONAL MATCH: each input row extended by every match of a planned pattern.
#include "matcher.hpp"
#include "operators/operator.hpp"

namespace normgraph::query {

namespace {

class MatchOp : public Operator {
 public:
  MatchOp(std::shared_ptr<const PatternPlan> plan, ExecContext& ctx) : plan_(plan), ctx_(ctx) {}
  void push(Row& row) override {
    std::function<bool(Row&)> emit = [this](Row& r) {
      next->push(r);
      return next->wants_more();
    };
    run_pattern(*plan_, row, ctx_, emit);
  }

 private:
  std::shared_ptr<const PatternPlan> plan_;
  ExecContext& ctx_;
};

class OptionalMatchOp : public Operator {
 public:
  OptionalMatchOp(std::shared_ptr<const PatternPlan> plan, std::vector<int> new_slots,
                  ExecContext& ctx)
      : plan_(plan), new_slots_(std::move(new_slots)), ctx_(ctx) {}
  void push(Row& row) override {
    bool matched = false;
    std::function<bool(Row&)> emit = [&](Row& r) {
      matched = true;
      next->push(r);
      return next->wants_more();
    };
    run_pattern(*plan_, row, ctx_, emit);
    if (matched) return;
    for (int s : new_slots_) row[s] = Value();
    next->push(row);
  }

 private:
  std::shared_ptr<const PatternPlan> plan_;
  std::vector<int> new_slots_;
  ExecContext& ctx_;
};

}  // namespace

std::unique_ptr<Operator> make_match(std::shared_ptr<const PatternPlan> plan, ExecContext& ctx) {
  return std::make_unique<MatchOp>(std::move(plan), ctx);
}

std::unique_ptr<Operator> make_optional_match(std::shared_ptr<const PatternPlan> plan,
                                              std::vector<int> new_slots, ExecContext& ctx) {
  return std::make_unique<OptionalMatchOp>(std::move(plan), std::move(new_slots), ctx);
}

}  // namespace normgraph::query
