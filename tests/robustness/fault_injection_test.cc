// Fault injection through the OutputFs seam, in process: a full disk while each output of
// evaluate, impact, generate and export-reference is written or flushed, a failing rename or
// create, and an input file that becomes unreadable during a run. Each must end in an IoError
// (exit 2) that names the file and the failure, publish none of the run's files, and leave the
// previous run's files as they were.
#include <gtest/gtest.h>

#include <string>

#include "dmct/reference_exchange.h"
#include "dmct/workflow.h"
#include "gen/generator.h"
#include "impact/impact_run.h"
#include "pipeline/evaluate_run.h"
#include "report/impact_report.h"
#include "store/sqlite_store.h"
#include "tests/robustness/failing_output_fs.h"
#include "tests/robustness/robustness_util.h"

namespace s1mig::testing {
namespace {

constexpr const char* kAsOf = "2021-10-13T09:00:00Z";

void ExpectCleanIoError(const Status& s, const std::string& file, const std::string& failure) {
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kIoError) << s.message();
  EXPECT_EQ(s.ExitCode(), 2) << s.message();
  EXPECT_NE(s.message().find(file), std::string::npos) << s.message();
  EXPECT_NE(s.message().find(failure), std::string::npos) << s.message();
}

class FaultInjection : public ::testing::Test {
 protected:
  FaultInjection() : dir_("fault"), failing_(OutputFs::Get()) {}

  pipeline::EvaluateOptions Evaluate(const std::string& out) {
    pipeline::EvaluateOptions o;
    o.snapshot_dir = dir_ / "snap";
    o.out_dir = out;
    o.as_of = kAsOf;
    o.threads = 1;
    return o;
  }
  impact::ImpactOptions Impact(const std::string& out) {
    impact::ImpactOptions o;
    o.snapshot_dir = dir_ / "snap";
    o.out_dir = out;
    o.as_of = kAsOf;
    o.threads = 1;
    o.render_report = [](const nlohmann::ordered_json& j) -> Result<std::string> { return report::RenderImpactReport(j); };
    return o;
  }
  Status RunEvaluate(const pipeline::EvaluateOptions& o) {
    Diagnostics diags;
    ScopedOutputFs scoped(&failing_);
    return pipeline::RunEvaluate(o, &diags).status();
  }
  Status RunImpact(const impact::ImpactOptions& o) {
    Diagnostics diags;
    ScopedOutputFs scoped(&failing_);
    return impact::RunImpact(o, &diags).status();
  }

