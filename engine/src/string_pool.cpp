#include "normgraph/engine/string_pool.hpp"

#include <xxhash.h>

#include <algorithm>
#include <string>

namespace normgraph {

namespace {
inline char fold(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
}  // namespace

uint64_t hash_bytes(std::string_view s) {
  return XXH3_64bits(s.data(), s.size());
}

uint64_t hash_folded(std::string_view s) {
  char buf[256];
  if (s.size() <= sizeof buf) {
    std::transform(s.begin(), s.end(), buf, fold);
    return XXH3_64bits(buf, s.size());
  }
  std::string tmp(s);
  std::transform(tmp.begin(), tmp.end(), tmp.begin(), fold);
  return XXH3_64bits(tmp.data(), tmp.size());
}

bool equals_folded(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return fold(x) == fold(y); });
}

StringPool::StringPool() {
  offsets_.push_back(0);
  offsets_.push_back(0);  // symbol 0: ""
  index_.insert(hash_bytes(""), 0);
}

std::optional<Symbol> StringPool::find(std::string_view s) const {
  uint32_t v = index_.find(hash_bytes(s), [&](uint32_t sym) { return view(sym) == s; });
  if (v == detail::HashIndex::kEmpty) return std::nullopt;
  return v;
}

Symbol StringPool::intern(std::string_view s) {
  const uint64_t h = hash_bytes(s);
  uint32_t v = index_.find(h, [&](uint32_t sym) { return view(sym) == s; });
  if (v != detail::HashIndex::kEmpty) return v;
  Symbol sym = static_cast<Symbol>(size());
  chars_.insert(chars_.end(), s.begin(), s.end());
  offsets_.push_back(chars_.size());
  index_.insert(h, sym);
  return sym;
}

size_t StringPool::memory_bytes() const {
  return chars_.capacity() + offsets_.capacity() * sizeof(uint64_t) + index_.memory_bytes();
}

bool StringPool::adopt(detail::BigVector<char> chars, detail::BigVector<uint64_t> offsets,
                       detail::HashIndex index) {
  if (offsets.size() < 2 || offsets.front() != 0 || offsets.back() != chars.size()) return false;
  if (!std::is_sorted(offsets.begin(), offsets.end())) return false;
  if (index.size() != offsets.size() - 1) return false;
  for (const auto& slot : index.slots())
    if (slot.value < detail::HashIndex::kTombstone && slot.value >= offsets.size() - 1)
      return false;
  chars_ = std::move(chars);
  offsets_ = std::move(offsets);
  index_ = std::move(index);
  return true;
}

}  // namespace normgraph
