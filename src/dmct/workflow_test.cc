// Tests of the DMCT workflow functions: the SVTAD 20.5A scenario end to end (submit, assess,
// reclassify, notify, substantive equivalence, overlay, refer, decide, audit), the amendment's
// start, and every refusal leaving the store unchanged.
#include "dmct/workflow.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "base/output_file.h"
#include "base/temp_path.h"
#include "dmct/reference_exchange.h"
#include "dmct/reference_overlay.h"
#include "store/sqlite_store.h"

namespace s1mig::dmct {
namespace {

using store::DisplayClass;
using store::NoticeStatus;

Instant T(const char* text) { return *ParseTimestamp(text); }
Days D(const char* text) { return *ParseDate(text); }

store::Dmc MakeDmc(const std::string& chf, const std::string& esme, const std::string& gsme,
                   const std::string& gpf, const std::string& ppmid) {
  store::Dmc d;
  const std::string* parts[] = {&chf, &esme, &gsme, &gpf, &ppmid};
  for (int i = 0; i < kDeviceSlots; ++i) {
    if (parts[i]->empty()) continue;
    size_t at = parts[i]->rfind('@');
    d.model[i] = parts[i]->substr(0, at);
    d.fw[i] = parts[i]->substr(at + 1);
  }
  return d;
}

EpclEntry Entry(const std::string& id, const store::Dmc& d, const char* listed_on) {
  EpclEntry e;
  e.entry_id = id;
  for (int i = 0; i < kDeviceSlots; ++i) {
    e.model[i] = d.model[i];
    e.fw[i] = d.fw[i];
  }
  e.listed_on = D(listed_on);
  return e;
}

class WorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("s1mig_dmct_test.");
    path_ = dir_ + "/s1mig.db";
    auto r = store::OpenSqliteStore(path_);
    ASSERT_TRUE(r.ok()) << r.status().message();
    store_ = std::move(r).value();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Party(const std::string& id) {
    ASSERT_TRUE(AddParty(*store_, {id, store::PartyRole::kSupplier, id + " Energy", {}}).ok());
  }

  // The basic example's EPCL, plus a gas combination tested with another display.
  void ImportBasicReference() {
    std::vector<EpclEntry> epcl = {
        Entry("E001", MakeDmc("CHF-L@1.4", "ESME-L@2.1", "", "", ""), "2019-06-01"),
        Entry("E002", MakeDmc("CHF-L@1.4", "ESME-L@2.1", "GSME-L@3.0", "GPF-L@1.0", ""),
              "2019-06-01"),
        Entry("E003", MakeDmc("CHF-L@1.4", "ESME-L@2.1", "", "", "DSP-NEW@2.2"), "2020-02-10"),
        Entry("E004", MakeDmc("CHF-G@5", "ESME-G@6", "GSME-G@7", "GPF-G@8", "DSP-NEW@2.2"),
              "2020-03-01"),
    };
    std::vector<PpmidAssessment> assessments = {
        {"DSP-NEW", "2.2", EpclData::kObtained, D("2020-01-20")}};
    auto r = ImportReference(*store_, epcl, assessments, "basic", std::nullopt);
    ASSERT_TRUE(r.ok()) << r.status().message();
  }

  std::string MustSubmit(const std::string& party, const store::Dmc& dmc, const char* at,
                         store::MeterMode mode = store::MeterMode::kActive) {
    auto r = Submit(*store_, {party, T(at), dmc, mode});
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : "";
  }

  Result<AssessOutcome> AssessDisplay(const char* model_fw, EpclData data, const char* at,
                                      const WorkingDayCalendar* cal = nullptr) {
    std::string mf = model_fw;
    size_t p = mf.rfind('@');
    return Assess(*store_,
                  {mf.substr(0, p), mf.substr(p + 1), data, store::DataSource::kSmso, T(at), cal});
  }

