// The store's reference data (EPCL entries and PPMID assessments): listing, adding, importing
// from and exporting to the snapshot CSV formats of DATA.md, and the audit-log verifier.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/reference_data.h"
#include "store/audit_chain.h"
#include "store/store.h"

namespace s1mig::dmct {

// The EPCL in listing order.
Result<std::vector<EpclEntry>> ListEpcl(store::DmctStore& store);

// Adds one entry and returns its id (`entry.entry_id`, or "EPCL-000001"-style when empty).
// Requires a CHF and an ESME, GSME and GPF together; AlreadyExists when the id is taken or the
// same DMC is already listed.
Result<std::string> AddEpclEntry(store::DmctStore& store, EpclEntry entry,
                                 std::optional<Instant> at);

struct ImportOutcome {
  int epcl_added = 0;
  int epcl_present = 0;  // identical entries already in the store
  int assessments_added = 0;
  int assessments_present = 0;
};
// Merges a snapshot's EPCL and assessments into the store, in one transaction (each entry
// needs model and firmware together per device, nothing more). An entry whose
// id is in the store with different content is refused (AlreadyExists) and nothing is imported;
// identical entries and assessments are skipped, so importing twice changes nothing.
// `source` (the directory) is recorded in the audit log.
Result<ImportOutcome> ImportReference(store::DmctStore& store, const std::vector<EpclEntry>& epcl,
                                      const std::vector<PpmidAssessment>& assessments,
                                      const std::string& source, std::optional<Instant> at);

// DATA.md epcl.csv / ppmid_assessments.csv text (header, LF line ends, RFC 4180 quoting).
std::string EpclCsv(const std::vector<EpclEntry>& epcl);
std::string AssessmentsCsv(const std::vector<PpmidAssessment>& assessments);
// ppmid_reinstatements.csv (an s1mig extension, docs/dmct.md): ppmid_model, ppmid_fw, from.
std::string ReinstatementsCsv(const std::vector<PpmidReinstatement>& reinstatements);

// Writes epcl.csv and ppmid_assessments.csv (and ppmid_reinstatements.csv when the store has
// reinstatements) into `out_dir`, creating it. Each file is replaced atomically (OutputFs).
// Sets *written to the paths written when not null.
Status ExportReference(store::DmctStore& store, const std::string& out_dir,
                       std::vector<std::string>* written);

// Reads the whole audit log and checks its hash chain, then that the state tables still match
// the state digest of the last record (store/audit_chain.h).
Result<store::AuditVerdict> VerifyAudit(store::DmctStore& store);
Result<std::vector<store::AuditRecord>> ListAudit(store::DmctStore& store);

}  // namespace s1mig::dmct
