// CREATE.
#include "operators/operator.hpp"
#include "operators/writer.hpp"

namespace normgraph::query {

namespace {

class CreateOp : public Operator {
 public:
  CreateOp(const Clause& c, std::set<int> bound, ExecContext& ctx)
      : c_(c), bound_(std::move(bound)), ctx_(ctx), writer_(ctx) {}
  void push(Row& row) override {
    std::set<int> made;
    for (const auto& part : c_.pattern) create_pattern(part, bound_, made, row, writer_, ctx_);
    next->push(row);
  }

 private:
  const Clause& c_;
  std::set<int> bound_;
  ExecContext& ctx_;
  Writer writer_;
};

}  // namespace

std::unique_ptr<Operator> make_create(const Clause& c, std::set<int> bound, ExecContext& ctx) {
  return std::make_unique<CreateOp>(c, std::move(bound), ctx);
}

}  // namespace normgraph::query
