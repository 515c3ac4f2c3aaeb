// Tests of the SQLite DmctStore: creation and migrations, refusal of foreign files, transactions
// that roll back on error, ids, and an audit chain that verifies and catches raw SQL edits.
#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "base/temp_path.h"
#include "store/audit_chain.h"

namespace s1mig::store {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("s1mig_store_test.");
    path_ = dir_ + "/s1mig.db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<DmctStore> Open() {
    auto r = OpenSqliteStore(path_);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return std::move(r).value();
  }

  // Runs raw SQL on the file, as a person with the sqlite3 shell would.
  void RawSql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }

  AuditVerdict Verify(DmctStore& store) {
    AuditVerdict v;
    Status s = store.Read([&](DmctTxn& tx) -> Status {
      S1MIG_ASSIGN_OR_RETURN(auto records, tx.ListAudit());
      S1MIG_ASSIGN_OR_RETURN(auto head, tx.ReadAuditHead());
      v = VerifyAuditChain(records, head);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return v;
  }

  static Submission Sub(const std::string& party) {
    Submission s;
    s.party = party;
    s.dmc.model[0] = "CHF-L";
    s.dmc.fw[0] = "1.4";
    s.dmc.model[1] = "ESME-L";
    s.dmc.fw[1] = "2.1";
    s.dmc.model[4] = "DSP-OLD";
    s.dmc.fw[4] = "0.9";
    s.submitted_at = 1;
    return s;
  }

  std::string dir_;
  std::string path_;
};

TEST_F(SqliteStoreTest, CreatesSchemaWithPartyDccAndAGenesisRecord) {
  auto store = Open();
  EXPECT_EQ(store->schema_version(), SqliteSchemaVersion());
  Status s = store->Read([](DmctTxn& tx) -> Status {
    S1MIG_ASSIGN_OR_RETURN(auto dcc, tx.FindParty("DCC"));
    EXPECT_TRUE(dcc.has_value());
    EXPECT_EQ(dcc->role, PartyRole::kDcc);
    S1MIG_ASSIGN_OR_RETURN(auto audit, tx.ListAudit());
    EXPECT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].action, "store.create");
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_TRUE(Verify(*store).intact);
}

TEST_F(SqliteStoreTest, ReopeningDoesNotMigrateAgainAndUsesWal) {
  { auto store = Open(); }
  auto store = Open();
  Status s = store->Read([](DmctTxn& tx) -> Status {
    S1MIG_ASSIGN_OR_RETURN(auto audit, tx.ListAudit());
    EXPECT_EQ(audit.size(), 1u);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, MissingFileIsNotFoundWhenCreationIsOff) {
  SqliteStoreOptions o;
  o.create_if_missing = false;
  auto r = OpenSqliteStore(path_, o);
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(path_));
}

TEST_F(SqliteStoreTest, RefusesFilesThatAreNotAnS1migStore) {
  { std::ofstream(path_) << "this is not a database, just some text that is long enough\n"; }
  EXPECT_EQ(OpenSqliteStore(path_).status().code(), StatusCode::kInvalidArgument);
  std::filesystem::remove(path_);
  RawSql("CREATE TABLE other(x)");
  EXPECT_EQ(OpenSqliteStore(path_).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SqliteStoreTest, RefusesASchemaNewerThanThisBuild) {
  { auto store = Open(); }
  RawSql("PRAGMA user_version = 99");
  auto r = OpenSqliteStore(path_);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("newer"), std::string::npos);
}

TEST_F(SqliteStoreTest, FailedWriteLeavesNothingBehind) {
  auto store = Open();
  Status s = store->Write([](DmctTxn& tx) -> Status {
    S1MIG_RETURN_IF_ERROR(tx.InsertParty(Party{"SUP01", PartyRole::kSupplier, ""}));
    S1MIG_RETURN_IF_ERROR(
        tx.AppendAudit(AuditEntry{1, "DCC", "party.add", "SUP01", "null", "{}"}).status());
    return InvalidArgument("changed my mind");
  });
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  s = store->Read([](DmctTxn& tx) -> Status {
    S1MIG_ASSIGN_OR_RETURN(auto p, tx.FindParty("SUP01"));
    EXPECT_FALSE(p.has_value());
    S1MIG_ASSIGN_OR_RETURN(auto audit, tx.ListAudit());
    EXPECT_EQ(audit.size(), 1u);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok());
}

TEST_F(SqliteStoreTest, ReadTransactionsCannotWrite) {
  auto store = Open();
  Status s = store->Read([](DmctTxn& tx) -> Status {
    return tx.InsertParty(Party{"SUP01", PartyRole::kSupplier, ""});
  });
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
}

TEST_F(SqliteStoreTest, IdsAreSequentialAndDuplicatesRefused) {
  auto store = Open();
  Status s = store->Write([](DmctTxn& tx) -> Status {
    S1MIG_RETURN_IF_ERROR(tx.InsertParty(Party{"SUP01", PartyRole::kSupplier, "One"}));
    S1MIG_ASSIGN_OR_RETURN(std::string a, tx.InsertSubmission(Sub("SUP01")));
    S1MIG_ASSIGN_OR_RETURN(std::string b, tx.InsertSubmission(Sub("DCC")));
    EXPECT_EQ(a, "S-000001");
    EXPECT_EQ(b, "S-000002");
    EXPECT_EQ(tx.InsertSubmission(Sub("SUP01")).status().code(), StatusCode::kAlreadyExists);
    EXPECT_EQ(tx.InsertParty(Party{"SUP01", PartyRole::kSupplier, ""}).code(),
              StatusCode::kAlreadyExists);
    EXPECT_EQ(tx.SetDisplayClass("S-000099", DisplayClass::kIhd).code(), StatusCode::kNotFound);
    S1MIG_RETURN_IF_ERROR(tx.SetDisplayClass(a, DisplayClass::kIhd));
    S1MIG_ASSIGN_OR_RETURN(auto subs, tx.ListSubmissions());
    EXPECT_EQ(subs.size(), 2u);
    EXPECT_EQ(subs[0].display_class, DisplayClass::kIhd);
    EXPECT_EQ(subs[0].dmc, Sub("SUP01").dmc);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST_F(SqliteStoreTest, EpclRoundTrips) {
  auto store = Open();
  EpclEntry e;
  e.entry_id = "E1, with comma";
  e.model[0] = "CHF";
  e.fw[0] = "1";
  e.basis = EpclBasis::kSubstantiveEquivalence;
  e.listed_on = *ParseDate("2021-12-22");
  Status s = store->Write([&](DmctTxn& tx) -> Status {
    S1MIG_RETURN_IF_ERROR(tx.InsertEpclEntry(e));
    EXPECT_EQ(tx.InsertEpclEntry(e).code(), StatusCode::kAlreadyExists);
    S1MIG_ASSIGN_OR_RETURN(auto list, tx.ListEpcl());
    EXPECT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].entry_id, e.entry_id);
    EXPECT_EQ(list[0].basis, EpclBasis::kSubstantiveEquivalence);
    EXPECT_EQ(list[0].listed_on, e.listed_on);
    EXPECT_EQ(DmcOf(list[0]), DmcOf(e));
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST_F(SqliteStoreTest, AuditChainCatchesARawSqlEdit) {
  {
    auto store = Open();
    for (int i = 0; i < 3; ++i) {
      Status s = store->Write([&](DmctTxn& tx) -> Status {
        return tx.AppendAudit(AuditEntry{i * 10, "DCC", "test.step", "X", "null", "{}"}).status();
      });
      ASSERT_TRUE(s.ok()) << s.message();
    }
    AuditVerdict v = Verify(*store);
    EXPECT_TRUE(v.intact) << v.message;
    EXPECT_EQ(v.records, 4);
  }
  RawSql("UPDATE audit_log SET actor = 'SUP01' WHERE seq = 3");
  auto store = Open();
  AuditVerdict v = Verify(*store);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_EQ(v.problem, AuditProblem::kEdited);
}

TEST_F(SqliteStoreTest, AuditChainCatchesARawSqlDeleteOfTheLastRecord) {
  {
    auto store = Open();
    Status s = store->Write([&](DmctTxn& tx) -> Status {
      return tx.AppendAudit(AuditEntry{5, "DCC", "test.step", "X", "null", "{}"}).status();
    });
    ASSERT_TRUE(s.ok());
  }
  RawSql("DELETE FROM audit_log WHERE seq = 2");
  auto store = Open();
  AuditVerdict v = Verify(*store);
  EXPECT_EQ(v.problem, AuditProblem::kDeleted);
  EXPECT_EQ(v.first_bad_seq, 2);
  // No later change can paper over the gap: writes are refused.
  Status s = store->Write([&](DmctTxn& tx) -> Status {
    return tx.AppendAudit(AuditEntry{6, "DCC", "test.step", "Y", "null", "{}"}).status();
  });
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("lost its last record #2"), std::string::npos) << s.message();
  v = Verify(*store);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 2) << v.message;
}

// Verifies chain and state together, as `audit verify` does.
AuditVerdict VerifyAll(DmctStore& store) {
  AuditVerdict v;
  Status s = store.Read([&](DmctTxn& tx) -> Status {
    S1MIG_ASSIGN_OR_RETURN(auto records, tx.ListAudit());
    S1MIG_ASSIGN_OR_RETURN(auto head, tx.ReadAuditHead());
    v = VerifyAuditChain(records, head);
    if (!v.intact) return Status::Ok();
    S1MIG_ASSIGN_OR_RETURN(std::string state, tx.StateDigest());
    v = VerifyAuditState(records, state);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.message();
  return v;
}

TEST_F(SqliteStoreTest, StateDigestSurvivesVacuumButNotARawInsert) {
  {
    auto store = Open();
    Status s = store->Write([&](DmctTxn& tx) -> Status {
      S1MIG_RETURN_IF_ERROR(tx.InsertParty(Party{"SUP01", PartyRole::kSupplier, "One"}));
      S1MIG_RETURN_IF_ERROR(tx.InsertParty(Party{"SUP02", PartyRole::kSupplier, "Two"}));
      return tx.AppendAudit(AuditEntry{1, "DCC", "party.add", "SUP01", "null", "{}"}).status();
    });
    ASSERT_TRUE(s.ok()) << s.message();
    EXPECT_TRUE(VerifyAll(*store).intact);
  }
  RawSql("VACUUM");
  {
    auto store = Open();
    AuditVerdict v = VerifyAll(*store);
    EXPECT_TRUE(v.intact) << v.message;
  }
  RawSql("INSERT INTO parties(id, role, name) VALUES('MALLORY', 'supplier', '')");
  auto store = Open();
  AuditVerdict v = VerifyAll(*store);
  EXPECT_EQ(v.problem, AuditProblem::kStateEdited);
  EXPECT_EQ(v.first_bad_seq, 2);
  EXPECT_NE(v.message.find("table parties no longer matches"), std::string::npos) << v.message;
  // The next change would record the edited state as its own: it is refused instead.
  Status s = store->Write([&](DmctTxn& tx) -> Status {
    return tx.AppendAudit(AuditEntry{2, "DCC", "test.step", "X", "null", "{}"}).status();
  });
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("parties"), std::string::npos) << s.message();
  EXPECT_FALSE(VerifyAll(*store).intact);
}

TEST_F(SqliteStoreTest, ConcurrentWritersAreSerialized) {
  { auto store = Open(); }
  constexpr int kThreads = 3, kEach = 8;
  std::vector<std::thread> threads;
  std::vector<std::vector<std::string>> ids(kThreads);
  std::vector<int> failures(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto store = std::move(OpenSqliteStore(path_)).value();  // one connection per thread
      for (int i = 0; i < kEach; ++i) {
        Status s = store->Write([&](DmctTxn& tx) -> Status {
          Submission sub = Sub("DCC");
          sub.dmc.fw[0] = std::to_string(t) + "." + std::to_string(i);
          S1MIG_ASSIGN_OR_RETURN(std::string id, tx.InsertSubmission(sub));
          ids[t].push_back(id);
          return tx.AppendAudit(AuditEntry{7, "DCC", "dmct.submit", id, "null", "{}"}).status();
        });
        failures[t] += !s.ok();
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::string> all;
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(failures[t], 0);
    all.insert(ids[t].begin(), ids[t].end());
  }
  EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kEach));
  auto store = Open();
  AuditVerdict v = VerifyAll(*store);
  EXPECT_TRUE(v.intact) << v.message;
  EXPECT_EQ(v.records, 1 + kThreads * kEach);
}

TEST_F(SqliteStoreTest, LatestActionTimeIgnoresUntimedRecords) {
  auto store = Open();
  Status s = store->Write([&](DmctTxn& tx) -> Status {
    S1MIG_ASSIGN_OR_RETURN(auto none, tx.LatestActionTime());
    EXPECT_FALSE(none.has_value());
    S1MIG_RETURN_IF_ERROR(
        tx.AppendAudit(AuditEntry{42, "DCC", "test.step", "X", "null", "{}"}).status());
    S1MIG_RETURN_IF_ERROR(
        tx.AppendAudit(AuditEntry{std::nullopt, "DCC", "test.step", "X", "null", "{}"}).status());
    S1MIG_ASSIGN_OR_RETURN(auto latest, tx.LatestActionTime());
    EXPECT_EQ(latest, std::optional<Instant>(42));
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.message();
}

}  // namespace
}  // namespace s1mig::store
