// Validation of inventory rows (DATA.md "Validation: what makes a row INVALID").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/huge_page_allocator.h"
#include "engine/installation.h"
#include "io/csv_reader.h"

namespace s1mig::engine {

struct ValidationLimits {
  size_t max_field_bytes = 64 * 1024;   // any one field
  size_t max_whitelist_entries = 1024;  // CHF Whitelist entries
};

// Parses row `r` of `batch` (columns in Column order) into *out. Returns the bits of the invalid
// columns (0 when valid). When `diags` is not null, adds one diagnostic per problem, naming
// `file` and the row's line. The installation_id duplicate rule is not checked here (it needs
// every earlier row): see DuplicateIds.
uint32_t ValidateRow(const io::RowBatch& batch, size_t r, PreciseInstant as_of, const ValidationLimits& limits,
                     Installation* out, const std::string& file, Diagnostics* diags);

// Remembers every installation_id seen, to find repeats in one pass. Not thread-safe.
class DuplicateIds {
 public:
  DuplicateIds();
  static uint64_t Hash(std::string_view id);
  // Starts loading the slot for `hash` (call a few rows ahead of SeenBefore).
  void Prefetch(uint64_t hash) const { __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]); }
  // True when `id` (whose Hash is `hash`) was seen before; otherwise remembers it.
  bool SeenBefore(std::string_view id, uint64_t hash);
  bool SeenBefore(std::string_view id) { return SeenBefore(id, Hash(id)); }
  size_t size() const { return count_; }

 private:
  struct Slot {
    uint64_t hash;  // 0 = empty
    uint64_t ref;   // offset into arena_
  };
  void Grow();
  std::vector<Slot, HugePageAllocator<Slot>> slots_;
  std::string arena_;  // ids, each as a 4-byte length and the bytes
  size_t count_ = 0;
};

}  // namespace s1mig::engine
