// ORDER BY: buffers the rows, then passes them on sorted (stable).
#include <algorithm>

#include "eval.hpp"
#include "operators/operator.hpp"
#include "values.hpp"

namespace normgraph::query {

namespace {

class SortOp : public Operator {
 public:
  SortOp(const Projection& p, ExecContext& ctx) : p_(p), ctx_(ctx) {}
  void push(Row& row) override {
    std::vector<Value> keys;
    for (const auto& s : p_.order_by) keys.push_back(evaluate(*s.expr, row, ctx_));
    ctx_.limits.charge(keys.size() + row.size(), sizeof(Value));
    rows_.push_back({std::move(keys), row});
  }
  void finish() override {
    std::stable_sort(rows_.begin(), rows_.end(), [&](const Keyed& a, const Keyed& b) {
      for (size_t i = 0; i < p_.order_by.size(); ++i) {
        int c = order_compare(a.keys[i], b.keys[i]);
        if (c != 0) return p_.order_by[i].descending ? c > 0 : c < 0;
      }
      return false;
    });
    for (auto& k : rows_) {
      next->push(k.row);
      if (!next->wants_more()) break;
    }
    next->finish();
  }
  bool wants_more() const override { return true; }

 private:
  struct Keyed {
    std::vector<Value> keys;
    Row row;
  };
  const Projection& p_;
  ExecContext& ctx_;
  std::vector<Keyed> rows_;
};

}  // namespace

std::unique_ptr<Operator> make_sort(const Projection& p, ExecContext& ctx) {
  return std::make_unique<SortOp>(p, ctx);
}

}  // namespace normgraph::query
