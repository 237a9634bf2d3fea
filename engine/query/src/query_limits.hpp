#pragma once
// The limits of one query run: its deadline and its memory budget. Everything that may loop
// long (matching, list and string building, functions, regular expressions, parsing) calls
// tick(); everything that builds a list, string or map charges its size first, so a query
// stops with LimitExceeded before it allocates what would exhaust the machine.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace normgraph::query {

class QueryLimits {
 public:
  QueryLimits(double time_limit_seconds, uint64_t max_memory_bytes);

  // Called in every loop that may run long; reads the clock every few hundred calls.
  void tick() {
    if ((++ticks_ & 255) == 0 && has_deadline_) check_deadline();
  }
  // Throws QueryError LimitExceeded/TimeLimit when the deadline has passed.
  void check_deadline() const;

  // Counts `bytes` against the budget; throws QueryError LimitExceeded/MemoryLimit past it.
  void charge(uint64_t bytes) {
    const uint64_t before = used_;
    used_ = bytes > UINT64_MAX - used_ ? UINT64_MAX : used_ + bytes;
    if (max_memory_bytes_ && used_ > max_memory_bytes_) memory_exceeded();
    // Building is work too: look at the clock every 16 MiB built.
    if ((before ^ used_) >> 24 && has_deadline_) check_deadline();
  }
  // Charges `count` items of `each` bytes (saturating: a huge count cannot wrap around).
  void charge(uint64_t count, size_t each) {
    charge(each && count > UINT64_MAX / each ? UINT64_MAX : count * each);
  }
  // Throws like charge() when `count` items of `each` bytes would not fit, without counting
  // them: for a function about to build what its caller charges once it is built.
  void check_room(uint64_t count, size_t each) const {
    const uint64_t bytes = each && count > UINT64_MAX / each ? UINT64_MAX : count * each;
    if (max_memory_bytes_ && bytes > max_memory_bytes_ - std::min(used_, max_memory_bytes_))
      memory_exceeded();
  }
  uint64_t bytes_charged() const { return used_; }
  // Limits for a side task (checking constants at compile time): at most `seconds` and
  // `bytes`, and never past these limits' own deadline.
  QueryLimits at_most(double seconds, uint64_t bytes) const;

 private:
  [[noreturn]] void memory_exceeded() const;

  double time_limit_seconds_;
  uint64_t max_memory_bytes_;
  bool has_deadline_ = false;
  std::chrono::steady_clock::time_point deadline_;
  uint64_t ticks_ = 0;
  uint64_t used_ = 0;
};

}  // namespace normgraph::query
