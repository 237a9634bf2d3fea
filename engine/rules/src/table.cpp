#include "table.hpp"

namespace normgraph::rules::detail {

Index::Index(uint32_t mask, uint32_t arity) : mask_(mask), arity_(arity), slots_(16, kNone) {
  for (uint32_t c = 0; c < arity; ++c)
    if (mask & (1u << c)) cols_.push_back(static_cast<uint8_t>(c));
}

uint64_t Index::hash_key(const TermId* key) const {
  uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (size_t i = 0; i < cols_.size(); ++i) h = mix(h ^ key[i]) + i;
  return h;
}

uint64_t Index::hash_tuple(const TermId* tuple) const {
  uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (size_t i = 0; i < cols_.size(); ++i) h = mix(h ^ tuple[cols_[i]]) + i;
  return h;
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

void Index::grow(const std::vector<TermId>& data) {
  std::vector<uint32_t> old;
  old.swap(slots_);
  slots_.assign(old.size() * 2, kNone);
  const size_t m = slots_.size() - 1;
  for (uint32_t head : old) {
    if (head == kNone) continue;
    size_t s = hash_tuple(data.data() + size_t{head} * arity_) & m;
    while (slots_[s] != kNone) s = (s + 1) & m;
    slots_[s] = head;
  }
}

bool Index::insert(const std::vector<TermId>& data, uint32_t idx, bool unique) {
  if (next_.size() <= idx) next_.resize(idx + 1, kNone);
  const TermId* t = data.data() + size_t{idx} * arity_;
  const size_t m = slots_.size() - 1;
  for (size_t s = hash_tuple(t) & m;; s = (s + 1) & m) {
    const uint32_t head = slots_[s];
    if (head == kNone) {
      slots_[s] = idx;
      if (++keys_ * 2 > slots_.size()) grow(data);
      return true;
    }
    if (same_tuples(data.data() + size_t{head} * arity_, t)) {
      if (unique) return false;
      next_[idx] = head;  // the new tuple becomes the chain's head
      slots_[s] = idx;
      return true;
    }
  }
}

uint32_t Index::first(const std::vector<TermId>& data, const TermId* key) const {
  const size_t m = slots_.size() - 1;
  for (size_t s = hash_key(key) & m;; s = (s + 1) & m) {
    const uint32_t head = slots_[s];
    if (head == kNone) return kNone;
    if (same(data.data() + size_t{head} * arity_, key)) return head;
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
  for (uint32_t i = 0; i < size(); ++i) ix.insert(data, i, false);
  return ix;
}

}  // namespace normgraph::rules::detail
