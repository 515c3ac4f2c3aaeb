// An allocator for large, randomly probed tables (duplicate-id set, Registration Data index): it
// asks for transparent huge pages, which cut the TLB misses that dominated those lookups in
// evaluate's profile (docs/design.md). Small allocations behave like std::allocator.
#pragma once

#include <sys/mman.h>

#include <cstdlib>
#include <new>
#include <utility>

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

// A fixed-size array of zeros straight from the kernel (an anonymous mapping, with huge pages
// asked for): nothing is written until used, so a 256 MiB table that fills up costs one zeroing
// of each page (by the kernel, on first touch), not a second one by value-initialisation.
// For trivially copyable T whose all-zero bytes mean "empty".
template <typename T>
class ZeroedArray {
 public:
  ZeroedArray() = default;
  explicit ZeroedArray(size_t n) : n_(n) {
    if (n == 0) return;
    bytes_ = n * sizeof(T);
    void* p = ::mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    ::madvise(p, bytes_, MADV_HUGEPAGE);  // a hint; failure only costs speed
    data_ = static_cast<T*>(p);
  }
  ~ZeroedArray() { Release(); }
  ZeroedArray(ZeroedArray&& o) noexcept { *this = std::move(o); }
  ZeroedArray& operator=(ZeroedArray&& o) noexcept {
    if (this != &o) {
      Release();
      data_ = o.data_;
      n_ = o.n_;
      bytes_ = o.bytes_;
      o.data_ = nullptr;
      o.n_ = o.bytes_ = 0;
    }
    return *this;
  }
  ZeroedArray(const ZeroedArray&) = delete;
  ZeroedArray& operator=(const ZeroedArray&) = delete;

  size_t size() const { return n_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T* begin() { return data_; }
  T* end() { return data_ + n_; }

 private:
  void Release() {
    if (data_) ::munmap(data_, bytes_);
    data_ = nullptr;
  }
  T* data_ = nullptr;
  size_t n_ = 0, bytes_ = 0;
};

}  // namespace s1mig
