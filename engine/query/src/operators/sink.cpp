// The ends of a pipeline: the result table (RETURN), or nothing (a query without RETURN).
#include "operators/operator.hpp"

namespace normgraph::query {

namespace {

class SinkOp : public Operator {
 public:
  SinkOp(const std::vector<int>& slots, QueryResult& result, ExecContext& ctx)
      : slots_(slots), result_(result), ctx_(ctx) {}
  void push(Row& row) override {
    if (ctx_.options.max_rows && result_.rows.size() >= ctx_.options.max_rows)
      throw QueryError("LimitExceeded", "RowLimit", ErrorPhase::Runtime,
                       "the result has more than " + std::to_string(ctx_.options.max_rows) +
                           " rows (the row limit; use LIMIT or raise --max-rows)");
    std::vector<Value> out;
    out.reserve(slots_.size());
    for (int s : slots_) out.push_back(row[s]);
    result_.rows.push_back(std::move(out));
  }
  void finish() override {}
  bool wants_more() const override { return true; }

 private:
  const std::vector<int>& slots_;
  QueryResult& result_;
  ExecContext& ctx_;
};

class DiscardOp : public Operator {
 public:
  void push(Row&) override {}
  void finish() override {}
  bool wants_more() const override { return true; }
};

}  // namespace

std::unique_ptr<Operator> make_sink(const std::vector<int>& slots, QueryResult& result,
                                    ExecContext& ctx) {
  return std::make_unique<SinkOp>(slots, result, ctx);
}

std::unique_ptr<Operator> make_discard() {
  return std::make_unique<DiscardOp>();
}

}  // namespace normgraph::query
