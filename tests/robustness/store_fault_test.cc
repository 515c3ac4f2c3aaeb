// The DMCT store cannot be written: injected through the store's interface (every write method
// of a transaction can be made to fail as a full disk would), and for real through the binary
// with the database file made immutable (chattr +i, which binds root too). Each refused action
// exits 2 naming the failure and loses nothing: the state digest and the audit log are as before
// and `audit verify` passes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <functional>
#include <string>

#include "dmct/reference_exchange.h"
#include "dmct/workflow.h"
#include "store/sqlite_store.h"
#include "tests/robustness/robustness_util.h"

namespace s1mig::testing {
namespace {

using store::DmctTxn;

// A transaction whose `fail_at`-th write (1-based) fails with SQLite's full-disk message.
class FailingTxn : public DmctTxn {
 public:
  FailingTxn(DmctTxn& inner, int fail_at, int* writes) : in_(inner), fail_at_(fail_at), writes_(writes) {}

  Result<std::optional<store::Party>> FindParty(const std::string& id) override { return in_.FindParty(id); }
  Result<std::vector<store::Party>> ListParties() override { return in_.ListParties(); }
  Status InsertParty(const store::Party& p) override { return Gate([&] { return in_.InsertParty(p); }); }
  Result<std::string> InsertSubmission(const store::Submission& s) override {
    return GateR<std::string>([&] { return in_.InsertSubmission(s); });
  }
  Result<std::vector<store::Submission>> ListSubmissions() override { return in_.ListSubmissions(); }
  Status SetDisplayClass(const std::string& id, store::DisplayClass c) override {
    return Gate([&] { return in_.SetDisplayClass(id, c); });
  }
  Result<std::vector<EpclEntry>> ListEpcl() override { return in_.ListEpcl(); }
  Status InsertEpclEntry(const EpclEntry& e) override { return Gate([&] { return in_.InsertEpclEntry(e); }); }
  Result<std::string> InsertAssessment(const store::AssessmentRecord& a) override {
    return GateR<std::string>([&] { return in_.InsertAssessment(a); });
  }
  Result<std::vector<store::AssessmentRecord>> ListAssessments() override { return in_.ListAssessments(); }
  Result<std::string> InsertNotice(const store::Notice& n) override {
    return GateR<std::string>([&] { return in_.InsertNotice(n); });
  }
  Result<std::optional<store::Notice>> FindNotice(const std::string& id) override { return in_.FindNotice(id); }
  Result<std::vector<store::Notice>> ListNotices() override { return in_.ListNotices(); }
  Status SetNoticeStatus(const std::string& id, store::NoticeStatus s) override {
    return Gate([&] { return in_.SetNoticeStatus(id, s); });
  }
  Result<std::string> InsertReferral(const store::Referral& r) override {
    return GateR<std::string>([&] { return in_.InsertReferral(r); });
  }
  Result<std::optional<store::Referral>> FindReferral(const std::string& id) override { return in_.FindReferral(id); }
  Result<std::optional<store::Referral>> FindReferralForNotice(const std::string& id) override {
    return in_.FindReferralForNotice(id);
  }
  Result<std::string> InsertDecision(const store::Decision& d) override {
    return GateR<std::string>([&] { return in_.InsertDecision(d); });
  }
  Result<std::optional<store::Decision>> FindDecisionForReferral(const std::string& id) override {
    return in_.FindDecisionForReferral(id);
  }
  Status InsertReinstatement(const PpmidReinstatement& r, const std::string& decision_id) override {
    return Gate([&] { return in_.InsertReinstatement(r, decision_id); });
  }
  Result<std::vector<PpmidReinstatement>> ListReinstatements() override { return in_.ListReinstatements(); }
  Result<int64_t> AppendAudit(const store::AuditEntry& e) override {
    return GateR<int64_t>([&] { return in_.AppendAudit(e); });
  }
  Result<std::optional<Instant>> LatestActionTime() override { return in_.LatestActionTime(); }
  Result<std::vector<store::AuditRecord>> ListAudit() override { return in_.ListAudit(); }
  Result<std::optional<store::AuditHead>> ReadAuditHead() override { return in_.ReadAuditHead(); }
  Result<std::string> StateDigest() override { return in_.StateDigest(); }

 private:
  static Status Full() { return IoError("step: database or disk is full"); }
  bool Fails() { return ++*writes_ == fail_at_; }
  Status Gate(const std::function<Status()>& f) { return Fails() ? Full() : f(); }
  template <typename T>
  Result<T> GateR(const std::function<Result<T>()>& f) {
    if (Fails()) return Full();
    return f();
  }

