// DELETE and DETACH DELETE.
#include "eval.hpp"
#include "operators/operator.hpp"
#include "operators/writer.hpp"
#include "values.hpp"

namespace normgraph::query {

namespace {

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

}  // namespace

std::unique_ptr<Operator> make_delete(const Clause& c, ExecContext& ctx) {
  return std::make_unique<DeleteOp>(c, ctx);
}

}  // namespace normgraph::query
