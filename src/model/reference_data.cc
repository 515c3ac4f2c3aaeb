// Names of the reference-data enums, as written in the CSV files.
#include "model/reference_data.h"

namespace s1mig {

const char* EpclBasisName(EpclBasis b) {
  return b == EpclBasis::kTested ? "TESTED" : "SUBSTANTIVE_EQUIVALENCE";
}

const char* EpclDataName(EpclData d) {
  return d == EpclData::kObtained ? "OBTAINED" : "UNOBTAINABLE";
}

}  // namespace s1mig
