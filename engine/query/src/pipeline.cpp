#include "pipeline.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "distinct_set.hpp"
#include "eval.hpp"
#include "functions.hpp"
#include "matcher.hpp"
#include "values.hpp"

namespace normgraph::query {

namespace {

// ---------------------------------------------------------------- operator base

class Operator {
 public:
  virtual ~Operator() = default;
  virtual void push(Row& row) = 0;
  virtual void finish() {
    if (next) next->finish();
  }
  // False once downstream needs no more rows (a LIMIT is full).
  virtual bool wants_more() const { return next ? next->wants_more() : true; }
  Operator* next = nullptr;
};

// ---------------------------------------------------------------- reading

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

class FilterOp : public Operator {
 public:
  FilterOp(const Expr& e, ExecContext& ctx) : e_(e), ctx_(ctx) {}
  void push(Row& row) override {
    if (passes(e_, row, ctx_)) next->push(row);
  }

 private:
  const Expr& e_;
  ExecContext& ctx_;
};

// ---------------------------------------------------------------- projection

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

class DistinctOp : public Operator {
 public:
  DistinctOp(std::vector<int> slots, ExecContext& ctx)
      : ctx_(ctx),
        slots_(std::move(slots)),
        seen_(ctx.store.node_slots(), ctx.store.edge_slots()) {}
  void push(Row& row) override {
    std::vector<Value> key;
    key.reserve(slots_.size());
    for (int s : slots_) key.push_back(row[s]);
    if (seen_.insert(std::move(key))) {
      ctx_.limits.charge(slots_.size(), sizeof(Value));  // the key kept in seen_
      next->push(row);
    }
  }

 private:
  ExecContext& ctx_;
  std::vector<int> slots_;
  DistinctSet seen_;
};

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

// Buffers every row, then passes them on: the clause after it sees the finished effect of
// the clauses before (reads never run interleaved with writes).
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

// ---------------------------------------------------------------- writing

[[noreturn]] void write_error(const std::string& code, const std::string& msg) {
  throw QueryError("TypeError", code, ErrorPhase::Runtime, msg);
}

// Properties hold what the store can keep: scalars (temporals included) and lists of one
// scalar type.
void check_storable(const std::string& key, const Value& v) {
  auto scalar = [](Value::Type t) {
    return t == Value::Type::Bool || t == Value::Type::Int || t == Value::Type::Double ||
           t == Value::Type::String || t == Value::Type::Temporal;
  };
  if (scalar(v.type()) || v.is_null()) return;
  if (v.type() == Value::Type::List) {
    std::optional<Value::Type> type;
    for (const Value& item : v.as_list()) {
      bool number = item.type() == Value::Type::Int || item.type() == Value::Type::Double;
      if (!scalar(item.type()) ||
          (type && *type != item.type() &&
           !(number && (*type == Value::Type::Int || *type == Value::Type::Double))))
        write_error("InvalidPropertyType",
                    "property '" + key + "' must be a scalar or a list of one scalar type");
      type = item.type();
    }
    return;
  }
  write_error("InvalidPropertyType", "property '" + key + "' cannot hold a " + type_name(v.type()));
}

class Writer {
 public:
  explicit Writer(ExecContext& ctx) : ctx_(ctx), store_(ctx.store) {}

  void set_node_prop(NodeId n, const std::string& key, Value v) {
    check_storable(key, v);
    Value old = node_property(store_, n, key);
    // A non-empty string name lives in the name column (indexed); anything else, the empty
    // string included, is an ordinary property.
    if (key == "name") {
      const bool column = v.type() == Value::Type::String && !v.as_string().empty();
      std::string old_name(store_.node_name(n));
      const Value* old_prop = find_entry(store_.node_props(n), "name");
      Value prop = old_prop ? *old_prop : Value();
      store_.set_node_property(n, "name", column ? Value() : v);
      store_.set_node_name(n, column ? v.as_string() : "");
      ctx_.undo.record([&store = store_, n, old_name, prop] {
        store.set_node_name(n, old_name);
        store.set_node_property(n, "name", prop);
      });
    } else {
      const Value* old_prop = find_entry(store_.node_props(n), key);
      Value prop = old_prop ? *old_prop : Value();
      store_.set_node_property(n, key, v);
      ctx_.undo.record([&store = store_, n, key, prop] { store.set_node_property(n, key, prop); });
    }
    count(old, v);
  }

