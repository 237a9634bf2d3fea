#pragma once
// A value typed as in Cypher: null, boolean, 64-bit integer, double, string, list, map, and
// the graph references a query produces (node, relationship, path), and temporal values (date,
// time, datetime, duration, ...: temporal.hpp). Stored properties never hold graph references;
// writers reject them.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "normgraph/core/temporal.hpp"

namespace normgraph {

class Value;
struct MapEntry;

// Graph references by store index (NodeId / EdgeId of graph_store.hpp).
struct NodeRef {
  uint32_t id;
  bool operator==(const NodeRef&) const = default;
};
struct EdgeRef {
  uint32_t id;
  bool operator==(const EdgeRef&) const = default;
};
// A path: nodes[0], edges[0], nodes[1], ...; nodes.size() == edges.size() + 1.
struct PathValue {
  std::vector<uint32_t> nodes;
  std::vector<uint32_t> edges;
  bool operator==(const PathValue&) const = default;
};
using ValueList = std::vector<Value>;
// Maps keep insertion order so that what a user wrote comes back in the same order.
using ValueMap = std::vector<MapEntry>;

class Value {
 public:
  // Temporal comes last: the snapshot format stores these numbers.
  enum class Type : uint8_t {
    Null,
    Bool,
    Int,
    Double,
    String,
    List,
    Map,
    Node,
    Edge,
    Path,
    Temporal
  };

  // Defined below MapEntry: a map's entries must be complete where the variant is built.
  Value();
  Value(std::nullptr_t);
  Value(bool b);
  Value(int i);
  Value(int64_t i);
  Value(double d);
  Value(std::string s);
  Value(std::string_view s);
  Value(const char* s);
  Value(ValueList l);
  Value(ValueMap m);
  Value(NodeRef n);
  Value(EdgeRef e);
  Value(PathValue p);
  Value(TemporalValue t);

  Type type() const { return static_cast<Type>(v_.index()); }
  bool is_null() const { return type() == Type::Null; }
  bool as_bool() const { return std::get<bool>(v_); }
  int64_t as_int() const { return std::get<int64_t>(v_); }
  double as_double() const { return std::get<double>(v_); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const ValueList& as_list() const { return std::get<ValueList>(v_); }
  const ValueMap& as_map() const { return std::get<ValueMap>(v_); }
  ValueList& as_list() { return std::get<ValueList>(v_); }
  ValueMap& as_map() { return std::get<ValueMap>(v_); }
  uint32_t as_node() const { return std::get<NodeRef>(v_).id; }
  uint32_t as_edge() const { return std::get<EdgeRef>(v_).id; }
  const PathValue& as_path() const { return std::get<PathValue>(v_); }
  const TemporalValue& as_temporal() const { return std::get<TemporalValue>(v_); }
  bool is_graph_ref() const { return type() >= Type::Node && type() <= Type::Path; }

  bool operator==(const Value& other) const;

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, ValueList, ValueMap, NodeRef,
               EdgeRef, PathValue, TemporalValue>
      v_;
};

struct MapEntry {
  std::string key;
  Value value;
  bool operator==(const MapEntry&) const = default;
};

inline Value::Value() = default;
inline Value::Value(std::nullptr_t) {}
inline Value::Value(bool b) : v_(b) {}
inline Value::Value(int i) : v_(int64_t{i}) {}
inline Value::Value(int64_t i) : v_(i) {}
inline Value::Value(double d) : v_(d) {}
inline Value::Value(std::string s) : v_(std::move(s)) {}
inline Value::Value(std::string_view s) : v_(std::string(s)) {}
inline Value::Value(const char* s) : v_(std::string(s)) {}
inline Value::Value(ValueList l) : v_(std::move(l)) {}
inline Value::Value(ValueMap m) : v_(std::move(m)) {}
inline Value::Value(NodeRef n) : v_(n) {}
inline Value::Value(EdgeRef e) : v_(e) {}
inline Value::Value(PathValue p) : v_(std::move(p)) {}
inline Value::Value(TemporalValue t) : v_(t) {}

const char* type_name(Value::Type t);
// Looks a key up in a map value; nullptr when absent.
const Value* find_entry(const ValueMap& map, std::string_view key);

}  // namespace normgraph
