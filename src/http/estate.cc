// The in-memory inventory: packing rows at load, the id index, and counting decisions.
#include "http/estate.h"

#include <sys/stat.h>

#include <algorithm>

#include "engine/estate_evaluator.h"
#include "engine/evaluate.h"
#include "engine/validate.h"
#include "io/table_schema.h"

namespace s1mig::http {
namespace {

constexpr size_t kIdColumn = static_cast<size_t>(engine::Column::kInstallationId);

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

uint64_t GetVarint(const char** p) {
  uint64_t v = 0;
  int shift = 0;
  for (;;) {
    uint8_t b = static_cast<uint8_t>(*(*p)++);
    v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return v;
    shift += 7;
  }
}

}  // namespace

Result<std::shared_ptr<const Estate>> Estate::Load(const std::string& inventory_path, Diagnostics* diags) {
  S1MIG_ASSIGN_OR_RETURN(auto reader, io::OpenTable(inventory_path, "inventory.csv", engine::InventorySchema(), diags));
  auto estate = std::make_shared<Estate>();
  Estate& e = *estate;
  struct stat st;
  if (::stat(inventory_path.c_str(), &st) == 0) e.arena_.reserve(static_cast<size_t>(st.st_size) + (1 << 20));
  engine::DuplicateIds seen;
  auto intern = [&e](std::string_view party) -> int32_t {
    if (party.empty()) return -1;
    auto [it, added] = e.party_index_.try_emplace(std::string(party), static_cast<int32_t>(e.party_index_.size()));
    return it->second;
  };
  io::RowBatch batch;
  while (reader->NextBatch(&batch)) {
    for (size_t r = 0; r < batch.rows(); ++r) {
      const size_t row = e.offsets_.size();
      e.offsets_.push_back(e.arena_.size());
      for (size_t c = 0; c < engine::kNumColumns; ++c) {
        std::string_view f = batch.field(r, c);
        PutVarint(&e.arena_, f.size());
        e.arena_.append(f);
      }
      e.lines_.push_back(batch.lines[r]);
      std::string_view id = batch.field(r, kIdColumn);
      uint64_t hash = engine::DuplicateIds::Hash(id);
      bool dup = !id.empty() && seen.SeenBefore(id, hash);
      e.duplicate_.push_back(dup ? 1 : 0);
      if (!id.empty() && !dup) e.id_index_.emplace_back(hash, static_cast<uint32_t>(row));
      e.elec_.push_back(intern(batch.field(r, static_cast<size_t>(engine::Column::kElecSupplier))));
      e.gas_.push_back(intern(batch.field(r, static_cast<size_t>(engine::Column::kGasSupplier))));
    }
  }
  S1MIG_RETURN_IF_ERROR(reader->status());
  if (e.offsets_.size() > UINT32_MAX) return OutOfRange(inventory_path + ": too many rows to serve");
  e.sha256_ = reader->Sha256Hex();
  std::sort(e.id_index_.begin(), e.id_index_.end());
  return std::shared_ptr<const Estate>(std::move(estate));
}

std::optional<size_t> Estate::Find(std::string_view id) const {
  if (id.empty()) return std::nullopt;
  const uint64_t hash = engine::DuplicateIds::Hash(id);
  auto it = std::lower_bound(id_index_.begin(), id_index_.end(), std::make_pair(hash, uint32_t{0}));
  std::string_view fields[engine::kNumColumns];
  for (; it != id_index_.end() && it->first == hash; ++it) {
    Fields(it->second, fields);
    if (fields[kIdColumn] == id) return it->second;
  }
  return std::nullopt;
}

void Estate::Fields(size_t row, std::string_view out[engine::kNumColumns]) const {
  const char* p = arena_.data() + offsets_[row];
  for (int c = 0; c < engine::kNumColumns; ++c) {
    uint64_t len = GetVarint(&p);
    out[c] = std::string_view(p, len);
    p += len;
  }
}

int32_t Estate::PartyIndex(std::string_view party) const {
  auto it = party_index_.find(std::string(party));
  return it == party_index_.end() ? -1 : it->second;
}

void Estate::Count(size_t begin, size_t end, PreciseInstant as_of, const engine::ReferenceIndex& ref,
                   const rules::CompiledRules& rules, std::optional<int32_t> party,
                   pipeline::OutcomeCounts* counts) const {
  if (party && *party < 0) return;
  end = std::min(end, rows());
  constexpr size_t kBatch = 1024;
  io::RowBatch batch;
  batch.num_columns = engine::kNumColumns;
  const engine::ValidationLimits limits;
  engine::Installation inst;
  engine::RowFacts facts;
  std::string_view fields[engine::kNumColumns];
  for (size_t first = begin; first < end; first += kBatch) {
    const size_t last = std::min(end, first + kBatch);
    batch.fields.clear();
    batch.lines.clear();
    batch.field_counts.clear();
    std::vector<size_t> rows_in_batch;
    for (size_t row = first; row < last; ++row) {
      if (party && elec_[row] != *party && gas_[row] != *party) continue;
      Fields(row, fields);
      batch.fields.insert(batch.fields.end(), fields, fields + engine::kNumColumns);
      batch.lines.push_back(lines_[row]);
      batch.field_counts.push_back(engine::kNumColumns);
      rows_in_batch.push_back(row);
    }
    for (size_t r = 0; r < rows_in_batch.size(); ++r) {
      inst = engine::Installation{};
      uint32_t bits = engine::ValidateRow(batch, r, as_of, limits, &inst, "inventory.csv", nullptr);
      if (duplicate_[rows_in_batch[r]]) bits |= 1u << static_cast<unsigned>(engine::Column::kInstallationId);
      engine::Decision d;
      if (bits) {
        d = engine::Decision{engine::Outcome::kInvalid, engine::DisplayClass::kNone, bits};
      } else {
        engine::GatherFacts(inst, ref, as_of, &facts);
        d = engine::Decide(inst, facts, rules);
      }
      counts->Add(d, pipeline::CohortIndexOf(inst));
    }
  }
}

}  // namespace s1mig::http
