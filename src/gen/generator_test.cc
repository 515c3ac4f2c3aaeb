// Tests of `generate`: determinism, validity of every row, realistic values, fault injection,
// failure atomicity, and calibration at 200k installations (the 1M check is in the slow test).
#include "gen/generator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_set>

#include "base/ids.h"
#include "base/output_file.h"
#include "gen/calibration_check_test_util.h"
#include "gen/estate_classifier_test_util.h"
#include "gen/installation_gen.h"

namespace s1mig::gen {
namespace {

namespace fs = std::filesystem;
using testing::Col;
using testing::EstateClassifier;
using testing::Row;

const char* const kFiles[] = {"inventory.csv", "registration.csv", "certificates.csv",
                              "igt_mprn_ranges.csv", "epcl.csv", "ppmid_assessments.csv"};

std::string TempDir(const std::string& name) {
  std::string dir = ::testing::TempDir() + "s1mig_gen_" + name + "_" + std::to_string(::getpid());
  fs::remove_all(dir);
  return dir;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

GenerateReport Generate(const std::string& dir, uint64_t n, uint64_t seed, int threads = 2,
                        double invalid_rate = 0, Instant as_of = GenerateOptions().as_of) {
  GenerateOptions o;
  o.installations = n;
  o.seed = seed;
  o.out_dir = dir;
  o.threads = threads;
  o.invalid_rate = invalid_rate;
  o.as_of = as_of;
  auto r = GenerateSnapshot(o);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : GenerateReport{};
}

TEST(GeneratorTest, SameSeedGivesIdenticalBytesForAnyThreadCount) {
  const std::string a = TempDir("det_a"), b = TempDir("det_b"), c = TempDir("det_c");
  Generate(a, 30'000, 7, 2);
  Generate(b, 30'000, 7, 1);
  Generate(c, 30'000, 8, 2);
  for (const char* f : kFiles) EXPECT_EQ(Slurp(a + "/" + f), Slurp(b + "/" + f)) << f;
  EXPECT_NE(Slurp(a + "/inventory.csv"), Slurp(c + "/inventory.csv"));
  EXPECT_NE(Slurp(a + "/registration.csv"), Slurp(c + "/registration.csv"));
  for (const auto& dir : {a, b, c}) fs::remove_all(dir);
}

TEST(GeneratorTest, EveryRowIsValidAndLooksReal) {
  const std::string dir = TempDir("valid");
  const GenerateOptions defaults;
  const GenerateReport report = Generate(dir, 50'000, 3);
  auto classifier = EstateClassifier::Load(dir, defaults.as_of);
  ASSERT_TRUE(classifier.ok()) << classifier.status().message();
  std::unordered_set<std::string> seen, mpans;
  std::unordered_set<uint64_t> devices, mprns;
  std::set<std::string> groups[4], suppliers, models;
  uint64_t rows = 0, gas = 0, displays = 0, upgradable = 0, mixed = 0, dormant = 0, missing_gsme = 0;
  const char* cohorts[4] = {"IOC", "MOC_MDS", "MOC_SECURE", "FOC"};
  ASSERT_TRUE(classifier->ForEachRow([&](const Row& r) {
    ++rows;
    ASSERT_EQ(classifier->InvalidColumn(r, &seen), "") << "line " << r.line;
    for (int c = 0; c < 4; ++c)
      if (r[testing::kCohort] == cohorts[c]) groups[c].insert(std::string(r[testing::kGroupId]));
    // Device IDs: canonical upper case, unique across the estate.
    for (Col c : {testing::kChfId, testing::kEsmeId, testing::kGsmeId, testing::kGpfId, testing::kIhdId}) {
      if (r[c].empty()) continue;
      auto id = ParseDeviceId(r[c]);
      ASSERT_TRUE(id.has_value());
      EXPECT_EQ(FormatDeviceId(*id), r[c]);
      EXPECT_TRUE(devices.insert(*id).second) << "repeated device id " << r[c];
      models.insert(std::string(r[Col(c + 1)]) + "@" + std::string(r[Col(c + 2)]));
    }
    EXPECT_TRUE(mpans.insert(std::string(r[testing::kMpan])).second);
    const bool has_gas = !r[testing::kGsmeId].empty();
    gas += has_gas;
    EXPECT_EQ(has_gas, !r[testing::kMprn].empty());
    EXPECT_EQ(has_gas, !r[testing::kGasSupplier].empty());
    EXPECT_EQ(has_gas, !r[testing::kNetworkCertId].empty());
    if (!has_gas) {
      EXPECT_TRUE(r[testing::kGsmeLastComms].empty());
      EXPECT_NE(r[testing::kMeterMode], "MIXED");
    }
    mixed += r[testing::kMeterMode] == "MIXED";
    dormant += r[testing::kMeterMode] == "DORMANT";
    suppliers.insert(std::string(r[testing::kElecSupplier]));
    if (has_gas) {
      uint64_t mprn = std::stoull(std::string(r[testing::kMprn]));
      EXPECT_TRUE(mprns.insert(mprn).second) << "repeated MPRN " << mprn;
      auto reg = classifier->registration().find(mprn);
      if (classifier->InIgtRange(mprn)) {
        // iGT sites: Registration Data names the master (large) GT; the certificate is the iGT's.
        ASSERT_NE(reg, classifier->registration().end());
        EXPECT_EQ(reg->second.rfind("IGT", 0), std::string::npos);
        std::string cert(r[testing::kNetworkCertId]);
        if (cert != "0000000000000000") {
          EXPECT_EQ(classifier->certificates().at(cert).rfind("IGT-", 0), 0u);
        }
      }
    }
    // The CHF Whitelist lists the ESME and the display, and the GSME unless that is the fault.
    std::string_view wl = r[testing::kChfWhitelist];
    EXPECT_NE(wl.find(r[testing::kEsmeId]), std::string_view::npos);
    if (!r[testing::kIhdId].empty()) {
      ++displays;
      upgradable += r[testing::kIhdUpgradable] == "true";
      EXPECT_NE(wl.find(r[testing::kIhdId]), std::string_view::npos);
    }
    if (has_gas && wl.find(r[testing::kGsmeId]) == std::string_view::npos) {
      ++missing_gsme;
      EXPECT_NE(r[testing::kCohort], "FOC");
    }
  }).ok());
  EXPECT_EQ(rows, 50'000u);
  EXPECT_EQ(classifier->registration().size(), report.registration_rows);
  // GroupIDs: Table A3 codes for IOC and MOC (MDS), others for MOC (Secure) and FOC.
  const std::set<std::string> a3 = {"AA", "BA", "CA", "CB"};
  for (int c = 0; c < 4; ++c) {
    EXPECT_FALSE(groups[c].empty());
    for (const auto& g : groups[c]) EXPECT_EQ(a3.count(g) == 1, c < 2) << cohorts[c] << " " << g;
  }
  EXPECT_GE(suppliers.size(), 15u);
  EXPECT_GE(models.size(), 40u);
  EXPECT_GT(mixed, 0u);
  EXPECT_GT(dormant, rows / 10);
  EXPECT_GT(displays, rows * 3 / 4);
  EXPECT_GT(upgradable, displays / 3);
  EXPECT_LT(upgradable, displays * 3 / 4);
  EXPECT_GT(missing_gsme, 0u);
  fs::remove_all(dir);
}

TEST(GeneratorTest, InvalidRateInjectsExactlyTheReportedFaults) {
  const std::string dir = TempDir("invalid");
  const GenerateReport report = Generate(dir, 20'000, 5, 2, 0.02);
  EXPECT_NEAR(static_cast<double>(report.invalid_rows), 400, 80);
  auto classifier = EstateClassifier::Load(dir, GenerateOptions().as_of);
  ASSERT_TRUE(classifier.ok());
  std::unordered_set<std::string> seen;
  std::set<std::string> columns;
  uint64_t invalid = 0;
  ASSERT_TRUE(classifier->ForEachRow([&](const Row& r) {
    std::string column = classifier->InvalidColumn(r, &seen);
    if (!column.empty()) {
      ++invalid;
      columns.insert(column);
    }
  }).ok());
  EXPECT_EQ(invalid, report.invalid_rows);
  EXPECT_GE(columns.size(), 8u) << "the faults cover many columns";
  fs::remove_all(dir);
}

TEST(GeneratorTest, EarlyAsOfMovesReferenceDatesBackAndKeepsTheCalibration) {
  const std::string dir = TempDir("early");
  const Instant as_of = *ParseTimestamp("2021-06-01T12:00:00+01:00");
  const GenerateReport report = Generate(dir, 20'000, 11, 2, 0, as_of);
  auto classifier = EstateClassifier::Load(dir, as_of);
  ASSERT_TRUE(classifier.ok());
  // The last column of both files is a date; none may fall after as_of's London date.
  for (const char* f : {"epcl.csv", "ppmid_assessments.csv"}) {
    std::istringstream lines(Slurp(dir + "/" + f));
    std::string line;
    std::getline(lines, line);
    while (std::getline(lines, line)) {
      auto d = ParseDate(std::string_view(line).substr(line.rfind(',') + 1));
      ASSERT_TRUE(d.has_value()) << line;
      EXPECT_LE(*d, LondonDate(as_of)) << f << ": " << line;
    }
  }
  uint64_t ppmid_blocked = 0;
  std::unordered_set<std::string> seen;
  ASSERT_TRUE(classifier->ForEachRow([&](const Row& r) {
    EXPECT_EQ(classifier->InvalidColumn(r, &seen), "");
    ppmid_blocked += (classifier->Reasons(r, {}) & testing::kPpmidEpclData) != 0;
  }).ok());
  uint64_t intended = 0;
  for (int c = 0; c < kCohorts; ++c)
    for (Scenario s : {Scenario::kPpmidUnobtainable, Scenario::kIgtAndPpmid, Scenario::kPpmidAndWrongCertificate})
      intended += report.cells[c][static_cast<int>(s)];
  EXPECT_EQ(ppmid_blocked, intended);
  fs::remove_all(dir);
}

TEST(GeneratorTest, ZeroInstallationsWritesHeadersOnly) {
  const std::string dir = TempDir("zero");
  Generate(dir, 0, 1);
  EXPECT_EQ(Slurp(dir + "/registration.csv"), "mprn,gas_transporter\n");
  const std::string inventory = Slurp(dir + "/inventory.csv");
  EXPECT_EQ(std::count(inventory.begin(), inventory.end(), '\n'), 1);
  fs::remove_all(dir);
}

TEST(GeneratorTest, RejectsBadOptions) {
  GenerateOptions o;
  o.out_dir = TempDir("unused");  // never created: only the options are checked
  o.invalid_rate = 1.5;
  EXPECT_EQ(ValidateGenerateOptions(o).code(), StatusCode::kInvalidArgument);
  o.invalid_rate = 0;
  o.installations = kMaxInstallations + 1;
  EXPECT_EQ(ValidateGenerateOptions(o).code(), StatusCode::kInvalidArgument);
  o.installations = 10;
  o.threads = 0;
  EXPECT_EQ(ValidateGenerateOptions(o).code(), StatusCode::kInvalidArgument);
  o.threads = 2;
  o.out_dir = "";
  EXPECT_EQ(ValidateGenerateOptions(o).code(), StatusCode::kInvalidArgument);
}

// An OutputFs whose files fail once `budget` bytes have been written in total.
class FillingFs : public OutputFs {
 public:
  FillingFs(OutputFs* real, size_t budget) : real_(real), budget_(budget) {}
  Result<std::unique_ptr<OutputFile>> Create(const std::string& path) override {
    auto file = real_->Create(path);
    if (!file.ok()) return file.status();
    return std::unique_ptr<OutputFile>(new File(std::move(file).value(), &budget_));
  }

 private:
  class File : public OutputFile {
   public:
    File(std::unique_ptr<OutputFile> inner, size_t* budget) : inner_(std::move(inner)), budget_(budget) {}
    Status Write(std::string_view bytes) override {
      if (bytes.size() > *budget_) return IoError(inner_->path() + ": No space left on device");
      *budget_ -= bytes.size();
      return inner_->Write(bytes);
    }
    Status Commit() override { return inner_->Commit(); }
    const std::string& path() const override { return inner_->path(); }

   private:
    std::unique_ptr<OutputFile> inner_;
    size_t* budget_;
  };
  OutputFs* real_;
  size_t budget_;
};

TEST(GeneratorTest, DiskFullLeavesNoFileBehind) {
  const std::string dir = TempDir("full");
  FillingFs filling(OutputFs::Get(), 2'000'000);
  OutputFs::SetForTest(&filling);
  GenerateOptions o;
  o.installations = 50'000;
  o.out_dir = dir;
  auto r = GenerateSnapshot(o);
  OutputFs::SetForTest(nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIoError);
  EXPECT_NE(r.status().message().find("No space"), std::string::npos);
  EXPECT_TRUE(fs::is_empty(dir)) << "no final file and no temporary remains";
  fs::remove_all(dir);
}

// Quick calibration: tolerance 1% of each scaled count (floor 4 installations).
TEST(GeneratorCalibrationTest, At200kInstallationsCountsFollowTheSource) {
  testing::ExpectCalibrated(TempDir("cal200k"), 200'000, 1, 0.01);
}

}  // namespace
}  // namespace s1mig::gen
