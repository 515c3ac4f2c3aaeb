// Readers for the five reference files of a snapshot. Malformed rows become diagnostics and are
// skipped; only an unreadable file stops the run.
#include "io/reference_reader.h"

#include <sys/stat.h>

#include <algorithm>

#include "base/ids.h"
#include "base/text.h"
#include "io/chunk_prefetcher.h"
#include "io/table_schema.h"

namespace s1mig::io {
namespace {

std::string Quote(std::string_view v) { return "'" + std::string(Utf8Prefix(v, 80)) + "'"; }

// Runs `row_fn(batch, row)` over every row of the table.
template <typename RowFn>
Status ForEachRow(const std::string& path, const std::string& name, const TableSchema& schema,
                  Diagnostics* diags, RowFn row_fn, std::string* sha256 = nullptr) {
  S1MIG_ASSIGN_OR_RETURN(auto reader, OpenTable(path, name, schema, diags));
  RowBatch batch;
  CsvChunk chunk;
  int64_t rows = 0;
  {
    ChunkPrefetcher chunks(reader.get());  // reads and hashes ahead while this thread parses
    while (chunks.Next(&chunk)) {
      S1MIG_RETURN_IF_ERROR(reader->ParseChunk(chunk, &batch));
      S1MIG_RETURN_IF_ERROR(CheckRowLimit(reader->name(), reader->limits(), rows, batch));
      rows += static_cast<int64_t>(batch.rows());
      for (size_t r = 0; r < batch.rows(); ++r) row_fn(batch, r);
    }
  }
  S1MIG_RETURN_IF_ERROR(reader->status());
  if (sha256) *sha256 = reader->Sha256Hex();
  return Status::Ok();
}

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

const char* const kSlotNames[kDeviceSlots] = {"chf", "esme", "gsme", "gpf", "ppmid"};

Status ReadEpclImpl(const std::string& path, std::vector<EpclEntry>* out, Diagnostics* diags,
                    std::string* sha) {
  const std::string name = BaseName(path);
  TableSchema schema;
  schema.required = {"entry_id"};
  for (const char* slot : kSlotNames) {
    schema.required.push_back(std::string(slot) + "_model");
    schema.required.push_back(std::string(slot) + "_fw");
  }
  schema.required.push_back("basis");
  schema.required.push_back("listed_on");
  return ForEachRow(path, name, schema, diags, [&](const RowBatch& b, size_t r) {
    int64_t line = b.lines[r];
    EpclEntry e;
    e.entry_id = std::string(b.field(r, 0));
    for (int s = 0; s < kDeviceSlots; ++s) {
      e.model[s] = std::string(b.field(r, 1 + 2 * s));
      e.fw[s] = std::string(b.field(r, 2 + 2 * s));
      if (e.model[s].empty() != e.fw[s].empty())
        AddRowError(diags, name, line, std::string(kSlotNames[s]) + (e.model[s].empty() ? "_model" : "_fw"),
                    "model and firmware must both be given or both be empty; this entry can match no installation");
    }
    std::string_view basis = b.field(r, 11);
    if (basis == "TESTED") {
      e.basis = EpclBasis::kTested;
    } else if (basis == "SUBSTANTIVE_EQUIVALENCE") {
      e.basis = EpclBasis::kSubstantiveEquivalence;
    } else {
      AddRowError(diags, name, line, "basis", "unknown basis " + Quote(basis) + " (TESTED or SUBSTANTIVE_EQUIVALENCE); entry kept");
    }
    auto listed = ParseDate(b.field(r, 12));
    if (!listed) {
      AddRowError(diags, name, line, "listed_on", "not a date (YYYY-MM-DD): " + Quote(b.field(r, 12)) + "; entry skipped");
      return;
    }
    e.listed_on = *listed;
    out->push_back(std::move(e));
  }, sha);
}

Status ReadAssessmentsImpl(const std::string& path, std::vector<PpmidAssessment>* out,
                           Diagnostics* diags, std::string* sha) {
  const std::string name = BaseName(path);
  TableSchema schema{{"ppmid_model", "ppmid_fw", "epcl_data", "assessed_on"}, {}};
  return ForEachRow(path, name, schema, diags, [&](const RowBatch& b, size_t r) {
    int64_t line = b.lines[r];
    PpmidAssessment a;
    a.model = std::string(b.field(r, 0));
    a.fw = std::string(b.field(r, 1));
    if (a.model.empty() || a.fw.empty()) {
      AddRowError(diags, name, line, a.model.empty() ? "ppmid_model" : "ppmid_fw", "empty; assessment skipped");
      return;
    }
    std::string_view data = b.field(r, 2);
    if (data == "OBTAINED") {
      a.epcl_data = EpclData::kObtained;
    } else if (data == "UNOBTAINABLE") {
      a.epcl_data = EpclData::kUnobtainable;
    } else {
      AddRowError(diags, name, line, "epcl_data", "must be OBTAINED or UNOBTAINABLE, not " + Quote(data) + "; assessment skipped");
      return;
    }
    auto on = ParseDate(b.field(r, 3));
    if (!on) {
      AddRowError(diags, name, line, "assessed_on", "not a date (YYYY-MM-DD): " + Quote(b.field(r, 3)) + "; assessment skipped");
      return;
    }
    a.assessed_on = *on;
    out->push_back(std::move(a));
  }, sha);
}

Status ReadCertificatesImpl(const std::string& path, ReferenceData* out, Diagnostics* diags, std::string* sha) {
  const std::string name = BaseName(path);
  TableSchema schema{{"cert_id", "party_id"}, {}};
  return ForEachRow(path, name, schema, diags, [&](const RowBatch& b, size_t r) {
    std::string_view cert = b.field(r, 0), party = b.field(r, 1);
    if (cert.empty() || party.empty()) {
      AddRowError(diags, name, b.lines[r], cert.empty() ? "cert_id" : "party_id", "empty; row skipped");
      return;
    }
    uint32_t owner = out->InternParty(party);
    auto [it, inserted] = out->certificate_owner.emplace(std::string(cert), owner);
    if (!inserted && it->second != owner) {
      AddRowError(diags, name, b.lines[r], "cert_id", "certificate " + Quote(cert) + " listed again with another party; the first row is used");
    }
  }, sha);
}

struct RegistrationRow {
  uint64_t mprn;
  uint32_t party;
  int64_t line;
};

// LSD radix sort on the MPRN key, 11 bits a pass (2,048 buckets, whose write positions stay in
// cache), with every pass's counts taken in one read; a pass where all keys share the digit is
// skipped. Stable, so a repeated MPRN keeps its rows in file order. Measured at 8M rows against
// std::stable_sort, a 16-bit radix sort and a one-pass bucket sort in docs/design.md.
void SortByMprn(std::vector<RegistrationRow>* rows) {
  const size_t n = rows->size();
  if (n < 2) return;
  constexpr int kBits = 11, kPasses = (64 + kBits - 1) / kBits;
  constexpr size_t kBuckets = size_t{1} << kBits;
  std::vector<size_t> count(kPasses * kBuckets, 0);
  for (const RegistrationRow& r : *rows)
    for (int p = 0; p < kPasses; ++p) ++count[p * kBuckets + ((r.mprn >> (p * kBits)) & (kBuckets - 1))];
  std::vector<RegistrationRow> tmp(n);
  for (int p = 0; p < kPasses; ++p) {
    size_t* c = &count[p * kBuckets];
    const int shift = p * kBits;
    if (c[(rows->front().mprn >> shift) & (kBuckets - 1)] == n) continue;
    size_t sum = 0;
    for (size_t b = 0; b < kBuckets; ++b) {
      const size_t k = c[b];
      c[b] = sum;
      sum += k;
    }
    for (const RegistrationRow& r : *rows) tmp[c[(r.mprn >> shift) & (kBuckets - 1)]++] = r;
    rows->swap(tmp);
  }
}

Status ReadRegistrationImpl(const std::string& path, ReferenceData* out, Diagnostics* diags, std::string* sha) {
  const std::string name = BaseName(path);
  TableSchema schema{{"mprn", "gas_transporter"}, {}};
  using Row = RegistrationRow;
  std::vector<Row> rows;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) rows.reserve(static_cast<size_t>(st.st_size) / 16);
  std::string last_gt;  // a handful of Gas Transporters repeat on millions of rows
  uint32_t last_party = 0;
  S1MIG_RETURN_IF_ERROR(ForEachRow(path, name, schema, diags, [&](const RowBatch& b, size_t r) {
    // Looked up by exact text (as a key), so leading zeros matter.
    auto mprn = MprnKey(b.field(r, 0));
    if (!mprn) {
      AddRowError(diags, name, b.lines[r], "mprn", "not an MPRN (1 to 15 digits): " + Quote(b.field(r, 0)) + "; row skipped");
      return;
    }
    std::string_view gt = b.field(r, 1);
    if (gt.empty()) {
      AddRowError(diags, name, b.lines[r], "gas_transporter", "empty; row skipped");
      return;
    }
    if (rows.empty() || gt != last_gt) {
      last_gt.assign(gt);
      last_party = out->InternParty(gt);
    }
    rows.push_back(Row{*mprn, last_party, b.lines[r]});
  }, sha));
  // Sorted for binary search; for an MPRN given twice the first row counts.
  SortByMprn(&rows);
  out->registration.reserve(out->registration.size() + rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0 && rows[i].mprn == rows[i - 1].mprn) {
      if (rows[i].party != out->registration.back().party)
        AddRowError(diags, name, rows[i].line, "mprn", "MPRN " + std::to_string(rows[i].mprn >> 5) + " registered again with another Gas Transporter; the first row is used");
      continue;
    }
    out->registration.push_back(Registration{rows[i].mprn, rows[i].party});
  }
  return Status::Ok();
}

