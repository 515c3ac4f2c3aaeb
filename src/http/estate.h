// The snapshot's inventory held in memory for `s1mig serve`: every row's fields packed into one
// arena, an installation_id index, each row's suppliers (for access control) and the
// duplicate-id rule applied once at load. Rows are decided on demand, at any as_of, with the
// engine's own validation and checks.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/diagnostic.h"
#include "base/status.h"
#include "base/time.h"
#include "engine/installation.h"
#include "engine/reference_index.h"
#include "pipeline/outcome_counts.h"
#include "rules/compiled_rules.h"

namespace s1mig::http {

// Immutable after Load; safe to share between threads.
class Estate {
 public:
  // Reads inventory.csv (DATA.md; the same reader and required columns as `evaluate`). Errors:
  // the file cannot be read, a required column is missing, a record is too long. Warnings
  // (unknown columns, field-count mismatches) go to *diags.
  static Result<std::shared_ptr<const Estate>> Load(const std::string& inventory_path, Diagnostics* diags);

  size_t rows() const { return offsets_.size(); }
  const std::string& sha256() const { return sha256_; }

  // The row of the first installation with this id (the one with its own outcome; later rows
  // with the same id are INVALID), or nullopt.
  std::optional<size_t> Find(std::string_view installation_id) const;

  // The row's fields in engine::Column order; views into the arena.
  void Fields(size_t row, std::string_view out[engine::kNumColumns]) const;
  int64_t line(size_t row) const { return lines_[row]; }
  bool duplicate(size_t row) const { return duplicate_[row] != 0; }

  // Interned supplier party of each row (-1 for none), and the index of a party (-1 unknown).
  int32_t elec_supplier(size_t row) const { return elec_[row]; }
  int32_t gas_supplier(size_t row) const { return gas_[row]; }
  int32_t PartyIndex(std::string_view party) const;

  // Decides rows [begin, end) as `evaluate` would (validation, duplicate ids, checks) and adds
  // them to *counts: every row when `party` is nullopt, otherwise only the rows whose elec or
  // gas supplier is that party index (none when it is negative).
  void Count(size_t begin, size_t end, PreciseInstant as_of, const engine::ReferenceIndex& ref,
             const rules::CompiledRules& rules, std::optional<int32_t> party,
             pipeline::OutcomeCounts* counts) const;

 private:
  std::string arena_;              // per row: 27 fields, each a varint length then its bytes
  std::vector<uint64_t> offsets_;  // row -> arena offset
  std::vector<int64_t> lines_;     // row -> physical line in inventory.csv
  std::vector<uint8_t> duplicate_;
  std::vector<int32_t> elec_, gas_;
  std::unordered_map<std::string, int32_t> party_index_;
  std::vector<std::pair<uint64_t, uint32_t>> id_index_;  // (hash of id, first row), sorted
  std::string sha256_;
};

}  // namespace s1mig::http
