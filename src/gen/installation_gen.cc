// One synthetic installation per row index: the scenario of its calibration cell fixes which
// checks fail; everything else (models, suppliers, regions, ids) is drawn from the row's stream.
#include "gen/installation_gen.h"

#include "gen/text_appender.h"

namespace s1mig::gen {
namespace {

constexpr int64_t kMinute = 60;
constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 24 * kHour;
constexpr uint64_t kMask40 = (1ULL << 40) - 1;

// (index * a + b) mod m: injective on index < m because a is a prime not dividing m (every m
// here is 2^x 5^y). This keeps MPANs and MPRNs unique without any lookup table.
uint64_t InjectiveMod(uint64_t index, uint64_t b, uint64_t m) {
  constexpr uint64_t kA = 2654435761ULL;  // prime
  return static_cast<uint64_t>((static_cast<unsigned __int128>(index) * kA + b) % m);
}

// MPAN check digit (DATA.md): weights 3..43 over the first 12 digits, mod 11, mod 10.
char MpanCheckDigit(const char* twelve) {
  static const int kWeights[12] = {3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43};
  int sum = 0;
  for (int k = 0; k < 12; ++k) sum += (twelve[k] - '0') * kWeights[k];
  return static_cast<char>('0' + sum % 11 % 10);
}

bool IsIgtScenario(Scenario s) {
  return s == Scenario::kEligibleIgtNullCertificate || s == Scenario::kIgtCertificate ||
         s == Scenario::kIgtAndGt01Window || s == Scenario::kIgtAndPpmid;
}

bool IsWindowScenario(Scenario s) {
  return s == Scenario::kGt01CommsWindow || s == Scenario::kIgtAndGt01Window;
}

void AppendDevice(TextAppender& a, const SyntheticDevice& d) {
  if (d.present()) {
    a.DeviceId(d.id);
    a.Char(',');
    a.Str(d.model);
    a.Char(',');
    a.Str(d.fw);
    a.Char(',');
  } else {
    a.Str(",,,");
  }
}

void AppendSupplier(TextAppender& a, int supplier) {
  if (supplier < 0) return;
  a.Str("SUP");
  a.Fixed(static_cast<uint64_t>(supplier + 1), 2);
}

}  // namespace

const char* MeterModeName(MeterMode m) {
  switch (m) {
    case MeterMode::kActive: return "ACTIVE";
    case MeterMode::kDormant: return "DORMANT";
    case MeterMode::kMixed: return "MIXED";
  }
  return "?";
}

InstallationGenerator::InstallationGenerator(uint64_t seed, uint64_t rows, Instant as_of,
                                             double invalid_rate)
    : seed_(seed),
      as_of_seconds_(as_of >= 0 ? as_of / kMicrosPerSecond
                                : -((-as_of + kMicrosPerSecond - 1) / kMicrosPerSecond)),
      invalid_per_million_(static_cast<uint32_t>(invalid_rate * 1'000'000 + 0.5)),
      cells_(seed, rows) {
  const auto families = DeviceFamilies();
  for (size_t f = 0; f < families.size(); ++f)
    families_by_cohort_[static_cast<int>(families[f].cohort)].push_back(
        {static_cast<int>(f), families[f].weight});
  const auto regions = Regions();
  for (size_t r = 0; r < regions.size(); ++r) regions_.push_back({static_cast<int>(r), regions[r].weight});
  const auto igts = IgtParties();
  for (size_t g = 0; g < igts.size(); ++g) igts_.push_back({static_cast<int>(g), igts[g].weight});
  const auto suppliers = SupplierWeights();
  for (size_t s = 0; s < suppliers.size(); ++s) suppliers_.push_back({static_cast<int>(s), suppliers[s]});
  for (int k = 0; k < 8; ++k) mix_[k] = Mix64(seed * 8 + static_cast<uint64_t>(k) + 0xA11CE);
}

uint64_t InstallationGenerator::DeviceIdFor(uint32_t oui, uint64_t index, int slot) const {
  // A bijection on 40 bits (odd multiplies and xor-shifts), so serials never repeat under one OUI.
  uint64_t x = ((index * 8 + static_cast<uint64_t>(slot)) ^ mix_[0]) & kMask40;
  x = (x * 0x9E3779B97F4A7C15ULL) & kMask40;
  x ^= x >> 20;
  x = (x * 0xC2B2AE3D27D4EB4FULL) & kMask40;
  x ^= x >> 17;
  return (static_cast<uint64_t>(oui) << 40) | x;
}

void InstallationGenerator::Generate(uint64_t index, SyntheticInstallation* out) const {
  *out = SyntheticInstallation{};
  const CalibrationCell& cell = cells_.CellOf(index);
  Rng rng = Rng::ForRow(seed_, index);
  out->index = index;
  out->cohort = cell.cohort;
  out->scenario = cell.scenario;
  const auto groups = GroupIdWeights(cell.cohort);
  out->group_id = PickWeighted(groups, rng.Below(TotalWeight(groups)));

  const auto& by_cohort = families_by_cohort_[static_cast<int>(cell.cohort)];
  const DeviceFamily& family = DeviceFamilies()[static_cast<size_t>(
      PickWeighted(by_cohort, rng.Below(TotalWeight(by_cohort))))];
  const Region& region = Regions()[static_cast<size_t>(PickWeighted(regions_, rng.Below(TotalWeight(regions_))))];

  const bool gas = ScenarioNeedsGas(cell.scenario) || rng.Chance(620'000);
  out->meter_mode = gas ? static_cast<MeterMode>(rng.Pick<int, 3>({70, 22, 8}))
                        : static_cast<MeterMode>(rng.Pick<int, 2>({76, 24}));
  out->elec_supplier = PickWeighted(suppliers_, rng.Below(TotalWeight(suppliers_)));
  if (gas)
    out->gas_supplier = rng.Chance(850'000) ? out->elec_supplier
                                            : PickWeighted(suppliers_, rng.Below(TotalWeight(suppliers_)));

  // MPAN core: distributor id, ten unique digits, check digit.
  out->mpan[0] = static_cast<char>('0' + region.distributor_id / 10);
  out->mpan[1] = static_cast<char>('0' + region.distributor_id % 10);
  uint64_t unique = InjectiveMod(index, mix_[1], 10'000'000'000ULL);
  for (int k = 11; k >= 2; --k, unique /= 10) out->mpan[k] = static_cast<char>('0' + unique % 10);
  out->mpan[12] = MpanCheckDigit(out->mpan);

  const int chf_v = family.chf_fw[1] && rng.Chance(350'000) ? 1 : 0;
  const int esme_v = family.esme_fw[1] && rng.Chance(350'000) ? 1 : 0;
  out->chf = {DeviceIdFor(family.chf_oui, index, 0), family.chf_model, family.chf_fw[chf_v]};
  out->esme = {DeviceIdFor(family.esme_oui, index, 1), family.esme_model, family.esme_fw[esme_v]};
  if (gas) {
    out->gsme = {DeviceIdFor(family.gsme_oui, index, 2), family.gsme_model, family.gsme_fw};
    out->gpf = {DeviceIdFor(family.chf_oui, index, 3), family.gpf_model, family.chf_fw[chf_v]};
    out->whitelist_has_gsme = cell.scenario != Scenario::kGt01Whitelist;
    ChooseGas(region, rng, out);
    ChooseLastComms(rng, out);
  }
  ChooseDisplay(family, rng, out);

  if (invalid_per_million_ > 0) {
    Rng faults = Rng::ForRow(seed_, index, 1);
    if (faults.Below(1'000'000) < invalid_per_million_) {
      Defect d = static_cast<Defect>(1 + faults.Below(kDefects - 1));
      const bool needs_gas = d == Defect::kGsmeWithoutGpf || d == Defect::kFutureLastComms ||
                             d == Defect::kShortMprn;
      if ((needs_gas && !gas) || (d == Defect::kBadBoolean && !out->ihd.present()) ||
          (d == Defect::kDuplicateId && index == 0))
        d = Defect::kMpanCheckDigit;
      out->defect = d;
      if (d == Defect::kMpanCheckDigit) out->mpan[12] = static_cast<char>('0' + (out->mpan[12] - '0' + 1) % 10);
      if (d == Defect::kGsmeWithoutGpf) out->gpf = {};
      if (d == Defect::kFutureLastComms) {
        out->has_last_comms = true;
        out->last_comms_seconds = as_of_seconds_ + 2 * kHour;
      }
    }
  }
}

void InstallationGenerator::ChooseDisplay(const DeviceFamily& family, Rng& rng,
                                          SyntheticInstallation* out) const {
  const DisplayMenu& menu = DisplayMenuFor(out->cohort);
  int display = -1;
  bool keep_esme_fw = true;
  if (ScenarioHasUnobtainablePpmid(out->scenario)) {
    display = PickWeighted(menu.unobtainable, rng.Below(TotalWeight(menu.unobtainable)));
  } else {
    if (out->scenario == Scenario::kEpclDmc) {
      // The DMC matches no entry: firmware not yet listed (60%), a PPMID listed only with other
      // cohorts' hardware (25%), or a PPMID never assessed (15%).
      int how = rng.Pick<int, 3>({60, 25, 15});
      if (how == 1) display = menu.foreign_obtained;
      if (how == 2) display = 14;  // PPM-N5, never assessed
      keep_esme_fw = how != 0;
    }
    if (display < 0) {
      // Families deployed only with PPMIDs always carry one; others: none 18%, IHD 37%, PPMID 45%.
      int kind = family.ppmid_only ? 2 : rng.Pick<int, 3>({18, 37, 45});
      if (kind == 1) display = PickWeighted(menu.ihd, rng.Below(TotalWeight(menu.ihd)));
      if (kind == 2) display = PickWeighted(menu.obtained, rng.Below(TotalWeight(menu.obtained)));
    }
  }
  if (!keep_esme_fw) out->esme.fw = family.esme_unlisted_fw;
  if (display < 0) return;
  const DisplayModel& d = DisplayModels()[static_cast<size_t>(display)];
  out->ihd = {DeviceIdFor(d.oui, out->index, 4), d.model, d.fw};
  out->ihd_upgradable = d.kind != DisplayKind::kIhd;
}

void InstallationGenerator::ChooseGas(const Region& region, Rng& rng, SyntheticInstallation* out) const {
  const Scenario s = out->scenario;
  const auto transporters = GasTransporters();
  // Registration Data names the region's large GT, also at iGT sites (the Xoserve Q4 2019
  // change: the master GT replaces the iGT; consultation 3.3).
  out->registered_transporter = transporters[static_cast<size_t>(region.transporter)];
  const int k = static_cast<int>(rng.Below(kCertificatesPerParty));
  if (IsIgtScenario(s)) {
    const IgtParty& igt = IgtParties()[static_cast<size_t>(PickWeighted(igts_, rng.Below(TotalWeight(igts_))))];
    out->mprn = igt.first_mprn + InjectiveMod(out->index, mix_[2], igt.last_mprn - igt.first_mprn + 1);
    out->network_cert_id = s == Scenario::kEligibleIgtNullCertificate
                               ? kNullCertificateId
                               : IgtCertificate(static_cast<int>(&igt - IgtParties().data()), k);
    return;
  }
  // Large-GT supply points: 10 digits below the iGT ranges; 8% older 9-digit MPRNs.
  out->mprn = rng.Chance(80'000) ? 100'000'000 + InjectiveMod(out->index, mix_[3], 900'000'000)
                                 : 1'000'000'000 + InjectiveMod(out->index, mix_[4], 6'400'000'000ULL);
  out->network_cert_id = TransporterCertificate(region.transporter, k);
  switch (s) {
    case Scenario::kWrongCertificate:
    case Scenario::kPpmidAndWrongCertificate: {
      int other = (region.transporter + 1 + static_cast<int>(rng.Below(3))) % static_cast<int>(transporters.size());
      out->network_cert_id = TransporterCertificate(other, k);
      break;
    }
    case Scenario::kUnregisteredMprn:
      out->registered_transporter = nullptr;
      break;
    case Scenario::kUnknownCertificate:
      out->network_cert_id = UnknownCertificate(static_cast<int>(rng.Below(4)));
      break;
    case Scenario::kEligible:
      if (rng.Chance(30'000)) out->network_cert_id = kNullCertificateId;
      break;
    default:
      break;
  }
}

void InstallationGenerator::ChooseLastComms(Rng& rng, SyntheticInstallation* out) const {
  // Offsets stay a minute clear of 24h and 72h, so a window's inclusive bound never decides.
  int64_t age = -1;  // seconds before as_of; -1: never communicated
  if (Gt01Applies(out->cohort)) {
    if (IsWindowScenario(out->scenario)) {
      age = rng.Between(24 * kHour + kMinute, 72 * kHour - kMinute);
    } else if (out->scenario == Scenario::kGt01CommsLong) {
      age = rng.Chance(150'000) ? -1 : rng.Between(72 * kHour + kMinute, 120 * kDay);
    } else {
      age = rng.Chance(800'000) ? rng.Between(kMinute, 3 * kHour)
                                : rng.Between(3 * kHour, 24 * kHour - kMinute);
    }
  } else {
    // FOC: GT01 is not part of its migration, so its GSMEs keep their natural spread.
    switch (rng.Pick<int, 4>({92, 5, 2, 1})) {
      case 0: age = rng.Between(kMinute, 24 * kHour - kMinute); break;
      case 1: age = rng.Between(24 * kHour + kMinute, 7 * kDay); break;
      case 2: age = rng.Between(7 * kDay, 180 * kDay); break;
      default: break;
    }
  }
  out->has_last_comms = age >= 0;
  if (age >= 0) out->last_comms_seconds = as_of_seconds_ - age;
}

char* InstallationGenerator::AppendInventoryRow(const SyntheticInstallation& s, char* p) const {
  TextAppender a(p);
  a.Str("S1-");
  a.Fixed(s.defect == Defect::kDuplicateId ? s.index : s.index + 1, 9);
  a.Char(',');
  a.Str(s.defect == Defect::kUnknownCohort ? "MOC" : CohortName(s.cohort));
  a.Char(',');
  const char* group = GroupIdName(s.group_id);
  if (s.defect == Defect::kBadGroupId) {
    a.Char(group[0]);
    a.Char(static_cast<char>(group[1] - 'A' + 'a'));
  } else {
    a.Str(group);
  }
  a.Char(',');
  a.Str(MeterModeName(s.meter_mode));
  a.Char(',');
  AppendSupplier(a, s.elec_supplier);
  a.Char(',');
  AppendSupplier(a, s.gas_supplier);
  a.Char(',');
  a.Str(std::string_view(s.mpan, 13));
  a.Char(',');
  if (s.mprn != 0) a.Uint(s.defect == Defect::kShortMprn ? s.mprn % 90'000 + 10'000 : s.mprn);
  a.Char(',');
  if (s.defect == Defect::kPartialDevice) {
    a.DeviceId(s.chf.id);
    a.Str(",,");
    a.Str(s.chf.fw);
    a.Char(',');
  } else {
    AppendDevice(a, s.chf);
  }
  if (s.defect == Defect::kMalformedDeviceId) {
    a.DeviceId(s.esme.id);
    p = a.cursor() - 3;  // drop the last octet: seven octets
    a = TextAppender(p);
    a.Char(',');
    a.Str(s.esme.model);
    a.Char(',');
    a.Str(s.esme.fw);
    a.Char(',');
  } else {
    AppendDevice(a, s.esme);
  }
  AppendDevice(a, s.gsme);
  AppendDevice(a, s.gpf);
  AppendDevice(a, s.ihd);
  if (s.ihd.present()) a.Str(s.defect == Defect::kBadBoolean ? "yes" : s.ihd_upgradable ? "true" : "false");
  a.Char(',');
  // CHF Whitelist: the ESME, the GSME (unless the GT01_WHITELIST fault), the display.
  a.DeviceId(s.esme.id);
  if (s.gsme.present() && s.whitelist_has_gsme) {
    a.Char(';');
    a.DeviceId(s.gsme.id);
  }
  if (s.ihd.present()) {
    a.Char(';');
    a.DeviceId(s.ihd.id);
  }
  a.Char(',');
  if (s.has_last_comms) a.TimestampUtc(s.last_comms_seconds);
  a.Char(',');
  if (s.gpf.present() || s.defect == Defect::kGsmeWithoutGpf) a.Str(s.network_cert_id);
  a.Char('\n');
  return a.cursor();
}

char* InstallationGenerator::AppendRegistrationRow(const SyntheticInstallation& s, char* p) const {
  if (s.mprn == 0 || s.registered_transporter == nullptr) return p;
  TextAppender a(p);
  a.Uint(s.mprn);
  a.Char(',');
  a.Str(s.registered_transporter);
  a.Char('\n');
  return a.cursor();
}

}  // namespace s1mig::gen
