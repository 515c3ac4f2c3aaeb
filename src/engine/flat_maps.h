// Open-addressing hash tables for the engine's per-row lookups (Registration Data by MPRN, DMC
// parts by model and firmware). std::unordered_map's node chasing and std::hash were ~20% of
// evaluate's profile; these keep keys in flat arrays (docs/design.md). Build once, then read from
// any number of threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/hash.h"
#include "base/huge_page_allocator.h"

namespace s1mig::engine {

// uint64 key -> int32 value. Keys must not be ~0ull.
class FlatU64Map {
 public:
  void Reserve(size_t n) {
    size_t cap = 16;
    while (cap < n * 2) cap <<= 1;
    slots_.assign(cap, Slot{kEmpty, 0});
    size_ = 0;
  }
  // Inserts unless present; returns false when the key was already there.
  bool Insert(uint64_t key, int32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    size_t mask = slots_.size() - 1;
    for (size_t p = Mix64(key) & mask;; p = (p + 1) & mask) {
      if (slots_[p].key == key) return false;
      if (slots_[p].key == kEmpty) {
        slots_[p] = Slot{key, value};
        ++size_;
        return true;
      }
    }
  }
  // The value, or -1.
  int32_t Find(uint64_t key) const {
    if (slots_.empty()) return -1;
    size_t mask = slots_.size() - 1;
    for (size_t p = Mix64(key) & mask;; p = (p + 1) & mask) {
      if (slots_[p].key == key) return slots_[p].value;
      if (slots_[p].key == kEmpty) return -1;
    }
  }
  // Starts loading the slot `key` would probe first (call a few rows ahead of Find).
  void Prefetch(uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Mix64(key) & (slots_.size() - 1)]);
  }

 private:
  static constexpr uint64_t kEmpty = ~0ull;
  struct Slot {
    uint64_t key;
    int32_t value;
  };
  void Grow() {
    std::vector<Slot, HugePageAllocator<Slot>> old;
    old.swap(slots_);
    Reserve(old.empty() ? 8 : old.size());
    for (const Slot& s : old)
      if (s.key != kEmpty) Insert(s.key, s.value);
  }
  std::vector<Slot, HugePageAllocator<Slot>> slots_;
  size_t size_ = 0;
};

// (string, string) -> int32 id, looked up from views without building a key.
class StringPairIds {
 public:
  // Returns the pair's id, adding it with `next_id` when new.
  int32_t Intern(std::string_view a, std::string_view b, int32_t next_id) {
    int32_t found = Find(a, b);
    if (found >= 0) return found;
    if ((entries_.size() + 1) * 2 > slots_.size()) Rehash(slots_.empty() ? 64 : slots_.size() * 2);
    entries_.push_back(Entry{std::string(a), std::string(b), next_id, Hash(a, b)});
    Place(static_cast<int32_t>(entries_.size() - 1));
    return next_id;
  }
  int32_t Find(std::string_view a, std::string_view b) const {
    if (slots_.empty()) return -1;
    uint64_t h = Hash(a, b);
    size_t mask = slots_.size() - 1;
    for (size_t p = h & mask;; p = (p + 1) & mask) {
      int32_t e = slots_[p];
      if (e < 0) return -1;
      const Entry& en = entries_[e];
      if (en.hash == h && en.a == a && en.b == b) return en.id;
    }
  }
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string a, b;
    int32_t id;
    uint64_t hash;
  };
  static uint64_t Hash(std::string_view a, std::string_view b) { return HashBytes(b, HashBytes(a)); }
  void Place(int32_t e) {
    size_t mask = slots_.size() - 1;
    for (size_t p = entries_[e].hash & mask;; p = (p + 1) & mask)
      if (slots_[p] < 0) {
        slots_[p] = e;
        return;
      }
  }
  void Rehash(size_t cap) {
    slots_.assign(cap, -1);
    for (size_t e = 0; e < entries_.size(); ++e) Place(static_cast<int32_t>(e));
  }
  std::vector<Entry> entries_;
  std::vector<int32_t> slots_;
};

}  // namespace s1mig::engine
