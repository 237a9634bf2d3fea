#include "operators/writer.hpp"

#include "eval.hpp"
#include "values.hpp"

namespace normgraph::query {

[[noreturn]] void write_error(const std::string& code, const std::string& msg) {
  throw QueryError("TypeError", code, ErrorPhase::Runtime, msg);
}

namespace {

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

}  // namespace

Writer::Writer(ExecContext& ctx) : ctx_(ctx), store_(ctx.store) {}

void Writer::set_node_prop(NodeId n, const std::string& key, Value v) {
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

void Writer::set_edge_prop(EdgeId e, const std::string& key, Value v) {
  check_storable(key, v);
  const Value* old_prop = find_entry(store_.edge_props(e), key);
  Value old = old_prop ? *old_prop : Value();
  store_.set_edge_property(e, key, v);
  ctx_.undo.record([&store = store_, e, key, old] { store.set_edge_property(e, key, old); });
  count(old, v);
}

void Writer::set_prop(const Value& target, const std::string& key, Value v) {
  if (target.type() == Value::Type::Node)
    set_node_prop(target.as_node(), key, std::move(v));
  else if (target.type() == Value::Type::Edge)
    set_edge_prop(target.as_edge(), key, std::move(v));
  else if (!target.is_null())
    write_error("InvalidArgumentType",
                std::string("cannot set a property on a ") + type_name(target.type()));
}

ValueMap Writer::props_of(const Value& target) {
  if (target.type() == Value::Type::Node) return node_properties(store_, target.as_node());
  if (target.type() == Value::Type::Edge) return edge_properties(store_, target.as_edge());
  return {};
}

void Writer::add_label(NodeId n, const std::string& label) {
  auto sym = store_.strings().find(label);
  if (sym && store_.node_has_label(n, *sym)) return;
  store_.add_node_label(n, label);
  ctx_.undo.record([&store = store_, n, label] { store.remove_node_label(n, label); });
  ++ctx_.stats.labels_added;
}

void Writer::remove_label(NodeId n, const std::string& label) {
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

Evidence Writer::manual_evidence() const {
  Evidence ev;
  ev.rule = "manual";
  if (!ctx_.options.author.empty()) ev.extra.push_back({"by", ctx_.options.author});
  if (!ctx_.options.reason.empty()) ev.extra.push_back({"why", ctx_.options.reason});
  return ev;
}

NodeId Writer::create_node(const std::vector<std::string>& labels, const ValueMap& props) {
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

EdgeId Writer::create_edge(NodeId src, const std::string& type, NodeId dst, const ValueMap& props) {
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

void Writer::delete_edge(EdgeId e) {
  if (!store_.edge_live(e)) return;
  store_.remove_edge(e);
  ctx_.undo.record([&store = store_, e] { store.restore_edge(e); });
  ++ctx_.stats.relationships_deleted;
}

void Writer::delete_node(NodeId n, bool detach) {
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

void Writer::count(const Value& old, const Value& v) {
  if (!(old.is_null() && v.is_null())) ++ctx_.stats.properties_set;
}

ValueMap evaluate_props(const Expr* props, Row& row, ExecContext& ctx) {
  if (!props) return {};
  Value v = evaluate(*props, row, ctx);
  if (v.is_null()) return {};
  if (v.type() != Value::Type::Map)
    write_error("InvalidArgumentType", "properties must be given as a map");
  return v.as_map();
}

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

}  // namespace normgraph::query
