#pragma once
// Values as JSON through a RapidJSON-style writer. Templates, so this header needs no RapidJSON
// and the heavy headers stay in the translation units that write JSON.
#include <cmath>
#include <string>
#include <string_view>

#include "normgraph/core/value.hpp"

namespace normgraph::json {

template <class Writer>
void write_string(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<unsigned>(s.size()));
}

template <class Writer>
void write_key(Writer& w, std::string_view s) {
  w.Key(s.data(), static_cast<unsigned>(s.size()));
}

template <class Writer>
void write_value(Writer& w, const Value& v);

template <class Writer>
void write_map(Writer& w, const ValueMap& m) {
  w.StartObject();
  for (const MapEntry& e : m) {
    write_key(w, e.key);
    write_value(w, e.value);
  }
  w.EndObject();
}

// JSON has no NaN or infinity: they are written as null. Graph references (never stored) too.
template <class Writer>
void write_value(Writer& w, const Value& v) {
  switch (v.type()) {
    case Value::Type::Bool:
      w.Bool(v.as_bool());
      return;
    case Value::Type::Int:
      w.Int64(v.as_int());
      return;
    case Value::Type::Double:
      if (std::isfinite(v.as_double()))
        w.Double(v.as_double());
      else
        w.Null();
      return;
    case Value::Type::String:
      write_string(w, v.as_string());
      return;
    case Value::Type::List:
      w.StartArray();
      for (const Value& item : v.as_list()) write_value(w, item);
      w.EndArray();
      return;
    case Value::Type::Map:
      write_map(w, v.as_map());
      return;
    case Value::Type::Temporal:  // its Cypher text form, as Neo4j's JSON output has it
      write_string(w, format_temporal(v.as_temporal()));
      return;
    default:
      w.Null();
      return;
  }
}

}  // namespace normgraph::json
