#include "table.hpp"

namespace normgraph::rules::detail {

Index::Index(uint32_t mask, uint32_t arity)
    : mask_(mask), arity_(arity), slots_(16, Slot{kNone, 0}) {
  for (uint32_t c = 0; c < arity; ++c)
    if (mask & (1u << c)) cols_.push_back(static_cast<uint8_t>(c));
}

uint32_t Index::hash_key(const TermId* key) const {
  uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (size_t i = 0; i < cols_.size(); ++i) h = mix(h ^ key[i]) + i;
  return static_cast<uint32_t>(h ^ (h >> 32));
}

uint32_t Index::hash_tuple(const TermId* tuple) const {
  uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (size_t i = 0; i < cols_.size(); ++i) h = mix(h ^ tuple[cols_[i]]) + i;
  return static_cast<uint32_t>(h ^ (h >> 32));
}

bool Index::same(const TermId* tuple, const TermId* key) const {
  for (size_t i = 0; i < cols_.size(); ++i)
    if (tuple[cols_[i]] != key[i]) return false;
  return true;
}

bool Index::same_tuples(const TermId* a, const TermId* b) const {
  for (uint8_t c : cols_)
    if (a[c] != b[c]) return false;
  return true;
}

void Index::grow() {
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.assign(old.size() * 2, Slot{kNone, 0});
  const size_t m = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.head == kNone) continue;
    size_t s = slot.hash & m;
    while (slots_[s].head != kNone) s = (s + 1) & m;
    slots_[s] = slot;
  }
}

bool Index::insert(const std::vector<TermId>& data, uint32_t idx, bool unique) {
  if (next_.size() <= idx) next_.resize(idx + 1, kNone);
  const TermId* t = data.data() + size_t{idx} * arity_;
  const size_t m = slots_.size() - 1;
  const uint32_t h = hash_tuple(t);
  for (size_t s = h & m;; s = (s + 1) & m) {
    Slot& slot = slots_[s];
    if (slot.head == kNone) {
      slot = {idx, h};
      if (++keys_ * 2 > slots_.size()) grow();
      return true;
    }
    if (slot.hash == h && same_tuples(data.data() + size_t{slot.head} * arity_, t)) {
      if (unique) return false;
      next_[idx] = slot.head;  // the new tuple becomes the chain's head
      slot.head = idx;
      return true;
    }
  }
}

uint32_t Index::first(const std::vector<TermId>& data, const TermId* key) const {
  const size_t m = slots_.size() - 1;
  const uint32_t h = hash_key(key);
  for (size_t s = h & m;; s = (s + 1) & m) {
    const Slot& slot = slots_[s];
    if (slot.head == kNone) return kNone;
    if (slot.hash == h && same(data.data() + size_t{slot.head} * arity_, key)) return slot.head;
  }
}

// A relation without columns keeps one dummy column so that its one possible tuple has a place.
Table::Table(uint32_t a) : arity(a ? a : 1), unique((1u << (a ? a : 1)) - 1, a ? a : 1) {}

std::pair<uint32_t, bool> Table::insert(const TermId* tuple) {
  const uint32_t idx = size();
  data.insert(data.end(), tuple, tuple + arity);
  if (!unique.insert(data, idx, true)) {
    data.resize(data.size() - arity);
    return {*find(tuple), false};
  }
  for (auto& ix : indexes) ix->insert(data, idx, false);
  return {idx, true};
}

std::optional<uint32_t> Table::find(const TermId* tuple) const {
  uint32_t i = unique.first(data, tuple);
  if (i == Index::kNone) return std::nullopt;
  return i;
}

Index& Table::index(uint32_t mask) {
  for (auto& ix : indexes)
    if (ix->mask() == mask) return *ix;
  indexes.push_back(std::make_unique<Index>(mask, arity));
  Index& ix = *indexes.back();
  ix.reserve(size());  // at most one key per tuple
  for (uint32_t i = 0; i < size(); ++i) ix.insert(data, i, false);
  return ix;
}

}  // namespace normgraph::rules::detail
