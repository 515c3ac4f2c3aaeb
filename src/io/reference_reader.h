// Readers for the reference files of a snapshot (DATA.md): epcl.csv, ppmid_assessments.csv,
// certificates.csv, registration.csv, igt_mprn_ranges.csv.
//
// A file that cannot be read at all (missing, missing required column, unclosed quote) is a
// Status error naming the file and line. A malformed row is a Diagnostic (appended to *diags)
// and is skipped; it never stops the run.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/status.h"
#include "model/reference_data.h"

namespace s1mig::io {

Status ReadEpcl(const std::string& path, std::vector<EpclEntry>* out, Diagnostics* diags);
Status ReadAssessments(const std::string& path, std::vector<PpmidAssessment>* out,
                       Diagnostics* diags);
Status ReadCertificates(const std::string& path, ReferenceData* out, Diagnostics* diags);
Status ReadRegistration(const std::string& path, ReferenceData* out, Diagnostics* diags);
Status ReadIgtRanges(const std::string& path, std::vector<IgtRange>* out, Diagnostics* diags);

// Reads all five files of `snapshot_dir` into *out. Also records each file's SHA-256 in
// *hashes (file name -> hex) when hashes is not null.
Status ReadReferenceData(const std::string& snapshot_dir, ReferenceData* out, Diagnostics* diags,
                         std::vector<std::pair<std::string, std::string>>* hashes);

}  // namespace s1mig::io
