// Row validation per DATA.md; every problem becomes a column bit and, optionally, a diagnostic.
#include "engine/validate.h"

#include <cstring>

#include "base/hash.h"
#include "base/ids.h"
#include "base/text.h"

namespace s1mig::engine {
namespace {

class RowChecker {
 public:
  RowChecker(const io::RowBatch& b, size_t r, const std::string& file, Diagnostics* diags)
      : b_(b), r_(r), file_(file), diags_(diags) {}

  std::string_view F(Column c) const { return b_.field(r_, static_cast<size_t>(c)); }

  void Bad(Column c, const std::string& message) {
    bits_ |= 1u << static_cast<unsigned>(c);
    if (diags_) {
      Diagnostic d;
      d.file = file_;
      d.line = b_.lines[r_];
      d.column = ColumnName(c);
      d.message = message;
      diags_->push_back(std::move(d));
    }
  }
  static std::string Q(std::string_view v) {
    std::string s(Utf8Prefix(v, 60));
    for (char& ch : s)
      if (ch == '\n' || ch == '\r') ch = ' ';
    return "'" + s + (v.size() > 60 ? "...'" : "'");
  }
  uint32_t bits() const { return bits_; }

 private:
  const io::RowBatch& b_;
  size_t r_;
  const std::string& file_;
  Diagnostics* diags_;
  uint32_t bits_ = 0;
};

struct DeviceColumns {
  Column id, model, fw;
  const char* name;
};
constexpr DeviceColumns kDevices[kSlots] = {
    {Column::kChfId, Column::kChfModel, Column::kChfFw, "CHF"},
    {Column::kEsmeId, Column::kEsmeModel, Column::kEsmeFw, "ESME"},
    {Column::kGsmeId, Column::kGsmeModel, Column::kGsmeFw, "GSME"},
    {Column::kGpfId, Column::kGpfModel, Column::kGpfFw, "GPF"},
    {Column::kIhdId, Column::kIhdModel, Column::kIhdFw, "display"},
};

}  // namespace

uint32_t ValidateRow(const io::RowBatch& batch, size_t r, PreciseInstant as_of, const ValidationLimits& limits,
                     Installation* out, const std::string& file, Diagnostics* diags) {
  RowChecker c(batch, r, file, diags);
  *out = Installation();
  if (auto cohort = rules::ParseCohort(c.F(Column::kCohort))) {
    out->cohort = *cohort;
    out->cohort_known = true;
  }
  for (int col = 0; col < kNumColumns; ++col) {
    if (c.F(static_cast<Column>(col)).size() > limits.max_field_bytes) {
      c.Bad(static_cast<Column>(col), "longer than the limit of " + std::to_string(limits.max_field_bytes) + " bytes");
    }
  }
  if (c.bits()) return c.bits();

  out->id = c.F(Column::kInstallationId);
  if (out->id.empty()) c.Bad(Column::kInstallationId, "empty: installation_id is required");

  std::string_view v = c.F(Column::kCohort);
  if (auto cohort = rules::ParseCohort(v)) {
    out->cohort = *cohort;
    out->cohort_known = true;
  } else c.Bad(Column::kCohort, "unknown cohort " + RowChecker::Q(v) + " (IOC, MOC_MDS, MOC_SECURE or FOC)");

  v = c.F(Column::kGroupId);
  if (auto g = rules::ParseGroupId(v)) out->group_id = *g;
  else c.Bad(Column::kGroupId, "GroupID " + RowChecker::Q(v) + " is not two upper-case letters");

  v = c.F(Column::kMeterMode);
  if (auto m = rules::ParseMeterMode(v)) out->meter_mode = *m;
  else c.Bad(Column::kMeterMode, "unknown meter_mode " + RowChecker::Q(v) + " (ACTIVE, DORMANT or MIXED)");

  out->elec_supplier = c.F(Column::kElecSupplier);
  out->gas_supplier = c.F(Column::kGasSupplier);

  out->mpan = c.F(Column::kMpan);
  if (out->mpan.empty()) {
    c.Bad(Column::kMpan, "empty: the ESME's MPAN is required");
  } else if (out->mpan.size() != 13 || !ParseUnsigned(out->mpan)) {
    c.Bad(Column::kMpan, "MPAN " + RowChecker::Q(out->mpan) + " is not 13 digits");
  } else if (!IsValidMpan(out->mpan)) {
    c.Bad(Column::kMpan, "MPAN " + RowChecker::Q(out->mpan) + " fails its check digit");
  }

  // Devices: id, model and firmware all given or all empty; ids well formed.
  for (int s = 0; s < kSlots; ++s) {
    const DeviceColumns& d = kDevices[s];
    std::string_view id = c.F(d.id), model = c.F(d.model), fw = c.F(d.fw);
    out->model[s] = model;
    out->fw[s] = fw;
    bool any = !id.empty() || !model.empty() || !fw.empty();
    bool required = s == kChf || s == kEsme;
    out->present[s] = any;
    if (!any) {
      if (required) {
        for (Column col : {d.id, d.model, d.fw}) c.Bad(col, std::string("empty: the ") + d.name + " is required");
      }
      continue;
    }
    if (id.empty() || model.empty() || fw.empty()) {
      for (Column col : {d.id, d.model, d.fw})
        if (c.F(col).empty())
          c.Bad(col, std::string("empty, while other ") + d.name + " fields are given: id, model and firmware go together");
    }
    if (!id.empty()) {
      if (auto parsed = ParseDeviceId(id)) out->device_id[s] = *parsed;
      else c.Bad(d.id, "Device ID " + RowChecker::Q(id) + " is not 8 hex octets joined by '-' (XX-XX-XX-XX-XX-XX-XX-XX)");
    }
  }

  // GSME and GPF come together; a GSME needs an MPRN.
  if (out->present[kGsme] && !out->present[kGpf]) c.Bad(Column::kGpfId, "a GSME without a GPF");
  if (out->present[kGpf] && !out->present[kGsme]) c.Bad(Column::kGsmeId, "a GPF without a GSME");

  out->mprn_text = c.F(Column::kMprn);
  if (!out->mprn_text.empty()) {
    if (IsValidMprn(out->mprn_text)) {
      out->has_mprn = true;
      out->mprn = *ParseUnsigned(out->mprn_text);
      out->mprn_key = *MprnKey(out->mprn_text);
    } else {
      c.Bad(Column::kMprn, "MPRN " + RowChecker::Q(out->mprn_text) + " is not 6 to 10 digits");
    }
  } else if (out->present[kGsme]) {
    c.Bad(Column::kMprn, "empty: a GSME needs its MPRN");
  }

  v = c.F(Column::kIhdUpgradable);
  if (v == "true") {
    out->upgradable = true;
  } else if (v == "false") {
    out->upgradable = false;
  } else if (!v.empty()) {
    c.Bad(Column::kIhdUpgradable, "ihd_upgradable " + RowChecker::Q(v) + " is not true or false");
  } else if (out->present[kDisplay]) {
    c.Bad(Column::kIhdUpgradable, "empty: required when a display is present (true or false)");
  }

  // CHF Whitelist: Device IDs joined by ';' (blank entries ignored).
  out->whitelist = c.F(Column::kChfWhitelist);
  {
    std::string_view rest = out->whitelist;
    size_t entries = 0;
    while (true) {
      size_t semi = rest.find(';');
      std::string_view entry = TrimBlanks(rest.substr(0, semi));
      if (!entry.empty()) {
        if (++entries > limits.max_whitelist_entries) {
          c.Bad(Column::kChfWhitelist, "more than " + std::to_string(limits.max_whitelist_entries) + " entries (the limit)");
          break;
        }
        auto id = ParseDeviceId(entry);
        if (!id) {
          c.Bad(Column::kChfWhitelist, "entry " + RowChecker::Q(entry) + " is not a Device ID");
          break;
        }
        // Device IDs compare case-insensitively: both sides are compared as numbers (DATA.md).
        if (out->present[kGsme] && *id == out->device_id[kGsme]) out->gsme_on_whitelist = true;
      }
      if (semi == std::string_view::npos) break;
      rest.remove_prefix(semi + 1);
    }
  }

  v = c.F(Column::kGsmeLastComms);
  if (!v.empty()) {
    if (auto t = ParseTimestampPrecise(v)) {
      if (NanosBetween(t->micros, t->nanos, as_of.micros, as_of.nanos) > 0) {
        c.Bad(Column::kGsmeLastComms, "gsme_last_comms " + RowChecker::Q(v) + " is later than as_of " + FormatInstant(as_of));
      } else {
        out->has_last_comms = true;
        out->last_comms = t->micros;
        out->last_comms_nanos = t->nanos;
      }
    } else {
      c.Bad(Column::kGsmeLastComms, "timestamp " + RowChecker::Q(v) + " is not ISO 8601 with seconds and an offset (e.g. 2021-10-11T23:30:00Z)");
    }
  }

  out->network_cert_id = c.F(Column::kNetworkCertId);
  if (out->present[kGpf] && out->network_cert_id.empty())
    c.Bad(Column::kNetworkCertId, "empty: a GPF needs its CriticalNetworkOperatorCertificateID");

  return c.bits();
}

uint64_t DuplicateIds::Hash(std::string_view id) { return HashBytes(id) | 1; }  // never 0 (empty)

DuplicateIds::DuplicateIds() : slots_(1 << 16) {}

std::string_view DuplicateIds::IdAt(uint64_t slot) const {
  const size_t ref = (slot & ((uint64_t{1} << kRefBits) - 1)) - 1;
  uint32_t len;
  std::memcpy(&len, arena_.data() + ref, 4);
  return std::string_view(arena_.data() + ref + 4, len);
}

void DuplicateIds::Rehash(size_t size) {
  ZeroedArray<uint64_t> old(size);
  std::swap(old, slots_);
  const size_t mask = slots_.size() - 1;
  for (uint64_t s : old) {
    if (!s) continue;
    size_t p = Hash(IdAt(s)) & mask;
    while (slots_[p]) p = (p + 1) & mask;
    slots_[p] = s;
  }
}

void DuplicateIds::Reserve(size_t ids, size_t bytes_per_id) {
  size_t size = slots_.size();
  while (size < ids * 2) size *= 2;
  if (size > slots_.size()) Rehash(size);
  arena_.reserve(ids * (4 + bytes_per_id));
}

bool DuplicateIds::SeenBefore(std::string_view id, uint64_t h) {
  if ((count_ + 1) * 2 > slots_.size()) Rehash(slots_.size() * 2);
  const size_t mask = slots_.size() - 1;
  const uint64_t tag = Tag(h);
  size_t p = h & mask;
  while (slots_[p]) {
    if (Tag(slots_[p]) == tag && IdAt(slots_[p]) == id) return true;
    p = (p + 1) & mask;
  }
  slots_[p] = (tag << kRefBits) | (arena_.size() + 1);
  uint32_t len = static_cast<uint32_t>(id.size());
  arena_.append(reinterpret_cast<const char*>(&len), 4);
  arena_.append(id);
  ++count_;
  return false;
}

}  // namespace s1mig::engine
