#pragma once
// An open-addressing hash index from 64-bit key hashes to 32-bit values (node ids, symbols).
// It stores no keys: a probe compares a 32-bit hash tag first and only then asks the caller to
// compare the real key, which keeps the table at 8 bytes a slot and lets it be persisted as a
// flat array. Several values may share a key (a multimap); removal leaves a tombstone.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "normgraph/engine/detail/big_vector.hpp"

namespace normgraph::detail {

class HashIndex {
 public:
  struct Slot {
    uint32_t tag;
    uint32_t value;
  };
  static constexpr uint32_t kEmpty = UINT32_MAX;
  static constexpr uint32_t kTombstone = UINT32_MAX - 1;

  // Makes room for `n` entries without growing again.
  void reserve(size_t n);
  void clear();
  void insert(uint64_t hash, uint32_t value);
  // Calls eq(value) for each value whose tag matches; stops at the first for which it is true
  // and returns that value, or kEmpty.
  template <class Eq>
  uint32_t find(uint64_t hash, Eq&& eq) const {
    uint32_t found = kEmpty;
    for_each(hash, [&](uint32_t v) {
      if (eq(v)) {
        found = v;
        return false;
      }
      return true;
    });
    return found;
  }
  // Calls f(value) for every value with the hash's tag while f returns true.
  template <class F>
  void for_each(uint64_t hash, F&& f) const {
    if (slots_.empty()) return;
    const uint32_t tag = tag_of(hash);
    for (size_t i = home(tag);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == kEmpty) return;
      if (s.value != kTombstone && s.tag == tag && !f(s.value)) return;
    }
  }
  // Hints the cache that a probe for `hash` comes soon (bulk builds probe ahead).
  void prefetch(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[home(tag_of(hash))]);
  }
  // Removes the entry (hash, value) if present.
  bool erase(uint64_t hash, uint32_t value);

  size_t size() const { return size_; }
  size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot); }
  // Raw access for persistence.
  const BigVector<Slot>& slots() const { return slots_; }
  size_t used_slots() const { return used_; }
  // Adopts a persisted table; returns false if it is not a valid table shape.
  bool adopt(BigVector<Slot> slots, size_t size, size_t used);

 private:
  static uint32_t tag_of(uint64_t hash) { return static_cast<uint32_t>(hash >> 32); }
  size_t home(uint32_t tag) const;
  void rehash(size_t capacity);
  void place(uint32_t tag, uint32_t value);

  BigVector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;  // live entries
  size_t used_ = 0;  // live entries + tombstones
};

}  // namespace normgraph::detail
