// EPCL and assessment import/export between the store and the snapshot CSVs; audit verify.
#include "dmct/reference_exchange.h"

#include <cstdio>
#include <set>

#include "base/output_file.h"
#include "dmct/workflow_support.h"

namespace s1mig::dmct {
namespace {

using nlohmann::json;
using store::DmctTxn;

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

bool SameEntry(const EpclEntry& a, const EpclEntry& b) {
  return a.entry_id == b.entry_id && store::DmcOf(a) == store::DmcOf(b) && a.basis == b.basis &&
         a.listed_on == b.listed_on;
}

bool SameAssessment(const store::AssessmentRecord& a, const PpmidAssessment& b) {
  return a.model == b.model && a.fw == b.fw && a.epcl_data == b.epcl_data &&
         a.assessed_on == b.assessed_on;
}

// `complete`: also require a CHF and an ESME, and a GSME with its GPF (epcl add). Imports take
// what the snapshot reader accepted, as the engine does.
Status ValidateEntry(const EpclEntry& e, bool complete) {
  static const char* kSlots[] = {"chf", "esme", "gsme", "gpf", "ppmid"};
  for (int i = 0; i < kDeviceSlots; ++i) {
    if (e.model[i].empty() != e.fw[i].empty()) {
      return InvalidArgument(std::string("EPCL entry: give both ") + kSlots[i] +
                             " model and firmware (MODEL@FW)");
    }
  }
  if (!complete) return Status::Ok();
  if (e.model[0].empty() || e.model[1].empty()) {
    return InvalidArgument("EPCL entry: a CHF and an ESME are required");
  }
  if (e.model[2].empty() != e.model[3].empty()) {
    return InvalidArgument("EPCL entry: a GSME and a GPF go together");
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<EpclEntry>> ListEpcl(store::DmctStore& st) {
  std::vector<EpclEntry> out;
  Status s = st.Read([&](DmctTxn& tx) -> Status {
    S1MIG_ASSIGN_OR_RETURN(out, tx.ListEpcl());
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::string> AddEpclEntry(store::DmctStore& st, EpclEntry entry, std::optional<Instant> at) {
  S1MIG_RETURN_IF_ERROR(ValidateEntry(entry, /*complete=*/true));
  Status s = st.Write([&](DmctTxn& tx) -> Status {
    if (at) S1MIG_RETURN_IF_ERROR(CheckInOrder(tx, *at));
    S1MIG_ASSIGN_OR_RETURN(std::vector<EpclEntry> epcl, tx.ListEpcl());
    std::set<std::string> ids;
    for (const EpclEntry& e : epcl) {
      ids.insert(e.entry_id);
      if (store::DmcOf(e) == store::DmcOf(entry)) {
        return AlreadyExists("this DMC is already on the EPCL as entry " + e.entry_id);
      }
    }
    if (entry.entry_id.empty()) {
      for (int n = 1; entry.entry_id.empty(); ++n) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "EPCL-%06d", n);
        if (ids.count(buf) == 0) entry.entry_id = buf;
      }
    } else if (ids.count(entry.entry_id) != 0) {
      return AlreadyExists("EPCL entry id '" + entry.entry_id + "' is already taken");
    }
    S1MIG_RETURN_IF_ERROR(tx.InsertEpclEntry(entry));
    return Audit(tx, at, std::string(store::kDccPartyId), "epcl.add", entry.entry_id, nullptr,
                 json{{"epcl_entry", EntryJson(entry)}});
  });
  if (!s.ok()) return s;
  return entry.entry_id;
}

Result<ImportOutcome> ImportReference(store::DmctStore& st, const std::vector<EpclEntry>& epcl,
                                      const std::vector<PpmidAssessment>& assessments,
                                      const std::string& source, std::optional<Instant> at) {
  for (const EpclEntry& e : epcl) {
    Status v = ValidateEntry(e, /*complete=*/false);
    if (!v.ok()) return InvalidArgument("entry '" + e.entry_id + "': " + v.message());
  }
  ImportOutcome out;
  Status s = st.Write([&](DmctTxn& tx) -> Status {
    out = ImportOutcome();
    if (at) S1MIG_RETURN_IF_ERROR(CheckInOrder(tx, *at));
    S1MIG_ASSIGN_OR_RETURN(std::vector<EpclEntry> have, tx.ListEpcl());
    json added_entries = json::array(), added_assessments = json::array();
    for (const EpclEntry& e : epcl) {
      const EpclEntry* same_id = nullptr;
      for (const EpclEntry& h : have) {
        if (h.entry_id == e.entry_id) same_id = &h;
      }
      if (same_id != nullptr) {
        if (!SameEntry(*same_id, e)) {
          return AlreadyExists("EPCL entry '" + e.entry_id +
                               "' is already in the store with different content; nothing "
                               "was imported");
        }
        ++out.epcl_present;
        continue;
      }
      S1MIG_RETURN_IF_ERROR(tx.InsertEpclEntry(e));
      have.push_back(e);
      added_entries.push_back(EntryJson(e));
      ++out.epcl_added;
    }
    S1MIG_ASSIGN_OR_RETURN(std::vector<store::AssessmentRecord> known, tx.ListAssessments());
    for (const PpmidAssessment& a : assessments) {
      bool present = false;
      for (const store::AssessmentRecord& k : known) present = present || SameAssessment(k, a);
      if (present) {
        ++out.assessments_present;
        continue;
      }
      store::AssessmentRecord r;
      r.model = a.model;
      r.fw = a.fw;
      r.epcl_data = a.epcl_data;
      r.assessed_on = a.assessed_on;
      S1MIG_ASSIGN_OR_RETURN(r.id, tx.InsertAssessment(r));
      known.push_back(r);
      added_assessments.push_back(AssessmentJson(r));
      ++out.assessments_added;
    }
    return Audit(tx, at, std::string(store::kDccPartyId), "reference.import", source, nullptr,
                 json{{"source", source},
                      {"epcl_added", added_entries},
                      {"assessments_added", added_assessments}});
  });
  if (!s.ok()) return s;
  return out;
}

std::string EpclCsv(const std::vector<EpclEntry>& epcl) {
  std::string out =
      "entry_id,chf_model,chf_fw,esme_model,esme_fw,gsme_model,gsme_fw,gpf_model,gpf_fw,"
      "ppmid_model,ppmid_fw,basis,listed_on\n";
  for (const EpclEntry& e : epcl) {
    out += CsvField(e.entry_id);
    for (int i = 0; i < kDeviceSlots; ++i)
      out += "," + CsvField(e.model[i]) + "," + CsvField(e.fw[i]);
    out += std::string(",") + EpclBasisName(e.basis) + "," + FormatDate(e.listed_on) + "\n";
  }
  return out;
}

std::string AssessmentsCsv(const std::vector<PpmidAssessment>& assessments) {
  std::string out = "ppmid_model,ppmid_fw,epcl_data,assessed_on\n";
  for (const PpmidAssessment& a : assessments) {
    out += CsvField(a.model) + "," + CsvField(a.fw) + "," + EpclDataName(a.epcl_data) + "," +
           FormatDate(a.assessed_on) + "\n";
  }
  return out;
}

std::string ReinstatementsCsv(const std::vector<PpmidReinstatement>& reinstatements) {
  std::string out = "ppmid_model,ppmid_fw,from\n";
  for (const PpmidReinstatement& r : reinstatements) {
    out += CsvField(r.model) + "," + CsvField(r.fw) + "," + FormatDate(r.from) + "\n";
  }
  return out;
}

Status ExportReference(store::DmctStore& st, const std::string& out_dir,
                       std::vector<std::string>* written) {
  std::vector<EpclEntry> epcl;
  std::vector<PpmidAssessment> assessments;
  std::vector<PpmidReinstatement> reinstatements;
  S1MIG_RETURN_IF_ERROR(st.Read([&](DmctTxn& tx) -> Status {
    S1MIG_ASSIGN_OR_RETURN(epcl, tx.ListEpcl());
    S1MIG_ASSIGN_OR_RETURN(std::vector<store::AssessmentRecord> records, tx.ListAssessments());
    for (const store::AssessmentRecord& r : records) {
      assessments.push_back(PpmidAssessment{r.model, r.fw, r.epcl_data, r.assessed_on});
    }
    S1MIG_ASSIGN_OR_RETURN(reinstatements, tx.ListReinstatements());
    return Status::Ok();
  }));
  bool created = false;
  S1MIG_RETURN_IF_ERROR(MakeDirs(out_dir, &created));
  std::vector<std::pair<std::string, std::string>> files = {
      {out_dir + "/epcl.csv", EpclCsv(epcl)},
      {out_dir + "/ppmid_assessments.csv", AssessmentsCsv(assessments)}};
  if (!reinstatements.empty()) {
    files.emplace_back(out_dir + "/ppmid_reinstatements.csv", ReinstatementsCsv(reinstatements));
  }
  // Written together: a failure publishes none of them.
  std::vector<std::unique_ptr<OutputFile>> outputs;
  std::vector<OutputFile*> all;
  for (const auto& [path, content] : files) {
    S1MIG_ASSIGN_OR_RETURN(auto file, OutputFs::Get()->Create(path));
    S1MIG_RETURN_IF_ERROR(file->Write(content));
    all.push_back(file.get());
    outputs.push_back(std::move(file));
  }
  S1MIG_RETURN_IF_ERROR(CommitAll(all));
  if (written != nullptr)
    for (const auto& [path, content] : files) written->push_back(path);
  return Status::Ok();
}

Result<store::AuditVerdict> VerifyAudit(store::DmctStore& st) {
  store::AuditVerdict v;
  Status s = st.Read([&](DmctTxn& tx) -> Status {
    S1MIG_ASSIGN_OR_RETURN(std::vector<store::AuditRecord> records, tx.ListAudit());
    S1MIG_ASSIGN_OR_RETURN(std::optional<store::AuditHead> head, tx.ReadAuditHead());
    v = store::VerifyAuditChain(records, head);
    if (!v.intact) return Status::Ok();
    // The chain is intact: the state tables must still be as the last change left them.
    S1MIG_ASSIGN_OR_RETURN(std::string state, tx.StateDigest());
    v = store::VerifyAuditState(records, state);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return v;
}

Result<std::vector<store::AuditRecord>> ListAudit(store::DmctStore& st) {
  std::vector<store::AuditRecord> out;
  Status s = st.Read([&](DmctTxn& tx) -> Status {
    S1MIG_ASSIGN_OR_RETURN(out, tx.ListAudit());
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace s1mig::dmct