  void set_edge_prop(EdgeId e, const std::string& key, Value v) {
    check_storable(key, v);
    const Value* old_prop = find_entry(store_.edge_props(e), key);
    Value old = old_prop ? *old_prop : Value();
    store_.set_edge_property(e, key, v);
    ctx_.undo.record([&store = store_, e, key, old] { store.set_edge_property(e, key, old); });
    count(old, v);
  }

  void set_prop(const Value& target, const std::string& key, Value v) {
    if (target.type() == Value::Type::Node)
      set_node_prop(target.as_node(), key, std::move(v));
    else if (target.type() == Value::Type::Edge)
      set_edge_prop(target.as_edge(), key, std::move(v));
    else if (!target.is_null())
      write_error("InvalidArgumentType",
                  std::string("cannot set a property on a ") + type_name(target.type()));
  }

  ValueMap props_of(const Value& target) {
    if (target.type() == Value::Type::Node) return node_properties(store_, target.as_node());
    if (target.type() == Value::Type::Edge) return edge_properties(store_, target.as_edge());
    return {};
  }

  void add_label(NodeId n, const std::string& label) {
    auto sym = store_.strings().find(label);
    if (sym && store_.node_has_label(n, *sym)) return;
    store_.add_node_label(n, label);
    ctx_.undo.record([&store = store_, n, label] { store.remove_node_label(n, label); });
    ++ctx_.stats.labels_added;
  }

  void remove_label(NodeId n, const std::string& label) {
    auto sym = store_.strings().find(label);
    if (!sym || !store_.node_has_label(n, *sym)) return;
    auto before = store_.node_labels(n);
    store_.remove_node_label(n, label);
    std::vector<std::string> labels(before.begin(), before.end());
    ctx_.undo.record([&store = store_, n, labels] {
      for (const auto& l : store.node_labels(n)) store.remove_node_label(n, std::string(l));
      for (const auto& l : labels) store.add_node_label(n, l);
    });
    ++ctx_.stats.labels_removed;
  }

  Evidence manual_evidence() const {
    Evidence ev;
    ev.rule = "manual";
    if (!ctx_.options.author.empty()) ev.extra.push_back({"by", ctx_.options.author});
    if (!ctx_.options.reason.empty()) ev.extra.push_back({"why", ctx_.options.reason});
    return ev;
  }

  NodeId create_node(const std::vector<std::string>& labels, const ValueMap& props) {
    std::string id;
    const Value* given = find_entry(props, "id");
    if (given && given->type() == Value::Type::String && !given->as_string().empty() &&
        !store_.find_node(given->as_string()))
      id = given->as_string();
    else
      id = store_.fresh_node_id();
    NodeId n = store_.add_node(id, labels, "");
    ctx_.undo.record([&store = store_, n] { store.remove_node(n, true); });
    ++ctx_.stats.nodes_created;
    ctx_.stats.labels_added += labels.size();
    if (!id.starts_with("_:")) ++ctx_.stats.properties_set;
    for (const auto& entry : props)
      if (!(entry.key == "id" && !id.starts_with("_:"))) set_node_prop(n, entry.key, entry.value);
    store_.add_node_evidence(n, {manual_evidence()});
    return n;
  }

  EdgeId create_edge(NodeId src, const std::string& type, NodeId dst, const ValueMap& props) {
    for (const auto& entry : props) check_storable(entry.key, entry.value);
    ValueMap kept;
    for (const auto& entry : props)
      if (!entry.value.is_null()) kept.push_back(entry);
    EdgeId e = store_.add_edge(src, store_.intern_edge_type(type), dst, kept, {manual_evidence()});
    ctx_.undo.record([&store = store_, e] { store.remove_edge(e); });
    ++ctx_.stats.relationships_created;
    ctx_.stats.properties_set += kept.size();
    return e;
  }

  void delete_edge(EdgeId e) {
    if (!store_.edge_live(e)) return;
    store_.remove_edge(e);
    ctx_.undo.record([&store = store_, e] { store.restore_edge(e); });
    ++ctx_.stats.relationships_deleted;
  }

