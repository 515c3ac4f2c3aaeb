// party / dmct / epcl / import-reference / export-reference / audit subcommands: flag wiring and
// printing only; the DMCT workflow is in src/dmct and the store in src/store.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "apps/s1mig/commands.h"
#include "apps/s1mig/rule_flags.h"
#include "base/ids.h"
#include "dmct/outcome_text.h"
#include "dmct/reference_exchange.h"
#include "dmct/reference_overlay.h"
#include "dmct/workflow.h"
#include "io/reference_reader.h"
#include "pipeline/evaluate_run.h"
#include "store/sqlite_store.h"

namespace s1mig::cli {

// Defined in cmd_evaluate.cc; `evaluate --db` and friends call it to read the store.
extern pipeline::ReferenceOverlay (*g_store_overlay)(const std::string& db_path);

namespace {

using nlohmann::ordered_json;
using store::DmctStore;

constexpr char kDbHelp[] = "The DMCT store (an SQLite file)";
constexpr char kAtHelp[] =
    "When the change happens: ISO 8601 with seconds and an offset, "
    "e.g. 2021-12-22T10:00:00Z; never earlier than the latest recorded change";

pipeline::ReferenceOverlay StoreOverlay(const std::string& db_path) {
  return [db_path](ReferenceData* ref) { return dmct::OverlayReferenceFromStore(db_path, ref); };
}

// State-changing commands create the store; the others require it to exist.
Result<std::unique_ptr<DmctStore>> OpenStore(const std::string& db, bool create) {
  std::string tz_error;
  if (!LondonZoneAvailable(&tz_error)) return FailedPrecondition(tz_error);
  store::SqliteStoreOptions o;
  o.create_if_missing = create;
  return store::OpenSqliteStore(db, o);
}

Result<Instant> ParseAt(const std::string& text) {
  std::optional<Instant> t = ParseTimestamp(text);
  if (!t) {
    return InvalidArgument("--at '" + text +
                           "' is not an ISO 8601 timestamp with seconds and an "
                           "offset (e.g. 2021-12-22T10:00:00Z or 2021-12-22T10:00:00+00:00)");
  }
  return *t;
}

Result<std::optional<Instant>> ParseOptionalAt(const std::string& text) {
  if (text.empty()) return std::optional<Instant>();
  S1MIG_ASSIGN_OR_RETURN(Instant t, ParseAt(text));
  return std::optional<Instant>(t);
}

// Fills one DMC slot from "MODEL@FW" (split at the last '@'); empty text leaves it absent.
Status SetSlot(const char* flag, const std::string& text, DeviceSlot slot, std::string* model,
               std::string* fw) {
  if (text.empty()) return Status::Ok();
  std::optional<ModelFirmware> mf = ParseModelFirmware(text);
  if (!mf) {
    return InvalidArgument(std::string(flag) + " '" + text +
                           "' is not MODEL@FW (split at the last '@'; both parts non-empty)");
  }
  model[static_cast<int>(slot)] = mf->model;
  fw[static_cast<int>(slot)] = mf->fw;
  return Status::Ok();
}

struct DmcFlags {
  std::string chf, esme, gsme, gpf, ppmid;
  void Add(CLI::App* c, bool ppmid_required) {
    c->add_option("--chf", chf, "Communications Hub Function, MODEL@FW")->required();
    c->add_option("--esme", esme, "Electricity meter, MODEL@FW")->required();
    c->add_option("--gsme", gsme, "Gas meter, MODEL@FW (with --gpf)");
    c->add_option("--gpf", gpf, "Gas Proxy Function, MODEL@FW (with --gsme)");
    auto* p = c->add_option("--ppmid", ppmid, "The display submitted as a SMETS1 PPMID, MODEL@FW");
    if (ppmid_required) p->required();
  }
  Status Fill(std::string* model, std::string* fw) const {
    S1MIG_RETURN_IF_ERROR(SetSlot("--chf", chf, DeviceSlot::kChf, model, fw));
    S1MIG_RETURN_IF_ERROR(SetSlot("--esme", esme, DeviceSlot::kEsme, model, fw));
    S1MIG_RETURN_IF_ERROR(SetSlot("--gsme", gsme, DeviceSlot::kGsme, model, fw));
    S1MIG_RETURN_IF_ERROR(SetSlot("--gpf", gpf, DeviceSlot::kGpf, model, fw));
    return SetSlot("--ppmid", ppmid, DeviceSlot::kPpmid, model, fw);
  }
};

std::string Dump(const ordered_json& j) {
  return j.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

// Wraps a command body returning Status into a CLI11 callback that sets the exit code.
template <typename Fn>
std::function<void()> Run(const char* name, int* exit_code, Fn fn) {
  return [name, exit_code, fn] {
    Status s = fn();
    *exit_code = s.ok() ? 0 : Fail(name, s);
  };
}

void RegisterParty(CLI::App& app, int* exit_code) {
  auto* party = app.add_subcommand("party", "Register and list the parties of the DMCT workflow");
  party->require_subcommand(1);
  auto* add = party->add_subcommand("add",
                                    "Register a party (Supplier Party or DCC); party DCC "
                                    "exists in every store");
  auto req = std::make_shared<dmct::AddPartyRequest>();
  auto db = std::make_shared<std::string>("s1mig.db");
  auto role = std::make_shared<std::string>();
  auto at = std::make_shared<std::string>();
  add->add_option("--db", *db, kDbHelp)->capture_default_str();
  add->add_option("--id", req->id, "Party id: letters, digits, '_', '-', '.'")->required();
  add->add_option("--role", *role, "supplier or dcc")
      ->required()
      ->transform(CLI::IsMember({"supplier", "dcc"}, CLI::ignore_case));
  add->add_option("--name", req->name, "Display name");
  add->add_option("--at", *at, "Optional; when given it is checked against the time order");
  add->callback(Run("party add", exit_code, [=]() -> Status {
    req->role = *store::ParsePartyRole(*role);
    S1MIG_ASSIGN_OR_RETURN(req->at, ParseOptionalAt(*at));
    S1MIG_ASSIGN_OR_RETURN(auto st, OpenStore(*db, true));
    S1MIG_RETURN_IF_ERROR(dmct::AddParty(*st, *req));
    std::printf("registered party %s (%s)\n", req->id.c_str(), role->c_str());
    return Status::Ok();
  }));

  auto* list = party->add_subcommand("list", "List the registered parties");
  auto ldb = std::make_shared<std::string>("s1mig.db");
  list->add_option("--db", *ldb, kDbHelp)->capture_default_str();
  list->callback(Run("party list", exit_code, [=]() -> Status {
    S1MIG_ASSIGN_OR_RETURN(auto st, OpenStore(*ldb, false));
    return st->Read([](store::DmctTxn& tx) -> Status {
      S1MIG_ASSIGN_OR_RETURN(auto parties, tx.ListParties());
      for (const auto& p : parties) {
        std::printf("%s\t%s\t%s\n", p.id.c_str(), store::PartyRoleName(p.role), p.name.c_str());
      }
      return Status::Ok();
    });
  }));
}

void RegisterSubmitAssess(CLI::App* dmct, int* exit_code) {
  auto* sub = dmct->add_subcommand(
      "submit",
      "Submit a Device Model Combination listing a display as a SMETS1 PPMID (SVTAD "
      "20.2); prints the submission id alone");
  auto db = std::make_shared<std::string>("s1mig.db");
  auto party = std::make_shared<std::string>();
  auto at = std::make_shared<std::string>();
  auto mode = std::make_shared<std::string>("active");
  auto flags = std::make_shared<DmcFlags>();
  sub->add_option("--db", *db, kDbHelp)->capture_default_str();
  sub->add_option("--party", *party,
                  "Submitting party: a Supplier Party for Active meters, DCC "
                  "for Dormant meters")
      ->required();
  sub->add_option("--at", *at, kAtHelp)->required();
  flags->Add(sub, /*ppmid_required=*/true);
  sub->add_option("--mode", *mode, "Meter mode: active (Supplier Party) or dormant (DCC)")
      ->capture_default_str()
      ->transform(CLI::IsMember({"active", "dormant"}, CLI::ignore_case));
  sub->callback(Run("dmct submit", exit_code, [=]() -> Status {
    dmct::SubmitRequest req;
    req.party = *party;
    S1MIG_ASSIGN_OR_RETURN(req.at, ParseAt(*at));
    S1MIG_RETURN_IF_ERROR(flags->Fill(req.dmc.model, req.dmc.fw));
    req.mode = *store::ParseMeterMode(*mode);
    S1MIG_ASSIGN_OR_RETURN(auto st, OpenStore(*db, true));
    S1MIG_ASSIGN_OR_RETURN(std::string id, dmct::Submit(*st, req));
    std::printf("%s\n", id.c_str());
    return Status::Ok();
  }));

  auto* as = dmct->add_subcommand(
      "assess",
      "Record the DCC's assessment of a display model; when its EPCL data is "
      "unobtainable and U1-PPMID is in force, reclassify it as a SMETS1 IHD, notify "
      "each submitting Supplier Party and list equivalent DMCs (SVTAD 20.5A)");
  auto adb = std::make_shared<std::string>("s1mig.db");
  auto ppmid = std::make_shared<std::string>();
  auto data = std::make_shared<std::string>();
  auto source = std::make_shared<std::string>();
  auto aat = std::make_shared<std::string>();
  auto calendar = std::make_shared<std::string>();
  as->add_option("--db", *adb, kDbHelp)->capture_default_str();
  as->add_option("--ppmid", *ppmid, "The display model assessed, MODEL@FW")->required();
  as->add_option("--data", *data,
                 "obtained or unobtainable: could the DCC get the data to list "
                 "it as a SMETS1 PPMID on the EPCL?")
      ->required()
      ->transform(CLI::IsMember({"obtained", "unobtainable"}, CLI::ignore_case));
  as->add_option("--source", *source, "Whom the DCC asked: supplier (the Supplier Party) or smso")
      ->required()
      ->transform(CLI::IsMember({"supplier", "smso"}, CLI::ignore_case));
  as->add_option("--at", *aat, kAtHelp)->required();
  as->add_option("--calendar", *calendar,
                 "Working Day calendar CSV (a 'date' column of bank "
                 "holidays); default: England and Wales, built in");
  as->footer(
      "The referral deadline is the end of the 10th Working Day after the notification's "
      "London date.\nA deadline beyond the calendar's last year is refused (exit 2).");
  as->callback(Run("dmct assess", exit_code, [=]() -> Status {
    dmct::AssessRequest req;
    std::optional<ModelFirmware> mf = ParseModelFirmware(*ppmid);
    if (!mf) {
      return InvalidArgument("--ppmid '" + *ppmid +
                             "' is not MODEL@FW (split at the last '@'; both parts non-empty)");
    }
    req.model = mf->model;
    req.fw = mf->fw;
    req.epcl_data = *data == "obtained" ? EpclData::kObtained : EpclData::kUnobtainable;
    req.source = *store::ParseDataSource(*source);
    S1MIG_ASSIGN_OR_RETURN(req.at, ParseAt(*aat));
    std::optional<dmct::WorkingDayCalendar> cal;
    if (!calendar->empty()) {
      S1MIG_ASSIGN_OR_RETURN(cal, dmct::WorkingDayCalendar::FromFile(*calendar));
      req.calendar = &*cal;
    }
    S1MIG_ASSIGN_OR_RETURN(auto st, OpenStore(*adb, true));
    S1MIG_ASSIGN_OR_RETURN(dmct::AssessOutcome out, dmct::Assess(*st, req));
    std::fputs(dmct::AssessOutcomeText(req, out).c_str(), stdout);
    return Status::Ok();
  }));
}

void RegisterNotices(CLI::App* dmct, int* exit_code) {
  auto* no = dmct->add_subcommand("notices",
                                  "List reclassification notices with their referral "
                                  "deadlines and texts");
  auto db = std::make_shared<std::string>("s1mig.db");
  auto party = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  no->add_option("--db", *db, kDbHelp)->capture_default_str();
  no->add_option("--party", *party, "Only the notices sent to this party");
  no->add_flag("--json", *json,
               "Print a JSON array (notice_id, party, model, fw, notified_at, "
               "referral_deadline, status, text, ...)");
  no->callback(Run("dmct notices", exit_code, [=]() -> Status {
    S1MIG_ASSIGN_OR_RETURN(auto st, OpenStore(*db, false));
    std::optional<std::string> filter;
    if (!party->empty()) filter = *party;
    S1MIG_ASSIGN_OR_RETURN(std::vector<store::Notice> notices, dmct::ListNotices(*st, filter));
    if (*json) {
      ordered_json arr = ordered_json::array();
      for (const store::Notice& n : notices) {
        arr.push_back({{"notice_id", n.id},
                       {"party", n.party},
                       {"model", n.model},
                       {"fw", n.fw},
                       {"notified_at", FormatInstant(n.notified_at)},
                       {"referral_deadline", FormatDate(n.referral_deadline)},
                       {"status", store::NoticeStatusName(n.status)},
                       {"text", n.text},
                       {"assessment_id", n.assessment_id},
                       {"calendar", n.calendar}});
      }
      std::printf("%s\n", Dump(arr).c_str());
      return Status::Ok();
    }
    if (notices.empty()) std::fprintf(stderr, "dmct notices: no notices\n");
    for (const store::Notice& n : notices) {
      std::printf("%s\n", dmct::NoticeText(n).c_str());
    }
    return Status::Ok();
  }));
}

void RegisterReferDecide(CLI::App* dmct, int* exit_code) {
  auto* re = dmct->add_subcommand(
      "refer",
      "Record a notified Supplier Party's referral to the Secretary of State, within 10 "
      "Working Days of the notice; prints the referral id alone");
  auto req = std::make_shared<dmct::ReferRequest>();
  auto db = std::make_shared<std::string>("s1mig.db");
  auto at = std::make_shared<std::string>();
  re->add_option("--db", *db, kDbHelp)->capture_default_str();
  re->add_option("--party", req->party, "The referring party (must be the notified one)")
      ->required();
  re->add_option("--notice", req->notice_id, "The notice referred, e.g. N-000001")->required();
  re->add_option("--at", *at,
                 kAtHelp + std::string("; on time when its London date is on or "
                                       "before the referral deadline"))
      ->required();
  re->callback(Run("dmct refer", exit_code, [=]() -> Status {
    S1MIG_ASSIGN_OR_RETURN(req->at, ParseAt(*at));
    S1MIG_ASSIGN_OR_RETURN(auto st, OpenStore(*db, true));
    S1MIG_ASSIGN_OR_RETURN(std::string id, dmct::Refer(*st, *req));
    std::printf("%s\n", id.c_str());
    return Status::Ok();
  }));

  auto* de = dmct->add_subcommand(
      "decide",
      "Record the Secretary of State's final decision on a referral: upheld (the model "
      "is a SMETS1 PPMID again from the decision's date) or dismissed (it stays IHD)");
  auto db2 = std::make_shared<std::string>("s1mig.db");
  auto referral = std::make_shared<std::string>();
  auto outcome = std::make_shared<std::string>();
  auto at2 = std::make_shared<std::string>();
  de->add_option("--db", *db2, kDbHelp)->capture_default_str();
  de->add_option("--referral", *referral, "The referral decided, e.g. R-000001")->required();
  de->add_option("--outcome", *outcome, "upheld or dismissed")
      ->required()
      ->transform(CLI::IsMember({"upheld", "dismissed"}, CLI::ignore_case));
  de->add_option("--at", *at2, kAtHelp)->required();
  de->callback(Run("dmct decide", exit_code, [=]() -> Status {
    dmct::DecideRequest req;
    req.referral_id = *referral;
    req.outcome = *outcome == "upheld" ? store::Outcome::kUpheld : store::Outcome::kDismissed;
    S1MIG_ASSIGN_OR_RETURN(req.at, ParseAt(*at2));
    S1MIG_ASSIGN_OR_RETURN(auto st, OpenStore(*db2, true));
    S1MIG_ASSIGN_OR_RETURN(dmct::DecideOutcome o, dmct::Decide(*st, req));
    std::fputs(dmct::DecideOutcomeText(req, o).c_str(), stdout);
    return Status::Ok();
  }));
}

void RegisterEpcl(CLI::App& app, int* exit_code) {
  auto* epcl = app.add_subcommand("epcl",
                                  "List or add entries of the store's list of SMETS1 "
                                  "Eligible Product Combinations");
  epcl->require_subcommand(1);
  auto* list = epcl->add_subcommand("list", "Print the EPCL as epcl.csv (DATA.md)");
  auto db = std::make_shared<std::string>("s1mig.db");
  list->add_option("--db", *db, kDbHelp)->capture_default_str();
  list->callback(Run("epcl list", exit_code, [=]() -> Status {
    S1MIG_ASSIGN_OR_RETURN(auto st, OpenStore(*db, false));
    S1MIG_ASSIGN_OR_RETURN(std::vector<EpclEntry> entries, dmct::ListEpcl(*st));
    std::fputs(dmct::EpclCsv(entries).c_str(), stdout);
    return Status::Ok();
  }));

  auto* add = epcl->add_subcommand("add", "Add one EPCL entry (e.g. a DMC that passed testing)");
  auto adb = std::make_shared<std::string>("s1mig.db");
  auto flags = std::make_shared<DmcFlags>();
  auto id = std::make_shared<std::string>();
  auto basis = std::make_shared<std::string>("TESTED");
  auto listed_on = std::make_shared<std::string>();
  auto at = std::make_shared<std::string>();
  add->add_option("--db", *adb, kDbHelp)->capture_default_str();
  flags->Add(add, /*ppmid_required=*/false);
  add->add_option("--id", *id, "Entry id (default: the next EPCL-NNNNNN)");
  add->add_option("--basis", *basis, "TESTED or SUBSTANTIVE_EQUIVALENCE")
      ->capture_default_str()
      ->transform(CLI::IsMember({"TESTED", "SUBSTANTIVE_EQUIVALENCE"}, CLI::ignore_case));
  add->add_option("--listed-on", *listed_on,
                  "Date (YYYY-MM-DD) from which the entry is listed "
                  "(default: the London date of --at)");
  add->add_option("--at", *at, kAtHelp);
  add->callback(Run("epcl add", exit_code, [=]() -> Status {
    EpclEntry e;
    e.entry_id = *id;
    S1MIG_RETURN_IF_ERROR(flags->Fill(e.model, e.fw));
    e.basis = *basis == "TESTED" ? EpclBasis::kTested : EpclBasis::kSubstantiveEquivalence;
    S1MIG_ASSIGN_OR_RETURN(std::optional<Instant> when, ParseOptionalAt(*at));
    if (!listed_on->empty()) {
      std::optional<Days> d = ParseDate(*listed_on);
      if (!d) return InvalidArgument("--listed-on '" + *listed_on + "' is not a date YYYY-MM-DD");
      e.listed_on = *d;
    } else if (when) {
      e.listed_on = LondonDate(*when);
    } else {
      return InvalidArgument("give --listed-on DATE or --at T");
    }
    S1MIG_ASSIGN_OR_RETURN(auto st, OpenStore(*adb, true));
    S1MIG_ASSIGN_OR_RETURN(std::string added, dmct::AddEpclEntry(*st, e, when));
    std::printf("%s\n", added.c_str());
    return Status::Ok();
  }));
}

void RegisterReferenceExchange(CLI::App& app, int* exit_code) {
  auto* im =
      app.add_subcommand("import-reference",
                         "Load a snapshot's epcl.csv and ppmid_assessments.csv into the store "
                         "(identical rows are skipped; a conflicting entry id refuses it all)");
  auto dir = std::make_shared<std::string>();
  auto db = std::make_shared<std::string>("s1mig.db");
  auto at = std::make_shared<std::string>();
  im->add_option("SNAPSHOT_DIR", *dir, "Snapshot directory (DATA.md)")->required();
  im->add_option("--db", *db, kDbHelp)->capture_default_str();
  im->add_option("--at", *at, "Optional time of the import, checked against the time order");
  im->callback(Run("import-reference", exit_code, [=]() -> Status {
    S1MIG_ASSIGN_OR_RETURN(std::optional<Instant> when, ParseOptionalAt(*at));
    Diagnostics diags;
    std::vector<EpclEntry> epcl;
    std::vector<PpmidAssessment> assessments;
    S1MIG_RETURN_IF_ERROR(io::ReadEpcl(*dir + "/epcl.csv", &epcl, &diags));
    S1MIG_RETURN_IF_ERROR(
        io::ReadAssessments(*dir + "/ppmid_assessments.csv", &assessments, &diags));
    size_t errors = 0;
    for (const Diagnostic& d : diags) {
      bool error = d.severity == Severity::kError;
      errors += error;
      std::fprintf(stderr, "%s: %s:%lld: %s%s%s\n", error ? "error" : "warning", d.file.c_str(),
                   static_cast<long long>(d.line), d.column.c_str(), d.column.empty() ? "" : ": ",
                   d.message.c_str());
    }
    if (errors > 0) {
      return InvalidArgument(
          std::to_string(errors) +
          " malformed row(s) in the reference files; nothing was imported (the store keeps "
          "only rows it can record exactly)");
    }
    S1MIG_ASSIGN_OR_RETURN(auto st, OpenStore(*db, true));
    S1MIG_ASSIGN_OR_RETURN(dmct::ImportOutcome o,
                           dmct::ImportReference(*st, epcl, assessments, *dir, when));
    std::printf(
        "imported %d EPCL entries (%d already present) and %d assessments (%d already "
        "present)\n",
        o.epcl_added, o.epcl_present, o.assessments_added, o.assessments_present);
    return Status::Ok();
  }));

  auto* ex =
      app.add_subcommand("export-reference",
                         "Write the store's EPCL and assessments as epcl.csv and "
                         "ppmid_assessments.csv (DATA.md), plus ppmid_reinstatements.csv when "
                         "referrals were upheld");
  auto edb = std::make_shared<std::string>("s1mig.db");
  auto out = std::make_shared<std::string>();
  ex->add_option("--db", *edb, kDbHelp)->capture_default_str();
  ex->add_option("--out", *out, "Output directory (created if missing)")->required();
  ex->callback(Run("export-reference", exit_code, [=]() -> Status {
    S1MIG_ASSIGN_OR_RETURN(auto st, OpenStore(*edb, false));
    std::vector<std::string> written;
    S1MIG_RETURN_IF_ERROR(dmct::ExportReference(*st, *out, &written));
    for (const std::string& p : written) std::printf("wrote %s\n", p.c_str());
    return Status::Ok();
  }));
}

void RegisterAudit(CLI::App& app, int* exit_code) {
  auto* audit =
      app.add_subcommand("audit", "Inspect and verify the store's hash-chained audit log");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand(
      "verify",
      "Check the audit log's hash chain: exit 0 when intact, exit 1 naming the first "
      "edited, inserted or deleted record");
  auto db = std::make_shared<std::string>("s1mig.db");
  verify->add_option("--db", *db, kDbHelp)->capture_default_str();
  verify->callback([=] {
    Status s = [&]() -> Status {
      S1MIG_ASSIGN_OR_RETURN(auto st, OpenStore(*db, false));
      S1MIG_ASSIGN_OR_RETURN(store::AuditVerdict v, dmct::VerifyAudit(*st));
      if (v.intact) {
        std::printf("audit log intact: %lld records, head %s\n", static_cast<long long>(v.records),
                    v.head_hash.c_str());
        *exit_code = 0;
      } else {
        std::printf("audit log BROKEN at record #%lld (%s): %s\n",
                    static_cast<long long>(v.first_bad_seq), store::AuditProblemName(v.problem),
                    v.message.c_str());
        *exit_code = 1;
      }
      return Status::Ok();
    }();
    if (!s.ok()) *exit_code = Fail("audit verify", s);
  });

  auto* list = audit->add_subcommand("list", "Print the audit log");
  auto ldb = std::make_shared<std::string>("s1mig.db");
  auto json = std::make_shared<bool>(false);
  list->add_option("--db", *ldb, kDbHelp)->capture_default_str();
  list->add_flag("--json", *json, "Print every field of every record as a JSON array");
  list->callback(Run("audit list", exit_code, [=]() -> Status {
    S1MIG_ASSIGN_OR_RETURN(auto st, OpenStore(*ldb, false));
    S1MIG_ASSIGN_OR_RETURN(std::vector<store::AuditRecord> records, dmct::ListAudit(*st));
    ordered_json arr = ordered_json::array();
    for (const store::AuditRecord& r : records) {
      const std::string at = r.at ? FormatInstant(*r.at) : "-";
      if (!*json) {
        std::printf("%lld\t%s\t%s\t%s\t%s\n", static_cast<long long>(r.seq), at.c_str(),
                    r.actor.c_str(), r.action.c_str(), r.subject.c_str());
        continue;
      }
      arr.push_back({{"seq", r.seq},
                     {"at", r.at ? ordered_json(at) : ordered_json(nullptr)},
                     {"recorded_at", r.recorded_at},
                     {"actor", r.actor},
                     {"action", r.action},
                     {"subject", r.subject},
                     {"before", ordered_json::parse(r.before, nullptr, false)},
                     {"after", ordered_json::parse(r.after, nullptr, false)},
                     {"prev_hash", r.prev_hash},
                     {"hash", r.hash}});
    }
    if (*json) std::printf("%s\n", Dump(arr).c_str());
    return Status::Ok();
  }));
}

}  // namespace

void RegisterDmctCommands(CLI::App& app, int* exit_code) {
  g_store_overlay = &StoreOverlay;
  RegisterParty(app, exit_code);
  auto* dmct = app.add_subcommand(
      "dmct",
      "The DMCT workflow of SMETS1 SVTAD clause 20.5A: submissions, assessments, "
      "reclassification notices, referrals and decisions");
  dmct->require_subcommand(1);
  RegisterSubmitAssess(dmct, exit_code);
  RegisterNotices(dmct, exit_code);
  RegisterReferDecide(dmct, exit_code);
  RegisterEpcl(app, exit_code);
  RegisterReferenceExchange(app, exit_code);
  RegisterAudit(app, exit_code);
}

}  // namespace s1mig::cli
