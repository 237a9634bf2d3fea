#pragma once
// JSON (RapidJSON) to stored values: request bodies and journal records. Included by the
// server's translation units that parse JSON only.
#include <rapidjson/document.h>

#include "normgraph/core/value.hpp"

namespace normgraph::server {

// Integers stay integers (int64), other numbers become doubles.
inline Value to_value(const rapidjson::Value& v) {
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

}  // namespace normgraph::server