  void delete_node(NodeId n, bool detach) {
    if (!store_.node_live(n)) return;
    std::vector<EdgeId> incident;
    store_.for_each_adjacent(n, Direction::Both, std::nullopt,
                             [&](const AdjEntry& a) { incident.push_back(a.edge); });
    if (!incident.empty() && !detach)
      throw QueryError("ConstraintVerificationFailed", "DeleteConnectedNode", ErrorPhase::Runtime,
                       "cannot delete node '" + std::string(store_.node_id(n)) +
                           "': it still has relationships (use DETACH DELETE)");
    for (EdgeId e : incident) delete_edge(e);
    store_.remove_node(n, false);
    ctx_.undo.record([&store = store_, n] { store.restore_node(n); });
    ++ctx_.stats.nodes_deleted;
  }

 private:
  void count(const Value& old, const Value& v) {
    if (!(old.is_null() && v.is_null())) ++ctx_.stats.properties_set;
  }

  ExecContext& ctx_;
  GraphStore& store_;
};

ValueMap evaluate_props(const Expr* props, Row& row, ExecContext& ctx) {
  if (!props) return {};
  Value v = evaluate(*props, row, ctx);
  if (v.is_null()) return {};
  if (v.type() != Value::Type::Map)
    write_error("InvalidArgumentType", "properties must be given as a map");
  return v.as_map();
}

// Creates the nodes of a pattern that are not bound yet, then its relationships (an
// undirected one left to right), and binds its path variable.
void create_pattern(const PatternPart& part, const std::set<int>& bound, std::set<int>& made,
                    Row& row, Writer& writer, ExecContext& ctx) {
  for (const auto& n : part.nodes) {
    if (bound.count(n.slot) || made.count(n.slot)) {
      if (row[n.slot].type() != Value::Type::Node)
        write_error("InvalidArgumentType", "CREATE needs '" + n.var + "' to be a node");
      continue;
    }
    row[n.slot] = NodeRef{writer.create_node(n.labels, evaluate_props(n.props.get(), row, ctx))};
    made.insert(n.slot);
  }
  for (size_t k = 0; k < part.rels.size(); ++k) {
    const RelPattern& r = part.rels[k];
    NodeId a = row[part.nodes[k].slot].as_node(), b = row[part.nodes[k + 1].slot].as_node();
    if (r.dir == Direction::In) std::swap(a, b);
    row[r.slot] =
        EdgeRef{writer.create_edge(a, r.types[0], b, evaluate_props(r.props.get(), row, ctx))};
  }
  if (part.path_slot >= 0) {
    PathValue p;
    p.nodes.push_back(row[part.nodes[0].slot].as_node());
    for (size_t k = 0; k < part.rels.size(); ++k) {
      p.edges.push_back(row[part.rels[k].slot].as_edge());
      p.nodes.push_back(row[part.nodes[k + 1].slot].as_node());
    }
    row[part.path_slot] = std::move(p);
  }
}

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

class SetOp : public Operator {
 public:
  SetOp(const Clause& c, ExecContext& ctx) : c_(c), ctx_(ctx), writer_(ctx) {}
  void push(Row& row) override {
    apply_all(c_.set_items, row);
    next->push(row);
  }
  void apply_all(const std::vector<SetItem>& items, Row& row) {
    for (const auto& item : items) apply(item, row);
  }

