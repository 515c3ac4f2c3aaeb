// Reads the store's EPCL, assessments and reinstatements into ReferenceData for the engine.
#include "dmct/reference_overlay.h"

#include "store/sqlite_store.h"

namespace s1mig::dmct {

Status OverlayReferenceFromStore(const std::string& db_path, ReferenceData* ref) {
  store::SqliteStoreOptions options;
  options.create_if_missing = false;
  S1MIG_ASSIGN_OR_RETURN(std::unique_ptr<store::DmctStore> st,
                         store::OpenSqliteStore(db_path, options));
  std::vector<EpclEntry> epcl;
  std::vector<PpmidAssessment> assessments;
  std::vector<PpmidReinstatement> reinstatements;
  S1MIG_RETURN_IF_ERROR(st->Read([&](store::DmctTxn& tx) -> Status {
    S1MIG_ASSIGN_OR_RETURN(epcl, tx.ListEpcl());
    S1MIG_ASSIGN_OR_RETURN(std::vector<store::AssessmentRecord> records, tx.ListAssessments());
    assessments.reserve(records.size());
    for (const store::AssessmentRecord& r : records) {
      assessments.push_back(PpmidAssessment{r.model, r.fw, r.epcl_data, r.assessed_on});
    }
    S1MIG_ASSIGN_OR_RETURN(reinstatements, tx.ListReinstatements());
    return Status::Ok();
  }));
  ref->epcl = std::move(epcl);
  ref->assessments = std::move(assessments);
  ref->reinstatements = std::move(reinstatements);
  return Status::Ok();
}

}  // namespace s1mig::dmct
