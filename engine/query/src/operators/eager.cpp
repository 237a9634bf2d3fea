// The eager fence the builder puts before and after every write clause, and the fence that
// ends a segment of a long chain.
#include "operators/operator.hpp"

namespace normgraph::query {

namespace {

// Buffers the rows pushed into it; drain() passes them on and finishes what follows.
class RowBuffer {
 public:
  explicit RowBuffer(ExecContext& ctx) : ctx_(ctx) {}
  void add(const Row& row) {
    ctx_.limits.charge(row.size(), sizeof(Value));
    rows_.push_back(row);
  }
  void drain_into(Operator& next) {
    for (auto& r : rows_) {
      next.push(r);
      if (!next.wants_more()) break;
    }
    rows_.clear();
    next.finish();
  }

 private:
  ExecContext& ctx_;
  std::vector<Row> rows_;
};

class EagerOp : public Operator {
 public:
  explicit EagerOp(ExecContext& ctx) : rows_(ctx) {}
  void push(Row& row) override { rows_.add(row); }
  void finish() override { rows_.drain_into(*next); }
  bool wants_more() const override { return true; }

 private:
  RowBuffer rows_;
};

class SegmentEndOp : public SegmentEnd {
 public:
  explicit SegmentEndOp(ExecContext& ctx) : rows_(ctx) {}
  void push(Row& row) override { rows_.add(row); }
  void finish() override {}
  void drain() override { rows_.drain_into(*next); }
  bool wants_more() const override { return true; }

 private:
  RowBuffer rows_;
};

}  // namespace

std::unique_ptr<Operator> make_eager(ExecContext& ctx) {
  return std::make_unique<EagerOp>(ctx);
}

std::unique_ptr<SegmentEnd> make_segment_end(ExecContext& ctx) {
  return std::make_unique<SegmentEndOp>(ctx);
}

}  // namespace normgraph::query