 private:
  void apply(const SetItem& item, Row& row) {
    if (item.kind == SetKind::Property) {
      Value target = evaluate(*item.target->args[0], row, ctx_);
      Value v = item.value ? evaluate(*item.value, row, ctx_) : Value();
      writer_.set_prop(target, item.target->name, std::move(v));
      return;
    }
    Value target = evaluate(*item.target, row, ctx_);
    if (target.is_null()) return;
    if (item.kind == SetKind::Labels) {
      if (target.type() != Value::Type::Node)
        write_error("InvalidArgumentType", "labels belong to nodes");
      for (const auto& l : item.labels)
        c_.kind == ClauseKind::Remove ? writer_.remove_label(target.as_node(), l)
                                      : writer_.add_label(target.as_node(), l);
      return;
    }
    Value v = evaluate(*item.value, row, ctx_);
    ValueMap incoming;
    if (v.type() == Value::Type::Map)
      incoming = v.as_map();
    else if (v.type() == Value::Type::Node)
      incoming = node_properties(ctx_.store, v.as_node());
    else if (v.type() == Value::Type::Edge)
      incoming = edge_properties(ctx_.store, v.as_edge());
    else if (!v.is_null())
      write_error("InvalidArgumentType", "SET = and += need a map, a node or a relationship");
    if (item.kind == SetKind::Replace)
      for (const auto& old : writer_.props_of(target))
        if (!find_entry(incoming, old.key) && old.key != "id")
          writer_.set_prop(target, old.key, Value());
    for (const auto& entry : incoming) writer_.set_prop(target, entry.key, entry.value);
  }

  const Clause& c_;
  ExecContext& ctx_;
  Writer writer_;
};

// MERGE: each input row gets the pattern's matches (then ON MATCH SET) or, when there is none,
// the pattern created (then ON CREATE SET). Later rows see what earlier rows created.
class MergeOp : public Operator {
 public:
  MergeOp(const Clause& c, std::shared_ptr<const PatternPlan> plan, std::set<int> bound,
          ExecContext& ctx)
      : c_(c),
        plan_(std::move(plan)),
        bound_(std::move(bound)),
        ctx_(ctx),
        writer_(ctx),
        setter_(c, ctx) {}
  void push(Row& row) override {
    std::vector<Row> matches;
    std::function<bool(Row&)> collect = [&](Row& r) {
      matches.push_back(r);
      return true;
    };
    run_pattern(*plan_, row, ctx_, collect);
    if (matches.empty()) {
      std::set<int> made;
      create_pattern(c_.pattern[0], bound_, made, row, writer_, ctx_);
      setter_.apply_all(c_.set_items, row);
      next->push(row);
      return;
    }
    for (Row& m : matches) {
      setter_.apply_all(c_.on_match, m);
      next->push(m);
    }
  }

 private:
  const Clause& c_;
  std::shared_ptr<const PatternPlan> plan_;
  std::set<int> bound_;
  ExecContext& ctx_;
  Writer writer_;
  SetOp setter_;
};

class DeleteOp : public Operator {
 public:
  DeleteOp(const Clause& c, ExecContext& ctx) : c_(c), ctx_(ctx), writer_(ctx) {}
  void push(Row& row) override {
    for (const auto& e : c_.exprs) remove(evaluate(*e, row, ctx_));
    next->push(row);
  }
  // Nodes go last: their relationships may be deleted by later rows of the same clause.
  void finish() override {
    for (NodeId n : nodes_) writer_.delete_node(n, false);
    nodes_.clear();
    Operator::finish();
  }

 private:
  void remove(const Value& v) {
    switch (v.type()) {
      case Value::Type::Null:
        return;
      case Value::Type::Node:
        if (c_.detach)
          writer_.delete_node(v.as_node(), true);
        else
          nodes_.push_back(v.as_node());
        return;
      case Value::Type::Edge:
        writer_.delete_edge(v.as_edge());
        return;
      case Value::Type::Path:
        for (EdgeId e : v.as_path().edges) writer_.delete_edge(e);
        for (NodeId n : v.as_path().nodes) remove(Value(NodeRef{n}));
        return;
      case Value::Type::List:
        for (const Value& item : v.as_list()) remove(item);
        return;
      default:
        write_error("InvalidArgumentType",
                    std::string("DELETE cannot delete a ") + type_name(v.type()));
    }
  }

