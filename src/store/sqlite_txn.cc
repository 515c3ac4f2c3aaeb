// SqliteTxn: the DmctTxn operations as SQL over the open transaction of a SqliteStore.
#include <cstdio>

#include "store/sqlite_db.h"
#include "store/sqlite_internal.h"

namespace s1mig::store::sqlite {
namespace {

std::string DateText(Days d) { return FormatDate(d); }

Days DateFrom(const std::string& text) {
  std::optional<Days> d = ParseDate(text);
  return d ? *d : 0;
}

// Binds the ten DMC columns starting at bind index `first`.
void BindDmc(Stmt& s, int first, const Dmc& d) {
  for (int i = 0; i < kDeviceSlots; ++i) {
    s.Bind(first + 2 * i, d.model[i]).Bind(first + 2 * i + 1, d.fw[i]);
  }
}

Dmc ReadDmc(const Stmt& s, int first) {
  Dmc d;
  for (int i = 0; i < kDeviceSlots; ++i) {
    d.model[i] = s.Text(first + 2 * i);
    d.fw[i] = s.Text(first + 2 * i + 1);
  }
  return d;
}

class SqliteTxn : public DmctTxn {
 public:
  SqliteTxn(sqlite3* db, bool writable) : db_(db), writable_(writable) {}

  Result<std::optional<Party>> FindParty(const std::string& id) override {
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("SELECT id, role, name FROM parties WHERE id = ?"));
    s.Bind(1, id);
    S1MIG_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return std::optional<Party>();
    return std::optional<Party>(ReadParty(s));
  }

