#pragma once
// Stored values and evidence as JSON through a RapidJSON-style writer, and parsed JSON as
// values. Templates, so this header needs no RapidJSON and the heavy headers stay in the
// translation units that read and write JSON.
#include <cmath>
#include <string_view>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/engine/value.hpp"

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

// {"doc", "doc_name" (when the document is a node), "paragraph", "sentence", "span", "rule",
// "text", "extra"}: unknown positions (-1) and an empty `extra` are left out.
template <class Writer>
void write_evidence(Writer& w, const GraphStore& store, const Evidence& e) {
  w.StartObject();
  write_key(w, "doc");
  write_string(w, e.doc);
  if (auto d = e.doc.empty() ? std::nullopt : store.find_node(e.doc)) {
    write_key(w, "doc_name");
    write_string(w, store.node_name(*d));
  }
  if (e.paragraph >= 0) write_key(w, "paragraph"), w.Int64(e.paragraph);
  if (e.sentence >= 0) write_key(w, "sentence"), w.Int64(e.sentence);
  if (e.span_begin >= 0) {
    write_key(w, "span");
    w.StartArray();
    w.Int64(e.span_begin);
    w.Int64(e.span_end);
    w.EndArray();
  }
  write_key(w, "rule");
  write_string(w, e.rule);
  write_key(w, "text");
  write_string(w, e.text);
  if (!e.extra.empty()) {
    write_key(w, "extra");
    write_map(w, e.extra);
  }
  w.EndObject();
}

template <class Writer>
void write_evidence_list(Writer& w, const GraphStore& store, const std::vector<Evidence>& list) {
  w.StartArray();
  for (const Evidence& e : list) write_evidence(w, store, e);
  w.EndArray();
}

}  // namespace normgraph::json