  const Clause& c_;
  ExecContext& ctx_;
  Writer writer_;
  std::vector<NodeId> nodes_;
};

// ---------------------------------------------------------------- building

int64_t constant_count(const Expr& e, ExecContext& ctx, const char* what) {
  Row empty;
  Value v = evaluate(e, empty, ctx);
  const ErrorPhase phase = e.kind == ExprKind::Literal ? ErrorPhase::Compile : ErrorPhase::Runtime;
  if (v.type() != Value::Type::Int)
    throw QueryError("SyntaxError", "InvalidArgumentType", phase,
                     std::string(what) + " takes a non-negative integer", e.pos.line, e.pos.column);
  if (v.as_int() < 0)
    throw QueryError("SyntaxError", "NegativeIntegerArgument", phase,
                     std::string(what) + " takes a non-negative integer", e.pos.line, e.pos.column);
  return v.as_int();
}

bool insensitive_to_duplicates(const Projection& p, const BoundProjection& bp) {
  if (p.distinct) return true;
  if (!bp.aggregating) return false;
  for (const auto& a : bp.aggregates)
    if (!(a.call->distinct || a.name == "min" || a.name == "max")) return false;
  return true;
}

class PipelineBuilder {
 public:
  PipelineBuilder(const BoundQuery& q, size_t part_index, ExecContext& ctx, QueryResult& result)
      : q_(q),
        part_(q.ast.parts[part_index]),
        bound_part_(q.parts[part_index]),
        ctx_(ctx),
        result_(result) {}

  void run() {
    Operator* head = build();
    Row row(q_.slot_count);
    head->push(row);
    head->finish();
  }

  std::string explain() {
    std::string out;
    size_t projection = 0;
    for (size_t i = 0; i < part_.clauses.size(); ++i) {
      const Clause& c = part_.clauses[i];
      if (c.kind == ClauseKind::Match) {
        out += c.optional ? "OPTIONAL MATCH\n" : "MATCH\n";
        std::string steps = describe(*plan_match(c, i, projection));
        for (size_t at = 0; at < steps.size();) {
          size_t nl = steps.find('\n', at);
          out += "  " + steps.substr(at, nl - at + 1);
          at = nl + 1;
        }
      } else {
        out += clause_name(c.kind) + "\n";
      }
      track_bound(c, projection);
    }
    return out;
  }

 private:
  static std::string clause_name(ClauseKind k) {
    switch (k) {
      case ClauseKind::Match:
        return "MATCH";
      case ClauseKind::Unwind:
        return "UNWIND";
      case ClauseKind::With:
        return "WITH";
      case ClauseKind::Return:
        return "RETURN";
      case ClauseKind::Create:
        return "CREATE";
      case ClauseKind::Merge:
        return "MERGE";
      case ClauseKind::Set:
        return "SET";
      case ClauseKind::Remove:
        return "REMOVE";
      case ClauseKind::Delete:
        return "DELETE";
    }
    return "?";
  }

  template <class T, class... A>
  T* add(A&&... args) {
    ops_.push_back(std::make_unique<T>(std::forward<A>(args)...));
    Operator* op = ops_.back().get();
    if (tail_)
      tail_->next = op;
    else
      head_ = op;
    tail_ = op;
    return static_cast<T*>(op);
  }

  std::shared_ptr<const PatternPlan> plan_match(const Clause& c, size_t index, size_t projection) {
    MatchOptions options;
    options.limits = &ctx_.limits;
    if (!c.optional) options.distinct_ends = next_projection_ignores_duplicates(index, projection);
    std::vector<const PatternPart*> parts;
    for (const auto& p : c.pattern) parts.push_back(&p);
    return plan_pattern(parts, c.where.get(), bound_, ctx_.store, options);
  }

  bool next_projection_ignores_duplicates(size_t index, size_t projection) const {
    for (size_t k = index + 1; k < part_.clauses.size(); ++k) {
      const Clause& c = part_.clauses[k];
      if (c.kind == ClauseKind::Match || c.kind == ClauseKind::Unwind) continue;
      if (c.kind == ClauseKind::With || c.kind == ClauseKind::Return)
        return insensitive_to_duplicates(c.projection, bound_part_.projections[projection]);
      return false;
    }
    return false;
  }

  void track_bound(const Clause& c, size_t& projection) {
    switch (c.kind) {
      case ClauseKind::Match:
      case ClauseKind::Merge:
      case ClauseKind::Create: {
        std::vector<const PatternPart*> parts;
        for (const auto& p : c.pattern) parts.push_back(&p);
        for (int s : pattern_slots(parts)) bound_.insert(s);
        break;
      }
      case ClauseKind::Unwind:
        bound_.insert(c.slot);
        break;
      case ClauseKind::With:
      case ClauseKind::Return: {
        std::set<int> next;
        if (c.projection.star) next = bound_;
        for (const auto& item : c.projection.items) next.insert(item.slot);
        bound_ = std::move(next);
        ++projection;
        break;
      }
      default:
        break;
    }
  }