Status ReadIgtRangesImpl(const std::string& path, std::vector<IgtRange>* out, Diagnostics* diags, std::string* sha) {
  const std::string name = BaseName(path);
  TableSchema schema{{"igt_party", "first_mprn", "last_mprn"}, {}};
  return ForEachRow(path, name, schema, diags, [&](const RowBatch& b, size_t r) {
    auto first = ParseUnsigned(b.field(r, 1));
    auto last = ParseUnsigned(b.field(r, 2));
    if (!first || !last) {
      AddRowError(diags, name, b.lines[r], !first ? "first_mprn" : "last_mprn", "not a number; range skipped");
      return;
    }
    if (*first > *last) {
      AddRowError(diags, name, b.lines[r], "first_mprn", "first_mprn is greater than last_mprn; range skipped");
      return;
    }
    out->push_back(IgtRange{std::string(b.field(r, 0)), *first, *last});
  }, sha);
}

}  // namespace

Status ReadEpcl(const std::string& path, std::vector<EpclEntry>* out, Diagnostics* diags) {
  return ReadEpclImpl(path, out, diags, nullptr);
}
Status ReadAssessments(const std::string& path, std::vector<PpmidAssessment>* out, Diagnostics* diags) {
  return ReadAssessmentsImpl(path, out, diags, nullptr);
}
Status ReadCertificates(const std::string& path, ReferenceData* out, Diagnostics* diags) {
  return ReadCertificatesImpl(path, out, diags, nullptr);
}
Status ReadRegistration(const std::string& path, ReferenceData* out, Diagnostics* diags) {
  return ReadRegistrationImpl(path, out, diags, nullptr);
}
Status ReadIgtRanges(const std::string& path, std::vector<IgtRange>* out, Diagnostics* diags) {
  return ReadIgtRangesImpl(path, out, diags, nullptr);
}

Status ReadReferenceData(const std::string& dir, ReferenceData* out, Diagnostics* diags,
                         std::vector<std::pair<std::string, std::string>>* hashes) {
  std::string sha;
  auto record = [&](const char* file) {
    if (hashes) hashes->emplace_back(file, sha);
  };
  S1MIG_RETURN_IF_ERROR(ReadCertificatesImpl(dir + "/certificates.csv", out, diags, &sha));
  record("certificates.csv");
  S1MIG_RETURN_IF_ERROR(ReadEpclImpl(dir + "/epcl.csv", &out->epcl, diags, &sha));
  record("epcl.csv");
  S1MIG_RETURN_IF_ERROR(ReadIgtRangesImpl(dir + "/igt_mprn_ranges.csv", &out->igt_ranges, diags, &sha));
  record("igt_mprn_ranges.csv");
  S1MIG_RETURN_IF_ERROR(ReadAssessmentsImpl(dir + "/ppmid_assessments.csv", &out->assessments, diags, &sha));
  record("ppmid_assessments.csv");
  S1MIG_RETURN_IF_ERROR(ReadRegistrationImpl(dir + "/registration.csv", out, diags, &sha));
  record("registration.csv");
  return Status::Ok();
}

}  // namespace s1mig::io
