// UNWIND: one row per element of a list.
#include "eval.hpp"
#include "operators/operator.hpp"

namespace normgraph::query {

namespace {

class UnwindOp : public Operator {
 public:
  UnwindOp(const Expr& e, int slot, ExecContext& ctx) : e_(e), slot_(slot), ctx_(ctx) {}
  void push(Row& row) override {
    Value v = evaluate(e_, row, ctx_);
    if (v.is_null()) return;
    if (v.type() != Value::Type::List) {
      row[slot_] = std::move(v);
      next->push(row);
      return;
    }
    for (Value& item : v.as_list()) {
      ctx_.tick();
      row[slot_] = std::move(item);
      next->push(row);
      if (!next->wants_more()) return;
    }
  }

 private:
  const Expr& e_;
  int slot_;
  ExecContext& ctx_;
};

}  // namespace

std::unique_ptr<Operator> make_unwind(const Expr& e, int slot, ExecContext& ctx) {
  return std::make_unique<UnwindOp>(e, slot, ctx);
}

}  // namespace normgraph::query