  void eager() {
    if (!dynamic_cast<EagerOp*>(tail_)) add<EagerOp>(ctx_);
  }

  Operator* build() {
    size_t projection = 0;
    for (size_t i = 0; i < part_.clauses.size(); ++i) {
      const Clause& c = part_.clauses[i];
      switch (c.kind) {
        case ClauseKind::Match: {
          auto plan = plan_match(c, i, projection);
          if (c.optional) {
            std::vector<int> fresh;
            std::vector<const PatternPart*> parts;
            for (const auto& p : c.pattern) parts.push_back(&p);
            for (int s : pattern_slots(parts))
              if (!bound_.count(s)) fresh.push_back(s);
            add<OptionalMatchOp>(plan, fresh, ctx_);
          } else {
            add<MatchOp>(plan, ctx_);
          }
          break;
        }
        case ClauseKind::Unwind:
          add<UnwindOp>(*c.expr, c.slot, ctx_);
          break;
        case ClauseKind::With:
        case ClauseKind::Return:
          add_projection(c, bound_part_.projections[projection]);
          break;
        case ClauseKind::Create:
          eager();
          add<CreateOp>(c, bound_, ctx_);
          eager();
          break;
        case ClauseKind::Set:
        case ClauseKind::Remove:
          eager();
          add<SetOp>(c, ctx_);
          eager();
          break;
        case ClauseKind::Delete:
          eager();
          add<DeleteOp>(c, ctx_);
          eager();
          break;
        case ClauseKind::Merge: {
          eager();
          MatchOptions options;
          options.limits = &ctx_.limits;
          auto plan = plan_pattern({&c.pattern[0]}, nullptr, bound_, ctx_.store, options);
          add<MergeOp>(c, plan, bound_, ctx_);
          eager();
          break;
        }
      }
      track_bound(c, projection);
    }
    if (bound_part_.has_return)
      add<SinkOp>(bound_part_.column_slots, result_, ctx_);
    else
      add<DiscardOp>();
    return head_;
  }

  void add_projection(const Clause& c, const BoundProjection& bp) {
    const Projection& p = c.projection;
    if (bp.aggregating)
      add<AggregateOp>(p, bp, q_.slot_count, ctx_);
    else
      add<ProjectOp>(p, ctx_);
    if (p.distinct) {
      std::vector<int> slots;
      for (const auto& item : p.items) slots.push_back(item.slot);
      if (p.star)
        for (int s : bound_) slots.push_back(s);
      add<DistinctOp>(slots, ctx_);
    }
    if (!p.order_by.empty()) add<SortOp>(p, ctx_);
    int64_t skip = p.skip ? constant_count(*p.skip, ctx_, "SKIP") : 0;
    int64_t limit = p.limit ? constant_count(*p.limit, ctx_, "LIMIT") : -1;
    if (p.skip || p.limit) add<SkipLimitOp>(skip, limit);
    if (p.where) add<FilterOp>(*p.where, ctx_);
  }

