// An allocator for large, randomly probed tables (duplicate-id set, Registration Data index): it
// asks for transparent huge pages, which cut the TLB misses that dominated those lookups in
// evaluate's profile (docs/design.md). Small allocations behave like std::allocator.
#pragma once

#include <sys/mman.h>

#include <cstdlib>
#include <new>

namespace s1mig {

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT

  static constexpr size_t kHuge = 2u << 20;

  T* allocate(size_t n) {
    size_t bytes = n * sizeof(T);
    if (bytes < 2 * kHuge) {
      void* p = std::malloc(bytes ? bytes : 1);
      if (!p) throw std::bad_alloc();
      return static_cast<T*>(p);
    }
    size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
    void* p = std::aligned_alloc(kHuge, rounded);
    if (!p) throw std::bad_alloc();
    ::madvise(p, rounded, MADV_HUGEPAGE);  // a hint; failure only costs speed
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t) { std::free(p); }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
};

}  // namespace s1mig
