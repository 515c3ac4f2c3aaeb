// The reference files of a synthetic snapshot (epcl.csv, ppmid_assessments.csv,
// certificates.csv, igt_mprn_ranges.csv), built from the catalogue. Small: returned as strings.
#pragma once

#include <string>

#include "base/time.h"

namespace s1mig::gen {

// The latest reference date the catalogue uses: the substantive-equivalence listings after
// U1-PPMID. When as_of's London date is earlier, every reference date moves back by the same
// number of days, so that all are on or before as_of and their order is kept.
constexpr int kLatestReferenceYear = 2021, kLatestReferenceMonth = 8, kLatestReferenceDay = 20;

// Days to subtract from every catalogue date for a snapshot taken on `as_of_london_date`.
Days ReferenceDateShift(Days as_of_london_date);

std::string EpclCsv(Days shift);
std::string PpmidAssessmentsCsv(Days shift);
std::string CertificatesCsv();
std::string IgtMprnRangesCsv();

}  // namespace s1mig::gen
