// SET and REMOVE, and MERGE, which applies SET items (ON CREATE SET, ON MATCH SET) the same way.
#include "eval.hpp"
#include "matcher.hpp"
#include "operators/operator.hpp"
#include "operators/writer.hpp"
#include "values.hpp"

namespace normgraph::query {

namespace {

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

}  // namespace

std::unique_ptr<Operator> make_set(const Clause& c, ExecContext& ctx) {
  return std::make_unique<SetOp>(c, ctx);
}

std::unique_ptr<Operator> make_merge(const Clause& c, std::shared_ptr<const PatternPlan> plan,
                                     std::set<int> bound, ExecContext& ctx) {
  return std::make_unique<MergeOp>(c, std::move(plan), std::move(bound), ctx);
}

}  // namespace normgraph::query
