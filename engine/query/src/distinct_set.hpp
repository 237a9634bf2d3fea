#pragma once
// Sets of values for DISTINCT, count(DISTINCT ..) and UNION: a single node or relationship is
// a bit in a bitmap over the store's ids, an integer or boolean a key in a flat
// open-addressing table (no allocation per value); anything else goes into a general hash set
// of value rows.
#include <cstdint>
#include <optional>
#include <unordered_set>
#include <vector>

#include "values.hpp"

namespace normgraph::query {

struct RowsHash {
  size_t operator()(const std::vector<Value>& row) const {
    size_t h = 0x9e3779b97f4a7c15ull;
    for (const Value& v : row) h = (h ^ hash_value(v)) * 0x100000001b3ull;
    return h;
  }
};
struct RowsEqual {
  bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!equivalent(a[i], b[i])) return false;
    return true;
  }
};
using RowSet = std::unordered_set<std::vector<Value>, RowsHash, RowsEqual>;

class DistinctSet {
 public:
  // Graph elements have ids below node_slots / edge_slots.
  DistinctSet(size_t node_slots = 0, size_t edge_slots = 0)
      : node_slots_(node_slots), edge_slots_(edge_slots) {}

  // True when the value was not in the set yet.
  bool insert(const Value& v) {
    if (v.type() == Value::Type::Node && v.as_node() < node_slots_)
      return set_bit(nodes_, node_slots_, v.as_node());
    if (v.type() == Value::Type::Edge && v.as_edge() < edge_slots_)
      return set_bit(edges_, edge_slots_, v.as_edge());
    if (auto key = small_key(v)) return insert_key(*key);
    return rows_.insert({v}).second;
  }
  bool insert(std::vector<Value> row) {
    if (row.size() == 1) return insert(row[0]);
    return rows_.insert(std::move(row)).second;
  }

 private:
  static bool set_bit(std::vector<uint64_t>& bits, size_t slots, uint32_t id) {
    if (bits.empty()) bits.assign((slots + 63) / 64, 0);
    uint64_t& word = bits[id >> 6];
    const uint64_t bit = uint64_t{1} << (id & 63);
    if (word & bit) return false;
    word |= bit;
    return true;
  }

  // Node, relationship, integer and boolean values as distinct 64-bit keys (a type tag in the
  // top bits). Integers outside 60 bits take the general path.
  static std::optional<uint64_t> small_key(const Value& v) {
    switch (v.type()) {
      case Value::Type::Node:
        return (uint64_t{1} << 60) | v.as_node();
      case Value::Type::Edge:
        return (uint64_t{2} << 60) | v.as_edge();
      case Value::Type::Bool:
        return (uint64_t{3} << 60) | v.as_bool();
      case Value::Type::Int: {
        int64_t i = v.as_int();
        if (i < 0 || i >= (int64_t{1} << 59)) return std::nullopt;
        return (uint64_t{4} << 60) | static_cast<uint64_t>(i);
      }
      default:
        return std::nullopt;
    }
  }

  bool insert_key(uint64_t key) {  // key is never 0: the tag is set
    if ((size_ + 1) * 2 > slots_.size()) grow();
    size_t mask = slots_.size() - 1;
    for (size_t i = mix(key) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == key) return false;
      if (slots_[i] == 0) {
        slots_[i] = key;
        ++size_;
        return true;
      }
    }
  }
  static size_t mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return static_cast<size_t>(k);
  }
  void grow() {
    std::vector<uint64_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, 0);
    size_ = 0;
    for (uint64_t k : old)
      if (k) insert_key(k);
  }

  size_t node_slots_, edge_slots_;
  std::vector<uint64_t> nodes_, edges_;  // bitmaps, allocated on first use
  std::vector<uint64_t> slots_;
  size_t size_ = 0;
  RowSet rows_;
};

}  // namespace normgraph::query
