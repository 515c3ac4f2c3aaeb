// Crash safety: a child process SIGKILLed in the middle of an assessment leaves the store
// either before or after that assessment, never in between, and the audit chain verifies.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "base/temp_path.h"
#include "dmct/reference_exchange.h"
#include "dmct/workflow.h"
#include "store/sqlite_store.h"

namespace s1mig::dmct {
namespace {

Instant T(const char* text) { return *ParseTimestamp(text); }

struct StoreState {
  size_t assessments = 0;
  size_t notices = 0;
  size_t epcl = 0;
  size_t ihd_submissions = 0;
  size_t audit_records = 0;
};

class CrashSafetyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("s1mig_crash_test.");
    path_ = dir_ + "/s1mig.db";
    auto st = std::move(store::OpenSqliteStore(path_)).value();
    ASSERT_TRUE(AddParty(*st, {"SUP01", store::PartyRole::kSupplier, "", {}}).ok());
    ASSERT_TRUE(AddParty(*st, {"SUP02", store::PartyRole::kSupplier, "", {}}).ok());
    EpclEntry e;
    e.entry_id = "E1";
    e.model[0] = "CHF";
    e.fw[0] = "1";
    e.model[1] = "ESME";
    e.fw[1] = "1";
    e.model[4] = "DSP-TESTED";
    e.fw[4] = "1";
    ASSERT_TRUE(ImportReference(*st, {e}, {}, "setup", std::nullopt).ok());
    store::Dmc dmc;
    dmc.model[0] = "CHF";
    dmc.fw[0] = "1";
    dmc.model[1] = "ESME";
    dmc.fw[1] = "1";
    dmc.model[4] = "DSP";
    dmc.fw[4] = "1";
    ASSERT_TRUE(Submit(*st, {"SUP01", T("2022-03-01T09:00:00Z"), dmc}).ok());
    ASSERT_TRUE(Submit(*st, {"SUP02", T("2022-03-01T09:01:00Z"), dmc}).ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static AssessRequest Request() {
    return AssessRequest{"DSP",
                         "1",
                         EpclData::kUnobtainable,
                         store::DataSource::kSupplier,
                         T("2022-03-02T09:00:00Z"),
                         nullptr};
  }

  StoreState State() {
    StoreState s;
    auto st = std::move(store::OpenSqliteStore(path_)).value();
    Status ok = st->Read([&](store::DmctTxn& tx) -> Status {
      s.assessments = tx.ListAssessments()->size();
      s.notices = tx.ListNotices()->size();
      s.epcl = tx.ListEpcl()->size();
      for (const auto& sub : *tx.ListSubmissions()) {
        s.ihd_submissions += sub.display_class == store::DisplayClass::kIhd;
      }
      s.audit_records = tx.ListAudit()->size();
      return Status::Ok();
    });
    EXPECT_TRUE(ok.ok());
    auto v = VerifyAudit(*st);
    EXPECT_TRUE(v.ok() && v->intact) << (v.ok() ? v->message : v.status().message());
    return s;
  }

  // Forks a child that runs the assessment with a hook at `point`: the hook tells the parent
  // through a pipe and then blocks; the parent SIGKILLs it there. Returns false if the child
  // never reached the point.
  bool KillChildAt(const char* point, int cache_pages = 0) {
    int fds[2];
    if (::pipe(fds) != 0) return false;
    pid_t pid = ::fork();
    if (pid == 0) {
      ::close(fds[0]);
      store::SqliteStoreOptions o;
      const std::string wanted = point;
      o.test_cache_pages = cache_pages;
      o.test_hook = [&](const char* p) {
        if (wanted != p) return;
        // Report the WAL's size, to show whether uncommitted frames reached the disk.
        std::error_code ec;
        int64_t wal = static_cast<int64_t>(std::filesystem::file_size(path_ + "-wal", ec));
        (void)!::write(fds[1], &wal, sizeof wal);
        for (;;) ::pause();  // wait to be killed, mid-transaction
      };
      auto st = store::OpenSqliteStore(path_, o);
      if (st.ok()) (void)Assess(**st, Request());
      ::_exit(0);  // never reached when the hook fires
    }
    ::close(fds[1]);
    struct pollfd pfd = {fds[0], POLLIN, 0};
    bool reached = ::poll(&pfd, 1, 10000) == 1;
    reached = reached && ::read(fds[0], &wal_at_kill_, sizeof wal_at_kill_) ==
                             static_cast<ssize_t>(sizeof wal_at_kill_);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(fds[0]);
    return reached && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  }

  std::string dir_;
  std::string path_;
  int64_t wal_at_kill_ = 0;
};

TEST_F(CrashSafetyTest, KilledBeforeCommitLeavesTheStoreAsBefore) {
  StoreState before = State();
  ASSERT_TRUE(KillChildAt("before_commit"));
  StoreState after = State();
  EXPECT_EQ(after.assessments, before.assessments);
  EXPECT_EQ(after.notices, 0u);
  EXPECT_EQ(after.epcl, before.epcl);
  EXPECT_EQ(after.ihd_submissions, 0u);
  EXPECT_EQ(after.audit_records, before.audit_records);
  // The store still works: the same assessment now goes through completely.
  auto st = std::move(store::OpenSqliteStore(path_)).value();
  auto r = Assess(*st, Request());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->notices.size(), 2u);
  StoreState done = State();
  EXPECT_EQ(done.assessments, before.assessments + 1);
  EXPECT_EQ(done.notices, 2u);
  EXPECT_EQ(done.epcl, before.epcl + 1);  // substantive equivalence of CHF+ESME
  EXPECT_EQ(done.ihd_submissions, 2u);
  EXPECT_EQ(done.audit_records, before.audit_records + 1);
}

TEST_F(CrashSafetyTest, KilledWithUncommittedFramesInTheWalLeavesTheStoreAsBefore) {
  StoreState before = State();
  // A cache of one page forces the assessment's dirty pages into the WAL before COMMIT.
  ASSERT_TRUE(KillChildAt("before_commit", /*cache_pages=*/1));
  // (With SQLite's default cache the WAL is still empty at this point.)
  EXPECT_GT(wal_at_kill_, 0) << "no uncommitted frames reached the WAL";
  StoreState after = State();
  EXPECT_EQ(after.assessments, before.assessments);
  EXPECT_EQ(after.notices, 0u);
  EXPECT_EQ(after.epcl, before.epcl);
  EXPECT_EQ(after.ihd_submissions, 0u);
  EXPECT_EQ(after.audit_records, before.audit_records);
}

TEST_F(CrashSafetyTest, KilledJustAfterBeginLeavesTheStoreAsBefore) {
  StoreState before = State();
  ASSERT_TRUE(KillChildAt("begin"));
  StoreState after = State();
  EXPECT_EQ(after.assessments, before.assessments);
  EXPECT_EQ(after.audit_records, before.audit_records);
}

TEST_F(CrashSafetyTest, KilledAfterCommitKeepsEverything) {
  StoreState before = State();
  ASSERT_TRUE(KillChildAt("after_commit"));
  StoreState after = State();
  EXPECT_EQ(after.assessments, before.assessments + 1);
  EXPECT_EQ(after.notices, 2u);
  EXPECT_EQ(after.epcl, before.epcl + 1);
  EXPECT_EQ(after.ihd_submissions, 2u);
  EXPECT_EQ(after.audit_records, before.audit_records + 1);
}

}  // namespace
}  // namespace s1mig::dmct