  std::vector<store::Submission> Submissions() {
    std::vector<store::Submission> out;
    EXPECT_TRUE(store_
                    ->Read([&](store::DmctTxn& tx) -> Status {
                      S1MIG_ASSIGN_OR_RETURN(out, tx.ListSubmissions());
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  // Everything in the store that a refused request must leave alone, as one string.
  std::string Fingerprint() {
    std::string fp;
    Status s = store_->Read([&](store::DmctTxn& tx) -> Status {
      S1MIG_ASSIGN_OR_RETURN(auto audit, tx.ListAudit());
      for (const auto& r : audit) fp += r.hash + ";";
      S1MIG_ASSIGN_OR_RETURN(auto subs, tx.ListSubmissions());
      for (const auto& x : subs) fp += x.id + store::DisplayClassName(x.display_class) + ";";
      S1MIG_ASSIGN_OR_RETURN(auto epcl, tx.ListEpcl());
      fp += std::to_string(epcl.size()) + ";";
      S1MIG_ASSIGN_OR_RETURN(auto as, tx.ListAssessments());
      fp += std::to_string(as.size()) + ";";
      S1MIG_ASSIGN_OR_RETURN(auto ns, tx.ListNotices());
      for (const auto& n : ns) fp += n.id + store::NoticeStatusName(n.status) + ";";
      S1MIG_ASSIGN_OR_RETURN(auto ps, tx.ListParties());
      fp += std::to_string(ps.size());
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok());
    return fp;
  }

  std::string dir_;
  std::string path_;
  std::unique_ptr<store::DmctStore> store_;
};

const store::Dmc kElecOld = MakeDmc("CHF-L@1.4", "ESME-L@2.1", "", "", "DSP-OLD@0.9");
const store::Dmc kGasOld = MakeDmc("CHF-G@5", "ESME-G@6", "GSME-G@7", "GPF-G@8", "DSP-OLD@0.9");
const store::Dmc kOtherOld = MakeDmc("CHF-X@1", "ESME-X@1", "", "", "DSP-OLD@0.9");
const store::Dmc kElecNew = MakeDmc("CHF-L@1.4", "ESME-L@2.1", "", "", "DSP-NEW@2.2");

TEST_F(WorkflowTest, ScenarioEndToEnd) {
  Party("SUP01");
  Party("SUP02");
  ImportBasicReference();
  std::string s1 = MustSubmit("SUP01", kElecOld, "2021-12-01T09:00:00Z");
  std::string s2 = MustSubmit("SUP01", kGasOld, "2021-12-01T09:05:00Z");
  std::string s3 = MustSubmit("SUP02", kElecOld, "2021-12-02T09:00:00Z");
  std::string s4 = MustSubmit("DCC", kOtherOld, "2021-12-03T09:00:00Z", store::MeterMode::kDormant);
  std::string s5 = MustSubmit("SUP02", kElecNew, "2021-12-03T10:00:00Z");
  EXPECT_EQ(s1, "S-000001");
  EXPECT_EQ(s5, "S-000005");

  // Assess: unobtainable after U1-PPMID is in force.
  auto a = AssessDisplay("DSP-OLD@0.9", EpclData::kUnobtainable, "2021-12-22T10:00:00Z");
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_TRUE(a->amendment_in_force);
  EXPECT_EQ(a->reclassified, (std::vector<std::string>{s1, s2, s3, s4}));
  ASSERT_EQ(a->notices.size(), 2u);  // SUP01 once for two submissions; SUP02; not the DCC
  EXPECT_EQ(a->notices[0].party, "SUP01");
  EXPECT_EQ(a->notices[1].party, "SUP02");
  EXPECT_EQ(FormatDate(a->notices[0].referral_deadline), "2022-01-10");
  const std::string& text = a->notices[0].text;
  EXPECT_NE(text.find("20.5A"), std::string::npos);
  EXPECT_NE(text.find("DSP-OLD"), std::string::npos);
  EXPECT_NE(text.find("SMETS1 SMSO"), std::string::npos);
  EXPECT_NE(text.find(s1 + ", " + s2), std::string::npos) << text;
  EXPECT_NE(text.find("Monday 2022-01-10"), std::string::npos) << text;
  // Substantive equivalence: the gas DMC without its display matches E004 apart from E004's
  // PPMID; the electricity DMC is E001 already; CHF-X/ESME-X has no equivalent entry.
  ASSERT_EQ(a->listed.size(), 1u);
  EXPECT_EQ(a->listed[0].entry_id, "SE-000001");
  EXPECT_EQ(a->listed[0].basis, EpclBasis::kSubstantiveEquivalence);
  EXPECT_EQ(a->listed[0].listed_on, D("2021-12-22"));
  EXPECT_EQ(a->listed[0].model[static_cast<int>(DeviceSlot::kPpmid)], "");
  EXPECT_EQ(a->listed[0].model[static_cast<int>(DeviceSlot::kGsme)], "GSME-G");
  EXPECT_EQ(a->already_listed, (std::vector<std::string>{"CHF CHF-L@1.4 ESME ESME-L@2.1"}));
  EXPECT_EQ(a->unlisted, (std::vector<std::string>{"CHF CHF-X@1 ESME ESME-X@1"}));
  for (const auto& s : Submissions()) {
    EXPECT_EQ(s.display_class, s.id == s5 ? DisplayClass::kPpmid : DisplayClass::kIhd) << s.id;
  }

  // Evaluation input from the store.
  ReferenceData ref;
  ref.epcl.push_back(Entry("STALE", kElecNew, "2000-01-01"));
  ASSERT_TRUE(OverlayReferenceFromStore(path_, &ref).ok());
  EXPECT_EQ(ref.epcl.size(), 5u);
  EXPECT_EQ(ref.epcl[0].entry_id, "E001");
  EXPECT_EQ(ref.epcl.back().entry_id, "SE-000001");
  ASSERT_EQ(ref.assessments.size(), 2u);
  EXPECT_EQ(ref.assessments[1].model, "DSP-OLD");
  EXPECT_EQ(ref.assessments[1].epcl_data, EpclData::kUnobtainable);
  EXPECT_EQ(ref.assessments[1].assessed_on, D("2021-12-22"));
  EXPECT_TRUE(ref.reinstatements.empty());

  // Notices by party.
  auto mine = ListNotices(*store_, std::string("SUP02"));
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  const std::string n1 = a->notices[0].id, n2 = a->notices[1].id;

  // Refusals: SUP02 referring SUP01's notice; SUP02 one minute too late (London = UTC in Jan).
  auto wrong = Refer(*store_, {"SUP02", n1, T("2022-01-05T10:00:00Z")});
  EXPECT_EQ(wrong.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(wrong.status().message().find("2022-01-10"), std::string::npos);
  auto r1 = Refer(*store_, {"SUP01", n1, T("2022-01-10T23:59:00Z")});
  ASSERT_TRUE(r1.ok()) << r1.status().message();
  EXPECT_EQ(*r1, "R-000001");
  auto late = Refer(*store_, {"SUP02", n2, T("2022-01-11T00:00:00Z")});
  EXPECT_EQ(late.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(late.status().message().find("2022-01-10"), std::string::npos);
  EXPECT_EQ(Refer(*store_, {"SUP01", n1, T("2022-01-11T00:00:00Z")}).status().code(),
            StatusCode::kAlreadyExists);

  // Uphold: a PPMID again from the decision's London date; decision final.
  auto d = Decide(*store_, {*r1, store::Outcome::kUpheld, T("2022-02-01T12:00:00Z")});
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->effective_from, D("2022-02-01"));
  EXPECT_EQ(d->restored, (std::vector<std::string>{s1, s2, s3, s4}));
  EXPECT_EQ(d->reversed_notices, (std::vector<std::string>{n2}));
  auto again = Decide(*store_, {*r1, store::Outcome::kDismissed, T("2022-02-02T12:00:00Z")});
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(again.status().message().find("final"), std::string::npos);
  for (const auto& s : Submissions()) EXPECT_EQ(s.display_class, DisplayClass::kPpmid);

  ASSERT_TRUE(OverlayReferenceFromStore(path_, &ref).ok());
  ASSERT_EQ(ref.reinstatements.size(), 1u);
  EXPECT_EQ(ref.reinstatements[0].model, "DSP-OLD");
  EXPECT_EQ(ref.reinstatements[0].fw, "0.9");
  EXPECT_EQ(ref.reinstatements[0].from, D("2022-02-01"));

  // A later unobtainable assessment cannot undo the final decision; an obtained one is fine.
  auto later = AssessDisplay("DSP-OLD@0.9", EpclData::kUnobtainable, "2022-03-01T10:00:00Z");
  EXPECT_EQ(later.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(later.status().message().find("final"), std::string::npos);
  ASSERT_TRUE(AssessDisplay("DSP-OLD@0.9", EpclData::kObtained, "2022-03-01T10:00:00Z").ok());

  auto v = VerifyAudit(*store_);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact) << v->message;
  // create, 2 parties, import, 5 submits, assess, refer, decide, assess.
  EXPECT_EQ(v->records, 13);
}

TEST_F(WorkflowTest, UnobtainableBeforeU1PpmidLeavesAPpmid) {
  Party("SUP01");
  std::string s1 = MustSubmit("SUP01", kElecOld, "2021-07-01T09:00:00Z");
  // 22:59:59Z on 28 July 2021 is 23:59:59 BST: the day before U1-PPMID.
  auto before = AssessDisplay("DSP-OLD@0.9", EpclData::kUnobtainable, "2021-07-28T22:59:59Z");
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE(before->amendment_in_force);
  EXPECT_TRUE(before->reclassified.empty());
  EXPECT_TRUE(before->notices.empty());
  EXPECT_EQ(Submissions()[0].display_class, DisplayClass::kPpmid);
  // One second later it is 00:00 on 29 July in London.
  auto after = AssessDisplay("DSP-OLD@0.9", EpclData::kUnobtainable, "2021-07-28T23:00:00Z");
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->amendment_in_force);
  EXPECT_EQ(after->reclassified, std::vector<std::string>{s1});
  ASSERT_EQ(after->notices.size(), 1u);
  EXPECT_EQ(FormatDate(after->notices[0].referral_deadline), "2021-08-12");
}

TEST_F(WorkflowTest, DismissedStaysIhd) {
  Party("SUP01");
  MustSubmit("SUP01", kElecOld, "2022-06-01T09:00:00+01:00");
  auto a = AssessDisplay("DSP-OLD@0.9", EpclData::kUnobtainable, "2022-06-30T23:30:00Z");
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->notices.size(), 1u);
  EXPECT_EQ(FormatDate(a->notices[0].referral_deadline), "2022-07-15");
  auto r = Refer(*store_, {"SUP01", a->notices[0].id, T("2022-07-15T23:59:59+01:00")});
  ASSERT_TRUE(r.ok()) << r.status().message();
  auto d = Decide(*store_, {*r, store::Outcome::kDismissed, T("2022-08-01T10:00:00Z")});
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->restored.empty());
  EXPECT_EQ(Submissions()[0].display_class, DisplayClass::kIhd);
  auto notices = ListNotices(*store_, std::nullopt);
  EXPECT_EQ((*notices)[0].status, NoticeStatus::kDismissed);
  ReferenceData ref;
  ASSERT_TRUE(OverlayReferenceFromStore(path_, &ref).ok());
  EXPECT_TRUE(ref.reinstatements.empty());
}

TEST_F(WorkflowTest, ObtainedLaterRestoresPpmidAndReversesOpenNotices) {
  Party("SUP01");
  MustSubmit("SUP01", kElecOld, "2022-01-04T09:00:00Z");
  auto a = AssessDisplay("DSP-OLD@0.9", EpclData::kUnobtainable, "2022-01-05T09:00:00Z");
  ASSERT_TRUE(a.ok());
  auto b = AssessDisplay("DSP-OLD@0.9", EpclData::kObtained, "2022-01-06T09:00:00Z");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->restored, std::vector<std::string>{"S-000001"});
  EXPECT_EQ(b->reversed_notices, std::vector<std::string>{a->notices[0].id});
  auto r = Refer(*store_, {"SUP01", a->notices[0].id, T("2022-01-07T09:00:00Z")});
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(WorkflowTest, RefusalsLeaveTheStoreUnchanged) {
  Party("SUP01");
  ImportBasicReference();
  MustSubmit("SUP01", kElecOld, "2022-01-04T09:00:00Z");
  const std::string fp = Fingerprint();
  auto code = [](const Status& s) { return s.code(); };
  // Unknown party; duplicate; out of order; wrong role for the mode; incomplete DMCs.
  EXPECT_EQ(code(Submit(*store_, {"NOPE", T("2022-01-05T09:00:00Z"), kGasOld}).status()),
            StatusCode::kNotFound);
  EXPECT_EQ(code(Submit(*store_, {"SUP01", T("2022-01-05T09:00:00Z"), kElecOld}).status()),
            StatusCode::kAlreadyExists);
  auto ooo = Submit(*store_, {"SUP01", T("2022-01-04T08:59:59Z"), kGasOld});
  EXPECT_EQ(code(ooo.status()), StatusCode::kInvalidArgument);
  EXPECT_NE(ooo.status().message().find("out of order"), std::string::npos);
  EXPECT_EQ(code(Submit(*store_,
                        {"SUP01", T("2022-01-05T09:00:00Z"), kGasOld, store::MeterMode::kDormant})
                     .status()),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(code(Submit(*store_, {"DCC", T("2022-01-05T09:00:00Z"), kGasOld}).status()),
            StatusCode::kPermissionDenied);
  store::Dmc no_gpf = kGasOld;
  no_gpf.model[3].clear();
  no_gpf.fw[3].clear();
  EXPECT_EQ(code(Submit(*store_, {"SUP01", T("2022-01-05T09:00:00Z"), no_gpf}).status()),
            StatusCode::kInvalidArgument);
  store::Dmc no_ppmid = kGasOld;
  no_ppmid.model[4].clear();
  no_ppmid.fw[4].clear();
  EXPECT_EQ(code(Submit(*store_, {"SUP01", T("2022-01-05T09:00:00Z"), no_ppmid}).status()),
            StatusCode::kInvalidArgument);
  // Unknown notice and referral; duplicate party; bad party id.
  EXPECT_EQ(code(Refer(*store_, {"SUP01", "N-000042", T("2022-01-05T09:00:00Z")}).status()),
            StatusCode::kNotFound);
  EXPECT_EQ(code(Decide(*store_, {"R-000042", store::Outcome::kUpheld, T("2022-01-05T09:00:00Z")})
                     .status()),
            StatusCode::kNotFound);
  EXPECT_EQ(code(AddParty(*store_, {"SUP01", store::PartyRole::kSupplier, "", {}})),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(code(AddParty(*store_, {"has space", store::PartyRole::kSupplier, "", {}})),
            StatusCode::kInvalidArgument);
  // A deadline beyond the calendar refuses the whole assessment: not even it is recorded.
  auto beyond = AssessDisplay("DSP-OLD@0.9", EpclData::kUnobtainable, "2027-12-24T10:00:00Z");
  EXPECT_EQ(code(beyond.status()), StatusCode::kOutOfRange);
  EXPECT_NE(beyond.status().message().find("2027"), std::string::npos);
  // A conflicting re-import.
  std::vector<EpclEntry> conflicting = {
      Entry("E001", MakeDmc("CHF-Z@1", "ESME-Z@1", "", "", ""), "2019-06-01")};
  EXPECT_EQ(code(ImportReference(*store_, conflicting, {}, "x", std::nullopt).status()),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(Fingerprint(), fp);
}

TEST_F(WorkflowTest, OtherCalendarsGiveOtherDeadlines) {
  Party("SUP01");
  MustSubmit("SUP01", kElecOld, "2021-12-01T09:00:00Z");
  auto scot = WorkingDayCalendar::FromFile(std::string(S1MIG_SOURCE_DIR) +
                                           "/data/calendars/bank-holidays-scotland.csv");
  ASSERT_TRUE(scot.ok());
  auto a = AssessDisplay("DSP-OLD@0.9", EpclData::kUnobtainable, "2021-12-22T10:00:00Z", &*scot);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(FormatDate(a->notices[0].referral_deadline), "2022-01-11");
  EXPECT_NE(a->notices[0].calendar.find("scotland"), std::string::npos);
}

TEST_F(WorkflowTest, ImportIsIdempotentAndExportRoundTrips) {
  ImportBasicReference();
  std::vector<EpclEntry> again = {
      Entry("E001", MakeDmc("CHF-L@1.4", "ESME-L@2.1", "", "", ""), "2019-06-01")};
  auto r =
      ImportReference(*store_, again, {{"DSP-NEW", "2.2", EpclData::kObtained, D("2020-01-20")}},
                      "again", std::nullopt);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->epcl_added, 0);
  EXPECT_EQ(r->epcl_present, 1);
  EXPECT_EQ(r->assessments_present, 1);
  EpclEntry added = Entry("", MakeDmc("CHF-Q@1", "ESME-Q@2", "", "", ""), "2022-01-01");
  auto id = AddEpclEntry(*store_, added, std::nullopt);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, "EPCL-000001");
  EXPECT_EQ(AddEpclEntry(*store_, added, std::nullopt).status().code(), StatusCode::kAlreadyExists);

  std::vector<std::string> written;
  ASSERT_TRUE(ExportReference(*store_, dir_ + "/out", &written).ok());
  ASSERT_EQ(written.size(), 2u);
  auto epcl_csv = ReadWholeFile(dir_ + "/out/epcl.csv");
  ASSERT_TRUE(epcl_csv.ok());
  EXPECT_EQ(epcl_csv->substr(0, epcl_csv->find('\n')),
            "entry_id,chf_model,chf_fw,esme_model,esme_fw,gsme_model,gsme_fw,gpf_model,gpf_fw,"
            "ppmid_model,ppmid_fw,basis,listed_on");
  EXPECT_NE(epcl_csv->find("E002,CHF-L,1.4,ESME-L,2.1,GSME-L,3.0,GPF-L,1.0,,,TESTED,2019-06-01\n"),
            std::string::npos)
      << *epcl_csv;
  auto as_csv = ReadWholeFile(dir_ + "/out/ppmid_assessments.csv");
  EXPECT_EQ(*as_csv,
            "ppmid_model,ppmid_fw,epcl_data,assessed_on\nDSP-NEW,2.2,OBTAINED,2020-01-20\n");
}

TEST_F(WorkflowTest, AuditVerifierCatchesAHandEditedRow) {
  Party("SUP01");
  MustSubmit("SUP01", kElecOld, "2022-01-04T09:00:00Z");
  ASSERT_TRUE(AssessDisplay("DSP-OLD@0.9", EpclData::kUnobtainable, "2022-01-05T09:00:00Z").ok());
  ASSERT_TRUE(VerifyAudit(*store_)->intact);
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "UPDATE audit_log SET after = replace(after, 'IHD', 'PPMID') "
                         "WHERE action = 'dmct.assess'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  store_ = std::move(store::OpenSqliteStore(path_)).value();
  auto v = VerifyAudit(*store_);
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->intact);
  EXPECT_EQ(v->first_bad_seq, 4);
  EXPECT_EQ(v->problem, store::AuditProblem::kEdited);
}

TEST_F(WorkflowTest, AuditVerifierCatchesAHandEditedStateRow) {
  Party("SUP01");
  MustSubmit("SUP01", kElecOld, "2022-01-04T09:00:00Z");
  auto a = AssessDisplay("DSP-OLD@0.9", EpclData::kUnobtainable, "2022-01-05T09:00:00Z");
  ASSERT_TRUE(a.ok());
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE notifications SET referral_deadline = '2022-02-28'", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  store_ = std::move(store::OpenSqliteStore(path_)).value();
  auto v = VerifyAudit(*store_);
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->intact);
  EXPECT_EQ(v->problem, store::AuditProblem::kStateEdited);
  EXPECT_EQ(v->first_bad_seq, 4);
  EXPECT_NE(v->message.find("notifications"), std::string::npos) << v->message;
  EXPECT_EQ(v->message.find("submissions"), std::string::npos) << v->message;
}

TEST_F(WorkflowTest, OverlayRefusesAMissingStore) {
  ReferenceData ref;
  Status s = OverlayReferenceFromStore(dir_ + "/missing.db", &ref);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.ExitCode(), 2);
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/missing.db"));
}

}  // namespace
}  // namespace s1mig::dmct
