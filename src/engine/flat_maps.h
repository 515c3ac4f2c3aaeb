// Flat lookup tables for the engine's per-row lookups (Registration Data by MPRN, DMC parts by
// model and firmware). std::unordered_map's node chasing and std::hash were ~20% of
// evaluate's profile; these keep keys in flat arrays (docs/design.md). Build once, then read from
// any number of threads.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/hash.h"
#include "base/huge_page_allocator.h"
#include "model/reference_data.h"

namespace s1mig::engine {

// Registration Data by MprnKey, looked up in ReferenceData::registration itself (sorted by key)
// through a table of where each slice of the key range starts: one probe into the table, then a
// search over the few entries of that slice. It replaced a hash table whose 268 MB of slots took
// 0.9 s to zero and fill at 13M installations (docs/design.md). Skewed keys only make the search
// longer (binary, so at worst logarithmic), never wrong.
class SortedKeyIndex {
 public:
  using RegistrationTable = std::vector<Registration, HugePageAllocator<Registration>>;
  // REQUIRES: `entries` outlives the index. They are used in place when sorted by key (as the
  // reader leaves them); otherwise a sorted copy is kept (the first of a repeated key counts).
  void Build(const RegistrationTable* entries) {
    entries_ = entries;
    starts_.clear();
    for (size_t i = 1; i < entries->size(); ++i) {
      if ((*entries)[i - 1].mprn >= (*entries)[i].mprn) {
        own_ = *entries;
        std::stable_sort(own_.begin(), own_.end(), [](const Registration& a, const Registration& b) { return a.mprn < b.mprn; });
        own_.erase(std::unique(own_.begin(), own_.end(), [](const Registration& a, const Registration& b) { return a.mprn == b.mprn; }), own_.end());
        entries = entries_ = &own_;
        break;
      }
    }
    const size_t n = entries->size();
    if (n == 0) return;
    min_ = entries->front().mprn;
    const uint64_t span = entries->back().mprn - min_;
    size_t buckets = 1;
    while (buckets < n / 2) buckets <<= 1;
    shift_ = 0;
    while ((span >> shift_) >= buckets) ++shift_;
    starts_.resize((span >> shift_) + 2);
    size_t b = 0;
    for (size_t i = 0; i < n; ++i) {
      const size_t to = static_cast<size_t>(((*entries)[i].mprn - min_) >> shift_);
      while (b <= to) starts_[b++] = static_cast<uint32_t>(i);
    }
    while (b < starts_.size()) starts_[b++] = static_cast<uint32_t>(n);
  }
  // The party, or -1.
  int32_t Find(uint64_t key) const {
    if (starts_.empty() || key < min_) return -1;
    const uint64_t b = (key - min_) >> shift_;
    if (b + 1 >= starts_.size()) return -1;
    const Registration* lo = entries_->data() + starts_[b];
    const Registration* hi = entries_->data() + starts_[b + 1];
    while (hi - lo > 4) {
      const Registration* mid = lo + (hi - lo) / 2;
      if (mid->mprn <= key) lo = mid; else hi = mid;
    }
    for (; lo < hi; ++lo)
      if (lo->mprn == key) return static_cast<int32_t>(lo->party);
    return -1;
  }

 private:
  const RegistrationTable* entries_ = nullptr;
  RegistrationTable own_;  // a sorted copy, only when the entries were not sorted
  std::vector<uint32_t, HugePageAllocator<uint32_t>> starts_;  // starts_[b]: first entry whose (key - min_) >> shift_ >= b
  uint64_t min_ = 0;
  int shift_ = 0;
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
