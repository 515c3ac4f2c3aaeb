// The batch loop: read, validate (with the duplicate-id rule), gather facts, decide per variant.
#include "engine/estate_evaluator.h"

#include "io/table_schema.h"

namespace s1mig::engine {

const io::TableSchema& InventorySchema() {
  static const io::TableSchema kSchema{ColumnNames(), {}};
  return kSchema;
}

Result<EstateRunResult> RunEstate(const EstateRunOptions& opt, const ReferenceIndex& ref, Diagnostics* diags,
                                  const std::function<Status(const EvaluatedBatch&)>& sink) {
  S1MIG_ASSIGN_OR_RETURN(auto reader, io::OpenTable(opt.inventory_path, opt.display_name, InventorySchema(), diags, opt.csv));
  const size_t header_fields = reader->header().size();
  DuplicateIds seen;
  io::RowBatch batch;
  EvaluatedBatch out;
  out.rows = &batch;
  out.decisions.resize(opt.variants.size());
  EstateRunResult result;
  RowFacts facts;
  while (reader->NextBatch(&batch)) {
    const size_t n = batch.rows();
    out.installations.resize(n);
    out.invalid_bits.assign(n, 0);
    for (auto& d : out.decisions) d.resize(n);
    for (size_t r = 0; r < n; ++r) {
      if (batch.field_counts[r] != header_fields) {
        io::AddRowError(diags, opt.display_name, batch.lines[r], "",
                        "the row has " + std::to_string(batch.field_counts[r]) + " fields but the header has " +
                            std::to_string(header_fields) + (batch.field_counts[r] < header_fields ? "; the missing ones are taken as empty" : "; the extra ones are ignored"));
      }
      Installation& inst = out.installations[r];
      uint32_t bits = ValidateRow(batch, r, PreciseInstant{opt.as_of, opt.as_of_nanos}, opt.validation, &inst, opt.display_name, diags);
      // DATA.md: an installation_id that repeats an earlier row's is INVALID; the first stays valid.
      std::string_view id = batch.field(r, static_cast<size_t>(Column::kInstallationId));
      if (!id.empty() && seen.SeenBefore(id)) {
        bits |= 1u << static_cast<unsigned>(Column::kInstallationId);
        io::AddRowError(diags, opt.display_name, batch.lines[r], "installation_id",
                        "installation_id '" + std::string(id.substr(0, 60)) + "' repeats an earlier row's");
      }
      out.invalid_bits[r] = bits;
      if (bits) {
        for (auto& d : out.decisions) d[r] = Decision{Outcome::kInvalid, DisplayClass::kNone, bits};
        continue;
      }
      GatherFacts(inst, ref, PreciseInstant{opt.as_of, opt.as_of_nanos}, &facts);
      for (size_t v = 0; v < opt.variants.size(); ++v) out.decisions[v][r] = Decide(inst, facts, *opt.variants[v]);
    }
    S1MIG_RETURN_IF_ERROR(sink(out));
    out.first_row += static_cast<int64_t>(n);
    if (opt.progress) opt.progress(out.first_row, reader->bytes_read());
  }
  S1MIG_RETURN_IF_ERROR(reader->status());
  result.rows = out.first_row;
  result.inventory_sha256 = reader->Sha256Hex();
  result.inventory_bytes = reader->bytes_read();
  return result;
}

}  // namespace s1mig::engine