  const BoundQuery& q_;
  const SingleQuery& part_;
  const BoundQueryPart& bound_part_;
  ExecContext& ctx_;
  QueryResult& result_;
  std::set<int> bound_;
  std::vector<std::unique_ptr<Operator>> ops_;
  Operator* head_ = nullptr;
  Operator* tail_ = nullptr;
};

// ---------------------------------------------------------------- constant checks

// Whether an expression reads nothing from outside itself (no variable of an enclosing scope,
// no parameter, no pattern, no aggregate) and gives the same value every time.
bool is_closed(const Expr& e, std::set<int>& inner) {
  switch (e.kind) {
    case ExprKind::Parameter:
    case ExprKind::Slot:
    case ExprKind::CountStar:
    case ExprKind::PatternPredicate:
    case ExprKind::PatternComprehension:
    case ExprKind::Exists:
    case ExprKind::MapProjection:
      return false;
    case ExprKind::Variable:
      return inner.count(e.slot) > 0;
    case ExprKind::Call:
      // Not the functions whose value changes per call, nor range() (it may be very long).
      if (!e.fn || e.fn->name == "rand" || e.fn->name == "timestamp" ||
          e.fn->name == "randomuuid" || e.fn->name == "range")
        return false;
      break;
    case ExprKind::ListComprehension:
    case ExprKind::Quantifier:
      inner.insert(e.slot);
      break;
    case ExprKind::Reduce:
      inner.insert(e.slot);
      inner.insert(e.slot2);
      break;
    default:
      break;
  }
  for (const auto& a : e.args)
    if (a && !is_closed(*a, inner)) return false;
  return true;
}

// Evaluates the largest closed parts of an expression once: a type error among constants
// (`123 AND true`, `1 IN 'a'`) is a compile-time error, reported before any row or write.
void check_constants(const Expr& e, Row& row, ExecContext& ctx) {
  std::set<int> inner;
  if (e.kind != ExprKind::Literal && is_closed(e, inner)) {
    try {
      evaluate(e, row, ctx);
    } catch (const QueryError& err) {
      if (err.category() == "LimitExceeded") throw;
      if (err.category() == "TypeError" && err.code() == "InvalidArgumentType")
        throw QueryError("SyntaxError", err.code(), ErrorPhase::Compile, err.detail(), e.pos.line,
                         e.pos.column);
    }
    return;
  }
  for (const auto& a : e.args)
    if (a) check_constants(*a, row, ctx);
}

void check_clause_constants(const Clause& c, Row& row, ExecContext& ctx) {
  auto check = [&](const ExprPtr& e) {
    if (e) check_constants(*e, row, ctx);
  };
  check(c.where);
  check(c.expr);
  for (const auto& item : c.projection.items) check(item.expr);
  for (const auto& s : c.projection.order_by) check(s.expr);
  check(c.projection.where);
  for (const auto& item : c.set_items) check(item.value);
  for (const auto& e : c.exprs) check(e);
}

}  // namespace

void check_constant_expressions(const BoundQuery& query, GraphStore& store,
                                const QueryLimits* limits) {
  constexpr double kCheckSeconds = 0.25;
  constexpr uint64_t kCheckBytes = uint64_t{64} << 20;
  ValueMap no_params;
  QueryOptions options;
  const QueryLimits check_limits = limits ? limits->at_most(kCheckSeconds, kCheckBytes)
                                          : QueryLimits(kCheckSeconds, kCheckBytes);
  ExecContext ctx(store, no_params, options, &check_limits);
  Row row(query.slot_count);
  try {
    for (const auto& part : query.ast.parts)
      for (const auto& c : part.clauses) check_clause_constants(c, row, ctx);
  } catch (const QueryError& e) {
    if (e.category() != "LimitExceeded") throw;
    // Too costly to check here: the run meets the same error, or the query's real limits.
    if (limits) limits->check_deadline();
  }
}

void execute(const BoundQuery& query, ExecContext& ctx, QueryResult& result) {
  result.columns = query.parts[0].columns;
  if (query.parts.size() == 1) {
    PipelineBuilder(query, 0, ctx, result).run();
  } else {
    for (size_t i = 0; i < query.parts.size(); ++i) PipelineBuilder(query, i, ctx, result).run();
    if (!query.ast.union_all.empty() && !query.ast.union_all[0]) {
      DistinctSet seen;
      std::vector<std::vector<Value>> kept;
      for (auto& row : result.rows)
        if (seen.insert(row)) kept.push_back(std::move(row));
      result.rows = std::move(kept);
    }
  }
  const auto& last = query.ast.parts.back().clauses.back();
  result.ordered = last.kind == ClauseKind::Return && !last.projection.order_by.empty();
}

std::string explain(const BoundQuery& query, const GraphStore& store) {
  std::string out;
  ValueMap params;
  QueryOptions options;
  ExecContext ctx(const_cast<GraphStore&>(store), params, options);
  QueryResult result;
  for (size_t i = 0; i < query.parts.size(); ++i) {
    if (i) out += "UNION\n";
    out += PipelineBuilder(query, i, ctx, result).explain();
  }
  return out;
}

}  // namespace normgraph::query