  Result<std::vector<Party>> ListParties() override {
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("SELECT id, role, name FROM parties ORDER BY id"));
    std::vector<Party> out;
    for (;;) {
      S1MIG_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) return out;
      out.push_back(ReadParty(s));
    }
  }

  Status InsertParty(const Party& p) override {
    S1MIG_RETURN_IF_ERROR(Writable());
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("INSERT INTO parties(id, role, name) VALUES(?,?,?)"));
    s.Bind(1, p.id).Bind(2, PartyRoleName(p.role)).Bind(3, p.name);
    return s.Run();
  }

  Result<std::string> InsertSubmission(const Submission& sub) override {
    S1MIG_RETURN_IF_ERROR(Writable());
    S1MIG_ASSIGN_OR_RETURN(int64_t n, NextN("submissions"));
    std::string id = FormatId('S', n);
    S1MIG_ASSIGN_OR_RETURN(
        Stmt s, Q(std::string("INSERT INTO submissions(n, id, party, mode, ") + kDmcColumns +
                  ", display_class, submitted_at_us) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    s.Bind(1, n).Bind(2, id).Bind(3, sub.party).Bind(4, MeterModeName(sub.mode));
    BindDmc(s, 5, sub.dmc);
    s.Bind(15, DisplayClassName(sub.display_class)).Bind(16, sub.submitted_at);
    S1MIG_RETURN_IF_ERROR(s.Run());
    return id;
  }

  Result<std::vector<Submission>> ListSubmissions() override {
    S1MIG_ASSIGN_OR_RETURN(Stmt s,
                           Q(std::string("SELECT id, party, mode, ") + kDmcColumns +
                             ", display_class, submitted_at_us FROM submissions ORDER BY n"));
    std::vector<Submission> out;
    for (;;) {
      S1MIG_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) return out;
      Submission sub;
      sub.id = s.Text(0);
      sub.party = s.Text(1);
      sub.mode = ParseMeterMode(s.Text(2)).value_or(MeterMode::kActive);
      sub.dmc = ReadDmc(s, 3);
      sub.display_class = ParseDisplayClass(s.Text(13)).value_or(DisplayClass::kPpmid);
      sub.submitted_at = s.Int(14);
      out.push_back(std::move(sub));
    }
  }

  Status SetDisplayClass(const std::string& id, DisplayClass c) override {
    S1MIG_RETURN_IF_ERROR(Writable());
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("UPDATE submissions SET display_class = ? WHERE id = ?"));
    s.Bind(1, DisplayClassName(c)).Bind(2, id);
    return Changed(s.Run(), "submission " + id);
  }

  Result<std::vector<EpclEntry>> ListEpcl() override {
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q(std::string("SELECT entry_id, ") + kDmcColumns +
                                     ", basis, listed_on FROM epcl_entries ORDER BY n"));
    std::vector<EpclEntry> out;
    for (;;) {
      S1MIG_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) return out;
      EpclEntry e;
      e.entry_id = s.Text(0);
      Dmc d = ReadDmc(s, 1);
      for (int i = 0; i < kDeviceSlots; ++i) {
        e.model[i] = d.model[i];
        e.fw[i] = d.fw[i];
      }
      e.basis = s.Text(11) == "TESTED" ? EpclBasis::kTested : EpclBasis::kSubstantiveEquivalence;
      e.listed_on = DateFrom(s.Text(12));
      out.push_back(std::move(e));
    }
  }

  Status InsertEpclEntry(const EpclEntry& e) override {
    S1MIG_RETURN_IF_ERROR(Writable());
    S1MIG_ASSIGN_OR_RETURN(Stmt s,
                           Q(std::string("INSERT INTO epcl_entries(entry_id, ") + kDmcColumns +
                             ", basis, listed_on) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    s.Bind(1, e.entry_id);
    BindDmc(s, 2, DmcOf(e));
    s.Bind(12, EpclBasisName(e.basis)).Bind(13, DateText(e.listed_on));
    return s.Run();
  }

  Result<std::string> InsertAssessment(const AssessmentRecord& a) override {
    S1MIG_RETURN_IF_ERROR(Writable());
    S1MIG_ASSIGN_OR_RETURN(int64_t n, NextN("ppmid_assessments"));
    std::string id = FormatId('A', n);
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("INSERT INTO ppmid_assessments(n, id, ppmid_model, "
                                     "ppmid_fw, epcl_data, source, assessed_at_us, assessed_on) "
                                     "VALUES(?,?,?,?,?,?,?,?)"));
    s.Bind(1, n).Bind(2, id).Bind(3, a.model).Bind(4, a.fw).Bind(5, EpclDataName(a.epcl_data));
    if (a.source) {
      s.Bind(6, DataSourceName(*a.source));
    } else {
      s.BindNull(6);
    }
    s.Bind(7, a.assessed_at).Bind(8, DateText(a.assessed_on));
    S1MIG_RETURN_IF_ERROR(s.Run());
    return id;
  }

  Result<std::vector<AssessmentRecord>> ListAssessments() override {
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("SELECT id, ppmid_model, ppmid_fw, epcl_data, source, "
                                     "assessed_at_us, assessed_on FROM ppmid_assessments "
                                     "ORDER BY n"));
    std::vector<AssessmentRecord> out;
    for (;;) {
      S1MIG_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) return out;
      AssessmentRecord a;
      a.id = s.Text(0);
      a.model = s.Text(1);
      a.fw = s.Text(2);
      a.epcl_data = s.Text(3) == "OBTAINED" ? EpclData::kObtained : EpclData::kUnobtainable;
      if (!s.IsNull(4)) a.source = ParseDataSource(s.Text(4));
      a.assessed_at = s.OptInt(5);
      a.assessed_on = DateFrom(s.Text(6));
      out.push_back(std::move(a));
    }
  }

  Result<std::string> InsertNotice(const Notice& no) override {
    S1MIG_RETURN_IF_ERROR(Writable());
    S1MIG_ASSIGN_OR_RETURN(int64_t n, NextN("notifications"));
    std::string id = FormatId('N', n);
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("INSERT INTO notifications(n, id, party, ppmid_model, "
                                     "ppmid_fw, assessment_id, notified_at_us, "
                                     "referral_deadline, calendar, status, text) "
                                     "VALUES(?,?,?,?,?,?,?,?,?,?,?)"));
    s.Bind(1, n).Bind(2, id).Bind(3, no.party).Bind(4, no.model).Bind(5, no.fw);
    s.Bind(6, no.assessment_id).Bind(7, no.notified_at).Bind(8, DateText(no.referral_deadline));
    s.Bind(9, no.calendar).Bind(10, NoticeStatusName(no.status)).Bind(11, no.text);
    S1MIG_RETURN_IF_ERROR(s.Run());
    return id;
  }

  Result<std::optional<Notice>> FindNotice(const std::string& id) override {
    S1MIG_ASSIGN_OR_RETURN(std::vector<Notice> v, Notices(" WHERE id = ?", id));
    if (v.empty()) return std::optional<Notice>();
    return std::optional<Notice>(std::move(v[0]));
  }

  Result<std::vector<Notice>> ListNotices() override { return Notices("", ""); }

  Status SetNoticeStatus(const std::string& id, NoticeStatus status) override {
    S1MIG_RETURN_IF_ERROR(Writable());
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("UPDATE notifications SET status = ? WHERE id = ?"));
    s.Bind(1, NoticeStatusName(status)).Bind(2, id);
    return Changed(s.Run(), "notice " + id);
  }

  Result<std::string> InsertReferral(const Referral& r) override {
    S1MIG_RETURN_IF_ERROR(Writable());
    S1MIG_ASSIGN_OR_RETURN(int64_t n, NextN("referrals"));
    std::string id = FormatId('R', n);
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("INSERT INTO referrals(n, id, notice_id, party, "
                                     "referred_at_us) VALUES(?,?,?,?,?)"));
    s.Bind(1, n).Bind(2, id).Bind(3, r.notice_id).Bind(4, r.party).Bind(5, r.referred_at);
    S1MIG_RETURN_IF_ERROR(s.Run());
    return id;
  }

  Result<std::optional<Referral>> FindReferral(const std::string& id) override {
    return OneReferral("id", id);
  }

  Result<std::optional<Referral>> FindReferralForNotice(const std::string& notice_id) override {
    return OneReferral("notice_id", notice_id);
  }

  Result<std::string> InsertDecision(const Decision& d) override {
    S1MIG_RETURN_IF_ERROR(Writable());
    S1MIG_ASSIGN_OR_RETURN(int64_t n, NextN("decisions"));
    std::string id = FormatId('D', n);
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("INSERT INTO decisions(n, id, referral_id, outcome, "
                                     "decided_at_us, effective_from) VALUES(?,?,?,?,?,?)"));
    s.Bind(1, n).Bind(2, id).Bind(3, d.referral_id).Bind(4, OutcomeName(d.outcome));
    s.Bind(5, d.decided_at).Bind(6, DateText(d.effective_from));
    S1MIG_RETURN_IF_ERROR(s.Run());
    return id;
  }

  Result<std::optional<Decision>> FindDecisionForReferral(const std::string& rid) override {
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("SELECT id, referral_id, outcome, decided_at_us, "
                                     "effective_from FROM decisions WHERE referral_id = ?"));
    s.Bind(1, rid);
    S1MIG_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return std::optional<Decision>();
    Decision d;
    d.id = s.Text(0);
    d.referral_id = s.Text(1);
    d.outcome = ParseOutcome(s.Text(2)).value_or(Outcome::kDismissed);
    d.decided_at = s.Int(3);
    d.effective_from = DateFrom(s.Text(4));
    return std::optional<Decision>(std::move(d));
  }

  Status InsertReinstatement(const PpmidReinstatement& r, const std::string& decision) override {
    S1MIG_RETURN_IF_ERROR(Writable());
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("INSERT INTO ppmid_reinstatements(ppmid_model, ppmid_fw, "
                                     "from_date, decision_id) VALUES(?,?,?,?)"));
    s.Bind(1, r.model).Bind(2, r.fw).Bind(3, DateText(r.from)).Bind(4, decision);
    return s.Run();
  }

  Result<std::vector<PpmidReinstatement>> ListReinstatements() override {
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("SELECT ppmid_model, ppmid_fw, from_date FROM "
                                     "ppmid_reinstatements ORDER BY n"));
    std::vector<PpmidReinstatement> out;
    for (;;) {
      S1MIG_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) return out;
      out.push_back(PpmidReinstatement{s.Text(0), s.Text(1), DateFrom(s.Text(2))});
    }
  }

  Result<int64_t> AppendAudit(const AuditEntry& e) override {
    S1MIG_RETURN_IF_ERROR(Writable());
    return AppendAuditRow(db_, e);
  }

  Result<std::optional<Instant>> LatestActionTime() override {
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("SELECT max(at_us) FROM audit_log"));
    S1MIG_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row || s.IsNull(0)) return std::optional<Instant>();
    return std::optional<Instant>(s.Int(0));
  }

  Result<std::vector<AuditRecord>> ListAudit() override {
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("SELECT seq, at_us, recorded_at, actor, action, subject, "
                                     "before, after, state, prev_hash, hash FROM audit_log "
                                     "ORDER BY seq"));
    std::vector<AuditRecord> out;
    for (;;) {
      S1MIG_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) return out;
      AuditRecord r;
      r.seq = s.Int(0);
      r.at = s.OptInt(1);
      r.recorded_at = s.Text(2);
      r.actor = s.Text(3);
      r.action = s.Text(4);
      r.subject = s.Text(5);
      r.before = s.Text(6);
      r.after = s.Text(7);
      r.state = s.Text(8);
      r.prev_hash = s.Text(9);
      r.hash = s.Text(10);
      out.push_back(std::move(r));
    }
  }

  Result<std::string> StateDigest() override { return StateDigestOf(db_); }

  Result<std::optional<AuditHead>> ReadAuditHead() override {
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("SELECT seq, hash FROM audit_head WHERE id = 1"));
    S1MIG_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return std::optional<AuditHead>();
    return std::optional<AuditHead>(AuditHead{s.Int(0), s.Text(1)});
  }

 private:
  Result<Stmt> Q(std::string_view sql) { return Stmt::Prepare(db_, sql); }

  Status Writable() const {
    if (writable_) return Status::Ok();
    return FailedPrecondition("write attempted inside a read-only store transaction");
  }

  // The UPDATE must have hit exactly one row; otherwise the id named nothing.
  Status Changed(Status run, const std::string& what) {
    S1MIG_RETURN_IF_ERROR(run);
    if (sqlite3_changes(db_) != 1) return NotFound(what + " does not exist");
    return Status::Ok();
  }

  // Ids are the row number with a one-letter prefix: "S-000001". Safe because every writer
  // holds the store's write lock (BEGIN IMMEDIATE).
  Result<int64_t> NextN(const std::string& table) {
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("SELECT ifnull(max(n), 0) + 1 FROM " + table));
    S1MIG_ASSIGN_OR_RETURN(bool row, s.Step());
    return row ? s.Int(0) : 1;
  }

  static std::string FormatId(char prefix, int64_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%c-%06lld", prefix, static_cast<long long>(n));
    return buf;
  }

  static Party ReadParty(const Stmt& s) {
    return Party{s.Text(0), ParsePartyRole(s.Text(1)).value_or(PartyRole::kSupplier), s.Text(2)};
  }

  Result<std::vector<Notice>> Notices(const std::string& where, const std::string& arg) {
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("SELECT id, party, ppmid_model, ppmid_fw, assessment_id, "
                                     "notified_at_us, referral_deadline, calendar, status, text "
                                     "FROM notifications" +
                                     where + " ORDER BY n"));
    if (!where.empty()) s.Bind(1, arg);
    std::vector<Notice> out;
    for (;;) {
      S1MIG_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) return out;
      Notice n;
      n.id = s.Text(0);
      n.party = s.Text(1);
      n.model = s.Text(2);
      n.fw = s.Text(3);
      n.assessment_id = s.Text(4);
      n.notified_at = s.Int(5);
      n.referral_deadline = DateFrom(s.Text(6));
      n.calendar = s.Text(7);
      n.status = ParseNoticeStatus(s.Text(8)).value_or(NoticeStatus::kNotified);
      n.text = s.Text(9);
      out.push_back(std::move(n));
    }
  }

  Result<std::optional<Referral>> OneReferral(const std::string& column, const std::string& value) {
    S1MIG_ASSIGN_OR_RETURN(Stmt s, Q("SELECT id, notice_id, party, referred_at_us FROM "
                                     "referrals WHERE " +
                                     column + " = ?"));
    s.Bind(1, value);
    S1MIG_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return std::optional<Referral>();
    return std::optional<Referral>(Referral{s.Text(0), s.Text(1), s.Text(2), s.Int(3)});
  }

  sqlite3* db_;
  bool writable_;
};

}  // namespace

std::unique_ptr<DmctTxn> NewSqliteTxn(sqlite3* db, bool writable) {
  return std::make_unique<SqliteTxn>(db, writable);
}

}  // namespace s1mig::store::sqlite
