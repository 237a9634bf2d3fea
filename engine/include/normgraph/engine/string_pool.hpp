#pragma once
// Interned strings: each distinct string is stored once and named by a 32-bit Symbol.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "normgraph/engine/detail/big_vector.hpp"
#include "normgraph/engine/detail/hash_index.hpp"

namespace normgraph {

using Symbol = uint32_t;  // 0 is the empty string

class StringPool {
 public:
  StringPool();
  Symbol intern(std::string_view s);
  std::optional<Symbol> find(std::string_view s) const;
  std::string_view view(Symbol s) const {
    return {chars_.data() + offsets_[s], static_cast<size_t>(offsets_[s + 1] - offsets_[s])};
  }
  size_t size() const { return offsets_.size() - 1; }
  size_t memory_bytes() const;

  // Persistence (see snapshot.cpp).
  const detail::BigVector<char>& chars() const { return chars_; }
  const detail::BigVector<uint64_t>& offsets() const { return offsets_; }
  const detail::HashIndex& index() const { return index_; }
  // Adopts persisted arrays; returns false when they are inconsistent.
  bool adopt(detail::BigVector<char> chars, detail::BigVector<uint64_t> offsets,
             detail::HashIndex index);

 private:
  detail::BigVector<char> chars_;
  detail::BigVector<uint64_t> offsets_;  // symbol s spans [offsets_[s], offsets_[s+1])
  detail::HashIndex index_;
};

uint64_t hash_bytes(std::string_view s);
// Hash of the ASCII-lowercased string, for case-insensitive indexes.
uint64_t hash_folded(std::string_view s);
bool equals_folded(std::string_view a, std::string_view b);

}  // namespace normgraph
