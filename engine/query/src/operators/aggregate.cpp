// WITH and RETURN with aggregates: groups the rows by the other items, then emits one row per
// group when the input is finished.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "distinct_set.hpp"
#include "eval.hpp"
#include "functions.hpp"
#include "operators/operator.hpp"
#include "values.hpp"

namespace normgraph::query {

namespace {

// The running state of one aggregate in one group.
struct AggState {
  int64_t count = 0;
  Value acc;  // sum, min, max
  bool float_sum = false;
  double dsum = 0;
  ValueList items;  // collect, percentiles, stdev
  DistinctSet distinct;
};

[[noreturn]] void agg_error(const std::string& msg) {
  throw QueryError("TypeError", "InvalidArgumentType", ErrorPhase::Runtime, msg);
}

class AggregateOp : public Operator {
 public:
  AggregateOp(const Projection& p, const BoundProjection& bp, int width, ExecContext& ctx)
      : p_(p), bp_(bp), width_(width), ctx_(ctx) {}

  void push(Row& row) override {
    if (bp_.key_items.empty()) {  // one group: no key to look up
      if (order_.empty()) order_.push_back({row, new_states()});
      update_all(order_[0], row);
      return;
    }
    std::vector<Value> key;
    for (int k : bp_.key_items) key.push_back(evaluate(*p_.items[k].expr, row, ctx_));
    auto it = groups_.find(key);
    if (it == groups_.end()) {
      ctx_.limits.charge(key.size() + row.size() + bp_.aggregates.size() * 4, sizeof(Value));
      it = groups_.emplace(std::move(key), order_.size()).first;
      order_.push_back({row, new_states()});
    }
    update_all(order_[it->second], row);
  }

  void finish() override {
    if (order_.empty() && bp_.key_items.empty()) order_.push_back({Row(width_), new_states()});
    for (Group& g : order_) {
      for (size_t a = 0; a < bp_.aggregates.size(); ++a)
        g.row[bp_.aggregates[a].slot] = result(bp_.aggregates[a], g.states[a], g.row);
      std::vector<Value> values;
      for (const auto& item : p_.items) values.push_back(evaluate(*item.expr, g.row, ctx_));
      for (size_t i = 0; i < values.size(); ++i) g.row[p_.items[i].slot] = std::move(values[i]);
      next->push(g.row);
      if (!next->wants_more()) break;
    }
    next->finish();
  }
  bool wants_more() const override { return true; }

 private:
  struct Group {
    Row row;
    std::vector<AggState> states;
  };

  void update_all(Group& g, Row& row) {
    for (size_t a = 0; a < bp_.aggregates.size(); ++a) update(bp_.aggregates[a], g.states[a], row);
  }

  std::vector<AggState> new_states() const {
    std::vector<AggState> states;
    states.reserve(bp_.aggregates.size());
    for (size_t i = 0; i < bp_.aggregates.size(); ++i)
      states.push_back({0,
                        Value(),
                        false,
                        0,
                        {},
                        DistinctSet(ctx_.store.node_slots(), ctx_.store.edge_slots())});
    return states;
  }

  void update(const AggregateSpec& spec, AggState& st, Row& row) {
    ctx_.tick();
    if (spec.name == "count(*)") {
      ++st.count;
      return;
    }
    Value v = evaluate(*spec.call->args[0], row, ctx_);
    if (v.is_null()) return;
    if (spec.call->distinct) {
      if (!st.distinct.insert(v)) return;
      ctx_.limits.charge(sizeof(Value) + shallow_size(v));  // the copy the set keeps
    }
    const std::string& n = spec.name;
    ++st.count;
    if (n == "count") return;
    if (n == "collect") {
      check_element_depth(v, *spec.call);
      ctx_.limits.charge(sizeof(Value));
      st.items.push_back(std::move(v));
    } else if (n == "sum" || n == "avg") {
      if (v.type() != Value::Type::Int && v.type() != Value::Type::Double)
        agg_error(n + "() needs numbers, not " + type_name(v.type()));
      st.acc = st.acc.is_null() ? v : add(st.acc, v);
    } else if (n == "min" || n == "max") {
      if (st.acc.is_null())
        st.acc = v;
      else if ((order_compare(v, st.acc) < 0) == (n == "min") && order_compare(v, st.acc) != 0)
        st.acc = v;
    } else {  // stdev, stdevp, percentiles
      if (v.type() != Value::Type::Int && v.type() != Value::Type::Double)
        agg_error(n + "() needs numbers, not " + type_name(v.type()));
      ctx_.limits.charge(sizeof(Value));
      st.items.push_back(std::move(v));
      if (spec.call->args.size() > 1 && st.acc.is_null())
        st.acc = evaluate(*spec.call->args[1], row, ctx_);
    }
  }

  static double as_number(const Value& v) {
    return v.type() == Value::Type::Int ? static_cast<double>(v.as_int()) : v.as_double();
  }

  Value result(const AggregateSpec& spec, AggState& st, Row&) {
    const std::string& n = spec.name;
    if (n == "count(*)" || n == "count") return st.count;
    if (n == "collect") return std::move(st.items);
    if (n == "sum") return st.acc.is_null() ? Value(int64_t{0}) : st.acc;
    if (n == "avg") return st.count ? Value(as_number(st.acc) / st.count) : Value();
    if (n == "min" || n == "max") return st.acc;
    std::vector<double> xs;
    for (const Value& v : st.items) xs.push_back(as_number(v));
    if (n == "stdev" || n == "stdevp") {
      const size_t k = xs.size();
      if (k < 2) return 0.0;
      double mean = 0;
      for (double x : xs) mean += x;
      mean /= k;
      double ss = 0;
      for (double x : xs) ss += (x - mean) * (x - mean);
      return std::sqrt(ss / (n == "stdev" ? k - 1 : k));
    }
    // percentileCont / percentileDisc
    if (xs.empty()) return Value();
    if (st.acc.type() != Value::Type::Int && st.acc.type() != Value::Type::Double)
      agg_error(n + "() needs a number as its percentile");
    double p = as_number(st.acc);
    if (p < 0 || p > 1)
      throw QueryError("ArgumentError", "NumberOutOfRange", ErrorPhase::Runtime,
                       "a percentile must be between 0.0 and 1.0");
    std::sort(xs.begin(), xs.end());
    if (n == "percentiledisc") {
      size_t idx = p == 0 ? 0 : static_cast<size_t>(std::ceil(p * xs.size())) - 1;
      const Value& orig = *std::find_if(st.items.begin(), st.items.end(), [&](const Value& v) {
        return as_number(v) == xs[std::min(idx, xs.size() - 1)];
      });
      return orig;
    }
    double pos = p * (xs.size() - 1);
    size_t lo = static_cast<size_t>(std::floor(pos));
    size_t hi = static_cast<size_t>(std::ceil(pos));
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo);
  }

  const Projection& p_;
  const BoundProjection& bp_;
  int width_;
  ExecContext& ctx_;
  std::unordered_map<std::vector<Value>, size_t, RowsHash, RowsEqual> groups_;
  std::vector<Group> order_;
};

}  // namespace

std::unique_ptr<Operator> make_aggregate(const Projection& p, const BoundProjection& bp, int width,
                                         ExecContext& ctx) {
  return std::make_unique<AggregateOp>(p, bp, width, ctx);
}

}  // namespace normgraph::query
