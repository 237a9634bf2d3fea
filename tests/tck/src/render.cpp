// Conversions between normgraph's Value and the TCK's values.
#include <stdexcept>

#include "normgraph/query/query.hpp"
#include "runner.hpp"

namespace normgraph::tck {

namespace {

TckEntries to_entries(const GraphStore& store, const ValueMap& map) {
  TckEntries entries;
  for (const MapEntry& entry : map) entries.push_back({entry.key, to_tck(store, entry.value)});
  return entries;
}

TckValue node(const GraphStore& store, NodeId n) {
  if (!store.node_live(n)) return TckValue::node({"<deleted node>"}, {});
  std::vector<std::string> labels;
  for (std::string_view label : store.node_labels(n)) labels.emplace_back(label);
  return TckValue::node(std::move(labels), to_entries(store, query::node_properties(store, n)));
}

TckValue relationship(const GraphStore& store, EdgeId e) {
  if (!store.edge_live(e)) return TckValue::relationship("<deleted relationship>", {});
  return TckValue::relationship(std::string(store.edge_type_name(store.edge_ends(e).type)),
                                to_entries(store, query::edge_properties(store, e)));
}

TckValue path(const GraphStore& store, const PathValue& p) {
  TckValue out;
  out.kind = TckValue::Kind::Path;
  for (size_t i = 0; i < p.nodes.size(); ++i) {
    if (i > 0) {
      EdgeId e = p.edges[i - 1];
      TckValue rel = relationship(store, e);
      // A relationship points backward when it ends at the node on its left.
      rel.backward = store.edge_live(e) && store.edge_ends(e).source != p.nodes[i - 1];
      out.items.push_back(std::move(rel));
    }
    out.items.push_back(node(store, p.nodes[i]));
  }
  return out;
}

}  // namespace

TckValue to_tck(const GraphStore& store, const Value& value) {
  switch (value.type()) {
    case Value::Type::Null:
      return TckValue::null();
    case Value::Type::Bool:
      return TckValue::of_bool(value.as_bool());
    case Value::Type::Int:
      return TckValue::of_int(value.as_int());
    case Value::Type::Double:
      return TckValue::of_float(value.as_double());
    case Value::Type::String:
      return TckValue::of_string(value.as_string());
    case Value::Type::List: {
      std::vector<TckValue> items;
      for (const Value& item : value.as_list()) items.push_back(to_tck(store, item));
      return TckValue::of_list(std::move(items));
    }
    case Value::Type::Map:
      return TckValue::of_map(to_entries(store, value.as_map()));
    case Value::Type::Node:
      return node(store, value.as_node());
    case Value::Type::Edge:
      return relationship(store, value.as_edge());
    case Value::Type::Path:
      return path(store, value.as_path());
    case Value::Type::Temporal:  // the TCK writes temporal results as their text
      return TckValue::of_string(format_temporal(value.as_temporal()));
  }
  return TckValue::null();
}

Value to_value(const TckValue& value) {
  using Kind = TckValue::Kind;
  switch (value.kind) {
    case Kind::Null:
      return Value();
    case Kind::Bool:
      return Value(value.boolean);
    case Kind::Int:
      return Value(value.integer);
    case Kind::Float:
      return Value(value.real);
    case Kind::String:
      return Value(value.text);
    case Kind::List: {
      ValueList items;
      for (const TckValue& item : value.items) items.push_back(to_value(item));
      return Value(std::move(items));
    }
    case Kind::Map: {
      ValueMap map;
      for (const auto& [key, item] : value.entries) map.push_back({key, to_value(item)});
      return Value(std::move(map));
    }
    default:
      throw std::invalid_argument("a parameter cannot be a node, relationship or path");
  }
}

}  // namespace normgraph::tck
