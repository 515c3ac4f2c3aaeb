// Lets an evaluation take the EPCL and the display classification from the DMCT store
// (`s1mig evaluate SNAPSHOT_DIR --db F`), so a workflow step changes the next evaluation's
// outcome without hand-editing CSVs.
#pragma once

#include <string>

#include "base/status.h"
#include "model/reference_data.h"

namespace s1mig::dmct {

// Opens the existing store at `db_path` (it is never created here) and, from one consistent
// snapshot of it:
// - REPLACES ref->epcl with the store's EPCL entries (listing order);
// - REPLACES ref->assessments with the store's PPMID assessments (recording order, so among
//   assessments of one model on one date the later-recorded comes later);
// - REPLACES ref->reinstatements with the models reinstated as PPMIDs by upheld referrals.
// Other fields of *ref are untouched. On error *ref is unchanged. Errors: NotFound when there is
// no file at db_path, InvalidArgument when it is not an s1mig store (both exit 2).
Status OverlayReferenceFromStore(const std::string& db_path, ReferenceData* ref);

}  // namespace s1mig::dmct
