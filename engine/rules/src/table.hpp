#pragma once
// Storage of one relation: tuples appended to a flat column-interleaved array, a hash set over
// whole tuples for deduplication, and hash indexes on column subsets, each an open-addressing
// table of chain heads plus a per-tuple "next" link, maintained as tuples are added.
#include <cstdint>
#include <memory>
#include <vector>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/rules/program.hpp"

namespace normgraph::rules::detail {

inline uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

class Index {
 public:
  Index(uint32_t mask, uint32_t arity);
  uint32_t mask() const { return mask_; }
  size_t keys() const { return keys_; }
  // Adds tuple `idx` (its values at `data + idx * arity`). With `unique`, refuses a tuple whose
  // key is present and returns false.
  bool insert(const std::vector<TermId>& data, uint32_t idx, bool unique);
  // The first tuple with these key values (in column order), kNone if none; then next().
  uint32_t first(const std::vector<TermId>& data, const TermId* key) const;
  uint32_t next(uint32_t idx) const { return next_[idx]; }
  // Room for this many keys without growing on the way.
  void reserve(size_t keys) {
    while (keys * 2 > slots_.size()) grow();
  }
  // Asks the CPU to fetch the slot a tuple hashes to: a batch of inserts issues this some
  // tuples ahead, so the cache misses of a large table overlap.
  void prefetch(const TermId* tuple) const {
    __builtin_prefetch(&slots_[hash_tuple(tuple) & (slots_.size() - 1)]);
  }
  static constexpr uint32_t kNone = UINT32_MAX;
  // What the index holds in memory, for the evaluation's memory budget.
  size_t bytes() const { return slots_.capacity() * sizeof(Slot) + next_.capacity() * 4; }

 private:
  // A chain head with its key's 32-bit hash, which places it and spares most comparisons of
  // tuples (and every one when the table grows).
  struct Slot {
    uint32_t head;
    uint32_t hash;
  };
  uint32_t hash_key(const TermId* key) const;
  uint32_t hash_tuple(const TermId* tuple) const;
  bool same(const TermId* tuple, const TermId* key) const;
  bool same_tuples(const TermId* a, const TermId* b) const;
  void grow();

  uint32_t mask_, arity_;
  std::vector<uint8_t> cols_;
  std::vector<Slot> slots_;     // head kNone when empty
  std::vector<uint32_t> next_;  // per tuple
  size_t keys_ = 0;
};

struct Table {
  explicit Table(uint32_t arity);
  uint32_t arity;
  std::vector<TermId> data;
  Index unique;  // all columns
  std::vector<std::unique_ptr<Index>> indexes;
  std::vector<EdgeId> edges;         // per tuple, for tuples read from the graph
  std::vector<uint32_t> derivation;  // per tuple: offset into pool, kNone when none
  std::vector<uint32_t> pool;        // rule, n, then n pairs (relation, tuple)

  uint32_t size() const { return static_cast<uint32_t>(data.size() / arity); }
  const TermId* at(uint32_t i) const { return data.data() + size_t{i} * arity; }
  // Adds a tuple unless present; returns its index and whether it is new.
  std::pair<uint32_t, bool> insert(const TermId* tuple);
  std::optional<uint32_t> find(const TermId* tuple) const;
  // The index on the columns of `mask`, built on first use and kept up to date after.
  Index& index(uint32_t mask);
  // What the table and its indexes hold in memory.
  size_t bytes() const {
    size_t b = (data.capacity() + derivation.capacity() + pool.capacity()) * 4 +
               edges.capacity() * sizeof(EdgeId) + unique.bytes();
    for (const auto& ix : indexes) b += ix->bytes();
    return b;
  }
};

}  // namespace normgraph::rules::detail