  DmctTxn& in_;
  int fail_at_;
  int* writes_;
};

// A store whose next Write fails at its `fail_at`-th write operation (0: never).
class FailingStore : public store::DmctStore {
 public:
  explicit FailingStore(std::unique_ptr<store::DmctStore> inner) : inner_(std::move(inner)) {}
  void FailAt(int n) { fail_at_ = n; }
  int writes() const { return writes_; }

  Status Write(const std::function<Status(DmctTxn&)>& fn) override {
    writes_ = 0;
    return inner_->Write([&](DmctTxn& tx) -> Status {
      FailingTxn failing(tx, fail_at_, &writes_);
      return fn(failing);
    });
  }
  Status Read(const std::function<Status(DmctTxn&)>& fn) override { return inner_->Read(fn); }
  int schema_version() const override { return inner_->schema_version(); }

 private:
  std::unique_ptr<store::DmctStore> inner_;
  int fail_at_ = 0;
  int writes_ = 0;
};

Instant T(const char* text) { return *ParseTimestamp(text); }

struct Snapshot {
  std::string digest;
  size_t audit = 0;
  bool operator==(const Snapshot& o) const { return digest == o.digest && audit == o.audit; }
};

Snapshot Take(store::DmctStore& st) {
  Snapshot s;
  EXPECT_TRUE(st.Read([&](DmctTxn& tx) -> Status {
                  s.digest = *tx.StateDigest();
                  s.audit = tx.ListAudit()->size();
                  return Status::Ok();
                }).ok());
  return s;
}

store::Dmc Dmc(const char* display) {
  store::Dmc d;
  d.model[0] = "CHF";
  d.fw[0] = "1";
  d.model[1] = "ESME";
  d.fw[1] = "1";
  d.model[4] = display;
  d.fw[4] = "1";
  return d;
}

class StoreFault : public ::testing::Test {
 protected:
  StoreFault() : dir_("store") {}
  void SetUp() override {
    auto st = store::OpenSqliteStore(dir_ / "s1mig.db");
    ASSERT_TRUE(st.ok()) << st.status().message();
    store_ = std::make_unique<FailingStore>(std::move(st).value());
    ASSERT_TRUE(dmct::AddParty(*store_, {"SUP01", store::PartyRole::kSupplier, "", {}}).ok());
    ASSERT_TRUE(dmct::AddParty(*store_, {"SUP02", store::PartyRole::kSupplier, "", {}}).ok());
    EpclEntry e;
    e.entry_id = "E1";
    e.model[0] = "CHF";
    e.fw[0] = "1";
    e.model[1] = "ESME";
    e.fw[1] = "1";
    e.model[4] = "DSP-TESTED";
    e.fw[4] = "1";
    ASSERT_TRUE(dmct::ImportReference(*store_, {e}, {}, "setup", std::nullopt).ok());
    ASSERT_TRUE(dmct::Submit(*store_, {"SUP01", T("2022-03-01T09:00:00Z"), Dmc("DSP")}).ok());
    ASSERT_TRUE(dmct::Submit(*store_, {"SUP02", T("2022-03-01T09:01:00Z"), Dmc("DSP")}).ok());
  }

  // Runs `action` failing at each of its write operations in turn: every failure is an IoError
  // and changes nothing; finally it runs without failure and must succeed.
  void FailEveryWrite(const std::function<Status()>& action) {
    store_->FailAt(0);
    Snapshot before = Take(*store_);
    int n = 1;
    for (;; ++n) {
      store_->FailAt(n);
      Status s = action();
      if (store_->writes() < n) {  // fewer writes than n: this run did not fail
        ASSERT_TRUE(s.ok()) << s.message();
        break;
      }
      ASSERT_FALSE(s.ok()) << "write " << n;
      EXPECT_EQ(s.code(), StatusCode::kIoError) << s.message();
      EXPECT_EQ(s.ExitCode(), 2);
      EXPECT_NE(s.message().find("disk is full"), std::string::npos) << s.message();
      EXPECT_EQ(Take(*store_), before) << "write " << n << " failed but the store changed";
      auto verdict = dmct::VerifyAudit(*store_);
      ASSERT_TRUE(verdict.ok());
      EXPECT_TRUE(verdict->intact);
    }
    EXPECT_GT(n, 1) << "the action wrote nothing";
    store_->FailAt(0);
    auto verdict = dmct::VerifyAudit(*store_);
    ASSERT_TRUE(verdict.ok());
    EXPECT_TRUE(verdict->intact);
  }

