#pragma once
// The query language's side of temporal values (docs/query.md "Temporal values"): the
// constructor functions date(), localtime(), time(), localdatetime(), datetime(), duration()
// from maps, strings and other temporals; truncation; duration.between and its in* variants;
// properties (.year, .offset, ...); comparison; arithmetic with durations.
#include <optional>
#include <span>
#include <string>

#include "functions.hpp"
#include "normgraph/core/temporal.hpp"
#include "normgraph/core/value.hpp"

namespace normgraph::query {

// The scalar functions above, registered into the function table by name (lower case), sorted.
std::span<const FunctionDef> temporal_functions();

// `t.key`; null for a key the kind does not have (as a map's absent key).
Value temporal_property(const TemporalValue& t, const std::string& key);

// Equality: same kind and same value (date-times and times with offsets: the same instant).
bool temporal_equal(const TemporalValue& a, const TemporalValue& b);
// <0, 0, >0 for two temporals of one kind that is not a duration; nullopt otherwise.
std::optional<int> temporal_compare(const TemporalValue& a, const TemporalValue& b);
// The position of a kind among the types of ORDER BY, and the order within a kind (durations
// by their fields, so that ORDER BY is total).
int temporal_kind_rank(TemporalValue::Kind kind);
int temporal_order(const TemporalValue& a, const TemporalValue& b);
size_t temporal_hash(const TemporalValue& t);

// Arithmetic with a temporal operand; nullopt when the operand types do not combine.
std::optional<Value> temporal_add(const Value& a, const Value& b);
std::optional<Value> temporal_subtract(const Value& a, const Value& b);
std::optional<Value> temporal_multiply(const Value& a, const Value& b);
std::optional<Value> temporal_divide(const Value& a, const Value& b);

}  // namespace normgraph::query
