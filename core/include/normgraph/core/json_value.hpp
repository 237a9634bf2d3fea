#pragma once
// Values as JSON through a RapidJSON-style writer (Null, Bool, Int64, Double, String, Key,
// StartArray, EndArray, StartObject, EndObject, each returning whether it wrote). Templates, so
// this header needs no RapidJSON and the heavy headers stay in the translation units that write
// JSON. The one Value-to-JSON walk of the tree (and to_value, parsed JSON back to a value): the
// writers that differ (query results, graph JSON, the text exports) say how through hooks.
#include <cmath>
#include <string>
#include <string_view>

#include "normgraph/core/value.hpp"

namespace normgraph::json {

// What a writer may do its own way. The defaults: strings and keys as they are, a double that is
// not finite (JSON has none) and a graph reference (never stored) as null. A writer's hooks
// derive from these and hide the members they change.
struct ValueHooks {
  template <class Writer>
  bool key(Writer& w, std::string_view s) const {
    return w.Key(s.data(), static_cast<unsigned>(s.size()));
  }
  template <class Writer>
  bool string(Writer& w, std::string_view s) const {
    return w.String(s.data(), static_cast<unsigned>(s.size()));
  }
  template <class Writer>
  bool non_finite(Writer& w, double) const {
    return w.Null();
  }
  template <class Writer>
  bool graph_ref(Writer& w, const Value&) const {
    return w.Null();
  }
};

template <class Writer>
bool write_string(Writer& w, std::string_view s) {
  return ValueHooks().string(w, s);
}

template <class Writer>
bool write_key(Writer& w, std::string_view s) {
  return ValueHooks().key(w, s);
}

template <class Writer, class Hooks = ValueHooks>
bool write_value(Writer& w, const Value& v, const Hooks& hooks = Hooks());

// Every write is attempted; the result says whether all succeeded.
template <class Writer, class Hooks = ValueHooks>
bool write_map(Writer& w, const ValueMap& m, const Hooks& hooks = Hooks()) {
  bool ok = w.StartObject();
  for (const MapEntry& e : m) {
    ok = hooks.key(w, e.key) && ok;
    ok = write_value(w, e.value, hooks) && ok;
  }
  return w.EndObject() && ok;
}

template <class Writer, class Hooks>
bool write_value(Writer& w, const Value& v, const Hooks& hooks) {
  switch (v.type()) {
    case Value::Type::Null:
      return w.Null();
    case Value::Type::Bool:
      return w.Bool(v.as_bool());
    case Value::Type::Int:
      return w.Int64(v.as_int());
    case Value::Type::Double:
      return std::isfinite(v.as_double()) ? w.Double(v.as_double())
                                          : hooks.non_finite(w, v.as_double());
    case Value::Type::String:
      return hooks.string(w, v.as_string());
    case Value::Type::List: {
      bool ok = w.StartArray();
      for (const Value& item : v.as_list()) ok = write_value(w, item, hooks) && ok;
      return w.EndArray() && ok;
    }
    case Value::Type::Map:
      return write_map(w, v.as_map(), hooks);
    case Value::Type::Temporal:  // its Cypher text form, as Neo4j's JSON output has it
      return hooks.string(w, format_temporal(v.as_temporal()));
    case Value::Type::Node:
    case Value::Type::Edge:
    case Value::Type::Path:
      return hooks.graph_ref(w, v);
  }
  return w.Null();
}

// A parsed RapidJSON value as a stored value (request bodies, journal records): integers stay
// integers (int64), other numbers become doubles.
template <class JsonValue>
Value to_value(const JsonValue& v) {
  if (v.IsNull()) return Value();
  if (v.IsBool()) return Value(v.GetBool());
  if (v.IsInt64()) return Value(static_cast<int64_t>(v.GetInt64()));
  if (v.IsNumber()) return Value(v.GetDouble());
  if (v.IsString()) return Value(std::string(v.GetString(), v.GetStringLength()));
  if (v.IsArray()) {
    ValueList l;
    for (const auto& item : v.GetArray()) l.push_back(to_value(item));
    return Value(std::move(l));
  }
  ValueMap m;
  for (const auto& member : v.GetObject())
    m.push_back({std::string(member.name.GetString(), member.name.GetStringLength()),
                 to_value(member.value)});
  return Value(std::move(m));
}

}  // namespace normgraph::json