  ScratchDir dir_;
  FailingOutputFs failing_;
};

// --- evaluate ----------------------------------------------------------------------------------

TEST_F(FaultInjection, DiskFullWhileWritingDecisionsLeavesNoOutputFolder) {
  Generate(dir_.path() / "snap", 20'000, 0.01);
  failing_.FailWritesAfter(100'000);  // decisions.csv is ~1 MB: it fails part way
  std::string out = dir_ / "out";
  ExpectCleanIoError(RunEvaluate(Evaluate(out)), "decisions.csv", "No space left on device");
  EXPECT_FALSE(fs::exists(out)) << "the folder the run created is removed";
  EXPECT_TRUE(failing_.committed().empty());
}

// Regression: the outputs were renamed one by one, each flushed just before its rename, so a
// full disk while flushing errors.csv or summary.json left the new decisions.csv published.
class EvaluateFlushFailure : public FaultInjection, public ::testing::WithParamInterface<const char*> {};

TEST_P(EvaluateFlushFailure, KeepsThePreviousRunsFiles) {
  CopyExample(dir_.path() / "snap");
  std::string out = dir_ / "out";
  {
    pipeline::EvaluateOptions first = Evaluate(out);
    first.rules.amendments = "none";
    ASSERT_TRUE(RunEvaluate(first).ok());
  }
  auto before = DirContents(out);
  ASSERT_EQ(before.size(), 3u);
  const size_t committed = failing_.committed().size();
  failing_.FailFlushOf(GetParam());
  ExpectCleanIoError(RunEvaluate(Evaluate(out)), GetParam(), "No space left on device");
  EXPECT_EQ(DirContents(out), before) << "every file is still the previous run's";
  EXPECT_EQ(failing_.committed().size(), committed) << "the failed run renamed nothing into place";
}

TEST_P(EvaluateFlushFailure, IntoANewFolderLeavesNothing) {
  CopyExample(dir_.path() / "snap");
  failing_.FailFlushOf(GetParam());
  std::string out = dir_ / "new/out";
  ExpectCleanIoError(RunEvaluate(Evaluate(out)), GetParam(), "No space left on device");
  EXPECT_FALSE(fs::exists(out));
}

INSTANTIATE_TEST_SUITE_P(EachOutput, EvaluateFlushFailure,
                         ::testing::Values("/decisions.csv", "/errors.csv", "/summary.json"));

TEST_F(FaultInjection, EvaluateCreateFailureLeavesNothing) {
  CopyExample(dir_.path() / "snap");
  failing_.FailCreateOf("/summary.json");
  std::string out = dir_ / "out";
  ExpectCleanIoError(RunEvaluate(Evaluate(out)), "summary.json", "Read-only file system");
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(FaultInjection, EvaluateFirstRenameFailureLeavesNothing) {
  CopyExample(dir_.path() / "snap");
  failing_.FailRenameOf("/decisions.csv");
  std::string out = dir_ / "out";
  ExpectCleanIoError(RunEvaluate(Evaluate(out)), "decisions.csv", "rename failed");
  EXPECT_FALSE(fs::exists(out));
}

// --- impact ------------------------------------------------------------------------------------

TEST_F(FaultInjection, DiskFullWhileWritingReportHtml) {
  CopyExample(dir_.path() / "snap");
  // Learn how much the other files take, then let the disk fill up inside report.html.
  std::string probe = dir_ / "probe";
  ASSERT_TRUE(RunImpact(Impact(probe)).ok());
  size_t others = 0;
  for (const auto& [name, content] : DirContents(probe))
    if (name != "report.html") others += content.size();
  failing_.FailWritesAfter(others + 1000);
  std::string out = dir_ / "out";
  ExpectCleanIoError(RunImpact(Impact(out)), "report.html", "No space left on device");
  EXPECT_FALSE(fs::exists(out));
}

class ImpactFlushFailure : public FaultInjection, public ::testing::WithParamInterface<const char*> {};

TEST_P(ImpactFlushFailure, KeepsThePreviousRunsFiles) {
  CopyExample(dir_.path() / "snap");
  std::string out = dir_ / "out";
  {
    impact::ImpactOptions first = Impact(out);
    first.proposed = "U1-IGT";
    ASSERT_TRUE(RunImpact(first).ok());
  }
  auto before = DirContents(out);
  ASSERT_EQ(before.size(), 4u);
  failing_.FailFlushOf(GetParam());
  ExpectCleanIoError(RunImpact(Impact(out)), GetParam(), "No space left on device");
  EXPECT_EQ(DirContents(out), before);
}

INSTANTIATE_TEST_SUITE_P(EachOutput, ImpactFlushFailure,
                         ::testing::Values("/impact.json", "/impact_changes.csv", "/errors.csv", "/report.html"));

// --- generate and export-reference -------------------------------------------------------------

TEST_F(FaultInjection, GenerateFlushFailureKeepsThePreviousSnapshot) {
  std::string snap = dir_ / "gen";
  Generate(snap, 500, 0, /*seed=*/1);
  auto before = DirContents(snap);
  ASSERT_EQ(before.size(), 6u);
  for (const char* file : {"/certificates.csv", "/inventory.csv", "/registration.csv"}) {
    FailingOutputFs failing(OutputFs::Get());
    failing.FailFlushOf(file);
    gen::GenerateOptions o;
    o.installations = 700;
    o.seed = 2;
    o.out_dir = snap;
    o.threads = 1;
    Result<gen::GenerateReport> r = [&] {
      ScopedOutputFs scoped(&failing);
      return gen::GenerateSnapshot(o);
    }();
    ExpectCleanIoError(r.status(), file + 1, "No space left on device");
    EXPECT_EQ(DirContents(snap), before) << file;
  }
}

TEST_F(FaultInjection, ExportReferenceFlushFailurePublishesNeitherFile) {
  auto store = store::OpenSqliteStore(dir_ / "s1mig.db");
  ASSERT_TRUE(store.ok()) << store.status().message();
  EpclEntry e;
  e.entry_id = "E1";
  e.model[0] = "CHF";
  e.fw[0] = "1";
  e.model[1] = "ESME";
  e.fw[1] = "1";
  ASSERT_TRUE(dmct::ImportReference(**store, {e}, {}, "setup", std::nullopt).ok());
  std::string out = dir_ / "export";
  failing_.FailFlushOf("/ppmid_assessments.csv");
  Status s = [&] {
    ScopedOutputFs scoped(&failing_);
    return dmct::ExportReference(**store, out, nullptr);
  }();
  ExpectCleanIoError(s, "ppmid_assessments.csv", "No space left on device");
  EXPECT_FALSE(fs::exists(out + "/epcl.csv")) << "regression: epcl.csv was published alone";
}

// --- inputs that become unreadable -------------------------------------------------------------

// The overlay hook runs after the reference files are read and before inventory.csv is opened:
// the file disappears, or turns into a directory, in between.
class InputVanishes : public FaultInjection, public ::testing::WithParamInterface<bool> {};

TEST_P(InputVanishes, InventoryTurnsUnreadableMidRun) {
  CopyExample(dir_.path() / "snap");
  std::string inventory = dir_ / "snap/inventory.csv";
  const bool as_directory = GetParam();
  pipeline::EvaluateOptions o = Evaluate(dir_ / "out");
  o.overlay = [&](ReferenceData*) {
    fs::remove(inventory);
    if (as_directory) fs::create_directory(inventory);
    return Status::Ok();
  };
  Status s = RunEvaluate(o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.ExitCode(), 2) << s.message();
  EXPECT_NE(s.message().find("inventory.csv"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find(as_directory ? "Is a directory" : "No such file"), std::string::npos) << s.message();
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

INSTANTIATE_TEST_SUITE_P(RemovedOrDirectory, InputVanishes, ::testing::Bool());

TEST_F(FaultInjection, ImpactInventoryTurnsUnreadableMidRun) {
  CopyExample(dir_.path() / "snap");
  std::string inventory = dir_ / "snap/inventory.csv";
  impact::ImpactOptions o = Impact(dir_ / "out");
  o.overlay = [&](ReferenceData*) {
    fs::remove(inventory);
    fs::create_directory(inventory);
    return Status::Ok();
  };
  Status s = RunImpact(o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.ExitCode(), 2) << s.message();
  EXPECT_NE(s.message().find("inventory.csv"), std::string::npos) << s.message();
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

class ReferenceIsADirectory : public FaultInjection, public ::testing::WithParamInterface<const char*> {};

TEST_P(ReferenceIsADirectory, NamedInTheError) {
  CopyExample(dir_.path() / "snap");
  fs::path file = dir_.path() / "snap" / GetParam();
  fs::remove(file);
  fs::create_directory(file);
  Status s = RunEvaluate(Evaluate(dir_ / "out"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.ExitCode(), 2) << s.message();
  EXPECT_NE(s.message().find(GetParam()), std::string::npos) << s.message();
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

INSTANTIATE_TEST_SUITE_P(EachFile, ReferenceIsADirectory,
                         ::testing::Values("inventory.csv", "epcl.csv", "ppmid_assessments.csv", "certificates.csv",
                                           "registration.csv", "igt_mprn_ranges.csv"));

}  // namespace
}  // namespace s1mig::testing