  ScratchDir dir_;
  std::unique_ptr<FailingStore> store_;
};

TEST_F(StoreFault, AssessUnobtainableFailsAtEachWriteAndLosesNothing) {
  // Reclassifies two submissions, sends two notices, lists an SE entry, appends the audit record.
  FailEveryWrite([&] {
    return dmct::Assess(*store_, {"DSP", "1", EpclData::kUnobtainable, store::DataSource::kSupplier,
                                  T("2022-03-02T09:00:00Z"), nullptr})
        .status();
  });
  EXPECT_EQ(dmct::ListNotices(*store_, std::nullopt)->size(), 2u);
}

TEST_F(StoreFault, SubmitReferAndDecideFailAtEachWrite) {
  FailEveryWrite([&] { return dmct::Submit(*store_, {"SUP01", T("2022-03-01T10:00:00Z"), Dmc("DSP2")}).status(); });
  ASSERT_TRUE(dmct::Assess(*store_, {"DSP", "1", EpclData::kUnobtainable, store::DataSource::kSupplier,
                                     T("2022-03-02T09:00:00Z"), nullptr})
                  .ok());
  auto notices = dmct::ListNotices(*store_, std::string("SUP01"));
  ASSERT_TRUE(notices.ok() && !notices->empty());
  std::string referral;
  FailEveryWrite([&] {
    auto r = dmct::Refer(*store_, {"SUP01", (*notices)[0].id, T("2022-03-03T09:00:00Z")});
    if (r.ok()) referral = *r;
    return r.status();
  });
  FailEveryWrite([&] {
    return dmct::Decide(*store_, {referral, store::Outcome::kUpheld, T("2022-03-10T09:00:00Z")}).status();
  });
}

TEST_F(StoreFault, ImportReferenceFailsAtEachWrite) {
  std::vector<EpclEntry> entries(3);
  for (int i = 0; i < 3; ++i) {
    entries[i].entry_id = "N" + std::to_string(i);
    entries[i].model[0] = "CHF";
    entries[i].fw[0] = std::to_string(i + 2);
    entries[i].model[1] = "ESME";
    entries[i].fw[1] = "1";
  }
  FailEveryWrite([&] { return dmct::ImportReference(*store_, entries, {}, "import", std::nullopt).status(); });
}

// --- the real thing: an immutable database file ------------------------------------------------

bool Chattr(const std::string& flag, const std::string& path) {
  return std::system(("chattr " + flag + " '" + path + "' 2>/dev/null").c_str()) == 0;
}

TEST(StoreReadOnly, ImmutableDatabaseRefusesWritesWithExit2AndLosesNothing) {
  ScratchDir dir("immutable");
  std::string db = dir / "s1mig.db";
  ASSERT_EQ(RunS1mig("party add --db " + db + " --id SUP01 --role supplier").exit_code, 0);
  BinaryRun sub = RunS1mig("dmct submit --db " + db +
                           " --party SUP01 --at 2022-03-01T09:00:00Z --chf C@1 --esme E@1 --ppmid D@1");
  ASSERT_EQ(sub.exit_code, 0) << sub.err;
  std::string audit_before = RunS1mig("audit list --db " + db).out;
  if (!Chattr("+i", db)) GTEST_SKIP() << "chattr +i is not supported here";
  BinaryRun refused = RunS1mig("dmct submit --db " + db +
                               " --party SUP01 --at 2022-03-01T10:00:00Z --chf C@1 --esme E@1 --ppmid D@2");
  BinaryRun party = RunS1mig("party add --db " + db + " --id SUP02 --role supplier");
  BinaryRun verify_locked = RunS1mig("audit verify --db " + db);
  ASSERT_TRUE(Chattr("-i", db));
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_NE(refused.err.find("s1mig dmct submit: error:"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("readonly"), std::string::npos) << refused.err;
  EXPECT_EQ(party.exit_code, 2) << party.err;
  EXPECT_EQ(verify_locked.exit_code, 0) << "reading an immutable store still works: " << verify_locked.err;
  EXPECT_EQ(RunS1mig("audit verify --db " + db).exit_code, 0);
  EXPECT_EQ(RunS1mig("audit list --db " + db).out, audit_before) << "nothing was added or lost";
}

TEST(StoreReadOnly, ImmutableDirectoryRefusesANewStore) {
  ScratchDir dir("immutable_dir");
  if (!Chattr("+i", dir.path().string())) GTEST_SKIP() << "chattr +i is not supported here";
  BinaryRun r = RunS1mig("party add --db " + (dir / "s1mig.db") + " --id SUP01 --role supplier");
  ASSERT_TRUE(Chattr("-i", dir.path().string()));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("s1mig.db"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "s1mig.db"));
}

}  // namespace
}  // namespace s1mig::testing
