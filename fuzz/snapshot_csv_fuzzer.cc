// libFuzzer target: a snapshot CSV file (inventory.csv through reading, validation and the checks
// under two rule variants; or one of the five reference files through its reader).
//
// Input layout: byte 0 chooses the file (and whether fields and whitelists get tiny limits),
// byte 1 the reader's block size; the rest is the file. Properties checked besides "no crash":
//  - the reader gives the same rows, lines, field counts and status for any block size (after an
//    error, the same error);
//  - every inventory row gets exactly one decision per variant, and an INVALID decision carries
//    column bits, a BLOCKED one reason bits, an ELIGIBLE one none;
//  - an installation_id written by AppendCsvField (as decisions.csv does) reads back unchanged.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/estate_evaluator.h"
#include "fuzz/fuzz_support.h"
#include "io/csv_reader.h"
#include "io/reference_reader.h"

namespace s1mig::fuzz {
namespace {

struct ReadAll {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int64_t> lines;
  std::vector<uint32_t> counts;
  bool open_ok = false;
  bool ok = false;
  std::string message;
  std::string sha;
};

// Every row, through NextBatch or (chunked) NextChunk + ParseChunk as the estate pipeline reads.
ReadAll ReadEverything(const std::string& path, io::CsvLimits limits, bool chunked = false) {
  ReadAll out;
  auto reader = io::CsvReader::Open(path, "f.csv", limits);
  if (!reader.ok()) {
    out.message = reader.status().message();
    return out;
  }
  out.open_ok = true;
  auto& r = **reader;
  out.header = r.header();
  r.Select(out.header);
  io::RowBatch batch;
  io::CsvChunk chunk;
  Status parsed;
  auto next = [&]() -> bool {
    if (!chunked) return r.NextBatch(&batch);
    if (!r.NextChunk(&chunk)) return false;
    parsed = r.ParseChunk(chunk, &batch);
    return parsed.ok();
  };
  while (next()) {
    S1MIG_FUZZ_CHECK(chunked || batch.rows() > 0);
    for (size_t i = 0; i < batch.rows(); ++i) {
      std::vector<std::string> row;
      for (size_t c = 0; c < batch.num_columns; ++c) row.emplace_back(batch.field(i, c));
      out.rows.push_back(std::move(row));
      out.lines.push_back(batch.lines[i]);
      out.counts.push_back(batch.field_counts[i]);
    }
  }
  const Status& status = parsed.ok() ? r.status() : parsed;
  out.ok = status.ok();
  out.message = status.message();
  if (out.ok) out.sha = r.Sha256Hex();
  return out;
}

void SameRead(const ReadAll& a, const ReadAll& b) {
  S1MIG_FUZZ_CHECK(a.open_ok == b.open_ok);
  S1MIG_FUZZ_CHECK(a.header == b.header);
  S1MIG_FUZZ_CHECK(a.ok == b.ok);
  S1MIG_FUZZ_CHECK(a.message == b.message);
  // After an error the rows already handed out depend on where batches ended; the run stops
  // with the error either way, so only the error has to agree.
  if (!a.ok) return;
  S1MIG_FUZZ_CHECK(a.rows == b.rows);
  S1MIG_FUZZ_CHECK(a.lines == b.lines);
  S1MIG_FUZZ_CHECK(a.counts == b.counts);
  S1MIG_FUZZ_CHECK(a.sha == b.sha);
}

// decisions.csv writes installation_id with AppendCsvField; reading it back must give it unchanged.
void CsvFieldRoundTrip(MemFile* file, std::string_view id) {
  std::string text = "installation_id,outcome\n";
  io::AppendCsvField(&text, id);
  text += ",X\n";
  file->Set(text);
  io::CsvLimits limits;
  limits.block_bytes = 4096;
  limits.max_record_bytes = 1 << 16;
  ReadAll back = ReadEverything(file->path(), limits);
  S1MIG_FUZZ_CHECK(back.ok && back.rows.size() == 1);
  S1MIG_FUZZ_CHECK(back.rows[0][0] == id);
}

void RunInventory(MemFile* file, MemFile* scratch, const io::CsvLimits& csv, bool tiny_limits, int threads) {
  const Fixture& fx = GetFixture();
  engine::EstateRunOptions run;
  run.inventory_path = file->path();
  run.as_of = fx.as_of.micros;
  run.as_of_nanos = fx.as_of.nanos;
  run.threads = threads;
  run.csv = csv;
  run.variants = {&fx.none, &fx.all};
  if (tiny_limits) {
    run.validation.max_field_bytes = 40;
    run.validation.max_whitelist_entries = 2;
  }
  Diagnostics diags;
  int64_t decided = 0;
  std::vector<std::string> ids;
  auto sink = [&](const engine::EvaluatedBatch& b) -> Status {
    const size_t n = b.rows->rows();
    S1MIG_FUZZ_CHECK(b.decisions.size() == 2);
    for (const auto& variant : b.decisions) S1MIG_FUZZ_CHECK(variant.size() == n);
    S1MIG_FUZZ_CHECK(b.first_row == decided);
    for (size_t r = 0; r < n; ++r) {
      for (const auto& variant : b.decisions) {
        const engine::Decision& d = variant[r];
        if (d.outcome == engine::Outcome::kEligible) S1MIG_FUZZ_CHECK(d.bits == 0);
        else S1MIG_FUZZ_CHECK(d.bits != 0);
        S1MIG_FUZZ_CHECK((d.outcome == engine::Outcome::kInvalid) == (b.invalid_bits[r] != 0));
      }
      std::string reasons;
      engine::AppendReasons(b.decisions[1][r], fx.all.reason_codes(), &reasons);
      if (ids.size() < 2) ids.emplace_back(b.rows->field(r, 0));
    }
    decided += static_cast<int64_t>(n);
    return Status::Ok();
  };
  auto result = engine::RunEstate(run, *fx.index, &diags, sink);
  if (result.ok()) S1MIG_FUZZ_CHECK(result->rows == decided);
  for (const auto& id : ids) CsvFieldRoundTrip(scratch, id);
}

void RunReference(int which, const std::string& path) {
  Diagnostics diags;
  ReferenceData ref;
  std::vector<EpclEntry> epcl;
  std::vector<PpmidAssessment> assessments;
  std::vector<IgtRange> ranges;
  Status s;
  switch (which) {
    case 0: s = io::ReadEpcl(path, &epcl, &diags); break;
    case 1: s = io::ReadAssessments(path, &assessments, &diags); break;
    case 2: s = io::ReadCertificates(path, &ref, &diags); break;
    case 3: s = io::ReadRegistration(path, &ref, &diags); break;
    default: s = io::ReadIgtRanges(path, &ranges, &diags); break;
  }
  if (!s.ok()) return;
  // What was accepted must index and answer lookups.
  ref.epcl = std::move(epcl);
  ref.assessments = std::move(assessments);
  ref.igt_ranges = std::move(ranges);
  const Fixture& fx = GetFixture();
  engine::ReferenceIndex index(ref, LondonDate(fx.as_of.micros));
  for (const auto& e : ref.epcl) {
    int32_t ids[kDeviceSlots];
    for (int i = 0; i < kDeviceSlots; ++i) ids[i] = index.ModelFirmwareId(e.model[i], e.fw[i]);
    (void)index.OnEpcl(ids);
    (void)index.MatchingEntry(ids);
  }
  for (const auto& r : ref.igt_ranges) {
    (void)index.IgtFor(r.first_mprn);
    (void)index.IgtFor(r.last_mprn);
  }
  for (const auto& reg : ref.registration) (void)index.RegisteredTransporter(reg.mprn);
}

}  // namespace
}  // namespace s1mig::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace s1mig::fuzz;
  static MemFile* file = new MemFile("fuzz_csv");
  static MemFile* scratch = new MemFile("fuzz_csv_roundtrip");
  if (size < 2) return 0;
  const uint8_t mode = data[0];
  const size_t block = 1 + data[1] % 64;
  std::string_view text(reinterpret_cast<const char*>(data) + 2, size - 2);
  file->Set(text);

  // The reader alone: the same result whatever the block size. Blocks and records are kept to
  // 64 KiB (inputs are smaller) because the default 4 MiB blocks make each input 100x slower.
  s1mig::io::CsvLimits big, small;
  big.block_bytes = big.max_record_bytes = small.max_record_bytes = 1 << 16;
  small.block_bytes = block;
  ReadAll reference = ReadEverything(file->path(), big);
  SameRead(reference, ReadEverything(file->path(), small));
  SameRead(reference, ReadEverything(file->path(), small, /*chunked=*/true));

  int which = mode % 8;
  if (which < 3) {
    RunInventory(file, scratch, (mode & 0x80) ? small : big, (mode & 0x40) != 0, (mode & 0x20) ? 2 : 1);
  } else {
    RunReference(which - 3, file->path());
  }
  return 0;
}
