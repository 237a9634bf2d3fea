#include "property_columns.hpp"

#include <cmath>
#include <map>

#include "text_escape.hpp"

namespace normgraph::viz::detail {
namespace {

ColumnType type_of(const Value& v) {
  switch (v.type()) {
    case Value::Type::Bool:
      return ColumnType::Boolean;
    case Value::Type::Int:
      return ColumnType::Integer;
    case Value::Type::Double:
      return ColumnType::Double;
    default:
      return ColumnType::String;
  }
}

ColumnType meet(ColumnType a, ColumnType b) {
  if (a == b) return a;
  bool numbers = (a == ColumnType::Integer || a == ColumnType::Double) &&
                 (b == ColumnType::Integer || b == ColumnType::Double);
  return numbers ? ColumnType::Double : ColumnType::String;
}

// Columns in the order keys are first met, so the output is deterministic.
class ColumnCollector {
 public:
  void add(const ValueMap& props, std::string_view skip = {}) {
    for (const MapEntry& entry : props) {
      if (entry.value.is_null() || entry.key == skip) continue;
      auto [it, fresh] = index_.emplace(entry.key, columns_.size());
      if (fresh)
        columns_.push_back({entry.key, type_of(entry.value)});
      else
        columns_[it->second].type = meet(columns_[it->second].type, type_of(entry.value));
    }
  }
  std::vector<PropertyColumn> take() { return std::move(columns_); }

 private:
  std::map<std::string, size_t, std::less<>> index_;
  std::vector<PropertyColumn> columns_;
};

}  // namespace

std::vector<PropertyColumn> node_property_columns(const GraphStore& store,
                                                  const Selection& selection) {
  ColumnCollector collector;
  selection.for_each_node(store, [&](NodeId n) { collector.add(store.node_props(n)); });
  return collector.take();
}

std::vector<PropertyColumn> edge_property_columns(const GraphStore& store,
                                                  const Selection& selection) {
  ColumnCollector collector;
  selection.for_each_edge(store, [&](EdgeId e) { collector.add(store.edge_props(e), "derived"); });
  return collector.take();
}

std::string cell_text(const Value* value, ColumnType type) {
  if (!value || value->is_null()) return {};
  switch (value->type()) {
    case Value::Type::Bool:
      return value->as_bool() ? "true" : "false";
    case Value::Type::Int:
      return type == ColumnType::Double ? format_double(static_cast<double>(value->as_int()))
                                        : std::to_string(value->as_int());
    case Value::Type::Double:
      if (std::isfinite(value->as_double())) return format_double(value->as_double());
      return type == ColumnType::String ? json_text(*value) : std::string();
    case Value::Type::String:
      return value->as_string();
    case Value::Type::Temporal:  // its ISO text, unquoted like a string
      return format_temporal(value->as_temporal());
    default:
      return json_text(*value);
  }
}

std::string identifier(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    out += keep ? c : '_';
  }
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out.insert(0, "_");
  return out;
}

}  // namespace normgraph::viz::detail
