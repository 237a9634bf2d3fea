#pragma once
// BigVector: std::vector for the store's large columns. Allocations of 2 MiB and more are
// mapped directly and asked to be backed by transparent huge pages, which cuts the page faults
// of filling gigabytes by a factor of 512; and resize() leaves new elements default-initialized
// (not zeroed), because every caller overwrites them right away (reading a snapshot, filling an
// adjacency), so zeroing would be a wasted pass over memory.
#include <sys/mman.h>

#include <cstddef>
#include <new>
#include <vector>

namespace normgraph::detail {

template <class T>
class BigAllocator {
 public:
  using value_type = T;
  BigAllocator() = default;
  template <class U>
  BigAllocator(const BigAllocator<U>&) noexcept {}

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHuge) return static_cast<T*>(::operator new(bytes));
    void* p = ::mmap(nullptr, round_up(bytes), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                     -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    ::madvise(p, round_up(bytes), MADV_HUGEPAGE);
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) noexcept {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHuge)
      ::operator delete(p);
    else
      ::munmap(p, round_up(bytes));
  }
  // Default-initialize on resize(n); value-initialize only when a value is given.
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  template <class U>
  bool operator==(const BigAllocator<U>&) const noexcept {
    return true;
  }

 private:
  static constexpr size_t kHuge = size_t{2} << 20;
  static size_t round_up(size_t bytes) { return (bytes + kHuge - 1) & ~(kHuge - 1); }
};

template <class T>
using BigVector = std::vector<T, BigAllocator<T>>;

}  // namespace normgraph::detail
