// Reference CSVs of the synthetic snapshot: the EPCL (TESTED and SUBSTANTIVE_EQUIVALENCE
// entries), DMCT assessments of displays, Network Operator certificates and iGT MPRN ranges.
#include "gen/reference_files.h"

#include <string_view>

#include "gen/catalogue.h"
#include "gen/text_appender.h"

namespace s1mig::gen {
namespace {

void AppendLine(std::string* out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view f : fields) {
    if (!first) out->push_back(',');
    out->append(f);
    first = false;
  }
  out->push_back('\n');
}

std::string DateText(Days d) {
  char buf[16];
  TextAppender a(buf);
  a.Date(d);
  return std::string(buf, a.cursor());
}

struct AssessmentRow {
  int display;  // index into DisplayModels()
  const char* epcl_data;
  int y, m, d;
};

// PPM-R2 shows a history: first unobtainable, then obtained (the latest on or before as_of
// counts, DATA.md). All UNOBTAINABLE assessments predate U1-PPMID (2021-07-29).
constexpr AssessmentRow kAssessments[] = {
    {4, "OBTAINED", 2019, 11, 4},      {5, "UNOBTAINABLE", 2020, 6, 10},
    {5, "OBTAINED", 2021, 2, 1},       {6, "OBTAINED", 2020, 3, 17},
    {7, "OBTAINED", 2019, 9, 23},      {8, "OBTAINED", 2020, 8, 12},
    {9, "UNOBTAINABLE", 2020, 10, 5},  {10, "UNOBTAINABLE", 2021, 1, 19},
    {11, "UNOBTAINABLE", 2021, 3, 8},  {12, "UNOBTAINABLE", 2020, 12, 2},
    {13, "UNOBTAINABLE", 2021, 6, 14},
};

}  // namespace

Days ReferenceDateShift(Days as_of_london_date) {
  Days latest = DaysFromCivil(kLatestReferenceYear, kLatestReferenceMonth, kLatestReferenceDay);
  return as_of_london_date < latest ? latest - as_of_london_date : 0;
}

std::string EpclCsv(Days shift) {
  std::string out =
      "entry_id,chf_model,chf_fw,esme_model,esme_fw,gsme_model,gsme_fw,gpf_model,gpf_fw,"
      "ppmid_model,ppmid_fw,basis,listed_on\n";
  const Days first_tested = DaysFromCivil(2018, 6, 1);
  const Days equivalence =
      DaysFromCivil(kLatestReferenceYear, kLatestReferenceMonth, kLatestReferenceDay);
  int entry = 0;
  auto add = [&](const DeviceFamily& f, int chf_v, int esme_v, bool gas, const DisplayModel* ppmid,
                 bool tested) {
    ++entry;
    char id[16] = "EPCL-";
    TextAppender a(id + 5);
    a.Fixed(static_cast<uint64_t>(entry), 4);
    // TESTED entries are spread over mid-2018 to late 2020; equivalence ones follow U1-PPMID.
    Days listed = (tested ? first_tested + (entry * 37) % 900 : equivalence) - shift;
    const char* chf_fw = f.chf_fw[chf_v];
    AppendLine(&out, {std::string_view(id, 9), f.chf_model, chf_fw, f.esme_model, f.esme_fw[esme_v],
                      gas ? f.gsme_model : "", gas ? f.gsme_fw : "", gas ? f.gpf_model : "",
                      gas ? chf_fw : "", ppmid ? ppmid->model : "", ppmid ? ppmid->fw : "",
                      tested ? "TESTED" : "SUBSTANTIVE_EQUIVALENCE", DateText(listed)});
  };
  for (const DeviceFamily& f : DeviceFamilies()) {
    const DisplayMenu& menu = DisplayMenuFor(f.cohort);
    for (int chf_v = 0; chf_v < 2 && f.chf_fw[chf_v]; ++chf_v) {
      for (int esme_v = 0; esme_v < 2 && f.esme_fw[esme_v]; ++esme_v) {
        for (bool gas : {false, true}) {
          if (!f.ppmid_only) add(f, chf_v, esme_v, gas, nullptr, true);
          for (const Weighted& w : menu.obtained)
            add(f, chf_v, esme_v, gas, &DisplayModels()[static_cast<size_t>(w.index)], true);
          // DMCT workflow step 5: the DMC without its (reclassified) PPMID, untested.
          if (f.ppmid_only) add(f, chf_v, esme_v, gas, nullptr, false);
        }
      }
    }
  }
  return out;
}

std::string PpmidAssessmentsCsv(Days shift) {
  std::string out = "ppmid_model,ppmid_fw,epcl_data,assessed_on\n";
  for (const AssessmentRow& r : kAssessments) {
    const DisplayModel& d = DisplayModels()[static_cast<size_t>(r.display)];
    AppendLine(&out, {d.model, d.fw, r.epcl_data,
                      DateText(DaysFromCivil(r.y, static_cast<unsigned>(r.m), static_cast<unsigned>(r.d)) - shift)});
  }
  return out;
}

std::string CertificatesCsv() {
  std::string out = "cert_id,party_id\n";
  const auto transporters = GasTransporters();
  for (size_t t = 0; t < transporters.size(); ++t)
    for (int k = 0; k < kCertificatesPerParty; ++k)
      AppendLine(&out, {TransporterCertificate(static_cast<int>(t), k), transporters[t]});
  const auto igts = IgtParties();
  for (size_t g = 0; g < igts.size(); ++g)
    for (int k = 0; k < kCertificatesPerParty; ++k)
      AppendLine(&out, {IgtCertificate(static_cast<int>(g), k), igts[g].party_id});
  return out;
}

std::string IgtMprnRangesCsv() {
  std::string out = "igt_party,first_mprn,last_mprn\n";
  for (const IgtParty& igt : IgtParties())
    AppendLine(&out, {igt.party_id, std::to_string(igt.first_mprn), std::to_string(igt.last_mprn)});
  return out;
}

}  // namespace s1mig::gen
