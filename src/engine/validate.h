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

// Remembers every installation_id seen, to find repeats in one pass. Not thread-safe. A slot is
// 8 bytes (24 bits of the hash and where the id sits in the arena), so 13M ids take 256 MiB of
// table at most half full, plus the ids themselves.
class DuplicateIds {
 public:
  DuplicateIds();
  static uint64_t Hash(std::string_view id);
  // Makes room for `ids` ids in all, so the table need not grow (and rehash) on the way.
  void Reserve(size_t ids, size_t bytes_per_id = 16);
  // Starts loading the slot for `hash` (call a few rows ahead of SeenBefore).
  void Prefetch(uint64_t hash) const { __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]); }
  // True when `id` (whose Hash is `hash`) was seen before; otherwise remembers it.
  bool SeenBefore(std::string_view id, uint64_t hash);
  bool SeenBefore(std::string_view id) { return SeenBefore(id, Hash(id)); }
  size_t size() const { return count_; }

 private:
  static constexpr int kRefBits = 40;  // arena offsets below 1 TiB (100M rows of 64 KiB ids is 6 GiB)
  static uint64_t Tag(uint64_t hash) { return hash >> kRefBits; }
  std::string_view IdAt(uint64_t slot) const;
  void Rehash(size_t slots);
  ZeroedArray<uint64_t> slots_;  // 0 = empty; else tag << 40 | (ref + 1)
  std::string arena_;  // ids, each as a 4-byte length and the bytes
  size_t count_ = 0;
};

}  // namespace s1mig::engine
