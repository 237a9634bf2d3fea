#include "normgraph/core/value.hpp"

namespace normgraph {

bool Value::operator==(const Value& other) const {
  return v_ == other.v_;
}

const char* type_name(Value::Type t) {
  switch (t) {
    case Value::Type::Null:
      return "null";
    case Value::Type::Bool:
      return "boolean";
    case Value::Type::Int:
      return "integer";
    case Value::Type::Double:
      return "float";
    case Value::Type::String:
      return "string";
    case Value::Type::List:
      return "list";
    case Value::Type::Map:
      return "map";
    case Value::Type::Node:
      return "node";
    case Value::Type::Edge:
      return "relationship";
    case Value::Type::Path:
      return "path";
    case Value::Type::Temporal:
      return "temporal";
  }
  return "unknown";
}

const Value* find_entry(const ValueMap& map, std::string_view key) {
  for (const auto& e : map)
    if (e.key == key) return &e.value;
  return nullptr;
}

}  // namespace normgraph
