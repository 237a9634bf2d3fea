#include "normgraph/engine/detail/hash_index.hpp"

#include <algorithm>
#include <bit>

namespace normgraph::detail {

// The table never re-hashes keys (it does not store them), so an entry's home slot is derived
// from its stored 32-bit tag alone; growing needs nothing but the table itself.
namespace {
inline uint64_t home_of(uint32_t tag) {
  return (tag * 0x9E3779B97F4A7C15ull) >> 16;
}
}  // namespace

void HashIndex::reserve(size_t n) {
  size_t want = std::bit_ceil(std::max<size_t>(16, n + n / 3 + 1));
  if (want > slots_.size()) rehash(want);
}

void HashIndex::rehash(size_t capacity) {
  BigVector<Slot> old = std::move(slots_);
  slots_.assign(capacity, Slot{0, kEmpty});
  mask_ = capacity - 1;
  size_ = used_ = 0;
  for (const Slot& s : old)
    if (s.value != kEmpty && s.value != kTombstone) place(s.tag, s.value);
}

void HashIndex::clear() {
  slots_.clear();
  slots_.shrink_to_fit();
  mask_ = size_ = used_ = 0;
}

size_t HashIndex::home(uint32_t tag) const {
  return home_of(tag) & mask_;
}

void HashIndex::place(uint32_t tag, uint32_t value) {
  for (size_t i = home(tag);; i = (i + 1) & mask_) {
    if (slots_[i].value == kEmpty) {
      slots_[i] = Slot{tag, value};
      ++size_;
      ++used_;
      return;
    }
  }
}

void HashIndex::insert(uint64_t hash, uint32_t value) {
  if ((used_ + 1) * 4 > slots_.size() * 3) {
    // Mostly tombstones: clean up at the same size; otherwise double.
    bool mostly_tombstones = !slots_.empty() && size_ * 2 < used_;
    rehash(mostly_tombstones ? slots_.size() : std::max<size_t>(16, slots_.size() * 2));
  }
  place(tag_of(hash), value);
}

bool HashIndex::erase(uint64_t hash, uint32_t value) {
  if (slots_.empty()) return false;
  const uint32_t tag = tag_of(hash);
  for (size_t i = home(tag);; i = (i + 1) & mask_) {
    Slot& s = slots_[i];
    if (s.value == kEmpty) return false;
    if (s.value == value && s.tag == tag) {
      s.value = kTombstone;
      --size_;
      return true;
    }
  }
}

bool HashIndex::adopt(BigVector<Slot> slots, size_t size, size_t used) {
  if (!slots.empty() && !std::has_single_bit(slots.size())) return false;
  if (size > used || used > slots.size() || (!slots.empty() && used == slots.size())) return false;
  slots_ = std::move(slots);
  mask_ = slots_.empty() ? 0 : slots_.size() - 1;
  size_ = size;
  used_ = used;
  return true;
}

}  // namespace normgraph::detail
